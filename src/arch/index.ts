/**
 * The `arch` stage (`x07-sdk/arch`): `x07 arch check` as a library.
 *
 * Checks a repository's module graph against its architecture manifest (`x07.arch.manifest@0.3.0`):
 * node assignment (module prefixes, path globs; orphans and overlaps), the external-import allowlist,
 * per-node deny/allow prefixes, visibility, `deps_v1`, `layers_v1`, `deny_cycles_v1`, allowlist mode,
 * world edges, trust-zone edges, smoke entries, public bytes brands, the manifest and contracts locks,
 * and `contracts_v1.boundaries` (the boundaries index and coverage of public verified exports). The
 * result is upstream's `x07.arch.report@0.1.0` (with the `x07.arch.boundaries.report@0.1.0` section)
 * and its exit code: 0 pass, 2 errors, 3 manifest or lock unusable, 4 a tool budget exceeded.
 *
 * {@link archCheck} is the Effect API (needs effect's `FileSystem`); {@link prepareArch} and
 * {@link checkArch} are the same check as pure functions over already-read inputs.
 *
 * @packageDocumentation
 */
import type { Effect, FileSystem } from "effect";
import type { X07Error } from "../core/io/index.ts";
import { runArchCheck } from "./internal/run.ts";
import type { ArchCheckOptions, ArchCheckRun } from "./internal/run.ts";

export type { ArchCheckOptions, ArchCheckRun } from "./internal/run.ts";
export type { ArchOutcome, ArchPlan, BudgetOverrides, ContractInputs, PrepareInput, ScannedFile } from "./internal/check.ts";
export type { ArchReport, ArchExitCode, PatchTarget } from "./internal/report.ts";
export type { BoundariesReport, BoundaryStatus } from "./internal/boundaries.ts";
export type { ContractDoc, SchemaIssue } from "./internal/contract-doc.ts";
export type { ArchManifest, ManifestNode, ManifestRule, TrustZone } from "./internal/model.ts";
export type { ManifestLock, ContractsLock } from "./internal/locks.ts";

/**
 * Runs `x07 arch check` over a repository: reads the manifest, lock, modules and contract files, checks
 * them, and with `write` applies the suggested patches and checks again. Repo problems are diagnostics
 * in `report` with `exitCode`; only environment failures fail the Effect.
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { archCheck } from "x07-sdk/arch";
 * import { services } from "x07-sdk";
 * const run = await Effect.runPromise(Effect.provide(archCheck({ project: "x07.json" }), services.layerNodeFileSystem));
 * console.log(run.exitCode, run.report.diags.map((d) => d.code));
 * ```
 * @since 0.1.0
 * @category stages
 */
export const archCheck = (options: ArchCheckOptions = {}): Effect.Effect<ArchCheckRun, X07Error, FileSystem.FileSystem> => runArchCheck(options);

/**
 * Step 1 of the pure check: validates and compiles an already-read manifest and lock into a plan, or
 * returns the finished exit-3/4 outcome when they are unusable.
 * @since 0.1.0
 * @category stages
 */
export { prepareArch } from "./internal/check.ts";

/**
 * Step 2 of the pure check: every rule over the scanned modules and the contract files the plan names.
 * @since 0.1.0
 * @category stages
 */
export { checkArch, isScanned, CONTRACTS_LOCK_PATH } from "./internal/check.ts";

/**
 * Exit codes of `x07 arch check`.
 * @since 0.1.0
 * @category constants
 */
export { ARCH_EXIT, makePatchset } from "./internal/report.ts";

/**
 * Reads a JSON file into a {@link ContractDoc} (missing / unreadable / bad JSON / schema issues / ok), and
 * the validator for one schema version; certify uses these to read the same files the same way.
 * @since 0.1.0
 * @category utilities
 */
export { readContractDoc, schemaIssues, resolveRepoRoot } from "./internal/run.ts";

/**
 * Globs with upstream's `globset` semantics (`*` crosses `/`; `**​/` zero or more directories).
 * @since 0.1.0
 * @category utilities
 */
export { compileGlob, compileGlobSet } from "../core/glob.ts";
export type { CompiledGlob, GlobSet } from "../core/glob.ts";

/**
 * Cycle detection over node edges (each cycle a sorted node list).
 * @since 0.1.0
 * @category utilities
 */
export { findCycles } from "./internal/rules/index.ts";
