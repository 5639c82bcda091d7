/**
 * Acceptance against upstream's own projects, read from the mirror at test time (never committed):
 * verified_core_fixture_v1 and docs/examples/verified_core_pure_v1 pass `arch check` and
 * `trust profile check --profile verified_core_pure_v1` for their entries; the review fixtures (manifest
 * @0.1.0) are rejected as upstream's 0.3.0 checker rejects them; the sandbox example fails closed.
 * Skipped, with the reason in the test name, when the mirror is absent.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Effect } from "effect";
import { checkTrustProfile } from "../../src/certify/profiles/index.ts";
import { layerNodeFileSystemAt } from "../../src/services/index.ts";
import { codes, fromMirror, hasMirror, runArch, where } from "./helpers.ts";

const mirror = hasMirror();
const suffix = mirror ? "" : " (skipped: upstream mirror /work/.mirror/x07lang+x07/repo is absent)";
const profileCheck = (dir: string, profile: string, entry: string) =>
  Effect.runPromise(Effect.provide(checkTrustProfile({ profile, project: "x07.json", entry }), layerNodeFileSystemAt(dir)));

describe.skipIf(!mirror)(`upstream projects${suffix}`, () => {
  it.each([
    ["crates/x07/tests/fixtures/verified_core_fixture_v1", "fixture.main", "fixture_core"],
    ["docs/examples/verified_core_pure_v1", "example.main", "example_core"],
  ])("%s: arch check passes and verified_core_pure_v1 admits %s", async (repoPath, entry, node) => {
    const dir = fromMirror(repoPath);
    const a = await runArch(dir, { project: "x07.json" });
    expect(a.exitCode).toBe(0);
    expect(codes(a)).toEqual(["W_ARCH_CONTRACTS_LOCK_MISSING"]);
    expect(a.report.stats).toEqual({ modules: 3, nodes: 2, module_edges: 2, node_edges: 2 });
    expect(a.report.boundaries_report).toEqual({
      schema_version: "x07.arch.boundaries.report@0.1.0",
      ok: true,
      index_path: "arch/boundaries/index.x07boundary.json",
      summary: { boundaries_total: 1, public_exports_scanned: 1, missing_boundaries: 0, missing_smoke: 0, missing_pbt: 0, missing_verify: 0 },
      boundaries: [{ id: `${entry}_v1`, symbol: entry, node_id: node, status: "ok" }],
      diagnostics: [],
    });
    const again = await runArch(dir, { project: "x07.json" });
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(a.report));
    const p = await profileCheck(dir, "verified_core_pure_v1", entry);
    expect(p.report).toMatchObject({ ok: true, exit_code: 0, profile: "verified_core_pure_v1", entry, diagnostics: [] });
    const wrong = await profileCheck(dir, "verified_core_pure_v1", "main.nope");
    expect(wrong.report.diagnostics.map((d) => d.code)).toEqual(["X07TP_ENTRY_FORBIDDEN"]);
  });

  it("the fixture also passes under upstream's repo-root fixture profile, given as a path", async () => {
    const dir = fromMirror("crates/x07/tests/fixtures/verified_core_fixture_v1");
    const profiles = fromMirror("arch/trust/profiles");
    const p = await profileCheck(dir, path.join(profiles, "verified_core_fixture_v1.json"), "fixture.main");
    expect(p.report).toMatchObject({ ok: true, profile: "verified_core_fixture_v1" });
  });

  it.each(["before", "after"])("review fixture %s: its @0.1.0 manifest is rejected with exit 3", async (side) => {
    const dir = fromMirror(`crates/x07/tests/fixtures/review/${side}`);
    const r = await runArch(dir, { project: "x07.json" });
    expect(r.exitCode).toBe(3);
    expect(codes(r)).toEqual(["E_ARCH_MANIFEST_SCHEMA_INVALID"]);
    expect(where(r.report.diags[0])).toEqual({ file: "arch/manifest.x07arch.json", ptr: "/schema_version" });
    expect(r.report.stats).toEqual({ modules: 0, nodes: 0, module_edges: 0, node_edges: 0 });
  });

  it.each([
    ["docs/examples/trusted_sandbox_program_v1", "trusted_program_sandboxed_local_v1", "example.main"],
    ["docs/examples/certified_capsule_v1", "certified_capsule_v1", "capsule.main"],
  ])("%s under %s fails closed: the missing VM evidence is the only finding", async (repoPath, profile, entry) => {
    const dir = fromMirror(repoPath);
    const a = await runArch(dir, { project: "x07.json" });
    expect(a.exitCode).toBe(0);
    const p = await profileCheck(dir, profile, entry);
    expect(p.report).toMatchObject({ ok: false, exit_code: 20, profile });
    expect(p.report.diagnostics.map((d) => d.code)).toEqual(["X07TP_BACKEND_NOT_CERTIFIABLE"]);
    expect(p.report.diagnostics[0]?.data?.["missing_evidence"]).toEqual(expect.arrayContaining([expect.stringContaining("vm sandbox backend")]));
  });
});
