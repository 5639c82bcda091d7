/**
 * The `prove` stage (`x07-sdk/prove`): proof-support coverage and SMT proofs of contracts.
 *
 * Consumes a {@link CheckedProgram} and an entry symbol. {@link verifyCoverage} is pure: the reachable
 * closure (bodies and contract clauses) with each symbol's status and the `x07.verify.coverage@0.4.0`
 * counters. {@link proveEnsuresI32} encodes an i32-fragment function to SMT-LIB2 over 32-bit bitvectors
 * (one deterministic obligation per `ensures` clause, `requires` assumed) and solves it with z3 in-process
 * (the {@link Z3} service; {@link layerZ3} starts `z3-solver` once and stops its threads when the layer is
 * released). Reasons and verdicts carry upstream's `X07V_*` codes.
 *
 * Not yet: bytes/views, option/result, loops, calls, `return`, traps as obligations, recursion, reports,
 * counterexample replay, proof objects, `prove check` (issue 8).
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import type { CheckedProgram } from "../check/index.ts";
import { computeCoverage } from "./internal/coverage.ts";
import type { Coverage } from "./internal/coverage.ts";
import { proveI32 } from "./internal/prove-i32.ts";
import type { I32ProveOutcome } from "./internal/prove-i32.ts";
import { replayEnsures } from "./internal/replay.ts";
import { Z3 } from "./internal/z3-service.ts";

export type { Coverage, CoverageReason, CoverageRow, CoverageStatus, CoverageSummary, RecursionKind } from "./internal/coverage.ts";
export type { ClauseResult, ClauseVerdict, I32ProveOutcome } from "./internal/prove-i32.ts";
export type { SolveAnswer, Z3Handle } from "./internal/z3.ts";
export type { ReplayResult } from "./internal/replay.ts";
export { encodeI32Obligations } from "./internal/encode-i32.ts";
export { coverageDocument, VERIFY_COVERAGE_SCHEMA_VERSION } from "./internal/coverage-doc.ts";
export type { Obligation } from "./internal/encode-i32.ts";

/**
 * The entry symbol is not a checked function of the program.
 * @since 0.1.0
 * @category errors
 */
export class ProveTargetError extends Error {
  readonly _tag = "ProveTargetError";
  constructor(readonly entry: string) {
    super(`entry ${entry} is not a function of the checked program`);
  }
}

/**
 * Coverage of an entry: every reachable symbol with its proof-support status, and the counters.
 * @since 0.1.0
 * @category stages
 */
export const verifyCoverage = (program: CheckedProgram, options: { readonly entry: string }): Effect.Effect<Coverage, ProveTargetError> => {
  const c = computeCoverage(program, options.entry);
  return c === undefined ? Effect.fail(new ProveTargetError(options.entry)) : Effect.succeed(c);
};

export { Z3, layerZ3 } from "./internal/z3-service.ts";

/**
 * Proves each `ensures` clause of an i32-fragment function (requires assumed), one solver query per clause.
 * Every counterexample is re-run through the interpreter and carries the concrete run's `replay` result
 * (it must be `violated`; anything else is a prover bug the caller reports as an internal error).
 * @since 0.1.0
 * @category stages
 */
export const proveEnsuresI32 = (
  program: CheckedProgram,
  options: { readonly entry: string; readonly timeoutMs?: number },
): Effect.Effect<I32ProveOutcome, ProveTargetError, Z3> =>
  Effect.gen(function* () {
    const fn = program.functions.get(options.entry);
    if (fn === undefined) return yield* Effect.fail(new ProveTargetError(options.entry));
    const z3 = yield* Z3;
    const outcome = yield* Effect.promise(() => proveI32(fn, z3, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}));
    if (outcome.kind !== "checked") return outcome;
    const clauses = outcome.clauses.map((c) =>
      c.verdict.kind === "counterexample_found"
        ? { ...c, verdict: { ...c.verdict, replay: replayEnsures(program, fn, c.clauseIndex, c.verdict.inputs.map((i) => i.value)) } }
        : c,
    );
    return { kind: "checked", clauses } satisfies I32ProveOutcome;
  });
