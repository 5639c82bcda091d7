import * as path from "node:path";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { validateAs } from "../../src/core/contracts/index.ts";
import { layerMemoryFileSystem, layerNodeFileSystem, layerNodeFileSystemAt } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { test as runTests, testModuleRoots } from "../../src/test/index.ts";
import type { TestOptions } from "../../src/test/index.ts";
import { runCli, tempTree } from "../_helpers/cli.ts";

const FIXTURE = path.resolve("test/fixtures/test/unit-basic");

const run = (options: TestOptions, cwd = FIXTURE) => Effect.runPromise(runTests(options).pipe(Effect.provide(layerStd), Effect.provide(layerNodeFileSystemAt(cwd))));
const statuses = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.report.tests.map((t) => [t.id, t.status]));
const codes = (r: Awaited<ReturnType<typeof run>>, id: string) => (r.report.tests.find((t) => t.id === id)?.diags ?? []).map((d) => d.code);

describe("x07 test: unit tests", () => {
  it("maps expect × tag to statuses and exits 0 when every test meets its expectation", async () => {
    const r = await run({ manifest: "tests.json" });
    expect(statuses(r)).toEqual({ "unit/input": "pass", "unit/ok": "pass", "unit/skipped-by-manifest": "skip", "unit/xfail": "xfail_fail" });
    expect(r.exitCode).toBe(0);
    expect(r.report.summary).toMatchObject({ passed: 2, skipped: 1, xfail_failed: 1, failed: 0, errors: 0, compile_failures: 0, run_failures: 0 });
    expect(validateAs("x07.x07test@0.4.0", JSON.parse(JSON.stringify(r.report))).ok).toBe(true);
  });

  it("fails fast by default and runs everything with noFailFast (exit 10)", async () => {
    const ff = await run({ manifest: "failing.json" });
    expect(statuses(ff)).toEqual({ "a/bad": "fail", "b/ok": "skip", "c/eq": "skip", "d/skip": "skip" });
    expect(codes(ff, "b/ok")).toEqual(["EFAIL_FAST"]);
    expect(ff.exitCode).toBe(10);
    const all = await run({ manifest: "failing.json", noFailFast: true });
    expect(statuses(all)).toEqual({ "a/bad": "fail", "b/ok": "pass", "c/eq": "fail", "d/skip": "skip" });
    expect(all.report.tests.find((t) => t.id === "a/bad")?.run?.failure_code_u32).toBe(7);
    expect(all.exitCode).toBe(10);
  });

  it("reports traps as X07T_RUN_TRAP (exit 12) and driver check errors as ETEST_COMPILE (exit 11)", async () => {
    const t = await run({ manifest: "trap.json" });
    expect(t.exitCode).toBe(12);
    expect(t.report.tests[0]?.status).toBe("error");
    expect(codes(t, "trap")).toEqual(["X07T_RUN_TRAP"]);
    const b = await run({ manifest: "broken.json", noFailFast: true });
    expect(b.exitCode).toBe(11);
    expect(statuses(b)).toEqual({ broken: "error", ok: "pass" });
    expect(b.report.tests[0]?.compile?.ok).toBe(false);
    expect(b.report.tests[0]?.compile?.compiler_diags?.length).toBeGreaterThan(0);
  });

  it("filters (substring, exact), repeats deterministically and gives the same results with --jobs", async () => {
    const f = await run({ manifest: "failing.json", filter: "ok" });
    expect(Object.keys(statuses(f))).toEqual(["b/ok"]);
    const e = await run({ manifest: "tests.json", filter: "unit/ok", exact: true, repeat: 3 });
    expect(statuses(e)).toEqual({ "unit/ok": "pass" });
    const strip = (r: Awaited<ReturnType<typeof run>>) => r.report.tests.map((t) => ({ ...t, duration_ms: 0 }));
    const j1 = await run({ manifest: "failing.json", noFailFast: true });
    const j2 = await run({ manifest: "failing.json", noFailFast: true, jobs: 2 });
    expect(strip(j2)).toEqual(strip(j1));
  });

  it("rejects an invalid manifest with one diagnostic per rule (exit 12, no tests run)", async () => {
    const r = await run({ manifest: "invalid.json" });
    expect(r.exitCode).toBe(12);
    expect(r.report.tests).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      "ETEST_ID_DUPLICATE",
      "ETEST_WORLD_INVALID",
      "ETEST_INPUT_NOT_ALLOWED_V010",
      "ETEST_FIXTURE_REQUIRED",
      "X07T_EPBT_UNSUPPORTED_WORLD",
      "X07T_EPBT_UNKNOWN_GEN_KIND",
      "X07T_EPBT_PARAM_EMPTY",
    ]);
    expect(r.report.summary.errors).toBe(7);
  });

  it("CLI: prints the report, lists tests, and treats an empty selection as a usage error unless --allow-empty", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "x07-test-"));
    cpSync(FIXTURE, dir, { recursive: true });
    const r = await runCli(["test", "--manifest", "tests.json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schema_version).toBe("x07.x07test@0.4.0");
    const l = await runCli(["test", "--manifest", "tests.json", "--list"], dir);
    expect(l.stdout.split("\n")[0]).toBe("unit/input\tsolve-pure\tpass\tunit.input_is_abc");
    expect((await runCli(["test", "--manifest", "tests.json", "--filter", "nope"], dir)).code).toBe(2);
    expect((await runCli(["test", "--manifest", "tests.json", "--filter", "nope", "--allow-empty"], dir)).code).toBe(0);
    expect((await runCli(["test", "--manifest", "tests.json", "--jobs", "2"], dir)).code).toBe(2);
  });

  it("CLI: --jobs 2 runs on worker threads and reports exactly what --jobs 1 reports (durations aside)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "x07-test-"));
    cpSync(FIXTURE, dir, { recursive: true });
    const norm = (out: string) => {
      const r = JSON.parse(out);
      r.summary.duration_ms = 0;
      r.invocation.jobs = 0;
      for (const t of r.tests) t.duration_ms = 0;
      return r;
    };
    const one = await runCli(["test", "--manifest", "failing.json", "--no-fail-fast"], dir);
    const two = await runCli(["test", "--manifest", "failing.json", "--no-fail-fast", "--jobs", "2"], dir);
    expect(two.code).toBe(one.code);
    expect(norm(two.stdout)).toEqual(norm(one.stdout));
  }, 120_000);

  it("resolves module roots as upstream: project roots, locked dependencies, project root, manifest directory", async () => {
    const files = {
      "/p/x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src", "./src"] }),
      "/p/x07.lock.json": JSON.stringify({ schema_version: "x07.lock@0.4.0", dependencies: [{ name: "foo", version: "1.0.0", path: ".x07/deps/foo/1.0.0", module_root: "modules" }] }),
      "/p/tests/tests.json": "{}",
      "/q/tests/tests.json": "{}",
    };
    const roots = (dir: string, explicit: string[] = []) => Effect.runPromise(testModuleRoots(dir, explicit).pipe(Effect.provide(layerMemoryFileSystem(files))));
    expect(await roots("/p/tests")).toEqual(["/p/src", "/p/.x07/deps/foo/1.0.0/modules", "/p", "/p/tests"]);
    expect(await roots("/q/tests")).toEqual(["/q/tests"]);
    expect(await roots("/p/tests", ["lib"])).toEqual(["lib"]);
  });

  it("reports an unreadable or malformed manifest as ETEST_MANIFEST_IO / ETEST_MANIFEST_JSON (exit 12)", async () => {
    const io = await run({ manifest: "missing.json" });
    expect([io.exitCode, io.diagnostics.map((d) => d.code)]).toEqual([12, ["ETEST_MANIFEST_IO"]]);
    const mem = (text: string) =>
      Effect.runPromise(runTests({ manifest: "/m/t.json" }).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem({ "/m/t.json": text }))));
    expect((await mem("{not json")).diagnostics.map((d) => d.code)).toEqual(["ETEST_MANIFEST_JSON"]);
    expect((await mem('{"schema_version":"x07.tests_manifest@9.9.9","tests":[]}')).diagnostics.map((d) => d.code)).toEqual(["ETEST_SCHEMA_VERSION"]);
    expect((await mem('{"schema_version":"x07.tests_manifest@0.2.0","tests":[]}')).diagnostics.map((d) => d.code)).toEqual(["ETEST_TESTS_EMPTY"]);
  });

  it("library: a relative manifest is found under options.cwd when the process runs elsewhere", async () => {
    const unit = readFileSync(path.join(FIXTURE, "unit.x07.json"), "utf8");
    const dir = tempTree({
      "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/unit.x07.json": unit,
      "tests/tests.json": JSON.stringify({ schema_version: "x07.tests_manifest@0.2.0", tests: [{ id: "ok", world: "solve-pure", entry: "unit.ok" }] }),
    });
    expect(path.resolve("tests/tests.json")).not.toBe(path.join(dir, "tests/tests.json"));
    const r = await Effect.runPromise(runTests({ manifest: "tests/tests.json", cwd: dir }).pipe(Effect.provide(layerStd), Effect.provide(layerNodeFileSystem)));
    expect(r.exitCode).toBe(0);
    expect(r.report.summary.passed).toBe(1);
    expect(r.report.invocation.manifest_path).toBe(path.join(dir, "tests/tests.json"));
  });

  it("CLI: finds the project above the manifest (relative to the command's cwd) and uses its module roots", async () => {
    const unit = readFileSync(path.join(FIXTURE, "unit.x07.json"), "utf8");
    const dir = tempTree({
      "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/unit.x07.json": unit,
      "tests/tests.json": JSON.stringify({ schema_version: "x07.tests_manifest@0.2.0", tests: [{ id: "ok", world: "solve-pure", entry: "unit.ok" }] }),
    });
    const r = await runCli(["test", "--manifest", "tests/tests.json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.passed).toBe(1);
    // From a subdirectory, the default manifest is found upwards.
    const sub = await runCli(["test"], path.join(dir, "src"));
    expect(sub.code).toBe(0);
    expect(JSON.parse(sub.stdout).invocation.manifest_path).toBe(path.join(dir, "tests/tests.json"));
  });
});

