/**
 * The walkthrough (issue 10 §3): every command of docs/walkthrough.md, run in-process through the CLI's
 * `main(argv, io)` on a temp copy of examples/orders, exits 0 with the facts the doc states; and the same
 * project with the kernel turned back into the unbounded seed (examples/orders/variants/unbounded.patch.json)
 * is rejected by certify, naming the violated clause and a counterexample that really overflows.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { Effect, Layer } from "effect";
import { beforeAll, describe, expect, it } from "vitest";
import { archCheck } from "../../src/arch/index.ts";
import { certify, layerCertifyNode } from "../../src/certify/index.ts";
import { checkTrustProfile } from "../../src/certify/profiles/index.ts";
import { checkFile } from "../../src/check/index.ts";
import { validateAs } from "../../src/core/contracts/index.ts";
import { interp } from "../../src/interp/index.ts";
import { layerZ3, proveCheck, verifyCoverageRun, verifyProve } from "../../src/prove/index.ts";
import { reviewDiff } from "../../src/review/index.ts";
import { validateServiceManifest } from "../../src/service/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { test as runTests } from "../../src/test/index.ts";
import { runCli } from "../_helpers/cli.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/orders", import.meta.url));
const ENTRY = "orders.core.compute_total_v1";
const PROFILE = "arch/trust/profiles/verified_core_pure_v1.json";
const SLOW = { timeout: 120_000 };

/** A copy of examples/orders without build outputs (target/, .x07/), in a fresh temp directory. */
const copyExample = (name = "orders"): string => {
  const dir = nodePath.join(mkdtempSync(nodePath.join(tmpdir(), "x07-walkthrough-")), name);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/[\\/](target|\.x07)$/.test(src) });
  return dir;
};
const readJson = (dir: string, rel: string): Record<string, unknown> => JSON.parse(readFileSync(nodePath.join(dir, rel), "utf8")) as Record<string, unknown>;
const stdoutJson = (r: { stdout: string }): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>;
/** The failure message of an expectation on a CLI run: its stderr and the head of its stdout. */
const why = (r: { stdout: string; stderr: string }): string => `${r.stderr}\n${r.stdout.slice(0, 2000)}`;

/** Every `{ path, sha256_hex }` reference anywhere in a certificate whose file is missing or hashes differently. */
const digestMismatches = (cert: unknown, outDir: string): string[] => {
  const refs: Array<{ path: string; sha256_hex: string }> = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o["path"] === "string" && typeof o["sha256_hex"] === "string") refs.push({ path: o["path"], sha256_hex: o["sha256_hex"] });
      Object.values(o).forEach(visit);
    }
  };
  visit(cert);
  if (refs.length === 0) return ["no digest references"];
  return refs.flatMap((r) => {
    const f = nodePath.join(outDir, ...r.path.split("/"));
    if (!existsSync(f)) return [`${r.path}: missing`];
    return createHash("sha256").update(readFileSync(f)).digest("hex") === r.sha256_hex ? [] : [`${r.path}: digest differs`];
  });
};

/** compute_total_v1's body with x07's i32 semantics: wrapping `*` and `-`, unsigned `/`. */
const totalI32 = (count: number, price: number, discount: number): number => {
  const subtotal = Math.imul(count, price);
  const reduction = ((Math.imul(subtotal, discount) >>> 0) / 100) >>> 0;
  return (subtotal - reduction) | 0;
};

describe("walkthrough: every command exits 0 in examples/orders", () => {
  let dir = "";
  let baseline = "";
  beforeAll(() => {
    dir = copyExample();
    baseline = copyExample("orders-baseline");
  });

  it("x07 service validate: the api cell's manifest is valid", async () => {
    const r = await runCli(["service", "validate", "--manifest", "arch/service/index.x07service.json"], dir);
    expect(r.code, why(r)).toBe(0);
    expect(stdoutJson(r)).toMatchObject({ ok: true, service_id: "orders_api", cell_count: 1, archetype: "api-cell" });
  });

  it("x07 check --project: the program type-checks", async () => {
    const r = await runCli(["check", "--project", "x07.json"], dir);
    expect(r.code, why(r)).toBe(0);
    expect(stdoutJson(r)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it("x07 arch check: no finding, not even the contracts-lock warning; boundaries checked", async () => {
    const r = await runCli(["arch", "check"], dir);
    expect(r.code, why(r)).toBe(0);
    const report = stdoutJson(r);
    expect(report["diags"] ?? report["diagnostics"]).toEqual([]);
    expect(report["stats"]).toMatchObject({ modules: 3, nodes: 3 });
  });

  it("x07 test --all: the two smoke tests and the PBT pass", SLOW, async () => {
    const r = await runCli(["test", "--all", "--manifest", "tests/tests.json"], dir);
    expect(r.code, why(r)).toBe(0);
    const report = stdoutJson(r) as { summary: Record<string, number>; tests: Array<{ id: string; status: string }> };
    expect(report.summary).toMatchObject({ passed: 3, failed: 0, errors: 0, skipped: 0 });
    expect(report.tests.map((t) => [t.id, t.status]).sort()).toEqual([
      ["pbt/total_non_negative", "pass"],
      ["smoke/compute_total", "pass"],
      ["smoke/handler", "pass"],
    ]);
  });

  it("x07 run: the entry answers 675 for 3 items at 250 with 10% off", async () => {
    const input = Buffer.concat([3, 250, 10].map((n) => Buffer.from(new Uint32Array([n]).buffer))).toString("base64");
    expect(input).toBe("AwAAAPoAAAAKAAAA");
    const r = await runCli(["run", "--program", "src/main.x07.json", "--module-root", "src", "--input-b64", input], dir);
    expect(r.code, why(r)).toBe(0);
    const out = Buffer.from((stdoutJson(r)["solve"] as { solve_output_b64: string }).solve_output_b64, "base64");
    expect(out.readUInt32LE(0)).toBe(675);
  });

  it("x07 verify --coverage: the kernel is the whole closure and is supported", SLOW, async () => {
    const r = await runCli(["verify", "--coverage", "--entry", ENTRY], dir);
    expect(r.code, why(r)).toBe(0);
    const report = stdoutJson(r) as { ok: boolean; entry: string; coverage: { summary: Record<string, number> } };
    expect(report).toMatchObject({ ok: true, entry: ENTRY, result: { kind: "coverage_report" } });
    expect(report.coverage.summary).toMatchObject({ uncovered_defn: 0, unsupported_defn: 0 });
  });

  it("x07 verify --prove --emit-proof, then x07 prove check: all three ensures proven, the proof object replays", SLOW, async () => {
    const p = await runCli(["verify", "--prove", "--entry", ENTRY, "--emit-proof", "target/prove/compute_total.proof.json"], dir);
    expect(p.code, why(p)).toBe(0);
    const report = stdoutJson(p) as { result: { kind: string; details: string } };
    expect(report.result.kind).toBe("proven");
    for (const id of ["total_non_negative", "total_at_most_subtotal", "full_discount_is_free"]) expect(report.result.details).toContain(`(${id})`);
    expect(existsSync(nodePath.join(dir, "target/prove/compute_total.proof.json"))).toBe(true);

    const c = await runCli(["prove", "check", "--proof", "target/prove/compute_total.proof.json"], dir);
    expect(c.code, why(c)).toBe(0);
    expect(stdoutJson(c)).toMatchObject({ result: "accepted", symbol: ENTRY, replayed_solver_result: "unsat" });
  });

  it("x07 trust profile check: the project's profile copy allows the entry", async () => {
    const r = await runCli(["trust", "profile", "check", "--profile", PROFILE, "--project", "x07.json", "--entry", ENTRY], dir);
    expect(r.code, why(r)).toBe(0);
    expect(stdoutJson(r)).toMatchObject({ ok: true, diagnostics: [], profile: "verified_core_pure_v1", entry: ENTRY });
  });

  it("x07 trust certify: accepted, the entry proved and its proof check accepted; every digest matches its file", SLOW, async () => {
    const r = await runCli(["trust", "certify", "--project", "x07.json", "--profile", PROFILE, "--entry", ENTRY, "--out-dir", "target/cert"], dir);
    expect(r.code, why(r)).toBe(0);
    const cert = readJson(dir, "target/cert/certificate.json");
    expect(stdoutJson(r)).toEqual(cert);
    expect(validateAs("x07.trust.certificate@0.7.0", cert).ok).toBe(true);
    expect(cert).toMatchObject({
      verdict: "accepted",
      diagnostics: [],
      entry: ENTRY,
      operational_entry_symbol: ENTRY,
      formal_verification_scope: "whole_certifiable_graph",
      entry_body_formally_proved: true,
      accepted_depends_on_bounded_proof: false,
      accepted_depends_on_dev_only_assumption: false,
      proof_assumptions: [],
    });
    const inventory = cert["proof_inventory"] as Array<{ symbol: string; proof_check_result: string; proof_object: { path: string; sha256_hex?: string } }>;
    expect(inventory.map((i) => [i.symbol, i.proof_check_result])).toEqual([[ENTRY, "accepted"]]);
    expect(cert["claims"]).toEqual(expect.arrayContaining(["certificate_includes_formal_proof", "operational_entry_formally_proved"]));
    expect(digestMismatches(cert, nodePath.join(dir, "target/cert"))).toEqual([]);
    expect(readFileSync(nodePath.join(dir, "target/cert/summary.html"), "utf8")).toContain(ENTRY);
  });

  it("x07 review diff against a baseline copy: no change, no gate fires; the kernel's patch is a reviewed change", async () => {
    const gates = ["proof-coverage-decrease", "boundary-relaxation", "trusted-subset-expansion", "operational-entry-diverges", "world-capability"].flatMap((g) => ["--fail-on", g]);
    const same = await runCli(["review", "diff", "--from", baseline, "--to", ".", "--html-out", "target/review/diff.html", "--json-out", "target/review/diff.json", ...gates], dir);
    expect(same.code, why(same)).toBe(0);
    const report = readJson(dir, "target/review/diff.json") as { summary: Record<string, number>; diags: unknown[] };
    expect(report.summary).toMatchObject({ files_changed: 0, decls_changed: 0 });
    expect(report.summary["files_total"]).toBeGreaterThan(5);
    expect(report.diags).toEqual([]);
    expect(readFileSync(nodePath.join(dir, "target/review/diff.html"), "utf8")).toMatch(/^<!doctype html>/i);
  });
});

describe("walkthrough: the unbounded seed kernel is rejected", () => {
  it("x07 ast apply-patch variants/unbounded.patch.json, then certify → rejected naming total_non_negative and an overflowing counterexample", SLOW, async () => {
    const dir = copyExample();
    const patched = await runCli(["ast", "apply-patch", "--in", "src/orders/core.x07.json", "--patch", "variants/unbounded.patch.json", "--validate", "--write"], dir);
    expect(patched.code, why(patched)).toBe(0);
    const fn = (readJson(dir, "src/orders/core.x07.json")["decls"] as Array<{ name?: string; requires?: Array<{ id: string }>; ensures?: Array<{ id: string }> }>)[1]!;
    expect(fn.name).toBe(ENTRY);
    expect(fn.requires!.map((c) => c.id)).toEqual(["count_non_negative", "price_non_negative", "discount_in_range"]);
    expect(fn.ensures!.map((c) => c.id)).toEqual(["total_non_negative"]);
    // The tests still pass: the PBT draws from the old bounds, so only the proof can see the overflow.
    const tests = await runCli(["test", "--all", "--manifest", "tests/tests.json"], dir);
    expect(tests.code, why(tests)).toBe(0);

    const r = await runCli(["trust", "certify", "--project", "x07.json", "--profile", PROFILE, "--entry", ENTRY, "--out-dir", "target/cert"], dir);
    expect(r.code, why(r)).toBe(20);
    const cert = readJson(dir, "target/cert/certificate.json") as { verdict: string; proof_inventory: unknown[]; diagnostics: Array<{ code: string; message: string; data: Record<string, unknown> }> };
    expect(cert.verdict).toBe("rejected");
    expect(cert.proof_inventory).toEqual([]);
    expect(cert.diagnostics.map((d) => d.code)).toEqual(["X07TC_EPROVE"]);
    const d = cert.diagnostics[0]!;
    expect(d.data["clause"]).toMatchObject({ fn: ENTRY, id: "total_non_negative", kind: "ensures" });
    const inputs = Object.fromEntries((d.data["counterexample"] as { inputs: Array<{ name: string; value: string }> }).inputs.map((i) => [i.name, Number(i.value)]));
    expect(Object.keys(inputs).sort()).toEqual(["discount_pct", "item_count", "unit_price"]);
    expect(d.message).toContain("total_non_negative");
    expect(d.message).toContain(`item_count = ${inputs["item_count"]}`);
    // The witness satisfies the unbounded requires and really makes the total negative.
    expect(inputs["item_count"]).toBeGreaterThanOrEqual(0);
    expect(inputs["unit_price"]).toBeGreaterThanOrEqual(0);
    expect(inputs["discount_pct"]).toBeGreaterThanOrEqual(0);
    expect(inputs["discount_pct"]).toBeLessThanOrEqual(100);
    expect(totalI32(inputs["item_count"]!, inputs["unit_price"]!, inputs["discount_pct"]!)).toBeLessThan(0);
    expect(existsSync(nodePath.join(dir, "target/cert", d.data["cex_path"] as string))).toBe(true);
    const html = readFileSync(nodePath.join(dir, "target/cert/summary.html"), "utf8");
    expect(html).toContain("rejected");
    expect(html).toContain(String(inputs["item_count"]));
  });
});

describe("walkthrough: the library calls of docs/walkthrough.md give the same facts", () => {
  it("service → check → run → arch → test → coverage → prove → prove check → profile → certify → review, from one script", { timeout: 180_000 }, async () => {
    const dir = copyExample();
    const baseline = copyExample("orders-baseline");
    const at = (rel: string) => nodePath.join(dir, rel);
    const facts = await Effect.runPromise(
      Effect.gen(function* () {
        const service = yield* validateServiceManifest(at("arch/service/index.x07service.json"));
        const checked = yield* checkFile(at("src/main.x07.json"), { moduleRoots: [at("src")] });
        if (!("program" in checked) || checked.program === undefined) return yield* Effect.die(new Error(JSON.stringify(checked.diagnostics)));
        const run = interp(checked.program, { input: Uint8Array.from([3, 0, 0, 0, 250, 0, 0, 0, 10, 0, 0, 0]) });
        const arch = yield* archCheck({ project: at("x07.json") });
        const tests = yield* runTests({ manifest: at("tests/tests.json"), all: true, cwd: dir });
        const coverage = yield* verifyCoverageRun({ cwd: dir, entry: ENTRY });
        const proof = yield* verifyProve({ cwd: dir, entry: ENTRY, emitProof: "target/prove/compute_total.proof.json" });
        const replay = yield* proveCheck("target/prove/compute_total.proof.json", { cwd: dir });
        const profile = yield* checkTrustProfile({ profile: "verified_core_pure_v1", project: at("x07.json"), entry: ENTRY });
        const cert = yield* certify(dir, { profile: "verified_core_pure_v1", entry: ENTRY, outDir: at("target/cert") });
        const review = yield* reviewDiff(baseline, dir, ["proof-coverage-decrease", "boundary-relaxation", "operational-entry-diverges"]);
        return { service, checked, run, arch, tests, coverage, proof, replay, profile, cert, review };
      }).pipe(Effect.provide(Layer.mergeAll(layerCertifyNode, layerStd, layerZ3))),
    );
    expect(facts.service).toMatchObject({ ok: true, diagnostics: [] });
    expect(facts.service.archetype?.id).toBe("api-cell");
    expect(facts.checked.ok).toBe(true);
    expect(facts.run.ok && Buffer.from(facts.run.output).readUInt32LE(0)).toBe(675);
    expect(facts.arch.exitCode).toBe(0);
    expect(facts.tests.exitCode).toBe(0);
    expect(facts.tests.report.summary).toMatchObject({ passed: 3, failed: 0 });
    expect(facts.coverage.exitCode).toBe(0);
    expect(facts.proof.exitCode).toBe(0);
    expect(facts.proof.report.result.kind).toBe("proven");
    expect(facts.replay.accepted).toBe(true);
    expect(facts.profile.report.ok).toBe(true);
    expect(facts.cert.verdict).toBe("accepted");
    expect(facts.cert.certificate.proof_inventory.map((i) => [i.symbol, i.proof_check_result])).toEqual([[ENTRY, "accepted"]]);
    expect(existsSync(facts.cert.paths.summaryHtml!)).toBe(true);
    expect(facts.review.exitCode).toBe(0);
  });
});
