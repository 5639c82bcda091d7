/**
 * The `x07.x07test@0.4.0` report: per-test results, the summary and the exit code (upstream's table:
 * 11 when any test failed to compile, else 12 when any run failed, else 10 when any status is not what the
 * test expected, else 0).
 */
import type { DiagnosticCode } from "../../diag/index.ts";
import type { Expect, TestStatus } from "../../pbt/index.ts";
import type { RunOutcome } from "../../interp/index.ts";
import { SDK_VERSION } from "../../version.ts";
import { matchesExpect } from "../../pbt/index.ts";

/**
 * X07TEST_SCHEMA_VERSION.
 * @since 0.1.0
 * @category models
 */
export const X07TEST_SCHEMA_VERSION = "x07.x07test@0.4.0";

/**
 * A diagnostic attached to a test (the report's own small shape).
 * @since 0.1.0
 * @category models
 */
export interface TestDiag {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly details?: { readonly [k: string]: unknown };
}

/** Makes a test diagnostic for a code of our table. */
export const tdiag = (code: DiagnosticCode | "EFAIL_FAST" | "EDETERMINISM" | "EBAD_STATUS", message: string, details?: { readonly [k: string]: unknown }): TestDiag => ({
  code,
  message,
  ...(details !== undefined ? { details } : {}),
});

/**
 * CompileStep.
 * @since 0.1.0
 * @category models
 */
export interface CompileStep {
  readonly ok: boolean;
  readonly exit_code?: number;
  readonly compiler_diags?: ReadonlyArray<TestDiag>;
}

/**
 * RunStep.
 * @since 0.1.0
 * @category models
 */
export interface RunStep {
  readonly ok: boolean;
  readonly exit_code?: number;
  readonly fuel_used?: number;
  readonly mem_stats?: { readonly [k: string]: number };
  readonly sched_stats?: { readonly [k: string]: unknown };
  readonly solve_output_b64?: string;
  readonly stdout_b64?: string;
  readonly stderr_b64?: string;
  readonly failure_code_u32?: number;
}

/**
 * One test's result.
 * @since 0.1.0
 * @category models
 */
export interface TestResult {
  readonly id: string;
  readonly world: string;
  readonly expect: Expect;
  readonly status: TestStatus;
  readonly duration_ms: number;
  readonly entry_kind: "defn" | "defasync";
  readonly failure_kind?: string;
  readonly entry?: string;
  readonly fixture_root?: string;
  readonly compile?: CompileStep;
  readonly run?: RunStep;
  readonly diags?: ReadonlyArray<TestDiag>;
}

/**
 * TestSummary.
 * @since 0.1.0
 * @category models
 */
export interface TestSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errors: number;
  readonly xfail_passed: number;
  readonly xfail_failed: number;
  readonly duration_ms: number;
  readonly compile_failures: number;
  readonly run_failures: number;
}

/**
 * The report.
 * @since 0.1.0
 * @category models
 */
export interface X07TestReport {
  readonly schema_version: typeof X07TEST_SCHEMA_VERSION;
  readonly tool: { readonly name: "x07"; readonly version: string };
  readonly invocation: {
    readonly argv: ReadonlyArray<string>;
    readonly cwd: string;
    readonly started_at_unix_ms: number;
    readonly repeat: number;
    readonly jobs: number;
    readonly manifest_path?: string;
    readonly module_root?: string;
  };
  readonly summary: TestSummary;
  readonly tests: ReadonlyArray<TestResult>;
}

/** The run step of a report from an interpreter outcome. */
export const runStep = (r: RunOutcome, failureCode?: number): RunStep => ({
  ok: r.ok,
  exit_code: r.ok ? 0 : 1,
  fuel_used: r.stats.fuel_used,
  mem_stats: { ...r.stats.mem_stats },
  ...(r.stats.sched_stats !== null ? { sched_stats: { ...r.stats.sched_stats } } : {}),
  solve_output_b64: r.ok ? Buffer.from(r.output).toString("base64") : "",
  stdout_b64: "",
  stderr_b64: "",
  ...(failureCode !== undefined ? { failure_code_u32: failureCode } : {}),
});

/** Counts statuses and failures. */
export const summarize = (tests: ReadonlyArray<TestResult>, durationMs: number, extraErrors = 0): TestSummary => {
  const s = { passed: 0, failed: 0, skipped: 0, errors: extraErrors, xfail_passed: 0, xfail_failed: 0, duration_ms: durationMs, compile_failures: 0, run_failures: 0 };
  for (const t of tests) {
    if (t.status === "pass") s.passed++;
    else if (t.status === "fail") s.failed++;
    else if (t.status === "skip") s.skipped++;
    else if (t.status === "xfail_pass") s.xfail_passed++;
    else if (t.status === "xfail_fail") s.xfail_failed++;
    else s.errors++;
    if (t.compile !== undefined && !t.compile.ok) s.compile_failures++;
    if (t.run !== undefined && !t.run.ok) s.run_failures++;
  }
  return s;
};

/**
 * Upstream's exit-code table for a finished run.
 * @since 0.1.0
 * @category running
 */
export const exitCodeOf = (r: X07TestReport): 0 | 10 | 11 | 12 => {
  if (r.summary.compile_failures > 0) return 11;
  if (r.summary.run_failures > 0) return 12;
  return r.tests.some((t) => !matchesExpect(t.expect, t.status)) ? 10 : 0;
};

export const toolInfo = (): X07TestReport["tool"] => ({ name: "x07", version: SDK_VERSION });
