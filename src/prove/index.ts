/**
 * The `prove` stage (`x07-sdk/prove`): proof-support coverage, SMT proofs of contracts, counterexamples
 * that replay, proof objects and their independent replay.
 *
 * - {@link verifyCoverage}: the reachable closure of an entry (bodies and contract clauses) with each symbol's
 *   status and the `x07.verify.coverage@0.4.0` counters. Pure.
 * - {@link prove}: proves every obligation of an entry (ensures, invariants, callee requires, traps, unwinding,
 *   measures) with the engine over the in-process z3 (the {@link Z3} service; {@link layerZ3} starts
 *   `z3-solver` once and stops it when released). Returns the engine's verdict, the obligations as one
 *   deterministic SMT-LIB2 script and its digest.
 * - {@link verifyProve} / {@link verifyCoverageRun}: what `x07 verify --prove` / `--coverage` do — resolve the
 *   project, check, prove, and write upstream's artifacts (report `x07.verify.report@0.8.0`, `cex.json`,
 *   proof summary, proof object, obligations, transcript, proof-check report, the closure-keyed cache).
 * - {@link proveCheck}: what `x07 prove check` does — replay a proof object against the current sources.
 *
 * Verdicts and reasons carry upstream's `X07V_*` / `X07PROOF_*` codes. See `src/prove/README.md`.
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
import { proveSymbol } from "./internal/engine/index.ts";
import type { ProveOptions, SymbolProof } from "./internal/outcome.ts";
import { engineIdOf, renderObligations } from "./internal/artifacts/documents.ts";
import { prefixedSha256 } from "./internal/artifacts/canon.ts";
import { runCoverage, runProve } from "./internal/artifacts/run.ts";
import { checkProof } from "./internal/proof-check/check.ts";

export type { Coverage, CoverageReason, CoverageRow, CoverageStatus, CoverageSummary, RecursionKind } from "./internal/coverage.ts";
export type { ClauseResult, ClauseVerdict, I32ProveOutcome } from "./internal/prove-i32.ts";
export type { SolveAnswer, StartZ3Options, Z3Api, Z3Handle } from "./internal/z3.ts";
export type { ReplayResult } from "./internal/replay.ts";
export { encodeI32Obligations } from "./internal/encode-i32.ts";
export { coverageDocument, coverageSummaryDocument, VERIFY_COVERAGE_SCHEMA_VERSION, VERIFY_SUMMARY_SCHEMA_VERSION } from "./internal/coverage-doc.ts";
export type { CoverageOptions, CoverageDiag, DeclOrigin, ImportedSummary, UsedSummary } from "./internal/coverage.ts";
export type {
  BoundKind,
  CexReplay,
  CexValue,
  ClauseRef,
  Counterexample,
  Encoding,
  ObligationKind,
  ObligationResult,
  ProveDiag,
  ProveOptions,
  SolverResult,
  SymbolProof,
} from "./internal/outcome.ts";
export { VERIFY_ENGINE } from "./internal/outcome.ts";
export type { VerifyRunOptions, VerifyRunResult, ObligationTiming } from "./internal/artifacts/run.ts";
export type { ProofCheckOutcome } from "./internal/proof-check/check.ts";
export { PRIMITIVE_CATALOG, PRIMITIVE_MANIFEST_DIGEST } from "./internal/artifacts/primitives.ts";
export { engineIdOf, renderObligations } from "./internal/artifacts/documents.ts";
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

export { Z3, layerZ3, layerZ3With } from "./internal/z3-service.ts";

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

/**
 * The engine failed (threw) while proving: an SDK bug, reported with its message.
 * @since 0.1.0
 * @category errors
 */
export class ProveEngineError extends Error {
  readonly _tag = "ProveEngineError";
  constructor(
    readonly entry: string,
    readonly detail: string,
  ) {
    super(`the prover failed on ${entry}: ${detail}`);
  }
}

/**
 * What {@link prove} returns: the engine's verdict with every obligation, the engine id recorded in
 * artifacts (`ts_z3_v1`, with `+parity_upstream` / `+allow_traps` for the weaker readings), the obligations
 * as one SMT-LIB2 script (what `verify.smt2` holds) and its `sha256:` digest, and the solver's start-up time.
 * @since 0.1.0
 * @category models
 */
export interface ProveResult {
  readonly proof: SymbolProof;
  readonly engine: string;
  readonly obligationsText: string;
  readonly obligationDigest: string;
  readonly solverStartupMs: number;
}

/**
 * Proves the contracts of `options.entry` in a checked program: requires assumed, every ensures/invariant
 * asserted at every exit, callee requires asserted at call sites, traps as obligations (unless
 * `allowTraps`), loops unrolled to `unwind` with an unwinding obligation (an exceedable bound is
 * inconclusive, never proven) or proved inductively from loop contracts. A counterexample is only returned
 * after the interpreter reproduced the violation.
 * @since 0.1.0
 * @category stages
 */
export const prove = (program: CheckedProgram, options: ProveOptions): Effect.Effect<ProveResult, ProveTargetError | ProveEngineError, Z3> =>
  Effect.gen(function* () {
    const fn = program.functions.get(options.entry);
    if (fn === undefined) return yield* Effect.fail(new ProveTargetError(options.entry));
    const z3 = yield* Z3;
    const proof = yield* Effect.tryPromise({ try: () => proveSymbol(program, z3, options), catch: (e) => new ProveEngineError(options.entry, String((e as Error)?.message ?? e)) });
    const engine = engineIdOf({ allowTraps: options.allowTraps ?? false, parity: options.parity ?? "sound" });
    const obligationsText = renderObligations(proof.obligations, { entry: options.entry, engine, unwind: proof.bounds.unwind, maxBytesLen: proof.bounds.maxBytesLen });
    return { proof, engine, obligationsText, obligationDigest: prefixedSha256(obligationsText), solverStartupMs: z3.startupMs };
  });

/**
 * `x07 verify --prove`: resolves the project, checks the entry's module, proves, writes the artifacts and
 * returns the report with its exit code (0 proven, 10 counterexample, 2 unsupported/inconclusive, 1 error).
 * Failures are reports, so the Effect does not fail.
 * @since 0.1.0
 * @category stages
 */
export const verifyProve = runProve;

/**
 * `x07 verify --coverage`: the coverage report (exit 0) and `verify.summary.json`.
 * @since 0.1.0
 * @category stages
 */
export const verifyCoverageRun = runCoverage;

/**
 * `x07 prove check`: replays a proof object (path relative to `cwd`) and returns the
 * `x07.verify.proof_check.report@0.2.0` document and whether it was accepted. A rejection is data (with an
 * `X07PROOF_*` diagnostic), not a failure of the Effect.
 * @since 0.1.0
 * @category stages
 */
export const proveCheck = checkProof;

/**
 * @internal What the CLI needs beyond the stage API: `x07 prove check` as a report run, the verify report
 * builder for argument errors, and starting z3 directly (one handle shared by the commands of a process).
 */
export { runProveCheck } from "./internal/artifacts/run.ts";
export { verifyReport } from "./internal/artifacts/documents.ts";
export { startZ3 } from "./internal/z3.ts";
