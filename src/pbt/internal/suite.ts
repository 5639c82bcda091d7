/**
 * One property run: fast-check generates the arguments (from the manifest's generators, seeded by the test
 * id) and shrinks a failure; each case is encoded as case bytes and run through the checked driver with the
 * interpreter under the per-case budget. Only the first failure's kind is shrunk: a candidate counts as
 * failing when it fails the same way (an assert stays an assert), so the minimal case reproduces the
 * original failure. `max_shrinks` caps evaluated shrink candidates; past it every candidate is answered
 * "passes" so fast-check settles on the smallest failure seen.
 */
import fc from "fast-check";
import type { CheckedProgram } from "../../check/index.ts";
import { interp } from "../../interp/index.ts";
import type { RunOutcome } from "../../interp/index.ts";
import { encodeCase } from "./case-bytes.ts";
import type { CaseValue } from "./case-bytes.ts";
import { fastCheckSeed } from "./seed.ts";
import { parseStatusV1 } from "./status.ts";
import type { CaseBudget, FailureKind } from "./repro.ts";

/**
 * A generator from the manifest (`pbt.params[].gen`), with defaults applied.
 * @since 0.1.0
 * @category models
 */
export type PbtGen = { readonly kind: "i32"; readonly min: number; readonly max: number } | { readonly kind: "bytes"; readonly maxLen: number };

/**
 * Progress of a long run.
 * @since 0.1.0
 * @category models
 */
export interface PbtProgress {
  readonly testId: string;
  readonly phase: "generate" | "shrink";
  readonly cases: number;
  readonly shrinks: number;
}

/**
 * How one case ended.
 * @since 0.1.0
 * @category models
 */
export type CaseVerdict =
  | { readonly kind: "status"; readonly tag: number; readonly code: number; readonly bytesEq?: { readonly [k: string]: unknown } }
  | { readonly kind: "failure"; readonly failure: FailureKind; readonly trapId?: string; readonly trapMessage?: string };

/** Runs one case through the driver. */
export const runCase = (program: CheckedProgram, caseBytes: Uint8Array, budget: CaseBudget): { run: RunOutcome; verdict: CaseVerdict } => {
  const t0 = performance.now();
  const run = interp(program, { input: caseBytes, fuel: budget.fuel, maxMemoryBytes: budget.max_mem_bytes, maxOutputBytes: budget.max_output_bytes });
  // The interpreter cannot be interrupted, so the wall-clock limit is checked after the run (fuel bounds it).
  if (performance.now() - t0 > budget.timeout_ms) return { run, verdict: { kind: "failure", failure: "timeout", trapMessage: "wall timeout" } };
  if (!run.ok) {
    const failure: FailureKind = run.trap.code === "X07I_TRAP_FUEL" ? "fuel" : "trap";
    return { run, verdict: { kind: "failure", failure, trapId: run.trap.code, trapMessage: run.trap.message } };
  }
  const st = parseStatusV1(run.output);
  if (typeof st === "string") return { run, verdict: { kind: "failure", failure: "trap", trapId: "EBAD_STATUS", trapMessage: st } };
  return { run, verdict: { kind: "status", tag: st.tag, code: st.code, ...(st.bytesEq !== undefined ? { bytesEq: st.bytesEq } : {}) } };
};

/** Inputs of a suite run. */
export interface SuiteInput {
  readonly testId: string;
  readonly program: CheckedProgram;
  readonly gens: ReadonlyArray<PbtGen>;
  readonly cases: number;
  readonly maxShrinks: number;
  readonly budget: CaseBudget;
  readonly effectiveSeed: bigint;
  readonly onProgress?: (p: PbtProgress) => void;
}

/**
 * The failing case a suite settled on.
 * @since 0.1.0
 * @category models
 */
export interface SuiteFailure {
  readonly kind: FailureKind;
  readonly values: ReadonlyArray<CaseValue>;
  readonly caseBytes: Uint8Array;
  readonly verdict: CaseVerdict;
  readonly run: RunOutcome;
}

/**
 * What a suite observed.
 * @since 0.1.0
 * @category models
 */
export interface SuiteResult {
  readonly attempted: number;
  readonly shrinkAttempted: number;
  /** The run reported for the test: the final counterexample's, else the last case's. */
  readonly lastRun: RunOutcome | undefined;
  /** The last non-skipped status (tag 2 when every case was skipped). */
  readonly status: { readonly tag: number; readonly code: number } | undefined;
  readonly failure?: SuiteFailure;
}

const arbitraryOf = (g: PbtGen): fc.Arbitrary<number | Uint8Array> =>
  g.kind === "i32" ? fc.integer({ min: g.min, max: g.max }) : fc.uint8Array({ maxLength: g.maxLen });

const isFailing = (v: CaseVerdict): boolean => v.kind === "failure" || v.tag === 0;
const kindOf = (v: CaseVerdict): FailureKind => (v.kind === "failure" ? v.failure : "assert");

/** Runs up to `cases` generated cases, stopping at the first failure and shrinking it. */
export const runSuite = (input: SuiteInput): SuiteResult => {
  const { program, gens, budget } = input;
  let attempted = 0;
  let shrinkAttempted = 0;
  let lastRun: RunOutcome | undefined;
  let status: { tag: number; code: number } | undefined;
  let sawSkip = false;
  let failure: SuiteFailure | undefined;
  const progress = (phase: PbtProgress["phase"]) => input.onProgress?.({ testId: input.testId, phase, cases: attempted, shrinks: shrinkAttempted });

  const evaluate = (args: ReadonlyArray<number | Uint8Array>) => {
    const values: CaseValue[] = args.map((a, i) => (gens[i]!.kind === "i32" ? { ty: "i32", value: a as number } : { ty: "bytes", value: a as Uint8Array }));
    const caseBytes = encodeCase(values);
    return { values, caseBytes, ...runCase(program, caseBytes, budget) };
  };

  const predicate = (...args: Array<number | Uint8Array>): boolean => {
    if (failure === undefined) {
      attempted++;
      const c = evaluate(args);
      lastRun = c.run;
      if ((attempted & 255) === 0) progress("generate");
      if (isFailing(c.verdict)) {
        failure = { kind: kindOf(c.verdict), values: c.values, caseBytes: c.caseBytes, verdict: c.verdict, run: c.run };
        return false;
      }
      if (c.verdict.kind === "status" && c.verdict.tag !== 2) status = { tag: c.verdict.tag, code: c.verdict.code };
      else sawSkip = true;
      return true;
    }
    if (shrinkAttempted >= input.maxShrinks) return true;
    shrinkAttempted++;
    if ((shrinkAttempted & 63) === 0) progress("shrink");
    const c = evaluate(args);
    if (isFailing(c.verdict) && kindOf(c.verdict) === failure.kind) {
      failure = { kind: failure.kind, values: c.values, caseBytes: c.caseBytes, verdict: c.verdict, run: c.run };
      return false;
    }
    return true;
  };

  const arbs = gens.map(arbitraryOf);
  const property = fc.property(...(arbs as [fc.Arbitrary<number | Uint8Array>]), predicate as (a: number | Uint8Array) => boolean);
  fc.check(property, { seed: fastCheckSeed(input.effectiveSeed), numRuns: input.cases, verbose: 0 });
  progress(failure === undefined ? "generate" : "shrink");

  if (failure !== undefined) {
    const v = failure.verdict;
    return { attempted, shrinkAttempted, lastRun: failure.run, status: v.kind === "status" ? { tag: v.tag, code: v.code } : undefined, failure };
  }
  return { attempted, shrinkAttempted, lastRun, status: status ?? (sawSkip ? { tag: 2, code: 0 } : undefined) };
};
