/**
 * examples/ci-gate.ts on real certificates: certify (the library API) writes one for examples/orders as is
 * (bounded kernel: accepted) and one with the unbounded seed kernel (rejected). Bounded → unbounded fails the
 * verdict and proof-coverage gates; the other gates are exercised by schema-valid edits of the real accepted
 * certificate, one per trigger; bad inputs exit 2.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { Effect } from "effect";
import { beforeAll, describe, expect, it } from "vitest";
import { certify, layerCertifyNode } from "../../src/certify/index.ts";
import type { TrustCertificate } from "../../src/certify/index.ts";
import { validateAs } from "../../src/core/contracts/index.ts";
import { gate, main, renderGate } from "../../examples/ci-gate.ts";
import type { GateId, GateResult } from "../../examples/ci-gate.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENTRY = "orders.core.compute_total_v1";

const tempDir = (tag: string): string => mkdtempSync(nodePath.join(tmpdir(), `x07-ci-gate-${tag}-`));

/** A copy of examples/orders; `unbounded` turns the kernel back into the seed (as variants/unbounded.patch.json does). */
const ordersCopy = (unbounded: boolean): string => {
  const dir = nodePath.join(tempDir("project"), "orders");
  cpSync(nodePath.join(ROOT, "examples", "orders"), dir, { recursive: true, filter: (src) => !/[\\/](target|\.x07)$/.test(src) });
  if (unbounded) {
    const core = nodePath.join(dir, "src", "orders", "core.x07.json");
    const doc = JSON.parse(readFileSync(core, "utf8")) as { decls: Array<Record<string, unknown>> };
    doc.decls[1]!["requires"] = [
      { id: "count_non_negative", expr: [">=", "item_count", 0] },
      { id: "price_non_negative", expr: [">=", "unit_price", 0] },
      { id: "discount_in_range", expr: ["&&", [">=", "discount_pct", 0], ["<=", "discount_pct", 100]] },
    ];
    doc.decls[1]!["ensures"] = [{ id: "total_non_negative", expr: [">=", "__result", 0] }];
    writeFileSync(core, JSON.stringify(doc));
  }
  return dir;
};

/** Failed gates with their reasons. */
const failed = (r: GateResult): Partial<Record<GateId, ReadonlyArray<string>>> => Object.fromEntries(r.rows.filter((row) => row.reasons.length > 0).map((row) => [row.gate, row.reasons]));

/** An edited copy of a certificate, which must still be a valid certificate (the gate only sees valid ones). */
const edit = (c: TrustCertificate, f: (m: Record<string, unknown>) => void): TrustCertificate => {
  const m = structuredClone(c) as unknown as Record<string, unknown>;
  f(m);
  const v = validateAs("x07.trust.certificate@0.7.0", m);
  if (!v.ok) throw new Error(`edited certificate is invalid: ${JSON.stringify(v.errors.slice(0, 3))}`);
  return m as unknown as TrustCertificate;
};

const capture = (argv: string[]) => {
  let out = "";
  let err = "";
  const code = main(argv, (s) => (out += `${s}\n`), (s) => (err += `${s}\n`));
  return { code, out, err };
};

let accepted: TrustCertificate;
let rejected: TrustCertificate;
let acceptedDir = "";
let rejectedDir = "";

beforeAll(async () => {
  const run = (project: string) =>
    certify(project, { profile: "verified_core_pure_v1", entry: ENTRY, outDir: nodePath.join(project, "target", "cert"), noHtml: true });
  const [a, r] = await Effect.runPromise(Effect.all([run(ordersCopy(false)), run(ordersCopy(true))]).pipe(Effect.provide(layerCertifyNode)));
  accepted = a.certificate;
  rejected = r.certificate;
  acceptedDir = a.outDir;
  rejectedDir = r.outDir;
}, 180_000);

describe("ci-gate on real certificates of examples/orders", () => {
  it("the fixtures are what they claim: bounded accepted with the entry proved, unbounded rejected", () => {
    expect(accepted.verdict).toBe("accepted");
    expect(accepted.proof_inventory.map((i) => [i.symbol, i.proof_check_result])).toEqual([[ENTRY, "accepted"]]);
    expect(rejected.verdict).toBe("rejected");
    expect(rejected.proof_inventory).toEqual([]);
  });

  it("bounded → unbounded: the verdict and proof-coverage gates fail, naming the lost symbol and the counterexample's code", () => {
    const r = gate(accepted, rejected);
    expect(r.ok).toBe(false);
    const f = failed(r);
    expect(Object.keys(f).sort()).toEqual(["proof-coverage", "verdict"]);
    expect(f.verdict![0]).toMatch(/^accepted → rejected: X07TC_EPROVE proof of orders\.core\.compute_total_v1 failed: ensures total_non_negative/);
    expect(f["proof-coverage"]).toEqual([
      `${ENTRY} was proved in the baseline and is not in the candidate's proof inventory`,
      "proved symbols 1 → 0",
      "formal_verification_scope whole_certifiable_graph → none",
      "the entry's body is no longer formally proved",
    ]);
  });

  it("unbounded → bounded (the fix) and a certificate against itself: every gate passes", () => {
    expect(gate(rejected, accepted)).toMatchObject({ ok: true });
    expect(gate(accepted, accepted)).toMatchObject({ ok: true });
    expect(gate(rejected, rejected)).toMatchObject({ ok: true });
  });

  it.each<[string, (m: Record<string, unknown>) => void, GateId, RegExp]>([
    ["the entry's proof check rejected", (m) => ((m["proof_inventory"] as Array<Record<string, unknown>>)[0]!["proof_check_result"] = "rejected"), "proof-coverage", /proved in the baseline; the candidate's proof check is rejected/],
    ["fewer proved symbols (count only)", (m) => (m["proved_symbol_count"] = 0), "proof-coverage", /^proved symbols 1 → 0$/],
    ["a weaker formal_verification_scope", (m) => (m["formal_verification_scope"] = "partial"), "proof-coverage", /^formal_verification_scope whole_certifiable_graph → partial$/],
    ["a new proof assumption", (m) => (m["proof_assumptions"] = [{ kind: "imported_stub", subject: "orders.core.helper_v1", digest: null, certifiable: false }]), "assumptions", /^new assumption: imported_stub orders\.core\.helper_v1 \(not certifiable\)$/],
    ["a new imported proof summary", (m) => (m["imported_summary_inventory"] = [{ path: "imported/helper.json", sha256_hex: "a".repeat(64) }]), "assumptions", /^new assumption: imported summary imported\/helper\.json sha256:a{64}$/],
    ["accepted_depends_on_bounded_proof turning true", (m) => (m["accepted_depends_on_bounded_proof"] = true), "assumptions", /^accepted_depends_on_bounded_proof turned true$/],
    ["accepted_depends_on_dev_only_assumption turning true", (m) => (m["accepted_depends_on_dev_only_assumption"] = true), "assumptions", /^accepted_depends_on_dev_only_assumption turned true$/],
    ["another operational entry", (m) => ((m["operational_entry_symbol"] = "orders.core.handle_v1"), (m["entry"] = "orders.core.handle_v1")), "operational-entry", /^operational_entry_symbol orders\.core\.compute_total_v1 → orders\.core\.handle_v1$/],
    ["a surrogate entry (entry ≠ operational entry)", (m) => (m["entry"] = "orders.core.handle_v1"), "operational-entry", /^the candidate certifies orders\.core\.handle_v1, not its operational entry orders\.core\.compute_total_v1$/],
    ["verdict accepted → rejected alone", (m) => ((m["verdict"] = "rejected"), (m["diagnostics"] = [{ code: "X07TC_ETESTS", severity: "error", stage: "run", message: "a test failed" }])), "verdict", /^accepted → rejected: X07TC_ETESTS a test failed$/],
  ])("%s: only that gate fails", (_name, f, id, reason) => {
    const r = gate(accepted, edit(accepted, f));
    expect(r.ok).toBe(false);
    const fails = failed(r);
    expect(Object.keys(fails)).toEqual([id]);
    expect(fails[id]!.some((x) => reason.test(x)), JSON.stringify(fails)).toBe(true);
  });

  it("narrowing is not widening: a baseline assumption or flag the candidate dropped passes", () => {
    const wide = edit(accepted, (m) => {
      m["proof_assumptions"] = [{ kind: "trusted_builtin", subject: "std.codec.write_u32_le", digest: null, certifiable: true }];
      m["accepted_depends_on_bounded_proof"] = true;
    });
    expect(gate(wide, accepted).ok).toBe(true);
    expect(failed(gate(accepted, wide))["assumptions"]).toEqual(["new assumption: trusted_builtin std.codec.write_u32_le", "accepted_depends_on_bounded_proof turned true"]);
  });

  it("the table: a header, one row per gate with both sides, the reasons, the outcome", () => {
    const text = renderGate(gate(accepted, rejected));
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^gate +baseline +candidate +result$/);
    expect(lines[2]).toMatch(/^verdict +accepted +rejected \(X07TC_EPROVE\) +FAIL$/);
    expect(lines[3]).toMatch(/^proof coverage +1 proved, whole_certifiable_graph +0 proved, none +FAIL$/);
    expect(lines[4]).toMatch(/^assumptions +0 +0 +ok$/);
    expect(lines[5]).toMatch(/^operational entry +orders\.core\.compute_total_v1 +orders\.core\.compute_total_v1 +ok$/);
    expect(lines.at(-1)).toBe("gate: FAILED (2 of 4 gates)");
    expect(renderGate(gate(accepted, accepted)).split("\n").at(-1)).toBe("gate: passed (4 of 4 gates)");
  });
});

describe("ci-gate as a command", () => {
  it("exit 0 when every gate passes, 1 when one fails; an output directory stands for its certificate.json", () => {
    const pass = capture([acceptedDir, nodePath.join(acceptedDir, "certificate.json")]);
    expect(pass.code).toBe(0);
    expect(pass.out).toContain("gate: passed");
    const fail = capture([acceptedDir, rejectedDir]);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain(`candidate: ${nodePath.join(rejectedDir, "certificate.json")}`);
    expect(fail.out).toContain("FAIL proof coverage: orders.core.compute_total_v1 was proved in the baseline");
  });

  it.each<[string, () => string[], RegExp]>([
    ["a missing file", () => [acceptedDir, nodePath.join(tempDir("missing"), "nope.json")], /^candidate: cannot read .*nope\.json$/m],
    ["a file that is not JSON", () => { const p = nodePath.join(tempDir("json"), "c.json"); writeFileSync(p, "{not json"); return [p, acceptedDir]; }, /^baseline: .*c\.json is not JSON/m],
    ["another document kind", () => [nodePath.join(ROOT, "examples", "orders", "x07.json"), acceptedDir], /^baseline: .*x07\.json has schema_version "x07\.project@0\.5\.0"; expected x07\.trust\.certificate@0\.7\.0$/m],
    ["a certificate without its verdict", () => { const p = nodePath.join(tempDir("schema"), "c.json"); const m = { ...accepted } as Record<string, unknown>; delete m["verdict"]; writeFileSync(p, JSON.stringify(m)); return [acceptedDir, p]; }, /^candidate: .*c\.json is not a valid x07\.trust\.certificate@0\.7\.0: .*verdict/m],
    ["one argument", () => [acceptedDir], /^usage: npx tsx examples\/ci-gate\.ts BASELINE CANDIDATE/m],
    ["an unknown flag", () => ["--json", acceptedDir], /^usage:/m],
  ])("%s: exit 2 with the reason on stderr", (_name, args, message) => {
    const r = capture(args());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
  });

  it("runs as a script (npx tsx examples/ci-gate.ts): the exit code is the gate's", () => {
    const tsx = nodePath.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const p = spawnSync(process.execPath, [tsx, nodePath.join(ROOT, "examples", "ci-gate.ts"), acceptedDir, rejectedDir], { encoding: "utf8", timeout: 60_000 });
    expect(p.status, p.stderr).toBe(1);
    expect(p.stdout).toContain("gate: FAILED (2 of 4 gates)");
  }, 90_000);
});
