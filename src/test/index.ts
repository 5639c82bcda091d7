/**
 * The `test` stage (`x07-sdk/test`): unit and property-based tests from a tests manifest.
 *
 * Consumes an `x07.tests_manifest@0.1.0`/`@0.2.0` file and selection options; resolves module roots as
 * upstream's `x07 test` (project roots, lockfile dependencies, project root, manifest directory), builds a
 * driver per test, checks it and runs it in-process with the interpreter; PBT tests go through the `pbt`
 * stage (fast-check generation and shrinking, repro files under `<artifact_dir>/pbt/id_<sha256(id)>/`).
 * Produces an `x07.x07test@0.4.0` {@link X07TestReport} and upstream's exit code (0, 10, 11, 12). Needs
 * effect's `FileSystem` and the `StdModules` service. Emits `ETEST_*`, `X07T_*` and `EDETERMINISM` codes.
 *
 * Branded PBT parameters go through the validator `meta.brands_v1` names for the brand (rejected cases are
 * discarded as skips); a brand without a validator is branded unchecked.
 *
 * Not yet: worlds other than solve-pure (reported as ETEST_WORLD_UNSUPPORTED), interrupting timeouts (the
 * interpreter is bounded by fuel; timeouts are checked once a run is over); `fix --from-pbt` wrappers of a
 * branded property pass the stored case unvalidated (it was a validated failing case).
 * {@link test} runs tests one after another on any FileSystem; {@link testOnWorkers} spreads them over
 * worker threads (Node file system) with the same report.
 *
 * @packageDocumentation
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { InvalidInputError } from "../core/io/errors.ts";
import { makeDiagnostic } from "../diag/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import { matchesExpect, parseRepro } from "../pbt/index.ts";
import type { PbtProgress, PbtRepro } from "../pbt/index.ts";
import { readManifest } from "./internal/manifest.ts";
import type { TestDecl, TestsManifest } from "./internal/manifest.ts";
import { exitCodeOf, summarize, tdiag, toolInfo, X07TEST_SCHEMA_VERSION } from "./internal/report.ts";
import type { TestResult, X07TestReport } from "./internal/report.ts";
import { runOnWorkers } from "./internal/jobs.ts";
import { resolveEntry, testModuleRoots } from "./internal/roots.ts";
import { runPbtTest, runUnitTest } from "./internal/run.ts";
import type { RunContext } from "./internal/run.ts";

export { validateManifest, readManifest, TESTS_MANIFEST_VERSIONS } from "./internal/manifest.ts";
export type { TestDecl, PbtDecl, TestsManifest } from "./internal/manifest.ts";
export { exitCodeOf, X07TEST_SCHEMA_VERSION } from "./internal/report.ts";
export type { X07TestReport, TestResult, TestSummary, TestDiag, RunStep, CompileStep } from "./internal/report.ts";
export { testModuleRoots } from "./internal/roots.ts";

/**
 * Options of a test run (upstream's `x07 test` flags).
 * @since 0.1.0
 * @category models
 */
export interface TestOptions {
  /** The manifest (default `tests/tests.json`). */
  readonly manifest?: string;
  /** Explicit module roots (default: resolved from the project / manifest directory). */
  readonly moduleRoots?: ReadonlyArray<string>;
  readonly filter?: string;
  readonly exact?: boolean;
  /** Run only PBT tests. */
  readonly pbt?: boolean;
  /** Run unit and PBT tests. */
  readonly all?: boolean;
  readonly allowEmpty?: boolean;
  readonly repeat?: number;
  readonly jobs?: number;
  readonly noFailFast?: boolean;
  /** Where repro files (and kept drivers) go (default `target/x07test`). */
  readonly artifactDir?: string;
  readonly keepArtifacts?: boolean;
  readonly pbtSeed?: bigint;
  /** Replay exactly this repro file (needs `pbt`). */
  readonly pbtRepro?: string;
  readonly pbtCases?: number;
  readonly pbtMaxShrinks?: number;
  readonly pbtCaseFuel?: number;
  readonly pbtCaseTimeoutMs?: number;
  readonly pbtCaseMemBytes?: number;
  readonly pbtCaseOutputBytes?: number;
  readonly onProgress?: (p: PbtProgress) => void;
  /** @internal Restrict the run to these ids (used by `--jobs` workers). */
  readonly onlyIds?: ReadonlyArray<string>;
  /** Recorded in the report's invocation. */
  readonly argv?: ReadonlyArray<string>;
  readonly cwd?: string;
}

/**
 * A finished run: the report, its exit code, and the manifest-level diagnostics (when the manifest or an
 * entry was invalid, no test ran and the report counts them as errors).
 * @since 0.1.0
 * @category models
 */
export interface TestRun {
  readonly report: X07TestReport;
  readonly exitCode: 0 | 10 | 11 | 12;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

const argsError = (message: string) => new InvalidInputError({ diagnostics: [makeDiagnostic("X07-TOOL-ARGS-0001", message)] });

const invocation = (o: TestOptions, manifest: string, moduleRoot?: string): X07TestReport["invocation"] => ({
  argv: o.argv ?? [],
  cwd: o.cwd ?? "",
  started_at_unix_ms: 0,
  repeat: o.repeat ?? 1,
  jobs: o.jobs ?? 1,
  manifest_path: manifest,
  ...(moduleRoot !== undefined ? { module_root: moduleRoot } : {}),
});

const loadRepro = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const text = yield* fs.readFileString(path).pipe(Effect.mapError(() => argsError(`cannot read PBT repro ${path}`)));
    const r = parseRepro(text);
    if (!r.ok) return yield* Effect.fail(argsError(`${path} is not a valid x07.pbt.repro@0.1.0: ${r.message}`));
    return r.repro;
  });

/** A relative manifest path that does not exist is looked for in the parent directories (as upstream). */
const findManifest = (p: string, cwd: string | undefined) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const exists = (q: string) => fs.exists(q).pipe(Effect.orElseSucceed(() => false));
    if (nodePath.isAbsolute(p) || (yield* exists(p))) return p;
    // Not where the file system resolves relative paths: the caller's cwd (a library caller whose process runs
    // elsewhere), then each directory above it.
    if (cwd !== undefined && (yield* exists(nodePath.resolve(cwd, p)))) return nodePath.resolve(cwd, p);
    let d = nodePath.dirname(nodePath.resolve(cwd ?? process.cwd(), "x"));
    for (;;) {
      const up = nodePath.dirname(d);
      if (up === d) return p;
      d = up;
      if (yield* exists(nodePath.join(d, p))) return nodePath.join(d, p);
    }
  });

/**
 * The tests a run would execute: with manifest-level diagnostics (and no manifest) when it is invalid.
 * @since 0.1.0
 * @category models
 */
export interface TestSelection {
  readonly manifestPath: string;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly manifest?: TestsManifest;
  readonly tests: ReadonlyArray<TestDecl>;
  readonly repro?: PbtRepro;
}

/**
 * Reads the manifest and selects tests as the options say (sorted by id); no test runs.
 * @since 0.1.0
 * @category stages
 */
export const selectTests = (options: TestOptions = {}) =>
  Effect.gen(function* () {
    if (options.pbt === true && options.all === true) return yield* Effect.fail(argsError("--pbt and --all are mutually exclusive"));
    if (options.pbtRepro !== undefined && options.pbt !== true) return yield* Effect.fail(argsError("--pbt-repro requires --pbt"));
    const manifestPath = yield* findManifest(options.manifest ?? "tests/tests.json", options.cwd);
    const read = yield* readManifest(manifestPath, { ...(options.allowEmpty !== undefined ? { allowEmpty: options.allowEmpty } : {}) });
    if (read.manifest === undefined) return { manifestPath, diagnostics: read.diagnostics, tests: [] } satisfies TestSelection as TestSelection;
    const manifest: TestsManifest = read.manifest;
    let tests = [...manifest.tests];
    if (options.filter !== undefined) tests = tests.filter((t) => (options.exact === true ? t.id === options.filter : t.id.includes(options.filter!)));
    tests = tests.filter((t) => (options.pbt === true ? t.pbt !== undefined : options.all === true ? true : t.pbt === undefined));
    if (options.onlyIds !== undefined) tests = tests.filter((t) => options.onlyIds!.includes(t.id));
    let repro: PbtRepro | undefined;
    if (options.pbtRepro !== undefined) {
      repro = yield* loadRepro(options.pbtRepro);
      const id = repro.test.id;
      tests = tests.filter((t) => t.id === id);
      if (tests.length === 0) return yield* Effect.fail(argsError(`--pbt-repro: test ${JSON.stringify(id)} is not in the manifest (after filters)`));
      if (tests[0]!.entry !== repro.test.entry) return yield* Effect.fail(argsError(`--pbt-repro: the repro's entry ${repro.test.entry} is not the test's entry ${tests[0]!.entry}`));
    }
    tests.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (tests.length === 0 && options.allowEmpty !== true)
      return yield* Effect.fail(argsError(`0 tests selected (manifest had ${manifest.tests.length}); pass --allow-empty to treat this as success`));
    return { manifestPath, diagnostics: [], manifest, tests, ...(repro !== undefined ? { repro } : {}) } satisfies TestSelection as TestSelection;
  });

/**
 * Runs the selected tests of a manifest and returns the `x07.x07test@0.4.0` report with its exit code.
 * @since 0.1.0
 * @category stages
 */
export const test = (options: TestOptions = {}) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const elapsed = () => Math.round(performance.now() - t0);
    const repeat = options.repeat ?? 1;
    const jobs = options.jobs ?? 1;
    if (!Number.isInteger(repeat) || repeat < 1) return yield* Effect.fail(argsError("--repeat must be ≥ 1"));
    if (!Number.isInteger(jobs) || jobs < 1) return yield* Effect.fail(argsError("--jobs must be ≥ 1"));
    if (jobs !== 1 && options.noFailFast !== true) return yield* Effect.fail(argsError("--jobs >1 requires --no-fail-fast"));
    const sel = yield* selectTests(options);
    const errorReport = (diagnostics: ReadonlyArray<Diagnostic>): TestRun => {
      const report: X07TestReport = {
        schema_version: X07TEST_SCHEMA_VERSION,
        tool: toolInfo(),
        invocation: invocation(options, sel.manifestPath, options.moduleRoots?.[0]),
        summary: summarize([], elapsed(), Math.max(1, diagnostics.length)),
        tests: [],
      };
      return { report, exitCode: 12, diagnostics };
    };
    if (sel.manifest === undefined) return errorReport(sel.diagnostics);
    const manifest = sel.manifest;
    const roots = yield* testModuleRoots(manifest.dir, options.moduleRoots ?? [], options.cwd);
    // Entries are resolved for every test of the manifest before anything runs (as upstream).
    const kinds = new Map<string, { kind: "defn" | "defasync"; result: string }>();
    const entryDiags: Diagnostic[] = [];
    for (const [i, t] of manifest.tests.entries()) {
      const e = yield* resolveEntry(roots, t.entry);
      if (e === undefined) entryDiags.push(makeDiagnostic("ETEST_ENTRY_INVALID", `test ${JSON.stringify(t.id)}: entry ${t.entry} is not a defn/defasync under the module roots`, { ptr: `/tests/${i}/entry`, file: manifest.path }));
      else kinds.set(t.id, e);
    }
    if (entryDiags.length > 0) return errorReport(entryDiags);

    const ctx: RunContext = {
      moduleRoots: roots,
      repeat,
      artifactDir: options.artifactDir ?? "target/x07test",
      keepArtifacts: options.keepArtifacts === true,
      suiteSeed: options.pbtSeed ?? 0n,
      overrides: {
        ...(options.pbtCases !== undefined ? { cases: options.pbtCases } : {}),
        ...(options.pbtMaxShrinks !== undefined ? { maxShrinks: options.pbtMaxShrinks } : {}),
        ...(options.pbtCaseFuel !== undefined ? { fuel: options.pbtCaseFuel } : {}),
        ...(options.pbtCaseTimeoutMs !== undefined ? { timeoutMs: options.pbtCaseTimeoutMs } : {}),
        ...(options.pbtCaseMemBytes !== undefined ? { memBytes: options.pbtCaseMemBytes } : {}),
        ...(options.pbtCaseOutputBytes !== undefined ? { outputBytes: options.pbtCaseOutputBytes } : {}),
      },
      ...(sel.repro !== undefined ? { repro: sel.repro } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      cache: new Map(),
      now: () => performance.now(),
    };
    const results: TestResult[] = [];
    let failFast = false;
    for (const t of sel.tests) {
      const k = kinds.get(t.id)!;
      const base = { id: t.id, world: t.world, expect: t.expect, entry_kind: k.kind, entry: t.entry, ...(t.fixtureRoot !== undefined ? { fixture_root: t.fixtureRoot } : {}) };
      if (failFast) {
        results.push({ ...base, status: "skip", duration_ms: 0, diags: [tdiag("EFAIL_FAST", "skipped due to earlier failure (fail-fast)")] });
        continue;
      }
      const r: TestResult =
        t.expect === "skip"
          ? { ...base, status: "skip", duration_ms: 0 }
          : t.pbt !== undefined
            ? yield* runPbtTest(ctx, t, base)
            : yield* runUnitTest(ctx, t, base, k.result);
      results.push(r);
      if (options.noFailFast !== true && !matchesExpect(r.expect, r.status)) failFast = true;
    }
    const report: X07TestReport = {
      schema_version: X07TEST_SCHEMA_VERSION,
      tool: toolInfo(),
      invocation: invocation(options, manifest.path, options.moduleRoots?.[0] ?? manifest.dir),
      summary: summarize(results, elapsed()),
      tests: results,
    };
    return { report, exitCode: exitCodeOf(report), diagnostics: [] } satisfies TestRun;
  });

/**
 * {@link test} with `jobs` worker threads (Node file system only: workers read the project from `cwd`). The
 * report equals the sequential one apart from durations; with one job, or fewer than two selected tests,
 * it is the sequential run.
 * @since 0.1.0
 * @category stages
 */
export const testOnWorkers = (options: TestOptions & { readonly cwd: string }) =>
  Effect.gen(function* () {
    const jobs = options.jobs ?? 1;
    if (jobs !== 1 && options.noFailFast !== true) return yield* Effect.fail(argsError("--jobs >1 requires --no-fail-fast"));
    const sel = yield* selectTests(options);
    if (jobs <= 1 || sel.manifest === undefined || sel.tests.length < 2) return yield* test(options);
    // Preflight: the manifest-wide checks (entries) without running anything.
    const pre = yield* test({ ...options, jobs: 1, onlyIds: [], allowEmpty: true });
    if (pre.diagnostics.length > 0) return pre;
    const t0 = performance.now();
    const { onProgress: _drop, ...plain } = options;
    const results = yield* Effect.tryPromise({
      try: () => runOnWorkers(options.cwd, plain, sel.tests.map((t) => t.id), jobs),
      catch: (e) => new InvalidInputError({ diagnostics: [makeDiagnostic("X07-INTERNAL-0001", `a --jobs worker failed: ${e instanceof Error ? e.message : String(e)}`)] }),
    });
    const report: X07TestReport = {
      ...pre.report,
      summary: summarize(results, Math.round(performance.now() - t0)),
      tests: results,
    };
    return { report, exitCode: exitCodeOf(report), diagnostics: [] } satisfies TestRun as TestRun;
  });

