import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { validateAs } from "../../src/core/contracts/index.ts";
import { REVIEW_GATES, reviewDiff } from "../../src/review/index.ts";
import type { ReviewDiffOptions, ReviewDiffResult, ReviewGate } from "../../src/review/index.ts";
import { layerNodeFileSystemAt } from "../../src/services/index.ts";
import { FIXTURES, applyEdit, copyTree, tempDir } from "./_tree.ts";
import { GATE_CASES } from "./gate-cases.ts";

const run = (cwd: string, from: string, to: string, gates: ReadonlyArray<ReviewGate> = [], options: ReviewDiffOptions = {}): Promise<ReviewDiffResult> =>
  Effect.runPromise(Effect.provide(reviewDiff(from, to, gates, options), layerNodeFileSystemAt(cwd)));

const runFailure = (cwd: string, from: string, to: string, options: ReviewDiffOptions = {}) =>
  Effect.runPromise(Effect.provide(Effect.flip(reviewDiff(from, to, [], options)), layerNodeFileSystemAt(cwd)));

/** A temp dir holding `before` (the baseline fixture) and `after` (a copy with `edit` applied). */
const pair = (edit: Parameters<typeof applyEdit>[1]): string => {
  const dir = tempDir();
  copyTree(path.join(FIXTURES, "before"), dir, "before");
  applyEdit(copyTree(path.join(FIXTURES, "before"), dir, "after"), edit);
  return dir;
};

describe("review diff gate table", () => {
  it("has one case per upstream gate (26)", () => {
    expect(REVIEW_GATES).toHaveLength(26);
    expect(new Set(GATE_CASES.map((c) => c.gate))).toEqual(new Set(REVIEW_GATES));
  });

  it("an unchanged snapshot fires no gate and exits 0", async () => {
    const dir = pair({});
    const r = await run(dir, "before", "after", REVIEW_GATES);
    expect(r.exitCode).toBe(0);
    expect(r.firedGates).toEqual([]);
    expect(r.report.summary.files_changed).toBe(0);
    expect(r.report.summary.files_total).toBe(16);
  });

  for (const c of GATE_CASES) {
    it(`${c.gate}: fires on a relaxing edit and adds ${c.code ?? "no diagnostic"}`, async () => {
      const dir = pair(c.fires);
      const r = await run(dir, "before", "after", [c.gate]);
      expect(r.exitCode).toBe(20);
      expect(r.firedGates).toEqual([c.gate]);
      expect(r.report.diags.map((d) => d.code)).toEqual(c.code === undefined ? [] : [c.code]);
      // Without the gate the same diff passes.
      expect((await run(dir, "before", "after")).exitCode).toBe(0);
    });
    it(`${c.gate}: does not fire on a neutral or tightening edit`, async () => {
      const dir = pair(c.quiet);
      const r = await run(dir, "before", "after", [c.gate]);
      expect(r.report.summary.files_changed).toBeGreaterThan(0);
      expect(r.firedGates).toEqual([]);
      expect(r.report.diags).toEqual([]);
      expect(r.exitCode).toBe(0);
    });
  }

  it("the committed after/ fixture fires every gate; each gate's diagnostic appears once", async () => {
    const r = await run(FIXTURES, "before", "after", REVIEW_GATES);
    expect(r.exitCode).toBe(20);
    expect(r.firedGates).toEqual([...REVIEW_GATES]);
    const codes = r.report.diags.map((d) => d.code);
    expect(codes.filter((c) => c === "X07RD_SANDBOX_POLICY_WIDEN")).toHaveLength(1);
    for (const c of GATE_CASES) if (c.code !== undefined) expect(codes).toContain(c.code);
  });
});

describe("review diff report", () => {
  it("is schema-valid, deterministic, and its JSON/HTML are byte-identical across runs", async () => {
    const a = await run(FIXTURES, "before", "after", ["world-capability"]);
    const b = await run(FIXTURES, "before", "after", ["world-capability"]);
    expect(a.json).toBe(b.json);
    expect(a.html).toBe(b.html);
    expect(validateAs("x07.review.diff@0.5.0", JSON.parse(a.json)).ok).toBe(true);
    expect(a.json.endsWith("}\n")).toBe(true);
    // Canonical: keys sorted at the top level.
    const keys = Object.keys(JSON.parse(a.json) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it("routes each file to its differ and records decl moves", async () => {
    const r = await run(FIXTURES, "before", "after");
    const kinds = Object.fromEntries(r.report.files.map((f) => [f.path, f.kind]));
    expect(kinds).toMatchObject({
      ".x07/policies/ops.policy.json": "policy",
      "arch/evidence/certificate.json": "trust_certificate",
      "arch/evidence/dep.closure.attest.json": "dependency_closure",
      "arch/peers/ledger-api.peer.json": "peer_policy",
      "arch/verify.coverage.json": "proof",
      "runtime-attest/ops.runtime.attest.json": "json",
      "src/ledger/core.x07.json": "x07ast",
      "x07.json": "project",
      "x07.lock.json": "lockfile",
    });
    // Files come in Rust path order (component-wise).
    expect(r.report.files.map((f) => f.path)[0]).toBe(".x07/policies/ops.policy.json");
    expect(r.report.summary.decls_changed).toBe(1);
    expect(r.report.from).toMatchObject({ kind: "dir", path: "before", note: "" });
    expect(r.report.from.sha256_hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the HTML is self-contained: no scripts, links or remote URLs, and shows the risk and gates", async () => {
    const r = await run(FIXTURES, "before", "after", ["allow-unsafe", "budget-increase"]);
    expect(r.html.startsWith("<!doctype html>")).toBe(true);
    expect(r.html).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import|https?:\/\/(?!registry\.invalid)/i);
    expect(r.html).toContain("risk summary: high");
    expect(r.html).toMatch(/<code>allow-unsafe<\/code><\/td><td class="fired">fired/);
  });

  it("a decl move is reported as a move op; a budget scope adds scope entries that count as increases", async () => {
    const dir = pair({
      "src/ledger/core.x07.json": (d) => {
        d.decls.reverse();
        d.decls[0].body = ["begin", ["budget.scope_v1", { label: "s", mode: "strict", limits: { fuel: 9 } }], 1];
      },
    });
    const r = await run(dir, "before", "after", ["budget-increase"]);
    const file = r.report.files.find((f) => f.path === "src/ledger/core.x07.json")!;
    const ops = (file.module as { decls_changed: Array<{ body: { ops: Array<{ op: string }> } }> }).decls_changed.flatMap((d) => d.body.ops.map((o) => o.op));
    expect(ops).toContain("move");
    const scopes = r.report.highlights.budget_changes.filter((c) => c["kind"] === "scope");
    expect(scopes.map((c) => c["subject"])).toEqual(["x07AST scope count", "budget scopes changed"]);
    expect(r.firedGates).toEqual(["budget-increase"]);
  });

  it("ast-only mode looks at *.x07.json only", async () => {
    const r = await run(FIXTURES, "before", "after", REVIEW_GATES, { mode: "ast-only" });
    expect(r.report.files.map((f) => f.path)).toEqual(["src/ledger/core.x07.json", "src/ledger/main.x07.json"]);
    expect(r.firedGates).toEqual(["world-capability"]);
  });

  it("--include/--exclude replace the defaults", async () => {
    const only = await run(FIXTURES, "before", "after", [], { include: ["arch/**"], exclude: ["**/evidence/**"] });
    const paths = only.report.files.map((f) => f.path);
    expect(paths.every((p) => p.startsWith("arch/") && !p.includes("evidence"))).toBe(true);
    expect(paths).toContain("arch/verify.coverage.json");
  });

  it("--max-changes keeps that many entries and marks truncation", async () => {
    const r = await run(FIXTURES, "before", "after", [], { maxChanges: 5 });
    const kept = r.report.files.reduce((n, f) => n + f.changes.length, 0) + Object.values(r.report.highlights).reduce((n, l) => n + l.length, 0);
    expect(kept).toBe(5);
    expect(r.report.summary.truncated).toBe(true);
    expect(r.report.files.some((f) => f.truncated)).toBe(true);
    const none = await run(FIXTURES, "before", "after", [], { maxChanges: 0 });
    expect(none.report.summary.high_severity_changes).toBe(0);
  });

  it("compares two single files", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "a"));
    mkdirSync(path.join(dir, "b"));
    const policy = readFileSync(path.join(FIXTURES, "before/.x07/policies/ops.policy.json"), "utf8");
    writeFileSync(path.join(dir, "a/ops.policy.json"), policy);
    writeFileSync(path.join(dir, "b/ops.policy.json"), policy.replace('"allow_unsafe": false', '"allow_unsafe": true'));
    const r = await run(dir, "a/ops.policy.json", "b/ops.policy.json", ["allow-unsafe"]);
    expect(r.report.files.map((f) => [f.path, f.kind, f.status])).toEqual([["ops.policy.json", "policy", "changed"]]);
    expect(r.report.from.kind).toBe("file");
    expect(r.exitCode).toBe(20);
  });

  it("rejects missing paths, mixed kinds and invalid globs with X07RD_EINPUT", async () => {
    const missing = await runFailure(FIXTURES, "before", "nowhere");
    expect(missing.diagnostics[0]).toMatchObject({ code: "X07RD_EINPUT", message: "missing --to path: nowhere" });
    const mixed = await runFailure(FIXTURES, "before", "after/x07.json");
    expect(mixed.diagnostics[0]!.message).toContain("both be files or both be directories (got directory vs file)");
    const glob = await runFailure(FIXTURES, "before", "after", { include: ["{a,{b,c}}"] });
    expect(glob.diagnostics[0]!.message).toContain("invalid glob");
  });

  it("added and removed files are diffed against nothing", async () => {
    const dir = pair({});
    writeFileSync(path.join(dir, "after/arch/capsules/extra.contract.json"), JSON.stringify({ id: "capsule.extra_v1" }));
    const r = await run(dir, "before", "after", ["capsule-contract-relaxation"]);
    const f = r.report.files.find((x) => x.path === "arch/capsules/extra.contract.json")!;
    expect(f).toMatchObject({ status: "added", before_sha256_hex: null, kind: "arch" });
    expect(r.exitCode).toBe(20);
    const back = await run(dir, "after", "before", ["capsule-contract-relaxation"]);
    expect(back.report.files.find((x) => x.path === "arch/capsules/extra.contract.json")!.status).toBe("removed");
  });
});

describe("review text summary (certify's review.diff.txt)", () => {
  it("lists the posture highlight counts, the gates and the diagnostics", async () => {
    const { renderReviewText, CERTIFY_DEFAULT_REVIEW_GATES } = await import("../../src/review/index.ts");
    const r = await run(FIXTURES, "before", "after", CERTIFY_DEFAULT_REVIEW_GATES);
    const text = renderReviewText(r.report, CERTIFY_DEFAULT_REVIEW_GATES);
    expect(text.split("\n").slice(0, 5)).toEqual(["x07 review diff", "from: before", "to: after", "", "highlights:"]);
    expect(text).toContain(`- proof_changes: ${r.report.highlights.proof_changes.length}`);
    expect(text).toContain("fail_on:\n- proof-coverage-decrease\n- boundary-relaxation\n- trusted-subset-expansion\n");
    expect(text.endsWith("\n")).toBe(true);
    expect(r.exitCode).toBe(20);
  });
});

describe("review diff over the in-memory FileSystem", () => {
  it("needs no disk: the same gate fires over a memory layer", async () => {
    const { layerMemoryFileSystem } = await import("../../src/services/index.ts");
    const policy = (unsafe: boolean) => JSON.stringify({ language: { allow_unsafe: unsafe, allow_ffi: false }, net: { enabled: false, allow_hosts: [] } });
    const layer = layerMemoryFileSystem({ "a/.x07/policies/p.policy.json": policy(false), "b/.x07/policies/p.policy.json": policy(true), "a/x07.json": "{}", "b/x07.json": "{}" });
    const r = await Effect.runPromise(Effect.provide(reviewDiff("a", "b", ["allow-unsafe"]), layer));
    expect(r.report.files.map((f) => [f.path, f.status])).toEqual([
      [".x07/policies/p.policy.json", "changed"],
      ["x07.json", "unchanged"],
    ]);
    expect(r.firedGates).toEqual(["allow-unsafe"]);
  });
});
