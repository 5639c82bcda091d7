/**
 * Acceptance against upstream's review fixtures (crates/x07/tests/fixtures/review/{before,after}), read
 * from the local mirror at test time into a temp dir (never committed). Skipped, with the reason
 * printed, when the mirror is absent.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REVIEW_GATES } from "../../src/review/index.ts";
import { runCli } from "../_helpers/cli.ts";
import { tempDir } from "./_tree.ts";

const MIRROR = "/work/.mirror/x07lang+x07/repo";
const FIXTURE = "crates/x07/tests/fixtures/review";

const extract = (): string | undefined => {
  if (!existsSync(MIRROR)) return undefined;
  try {
    const dir = tempDir("x07-review-upstream-");
    const tar = execFileSync("git", ["-C", MIRROR, "archive", "HEAD", FIXTURE], { maxBuffer: 1 << 24 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    return path.join(dir, FIXTURE);
  } catch {
    return undefined;
  }
};

const root = extract();
if (root === undefined) console.warn(`[skip] upstream review fixtures: mirror ${MIRROR} is absent or has no ${FIXTURE}`);

const diff = async (cwd: string, extra: string[], tag: string) => {
  const json = path.join(cwd, `${tag}.json`);
  const html = path.join(cwd, `${tag}.html`);
  const r = await runCli(["review", "diff", "--from", "before", "--to", "after", "--mode", "project", "--json-out", json, "--html-out", html, ...extra], cwd);
  return { ...r, json: readFileSync(json, "utf8"), html: readFileSync(html, "utf8") };
};

/** Gates the fixture must fire, and those it must not (it has no certificates, capsules, runtime attestations, peer policies or lockfile). */
const FIRING = [
  "world-capability",
  "budget-increase",
  "allow-unsafe",
  "allow-ffi",
  "proof-coverage-decrease",
  "summary-downgrade",
  "boundary-relaxation",
  "trusted-subset-expansion",
  "sandbox-policy-widen",
  "network-allowlist-widen",
] as const;
const QUIET = REVIEW_GATES.filter((g) => !(FIRING as ReadonlyArray<string>).includes(g));

describe.skipIf(root === undefined)("upstream review fixtures (from the mirror)", () => {
  const cwd = root ?? "";

  it("without gates: exit 0, every expected highlight, byte-identical JSON and HTML across two runs", async () => {
    const a = await diff(cwd, [], "run1");
    const b = await diff(cwd, [], "run2");
    expect(a.code).toBe(0);
    expect(a.json).toBe(b.json);
    expect(a.html).toBe(b.html);
    expect(a.html).toContain("risk summary:");
    const r = JSON.parse(a.json);
    expect(r.schema_version).toBe("x07.review.diff@0.5.0");
    for (const k of ["world_changes", "budget_changes", "policy_changes", "capability_changes", "proof_changes", "summary_changes", "boundary_changes", "subset_changes", "network_policy_changes", "sandbox_policy_changes"]) {
      expect(r.highlights[k].length, k).toBeGreaterThan(0);
    }
    expect(r.highlights.policy_changes.some((c: { kind: string }) => c.kind === "policy_allowlist")).toBe(true);
    expect(r.highlights.budget_changes).toContainEqual(expect.objectContaining({ kind: "run_cap", subject: "profiles.dev.solve_fuel", before: 1000, after: 2000 }));
    const ops = r.files.filter((f: { kind: string }) => f.kind === "x07ast").flatMap((f: { module: { decls_changed: Array<{ body: { ops: Array<{ op: string }> } }> } }) => f.module.decls_changed.flatMap((d) => d.body.ops.map((o) => o.op)));
    expect(ops).toContain("move");
  });

  for (const gate of FIRING) {
    it(`--fail-on ${gate}: exit 20`, async () => {
      const r = await diff(cwd, ["--fail-on", gate], `gate-${gate}`);
      expect(r.code).toBe(20);
      const codes = JSON.parse(r.json).diags.map((d: { code: string }) => d.code);
      if (gate === "summary-downgrade") expect(codes).toEqual(["X07RD_SUMMARY_DOWNGRADE"]);
      if (gate === "sandbox-policy-widen") expect(codes).toEqual(["X07RD_SANDBOX_POLICY_WIDEN"]);
      if (gate === "network-allowlist-widen") expect(codes).toEqual(["X07RD_NETWORK_ALLOWLIST_WIDEN"]);
    });
  }

  it("the gates with nothing to look at in this fixture stay quiet (exit 0)", async () => {
    const r = await diff(cwd, QUIET.flatMap((g) => ["--fail-on", g]), "quiet");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.json).diags).toEqual([]);
  });

  it("with a recursive coverage regression written over arch/verify.coverage.json: both recursion and summary gates fire", async () => {
    const dir = tempDir();
    execFileSync("cp", ["-r", path.join(cwd, "before"), path.join(cwd, "after"), dir]);
    const coverage = (supported: boolean) => ({
      schema_version: "x07.verify.coverage@0.4.0",
      entry: "app.main",
      worlds: ["solve-pure"],
      summary: {
        reachable_defn: 2,
        supported_defn: supported ? 2 : 1,
        recursive_defn: 1,
        supported_recursive_defn: supported ? 1 : 0,
        unsupported_recursive_defn: supported ? 0 : 1,
        uncovered_defn: 0,
        unsupported_defn: supported ? 0 : 1,
      },
      functions: [
        {
          symbol: "app.count_down",
          kind: "defn",
          status: supported ? "supported_recursive" : "unsupported",
          support_summary: { recursion_kind: "self_recursive", has_decreases: supported, decreases_count: supported ? 1 : 0, prove_supported: supported },
        },
      ],
    });
    for (const [side, ok] of [["before", true], ["after", false]] as const) {
      mkdirSync(path.join(dir, side, "arch"), { recursive: true });
      writeFileSync(path.join(dir, side, "arch/verify.coverage.json"), JSON.stringify(coverage(ok), null, 2));
    }
    const r = await diff(dir, ["--fail-on", "recursion-proof-coverage-decrease", "--fail-on", "summary-downgrade"], "rec");
    expect(r.code).toBe(20);
    expect(JSON.parse(r.json).diags.map((d: { code: string }) => d.code)).toEqual(["X07RD_RECURSION_PROOF_COVERAGE_DECREASE", "X07RD_SUMMARY_DOWNGRADE"]);
  });
});
