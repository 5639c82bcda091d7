/**
 * The `review` stage (`x07-sdk/review`): `x07 review diff` as a library.
 *
 * {@link reviewDiff} compares two snapshots of a project (two directories, or two files) the way
 * upstream's `x07 review diff` does: x07AST declarations, project worlds and run caps, the arch
 * manifest, boundary index, trust profiles, capsules and budgets, sandbox policies, proof coverage,
 * trust certificates, lockfiles, dependency closures, peer policies and runtime attestations. The
 * security-relevant deltas are pulled out into 20 highlight lists; each of the 26 `--fail-on` gates
 * ({@link REVIEW_GATES}) fires on some of them and may add an `X07RD_*` diagnostic. The result carries the
 * `x07.review.diff@0.5.0` report, its canonical JSON and a self-contained HTML page (byte-identical for
 * the same inputs) and the exit code (20 when a gate fired or a diagnostic exists).
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import type { FileSystem } from "effect";
import { writeText } from "../core/io/index.ts";
import type { X07Error } from "../core/io/index.ts";
import { runReviewDiff } from "./internal/run.ts";
import type { ReviewDiffOptions, ReviewDiffResult } from "./internal/run.ts";
import type { ReviewGate } from "./internal/gates.ts";

export { REVIEW_GATES, GATES as REVIEW_GATE_TABLE, isReviewGate } from "./internal/gates.ts";
export type { ReviewGate } from "./internal/gates.ts";
export { DEFAULT_EXCLUDES, DEFAULT_INCLUDES } from "./internal/run.ts";
export type { ReviewDiffOptions, ReviewDiffResult } from "./internal/run.ts";
export type { Change, FileDiff, Highlights, HighlightKey, ReviewDiffReport, Snapshot, Summary } from "./internal/model.ts";
export { HIGHLIGHT_KEYS } from "./internal/model.ts";
export { scanSensitive, SENSITIVE_NAMESPACES, BUDGET_LIMIT_KEYS } from "./internal/scan.ts";
export type { BudgetScopeHit, SensitiveScan } from "./internal/scan.ts";
export { htmlEscape } from "./internal/html.ts";
export { CERTIFY_DEFAULT_REVIEW_GATES, renderReviewText } from "./internal/text.ts";

/**
 * Diffs snapshot `from` against snapshot `to` (both directories or both files; relative paths resolve
 * through the FileSystem service) and applies the `--fail-on` gates in `gates`. Fails with
 * `InvalidInputError` (code `X07RD_EINPUT`) when a path is missing, the kinds differ, or a glob is invalid.
 *
 * @example
 * ```ts
 * const r = yield* reviewDiff("baseline", "candidate", ["world-capability", "allow-unsafe"]);
 * if (r.exitCode === 20) console.log(r.firedGates);
 * ```
 * @since 0.1.0
 * @category review
 */
export const reviewDiff = (
  from: string,
  to: string,
  gates: ReadonlyArray<ReviewGate> = [],
  options: ReviewDiffOptions = {},
): Effect.Effect<ReviewDiffResult, X07Error, FileSystem.FileSystem> => runReviewDiff(from, to, gates, options);

/**
 * Writes a review diff's HTML page (and, when `jsonOut` is given, its JSON report) atomically.
 * @since 0.1.0
 * @category review
 */
export const writeReviewDiff = (result: ReviewDiffResult, out: { readonly htmlOut: string; readonly jsonOut?: string | undefined }): Effect.Effect<void, X07Error, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    if (out.jsonOut !== undefined) yield* writeText(out.jsonOut, result.json);
    yield* writeText(out.htmlOut, result.html);
  });
