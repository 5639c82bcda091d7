/** `x07 verify --prove` / `--coverage` and `x07 prove check` end to end, in-process, on temp projects. */
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import { validateAs } from "../../src/core/contracts/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { replayEnsures } from "../../src/prove/internal/replay.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { runCli, tempTree } from "../_helpers/cli.ts";

const SEED = JSON.parse(readFileSync(path.resolve("test/fixtures/orders-seed/core.x07.json"), "utf8")) as { decls: Array<Record<string, unknown>> };
const ENTRY = "orders.core.compute_total_v1";
const PROJECT = JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] });

/** The seed module with extra requires and a replaced ensures list. */
const seedVariant = (extraRequires: unknown[], ensures?: unknown[]): string => {
  const doc = structuredClone(SEED);
  const fn = doc.decls[1] as { requires: unknown[]; ensures: unknown[] };
  fn.requires = [...fn.requires, ...extraRequires];
  if (ensures !== undefined) fn.ensures = ensures;
  return JSON.stringify(doc);
};
const VARIANT_B = seedVariant(
  [
    { id: "count_max", expr: ["<=", "item_count", 1000] },
    { id: "price_max", expr: ["<=", "unit_price", 40000] },
  ],
  [
    { id: "total_non_negative", expr: [">=", "__result", 0] },
    { id: "total_le_subtotal", expr: ["<=", "__result", ["*", "item_count", "unit_price"]] },
    { id: "full_discount_zero", expr: ["||", ["!=", "discount_pct", 100], ["=", "__result", 0]] },
  ],
);

const project = (core: string, extra: Record<string, string> = {}) => tempTree({ "x07.json": PROJECT, "src/orders/core.x07.json": core, ...extra });
const json = (dir: string, rel: string) => JSON.parse(readFileSync(path.join(dir, rel), "utf8")) as Record<string, unknown>;
const valid = (doc: unknown, version: string) => {
  const v = validateAs(version as Parameters<typeof validateAs>[0], doc);
  return v.ok ? true : v;
};

/** Every file under `dir` (relative path → bytes), sorted. */
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
};

const module = (id: string, decls: unknown[]) => JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "module", module_id: id, imports: [], decls });
const defn = (name: string, params: string[], body: unknown, clauses: Record<string, unknown> = {}) => ({ kind: "defn", name, params: params.map((p) => ({ name: p, ty: "i32" })), result: "i32", ...clauses, body });

describe("x07 verify --prove: the seed kernel", () => {
  it("finds a counterexample (exit 10) whose input bytes violate the clause when run through the interpreter", async () => {
    const dir = project(JSON.stringify(SEED));
    const r = await runCli(["verify", "--prove", "--entry", ENTRY], dir);
    expect(r.code).toBe(10);
    const report = JSON.parse(r.stdout);
    expect(valid(report, "x07.verify.report@0.8.0")).toBe(true);
    expect(report).toMatchObject({
      mode: "prove",
      ok: false,
      exit_code: 10,
      bounds: { unwind: 8, max_bytes_len: 16, input_len_bytes: 12 },
      result: { kind: "counterexample_found", contract: { contract_kind: "ensures", fn: ENTRY, clause_id: "total_non_negative", clause_index: 0, clause_ptr: "/decls/1/ensures/0/expr", witness: [] } },
      proof_summary: { engine: "ts_z3_v1", recursion_kind: "none", recursion_bound_kind: "none", bounded_by_unwind: false },
      diagnostics: [{ code: "X07V_SMT_SAT" }],
    });
    const cex = json(dir, report.artifacts.cex_path);
    expect(valid(cex, "x07.verify.cex@0.2.0")).toBe(true);
    expect(cex["contract"]).toEqual(report.result.contract);
    const bytes = Buffer.from(cex["input_bytes_b64"] as string, "base64");
    expect(bytes.length).toBe(12);
    const values = [0, 4, 8].map((o) => bytes.readInt32LE(o));
    // the witness satisfies the requires and the product wraps into the sign bit
    expect(values[0]).toBeGreaterThanOrEqual(0);
    expect(values[1]).toBeGreaterThanOrEqual(0);
    expect(Math.imul(values[0] as number, values[1] as number)).toBeLessThan(0);
    // an independent run through the interpreter violates the clause
    const entry = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: ["orders.core"], decls: [], solve: ["bytes.alloc", 0] });
    if (!entry.ok) throw new Error("entry");
    const checked = await Effect.runPromise(
      checkDocument(entry.document, { moduleRoots: ["/m"] }).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({ "/m/orders/core.x07.json": JSON.stringify(SEED) }))),
    );
    const program = checked.program!;
    expect(replayEnsures(program, program.functions.get(ENTRY)!, 0, values)).toEqual({ kind: "violated" });
    // the cbmc block names our engine and the transcript it points to
    const cbmc = cex["cbmc"] as Record<string, unknown>;
    expect(cbmc["argv"]).toEqual(["ts_z3_v1", "verify.smt2"]);
    expect(readFileSync(path.join(dir, report.artifacts.z3_out_path), "utf8")).toBe("sat\n");
    expect(r.stderr).toMatch(/solver: z3-solver in-process, started in \d+ ms/);
  }, 120_000);

  it("proves variant B's three clauses, emits a proof that replays, and writes byte-identical artifacts on a second run", async () => {
    const dir = project(VARIANT_B);
    const args = ["verify", "--prove", "--entry", ENTRY, "--emit-proof", "proof/compute_total.proof.json"];
    const r1 = await runCli(args, dir);
    expect(r1.code).toBe(0);
    const report = JSON.parse(r1.stdout);
    expect(valid(report, "x07.verify.report@0.8.0")).toBe(true);
    expect(report).toMatchObject({ ok: true, exit_code: 0, result: { kind: "proven" }, diagnostics_count: 0 });
    expect(report.result.details.split("\n")).toHaveLength(3);
    expect(report.result.details).toMatch(/total_le_subtotal\) at \/decls\/1\/ensures\/1\/expr: unsat via (int|bv32|mixed)/);
    const a = report.artifacts;
    expect(a.proof_object_path).toBe("proof/compute_total.proof.json");
    expect(a.proof_check_report_path).toBe("proof/compute_total.proof.check.json");
    const obj = json(dir, a.proof_object_path);
    expect(valid(obj, "x07.verify.proof_object@0.2.0")).toBe(true);
    expect(obj).toMatchObject({ entry_symbol: ENTRY, symbol: ENTRY, kind: "defn", verify_engine: "ts_z3_v1", expected_solver_result: "unsat", unwind: 8, max_bytes_len: 16, imported_proof_summary_digests: [] });
    expect(valid(json(dir, a.verify_proof_summary_path), "x07.verify.proof_summary@0.2.0")).toBe(true);
    const check = json(dir, a.proof_check_report_path);
    expect(valid(check, "x07.verify.proof_check.report@0.2.0")).toBe(true);
    expect(check).toMatchObject({ ok: true, result: "accepted", checker: "x07.proof_replay_checker", replayed_solver_result: "unsat" });
    expect(readFileSync(path.join(dir, "proof/z3.out.txt"), "utf8")).toBe("unsat\nunsat\nunsat\n");
    expect(valid(json(dir, a.verify_coverage_summary_path), "x07.verify.summary@0.2.0")).toBe(true);

    const pc = await runCli(["prove", "check", "--proof", "proof/compute_total.proof.json"], dir);
    expect(pc.code).toBe(0);
    expect(JSON.parse(pc.stdout)).toEqual(check);

    // A second run (answered from the proof cache) and a third (--no-cache, solving again) write the same bytes.
    const before = snapshot(dir);
    const r2 = await runCli(args, dir);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toContain("(cached proof)");
    expect(r2.stderr).not.toContain("solver: z3-solver");
    expect(r2.stdout).toBe(r1.stdout);
    expect(snapshot(dir)).toEqual(before);
    const r3 = await runCli([...args, "--no-cache"], dir);
    expect(r3.stderr).not.toContain("(cached proof)");
    expect(r3.stdout).toBe(r1.stdout);
    expect(snapshot(dir)).toEqual(before);
  }, 180_000);
});

describe("x07 prove check: tampering is rejected (exit 20)", () => {
  const proveAndCheck = async (dir: string) => {
    const r = await runCli(["verify", "--prove", "--entry", ENTRY, "--emit-proof", "p/proof.json"], dir);
    expect(r.code).toBe(0);
    expect((await runCli(["prove", "check", "--proof", "p/proof.json"], dir)).code).toBe(0);
  };
  const rejected = async (dir: string, code: string) => {
    const r = await runCli(["prove", "check", "--proof", "p/proof.json"], dir);
    expect(r.code).toBe(20);
    const rep = JSON.parse(r.stdout);
    expect(valid(rep, "x07.verify.proof_check.report@0.2.0")).toBe(true);
    expect(rep).toMatchObject({ ok: false, result: "rejected", diagnostics: [{ code }] });
    return rep;
  };

  it("an edited body after proving → X07PROOF_ESOURCE_REPLAY_FAILED", async () => {
    const dir = project(VARIANT_B);
    await proveAndCheck(dir);
    const doc = JSON.parse(VARIANT_B);
    doc.decls[1].body[3] = ["-", "subtotal", ["/", "reduction", 2]];
    writeFileSync(path.join(dir, "src/orders/core.x07.json"), JSON.stringify(doc));
    const rep = await rejected(dir, "X07PROOF_ESOURCE_REPLAY_FAILED");
    expect(rep.diagnostics[0].message).toMatch(/declaration mismatch/);
  }, 180_000);

  it("a changed digest inside the proof object → X07PROOF_ESOURCE_REPLAY_FAILED (primitive catalog) / X07PROOF_EOBLIGATION_MISMATCH (obligation)", async () => {
    const dir = project(VARIANT_B);
    await proveAndCheck(dir);
    const p = path.join(dir, "p/proof.json");
    const original = readFileSync(p, "utf8");
    const obj = JSON.parse(original);
    writeFileSync(p, JSON.stringify({ ...obj, primitive_manifest_digest: `sha256:${"1".repeat(64)}` }));
    await rejected(dir, "X07PROOF_ESOURCE_REPLAY_FAILED");
    writeFileSync(p, JSON.stringify({ ...obj, obligation_digest: `sha256:${"2".repeat(64)}` }));
    const rep = await rejected(dir, "X07PROOF_EOBLIGATION_MISMATCH");
    expect(rep.replayed_obligation_digest).toBe(obj.obligation_digest);
    writeFileSync(p, JSON.stringify({ ...obj, expected_solver_result: "sat" }));
    expect((await rejected(dir, "X07PROOF_ESOLVER_REPLAY_FAILED")).replayed_solver_result).toBe("unsat");
    writeFileSync(p, "{}");
    await rejected(dir, "X07PROOF_EOBJECT_INVALID");
  }, 180_000);

  it("a swapped imported summary → X07PROOF_EIMPORTED_SUMMARY_MISMATCH", async () => {
    const lib = module("app.lib", [
      { kind: "export", names: ["app.lib.clamp", "app.lib.inc"] },
      defn("app.lib.clamp", ["x"], ["if", ["<", "x", 0], 0, "x"], { ensures: [{ expr: [">=", "__result", 0] }] }),
      defn("app.lib.inc", ["x"], ["+", "x", 1], { requires: [{ expr: ["<", "x", 1000] }], ensures: [{ expr: ["<=", "__result", 1000] }] }),
    ]);
    const main = module("app.main", [
      { kind: "export", names: ["app.main.f"] },
      defn("app.main.f", ["x"], ["app.lib.clamp", "x"], { ensures: [{ expr: [">=", "__result", 0] }] }),
    ]);
    const dir = tempTree({ "x07.json": PROJECT, "src/app/lib.x07.json": lib, "src/app/main.x07.json": JSON.stringify({ ...JSON.parse(main), imports: ["app.lib"] }) });
    // prove both helpers: their summaries land in the proof cache
    expect((await runCli(["verify", "--prove", "--entry", "app.lib.clamp"], dir)).code).toBe(0);
    expect((await runCli(["verify", "--prove", "--entry", "app.lib.inc"], dir)).code).toBe(0);
    const r = await runCli(["verify", "--prove", "--entry", "app.main.f", "--emit-proof", "p/proof.json"], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.proof_summary.dependency_symbols).toEqual(["app.lib.clamp"]);
    const cov = json(dir, report.artifacts.verify_coverage_summary_path);
    expect((cov["functions"] as Array<{ symbol: string; status: string }>).find((f) => f.symbol === "app.lib.clamp")?.status).toBe("imported_proof_summary");
    const obj = json(dir, "p/proof.json");
    expect(obj["imported_proof_summary_digests"]).toHaveLength(1);
    const summary = json(dir, "p/verify.proof-summary.json");
    expect(summary["assumptions"]).toEqual([{ kind: "imported_proof_summary", subject: "app.lib.clamp", digest: (obj["imported_proof_summary_digests"] as string[])[0], certifiable: true }]);
    expect((await runCli(["prove", "check", "--proof", "p/proof.json"], dir)).code).toBe(0);
    // swap in the other helper's summary under the same bundle file name
    const bundled = readdirSync(path.join(dir, "p/imported_proof_summaries"));
    expect(bundled).toHaveLength(1);
    const cacheDir = path.join(dir, ".x07/cache/verify/proof_summaries");
    const other = readdirSync(cacheDir).map((n) => readFileSync(path.join(cacheDir, n), "utf8")).find((t) => t.includes('"symbol": "app.lib.inc"'));
    writeFileSync(path.join(dir, "p/imported_proof_summaries", bundled[0] as string), other as string);
    await rejected(dir, "X07PROOF_EIMPORTED_SUMMARY_MISMATCH");
  }, 240_000);
});

describe("x07 verify: proof cache keyed on the whole reachable closure", () => {
  it("an edited helper misses the cache (upstream would reuse the stale bundle)", async () => {
    const lib = (bound: number) =>
      module("app.lib", [{ kind: "export", names: ["app.lib.h"] }, defn("app.lib.h", ["x"], ["if", ["<", "x", 0], 0, ["if", [">", "x", bound], bound, "x"]])]);
    const main = JSON.stringify({
      ...JSON.parse(module("app.main", [{ kind: "export", names: ["app.main.f"] }, defn("app.main.f", ["x"], ["app.lib.h", "x"], { ensures: [{ expr: ["<=", "__result", 100] }] })])),
      imports: ["app.lib"],
    });
    const dir = tempTree({ "x07.json": PROJECT, "src/app/lib.x07.json": lib(100), "src/app/main.x07.json": main });
    const args = ["verify", "--prove", "--entry", "app.main.f"];
    const r1 = await runCli(args, dir);
    expect(r1.code).toBe(0);
    const r2 = await runCli(args, dir);
    expect(r2.stderr).toContain("(cached proof)");
    // the helper (which has no contract of its own) changes: the entry's declaration does not
    writeFileSync(path.join(dir, "src/app/lib.x07.json"), lib(200));
    const r3 = await runCli(args, dir);
    expect(r3.stderr).not.toContain("(cached proof)");
    expect(r3.code).toBe(10);
    expect(JSON.parse(r3.stdout).result.kind).toBe("counterexample_found");
  }, 180_000);
});

describe("x07 verify: a cached proof emitted later", () => {
  it("a bundle cached by a run without --emit-proof is emitted with a fresh, accepted check report; --input-len-bytes is checked and reported", async () => {
    const dir = project(VARIANT_B);
    const r1 = await runCli(["verify", "--prove", "--entry", ENTRY], dir);
    expect(r1.code).toBe(0);
    const r2 = await runCli(["verify", "--prove", "--entry", ENTRY, "--emit-proof", "later/proof.json"], dir);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toContain("(cached proof)");
    expect(json(dir, "later/proof.check.json")).toMatchObject({ result: "accepted" });
    expect((await runCli(["prove", "check", "--proof", "later/proof.json"], dir)).code).toBe(0);
    const small = await runCli(["verify", "--prove", "--entry", ENTRY, "--input-len-bytes", "4"], dir);
    expect(small.code).toBe(1);
    expect(JSON.parse(small.stdout).diagnostics[0].code).toBe("X07V_EARGS");
    const big = await runCli(["verify", "--prove", "--entry", ENTRY, "--input-len-bytes", "100"], dir);
    expect(big.code).toBe(0);
    expect(JSON.parse(big.stdout).bounds).toEqual({ unwind: 8, max_bytes_len: 16, input_len_bytes: 100 });
  }, 180_000);
});

describe("x07 verify: prechecks, usage and coverage", () => {
  const fixture = (decls: unknown[]) => tempTree({ "x07.json": PROJECT, "src/app/m.x07.json": module("app.m", decls) });

  it("f(x)=x with ensures __result=x is proven; no clauses → X07V_NO_CONTRACTS (exit 2)", async () => {
    const dir = fixture([
      { kind: "export", names: ["app.m.id", "app.m.bare"] },
      defn("app.m.id", ["x"], "x", { requires: [{ expr: ["=", "x", "x"] }], ensures: [{ expr: ["=", "__result", "x"] }] }),
      defn("app.m.bare", ["x"], "x"),
    ]);
    const ok = await runCli(["verify", "--prove", "--entry", "app.m.id"], dir);
    expect(ok.code).toBe(0);
    const rep = JSON.parse(ok.stdout);
    expect(rep.artifacts.smt2_path).toMatch(/^\.x07\/artifacts\/verify\/prove\/id_[0-9a-f]{64}\/verify\.smt2$/);
    expect(existsSync(path.join(dir, rep.artifacts.verify_proof_summary_path))).toBe(true);
    const bare = await runCli(["verify", "--prove", "--entry", "app.m.bare"], dir);
    expect(bare.code).toBe(2);
    expect(JSON.parse(bare.stdout)).toMatchObject({ result: { kind: "unsupported", details: "target function has no requires/ensures/invariant clauses" }, diagnostics: [{ code: "X07V_NO_CONTRACTS" }] });
  }, 120_000);

  it("recursion without decreases and mutual recursion are unsupported with upstream's codes", async () => {
    const dir = fixture([
      { kind: "export", names: ["app.m.down", "app.m.ping", "app.m.pong"] },
      defn("app.m.down", ["n"], ["if", ["=", "n", 0], 0, ["app.m.down", ["-", "n", 1]]], { ensures: [{ expr: [">=", "__result", 0] }] }),
      defn("app.m.ping", ["n"], ["app.m.pong", "n"], { ensures: [{ expr: [">=", "__result", 0] }] }),
      defn("app.m.pong", ["n"], ["app.m.ping", "n"], { ensures: [{ expr: [">=", "__result", 0] }] }),
    ]);
    const a = await runCli(["verify", "--prove", "--entry", "app.m.down"], dir);
    expect(a.code).toBe(2);
    expect(JSON.parse(a.stdout).diagnostics[0].code).toBe("X07V_RECURSIVE_DECREASES_REQUIRED");
    const b = await runCli(["verify", "--prove", "--entry", "app.m.ping"], dir);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).diagnostics[0].code).toBe("X07V_UNSUPPORTED_MUTUAL_RECURSION");
  }, 120_000);

  it("argument and setup errors are error reports with exit 1", async () => {
    const dir = fixture([{ kind: "export", names: ["app.m.id"] }, defn("app.m.id", ["x"], "x", { ensures: [{ expr: ["=", "__result", "x"] }] })]);
    const cases: Array<[string[], string]> = [
      [["verify", "--entry", "app.m.id"], "X07V_EARGS"],
      [["verify", "--prove", "--coverage", "--entry", "app.m.id"], "X07V_EARGS"],
      [["verify", "--prove", "--entry", "nodot"], "X07V_EARGS"],
      [["verify", "--prove", "--entry", "app.m.id", "--unwind", "lots"], "X07V_EARGS"],
      [["verify", "--prove", "--entry", "app.m.nope"], "X07V_ETARGET"],
      [["verify", "--prove", "--entry", "app.m.id", "--project", "missing/x07.json"], "X07V_EPROJECT"],
      [["verify", "--prove", "--entry", "app.m.id", "--proof-summary", "nope.json"], "X07V_SUMMARY_MISMATCH"],
    ];
    for (const [argv, code] of cases) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(" ")).toBe(1);
      const rep = JSON.parse(r.stdout);
      expect(valid(rep, "x07.verify.report@0.8.0")).toBe(true);
      expect(rep.diagnostics[0].code, argv.join(" ")).toBe(code);
    }
    // --emit-proof without a project
    const noProject = tempTree({ "app/m.x07.json": module("app.m", [{ kind: "export", names: ["app.m.id"] }, defn("app.m.id", ["x"], "x", { ensures: [{ expr: ["=", "__result", "x"] }] })]) });
    const e = await runCli(["verify", "--prove", "--entry", "app.m.id", "--module-root", ".", "--emit-proof", "p.json"], noProject);
    expect(e.code).toBe(1);
    expect(JSON.parse(e.stdout).diagnostics[0].code).toBe("X07V_EPROJECT");
    const missing = await runCli(["prove", "check", "--proof", "nope.json"], dir);
    expect(missing.code).toBe(20);
    expect(JSON.parse(missing.stdout).diagnostics[0].code).toBe("X07PROOF_EOBJECT_INVALID");
  }, 120_000);

  it("--coverage: report with the coverage document and verify.summary.json (coverage_support), exit 0; a coverage summary is not a proof summary", async () => {
    const dir = fixture([
      { kind: "export", names: ["app.m.f", "app.m.g"] },
      defn("app.m.f", ["x"], ["app.m.g", "x"], { requires: [{ expr: ["=", "x", "x"] }] }),
      defn("app.m.g", ["x"], ["begin", ["let", "b", ["bytes.lit", "ab"]], "x"], { requires: [{ expr: ["=", "x", "x"] }] }),
    ]);
    const r = await runCli(["verify", "--coverage", "--entry", "app.m.f"], dir);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(valid(rep, "x07.verify.report@0.8.0")).toBe(true);
    expect(rep).toMatchObject({ mode: "coverage", ok: true, result: { kind: "coverage_report" }, coverage: { summary: { reachable_defn: 2, supported_defn: 2, trusted_primitives: 1 } } });
    const rows = rep.coverage.functions as Array<Record<string, unknown>>;
    expect(rows.find((f) => f.symbol === "bytes.lit")).toMatchObject({ kind: "builtin", status: "trusted_primitive", details: "A bytes value holding the literal's UTF-8 bytes." });
    expect(rows.find((f) => f.symbol === "app.m.g")).toMatchObject({ source_path: "src/app/m.x07.json", decl_sha256_hex: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const summary = json(dir, rep.artifacts.verify_coverage_summary_path);
    expect(valid(summary, "x07.verify.summary@0.2.0")).toBe(true);
    expect(summary).toMatchObject({ summary_kind: "coverage_support", entry: "app.m.f", worlds: ["solve-pure"] });
    const bad = await runCli(["verify", "--prove", "--entry", "app.m.f", "--proof-summary", rep.artifacts.verify_coverage_summary_path], dir);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["X07V_COVERAGE_NOT_PROOF", "X07V_COVERAGE_SUMMARY_FORBIDDEN"]);
  }, 120_000);
});

describe("x07 verify --prove: how engine verdicts map onto reports", () => {
  const loopBody = ["begin", ["let", "acc", 0], ["for", "i", 0, "n", ["set", "acc", ["+", "acc", 1]]], "acc"];
  const dir = () =>
    tempTree({
      "x07.json": PROJECT,
      "src/app/m.x07.json": module("app.m", [
        { kind: "export", names: ["app.m.sum", "app.m.sum6", "app.m.half", "app.m.first"] },
        defn("app.m.sum", ["n"], loopBody, { requires: [{ expr: [">=", "n", 0] }], ensures: [{ expr: [">=", "__result", 0] }] }),
        defn("app.m.sum6", ["n"], loopBody, { requires: [{ expr: [">=", "n", 0] }, { expr: ["<=", "n", 6] }], ensures: [{ expr: [">=", "__result", 0] }] }),
        defn("app.m.half", ["a"], ["/", "a", 2], { requires: [{ expr: ["<", "a", 0] }], ensures: [{ expr: ["<", "__result", 0] }] }),
        { kind: "defn", name: "app.m.first", params: [{ name: "b", ty: "bytes_view" }], result: "i32", ensures: [{ expr: [">=", "__result", 0] }], body: ["view.get_u8", "b", 0] },
      ]),
    });

  it("a loop whose bound can be exceeded is inconclusive (exit 2, X07V_UNWIND_INCOMPLETE), never proven; bounded by requires it is proven", async () => {
    const d = dir();
    const a = await runCli(["verify", "--prove", "--entry", "app.m.sum"], d);
    expect(a.code).toBe(2);
    const rep = JSON.parse(a.stdout);
    expect(valid(rep, "x07.verify.report@0.8.0")).toBe(true);
    expect(rep).toMatchObject({ ok: false, result: { kind: "inconclusive" }, diagnostics: [{ code: "X07V_UNWIND_INCOMPLETE" }] });
    expect(rep.artifacts.cex_path).toBeUndefined();
    expect(rep.artifacts.verify_proof_summary_path).toBeUndefined();
    const b = await runCli(["verify", "--prove", "--entry", "app.m.sum6"], d);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).result.details).toMatch(/^unwind app\.m\.sum6\[0\] at \/decls\/2\/body\/2: unsat/m);
  }, 120_000);

  it("unsigned division: a/2 with a < 0 does not stay negative (exit 10, clause id hashed when the clause has no id)", async () => {
    const d = dir();
    const r = await runCli(["verify", "--prove", "--entry", "app.m.half"], d);
    expect(r.code).toBe(10);
    const rep = JSON.parse(r.stdout);
    expect(rep.result.contract).toMatchObject({ contract_kind: "ensures", fn: "app.m.half", clause_index: 0, clause_id: expect.stringMatching(/^c_[0-9a-f]{16}$/) });
    const cex = json(d, rep.artifacts.cex_path);
    const a = Buffer.from(cex["input_bytes_b64"] as string, "base64").readInt32LE(0);
    expect(a).toBeLessThan(0);
    expect(rep.result.details).toContain(`a=${a}`);
    expect(rep.result.details).toMatch(/^replay: violated: /m);
  }, 120_000);

  it("a trap counterexample has no contract kind in upstream's vocabulary: no cex.json, the inputs are in details", async () => {
    const d = dir();
    const r = await runCli(["verify", "--prove", "--entry", "app.m.first"], d);
    expect(r.code).toBe(10);
    const rep = JSON.parse(r.stdout);
    expect(valid(rep, "x07.verify.report@0.8.0")).toBe(true);
    expect(rep.result.contract).toBeUndefined();
    expect(rep.artifacts.cex_path).toBeUndefined();
    expect(rep.result.details).toMatch(/^counterexample for trap app\.m\.first\[0\]/);
    expect(rep.result.details).toMatch(/^input_bytes_b64=AAAAAA==$/m);
    // --allow-traps (upstream's reading) proves it, under a distinct engine id
    const t = await runCli(["verify", "--prove", "--entry", "app.m.first", "--allow-traps"], d);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout).proof_summary.engine).toBe("ts_z3_v1+allow_traps");
  }, 120_000);

  it("an explicit proof summary that no longer matches its declaration is a prove-mode error (exit 2, X07V_SUMMARY_MISMATCH)", async () => {
    const lib = (k: number) => module("app.lib", [{ kind: "export", names: ["app.lib.g"] }, defn("app.lib.g", ["x"], ["&", "x", k], { ensures: [{ expr: [">=", "__result", 0] }] })]);
    const main = JSON.stringify({ ...JSON.parse(module("app.main", [{ kind: "export", names: ["app.main.f"] }, defn("app.main.f", ["x"], ["app.lib.g", "x"], { ensures: [{ expr: [">=", "__result", 0] }] })])), imports: ["app.lib"] });
    const d = tempTree({ "x07.json": PROJECT, "src/app/lib.x07.json": lib(255), "src/app/main.x07.json": main });
    const g = await runCli(["verify", "--prove", "--entry", "app.lib.g", "--no-cache"], d);
    expect(g.code).toBe(0);
    const summary = JSON.parse(g.stdout).artifacts.verify_proof_summary_path;
    writeFileSync(path.join(d, "src/app/lib.x07.json"), lib(127));
    const r = await runCli(["verify", "--prove", "--entry", "app.main.f", "--no-cache", "--proof-summary", summary], d);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: { kind: "error" }, diagnostics: [{ code: "X07V_SUMMARY_MISMATCH" }] });
  }, 120_000);
});

describe("x07 verify --prove: self-recursion with decreases", () => {
  it("a measure that decreases is proven unbounded and replays; a self-call on the same argument fails termination", async () => {
    const clauses = { requires: [{ expr: ["<=", 0, "n"] }, { expr: ["<=", "n", 3] }], ensures: [{ expr: [">=", "__result", 0] }], decreases: [{ expr: "n" }] };
    const dir = tempTree({
      "x07.json": PROJECT,
      "src/app/m.x07.json": module("app.m", [
        { kind: "export", names: ["app.m.f", "app.m.g"] },
        defn("app.m.f", ["n"], ["if", ["=", "n", 0], 0, ["app.m.f", ["-", "n", 1]]], clauses),
        defn("app.m.g", ["n"], ["if", ["=", "n", 0], 0, ["app.m.g", "n"]], clauses),
      ]),
    });
    const f = await runCli(["verify", "--prove", "--entry", "app.m.f", "--emit-proof", "p/proof.json"], dir);
    expect(f.code).toBe(0);
    const rep = JSON.parse(f.stdout);
    expect(rep.proof_summary).toMatchObject({ recursion_kind: "self_recursive", has_decreases: true, decreases_count: 1, bounded_by_unwind: false, recursion_bound_kind: "unbounded" });
    expect(json(dir, "p/proof.json")).toMatchObject({ recursion_kind: "self_recursive", recursion_bound_kind: "unbounded" });
    const cov = json(dir, rep.artifacts.verify_coverage_summary_path) as { functions: Array<{ symbol: string; status: string }>; summary: Record<string, number> };
    expect(cov.functions.find((x) => x.symbol === "app.m.f")?.status).toBe("supported_recursive");
    expect(cov.summary).toMatchObject({ recursive_defn: 1, supported_recursive_defn: 1 });
    expect((await runCli(["prove", "check", "--proof", "p/proof.json"], dir)).code).toBe(0);
    const g = await runCli(["verify", "--prove", "--entry", "app.m.g"], dir);
    expect(g.code).toBe(2);
    expect(JSON.parse(g.stdout)).toMatchObject({ result: { kind: "unsupported" }, diagnostics: [{ code: "X07V_RECURSION_TERMINATION_FAILED" }] });
  }, 120_000);
});
