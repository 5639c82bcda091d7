/** Exit codes, budgets, locks, --write round trips, --emit-patch and determinism of `x07 arch check`. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { codes, copyFixture, editJson, find, moduleDoc, readJsonFile, runArch, where, writeFile } from "./helpers.ts";
import { runCli } from "../_helpers/cli.ts";

describe("arch check exit codes", () => {
  it("3 when the manifest is missing", async () => {
    const r = await runArch(copyFixture("shop"), { manifest: "arch/none.json" });
    expect(r.exitCode).toBe(3);
    expect(codes(r)).toEqual(["E_ARCH_MANIFEST_READ"]);
    expect(r.report.manifest).toEqual({ path: "arch/none.json", jcs_sha256_hex: null });
  });
  it("3 when the manifest is not JSON", async () => {
    const dir = copyFixture("shop");
    writeFileSync(path.join(dir, "arch/manifest.x07arch.json"), "{ nope");
    const r = await runArch(dir);
    expect(r.exitCode).toBe(3);
    expect(codes(r)).toEqual(["E_ARCH_MANIFEST_JSON_PARSE"]);
  });
  it("3 when the manifest breaks its schema, with the pointer of the violation", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => delete m.nodes[0].trust_zone);
    const r = await runArch(dir);
    expect(r.exitCode).toBe(3);
    expect(where(find(r, "E_ARCH_MANIFEST_SCHEMA_INVALID"))).toEqual({ file: "arch/manifest.x07arch.json", ptr: "/nodes/0" });
    expect(r.report.manifest.jcs_sha256_hex).toMatch(/^[0-9a-f]{64}$/);
  });
  it("every schema violation of the manifest is reported, each at its pointer", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => {
      delete m.nodes[0].trust_zone;
      delete m.nodes[1].trust_zone;
    });
    const r = await runArch(dir);
    expect(r.exitCode).toBe(3);
    const ptrs = r.report.diags.filter((d) => d.code === "E_ARCH_MANIFEST_SCHEMA_INVALID").map((d) => where(d).ptr);
    expect(ptrs).toEqual(expect.arrayContaining(["/nodes/0", "/nodes/1"]));
  });
  it("3 for an older manifest version and for duplicate node ids", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => (m.schema_version = "x07.arch.manifest@0.1.0"));
    expect((await runArch(dir)).exitCode).toBe(3);
    const dup = copyFixture("shop");
    editJson(dup, "arch/manifest.x07arch.json", (m) => m.nodes.push({ ...m.nodes[1] }));
    const r = await runArch(dup);
    expect(r.exitCode).toBe(3);
    expect(codes(r)).toEqual(["E_ARCH_MANIFEST_INVALID"]);
  });
  it("4 when a tool budget is exceeded (modules, edges, diagnostics, bytes)", async () => {
    const dir = copyFixture("shop");
    const m = await runArch(dir, { budgets: { maxModules: 3 } });
    expect(m.exitCode).toBe(4);
    expect(find(m, "E_ARCH_TOOL_BUDGET_EXCEEDED")?.data).toMatchObject({ budget: "tool_budgets.max_modules", max_modules: 3, modules_found: 4 });
    expect((await runArch(dir, { budgets: { maxEdges: 1 } })).exitCode).toBe(4);
    expect((await runArch(dir, { budgets: { maxBytesIn: 10 } })).exitCode).toBe(4);
    editJson(dir, "arch/manifest.x07arch.json", (x) => (x.nodes[0].imports.allow_prefixes = ["nothing."]));
    const d = await runArch(dir, { budgets: { maxDiags: 2 } });
    expect(d.exitCode).toBe(4);
    expect(d.report.diags.length).toBe(2);
    expect(codes(d)).toContain("E_ARCH_TOOL_BUDGET_EXCEEDED");
  });
  it("2 for a module that is not x07AST, and for duplicate module ids", async () => {
    const dir = copyFixture("shop");
    writeFile(dir, "src/bad.x07.json", "[1,2]");
    writeFile(dir, "src/shop/dup.x07.json", moduleDoc("shop.util"));
    const r = await runArch(dir);
    expect(r.exitCode).toBe(2);
    expect(where(find(r, "E_ARCH_MODULE_PARSE")).file).toBe("src/bad.x07.json");
    expect(find(r, "E_ARCH_DUPLICATE_MODULE_ID")?.data).toMatchObject({ module_id: "shop.util", module_path: "src/shop/util.x07.json", module_path_existing: "src/shop/dup.x07.json" });
  });
  it("warn enforcement keeps boundary findings as warnings (exit 0) but the boundaries report is not ok", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => (m.contracts_v1.boundaries.enforce = "warn"));
    editJson(dir, "arch/boundaries/index.x07boundary.json", (x) => (x.boundaries[0].verify.mode = "off"));
    const r = await runArch(dir);
    expect(r.exitCode).toBe(0);
    expect(find(r, "E_ARCH_BOUNDARY_VERIFY_REQUIRED")?.severity).toBe("warning");
    expect(r.report.boundaries_report?.ok).toBe(false);
    expect(r.report.boundaries_report?.boundaries.find((b) => b.id === "shop.core.total_v1")?.status).toBe("missing_verify");
  });
  it("records missing smoke and PBT tests in the boundaries summary and statuses", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/boundaries/index.x07boundary.json", (x) => {
      x.boundaries[0].pbt.tests = [];
      x.boundaries[1].smoke.tests = [];
    });
    const r = await runArch(dir);
    expect(r.exitCode).toBe(0);
    expect(r.report.boundaries_report?.summary).toMatchObject({ missing_smoke: 1, missing_pbt: 1, missing_verify: 0 });
    expect(r.report.boundaries_report?.boundaries.map((b) => [b.id, b.status])).toEqual([
      ["shop.core.total_v1", "missing_pbt"],
      ["shop.util.add_v1", "missing_smoke"],
    ]);
  });
});

describe("arch check locks", () => {
  it("--write-lock pins the manifest and contracts; drift is E_ARCH_LOCK_MISMATCH / E_ARCH_CONTRACTS_LOCK_MISMATCH", async () => {
    const dir = copyFixture("shop");
    const w = await runArch(dir, { writeLock: true });
    expect(w.written).toEqual(["arch/contracts.lock.json", "arch/manifest.lock.json"]);
    const lock = readJsonFile(dir, "arch/manifest.lock.json");
    expect(lock).toMatchObject({ schema_version: "x07.arch.manifest.lock@0.1.0", manifest_path: "arch/manifest.x07arch.json", jcs_sha256_hex: w.report.manifest.jcs_sha256_hex });
    const clean = await runArch(dir);
    expect(clean.exitCode).toBe(0);
    expect(clean.report.diags).toEqual([]);
    editJson(dir, "arch/manifest.x07arch.json", (m) => (m.repo.id = "shop2"));
    editJson(dir, "arch/boundaries/index.x07boundary.json", (x) => (x.boundaries[1].pbt.required = true));
    const drift = await runArch(dir);
    expect(drift.exitCode).toBe(2);
    expect(where(find(drift, "E_ARCH_LOCK_MISMATCH"))).toEqual({ file: "arch/manifest.lock.json", ptr: "/jcs_sha256_hex" });
    expect(codes(drift)).toContain("E_ARCH_CONTRACTS_LOCK_MISMATCH");
  });
  it("an invalid lock is exit 3 and its scan globs are honoured", async () => {
    const dir = copyFixture("shop");
    await runArch(dir, { writeLock: true });
    editJson(dir, "arch/manifest.lock.json", (l) => (l.module_scan.exclude_globs = ["tests/**"]));
    const scoped = await runArch(dir);
    expect(scoped.report.stats.modules).toBe(3);
    editJson(dir, "arch/manifest.lock.json", (l) => (l.jcs_sha256_hex = "xyz"));
    const bad = await runArch(dir);
    expect(bad.exitCode).toBe(3);
    expect(where(find(bad, "E_ARCH_LOCK_SCHEMA_INVALID"))).toEqual({ file: "arch/manifest.lock.json", ptr: "/jcs_sha256_hex" });
  });
});

describe("arch check --write", () => {
  it("applies the suggested patches (orphan node, external import, removed import, allow rule) and the second run passes", async () => {
    const dir = copyFixture("shop");
    writeFile(dir, "lib/extra.x07.json", moduleDoc("extra"));
    editJson(dir, "src/shop/util.x07.json", (m) => m.imports.push("std.bytes", "ext.net"));
    editJson(dir, "arch/manifest.x07arch.json", (m) => m.rules.splice(0, 1));
    const before = await runArch(dir);
    expect(before.exitCode).toBe(2);
    expect(new Set(codes(before))).toEqual(new Set(["E_ARCH_NODE_ORPHAN_MODULE", "E_ARCH_EXTERNAL_IMPORT_NOT_ALLOWED", "E_ARCH_IMPORT_PREFIX_DENIED", "E_ARCH_EDGE_NOT_ALLOWED", "W_ARCH_CONTRACTS_LOCK_MISSING"]));
    expect(before.suggestedPatches.map((p) => p.path)).toEqual(["arch/manifest.x07arch.json", "src/shop/util.x07.json"]);
    const after = await runArch(dir, { write: true, emitPatch: "target/arch.patch.json" });
    expect(after.written).toEqual(["arch/manifest.x07arch.json", "src/shop/util.x07.json", "target/arch.patch.json"]);
    expect(after.exitCode).toBe(0);
    expect(codes(after)).toEqual(["W_ARCH_CONTRACTS_LOCK_MISSING"]);
    const m = readJsonFile(dir, "arch/manifest.x07arch.json");
    expect(m.nodes.at(-1)).toMatchObject({ id: "orphan.extra", trust_zone: "untrusted", match: { path_globs: ["lib/extra.x07.json"] } });
    expect(m.externals.allowed_exact).toContain("std.bytes");
    expect(m.rules.filter((r: { mode?: string }) => r.mode === "allow").map((r: { id: string }) => r.id)).toEqual(["allow:core->core", "allow:tests->core"]);
    expect(readJsonFile(dir, "src/shop/util.x07.json").imports).toEqual(["std.bytes"]);
    expect(readJsonFile(dir, "target/arch.patch.json")).toMatchObject({ schema_version: "x07.arch.patchset@0.1.0", patches: before.suggestedPatches });
    const again = await runArch(dir, { write: true });
    expect(again.written).toEqual([]);
  });
});

describe("arch check determinism", () => {
  it("gives byte-identical reports across runs and copies", async () => {
    const a = copyFixture("shop");
    const b = copyFixture("shop");
    for (const d of [a, b]) editJson(d, "arch/manifest.x07arch.json", (m) => (m.nodes[0].imports.allow_prefixes = ["std."]));
    const runs = await Promise.all([runArch(a), runArch(a), runArch(b)]);
    const texts = runs.map((r) => JSON.stringify(r.report));
    expect(runs[0]?.report.diags.length).toBeGreaterThan(1);
    expect(new Set(texts).size).toBe(1);
  });
  it("the CLI prints the same bytes twice and writes --out", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => delete m.contracts_v1);
    const one = await runCli(["arch", "check", "--format", "text"], dir);
    const two = await runCli(["arch", "check", "--format", "text"], dir);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(two.stdout);
    expect(one.stdout).toBe("ok: true\nmanifest: arch/manifest.x07arch.json\nstats: modules=4 nodes=2 module_edges=3 node_edges=2\n");
    const json = await runCli(["arch", "check"], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ schema_version: "x07.arch.report@0.1.0", diags: [], stats: { modules: 4 } });
    const out = await runCli(["arch", "check", "--format", "text", "--out", "target/arch.txt"], dir);
    expect(out.stdout).toBe("");
    expect(readFileSync(path.join(dir, "target/arch.txt"), "utf8")).toBe(one.stdout);
  });
  it("the CLI rejects bad flags with exit 2", async () => {
    const dir = copyFixture("shop");
    expect((await runCli(["arch", "check", "--format", "yaml"], dir)).code).toBe(2);
    expect((await runCli(["arch", "check", "--max-diags", "-1"], dir)).code).toBe(2);
    expect((await runCli(["arch", "check", "--repo-root", "nowhere"], dir)).code).toBe(2);
    expect(existsSync(path.join(dir, "nowhere"))).toBe(false);
  });
});
