/**
 * The `pbt` stage (`x07-sdk/pbt`): property-based tests over x07 functions.
 *
 * Consumes a property (an entry symbol returning `bytes_status_v1`), its generators (`pbt.params` of a tests
 * manifest), a case count, a shrink budget and per-case limits. Builds a case driver, checks it (module roots
 * plus the std modules), generates and shrinks cases with fast-check under a seed derived from the test id,
 * and runs each case with the interpreter. Produces a {@link PbtResult}: the observation and, on failure, an
 * `x07.pbt.repro@0.1.0` {@link PbtRepro} whose case bytes replay the minimal counterexample ({@link replayPbt}).
 * Needs effect's `FileSystem` and the `StdModules` service. Emits `X07T_EPBT_*` and `X07-PBT-FIX-*` codes
 * (the latter from {@link fixFromPbt}).
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import { checkDocument } from "../check/index.ts";
import type { CheckedProgram } from "../check/index.ts";
import { makeDiagnostic } from "../diag/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import { parseX07AstValue } from "../parse/index.ts";
import type { WorldId } from "../core/worlds/table.ts";
import type { RunOutcome } from "../interp/index.ts";
import { caseDriver, paramBrandsOf } from "./internal/driver.ts";
import type { BrandResolveError, ParamBrand } from "./internal/driver.ts";
import type { BudgetScope, ParamTy } from "./internal/driver.ts";
import { PBT_REPRO_SCHEMA_VERSION, reproCaseBytes, reproParams, reproTool } from "./internal/repro.ts";
import type { CaseBudget, PbtRepro } from "./internal/repro.ts";
import { effectiveSeed } from "./internal/seed.ts";
import { runCase, runSuite } from "./internal/suite.ts";
import type { CaseVerdict, PbtGen, PbtProgress, SuiteResult } from "./internal/suite.ts";

export { encodeCase, decodeCase } from "./internal/case-bytes.ts";
export type { CaseValue } from "./internal/case-bytes.ts";
export { parseStatusV1, statusFor, matchesExpect } from "./internal/status.ts";
export type { StatusV1, Expect, TestStatus } from "./internal/status.ts";
export { effectiveSeed, fnv1a64, fastCheckSeed } from "./internal/seed.ts";
export { PBT_REPRO_SCHEMA_VERSION, parseRepro, reproText, reproToJson, reproDirName, reproCaseBytes, reproTys, checkRepro } from "./internal/repro.ts";
export type { PbtRepro, ReproParam, CaseBudget, FailureKind } from "./internal/repro.ts";
export { caseDriver, reproWrapperModule, caseImports, paramBrandsOf, DRIVER_AST_VERSION } from "./internal/driver.ts";
export type { ParamBrand, BrandResolveError } from "./internal/driver.ts";
export type { ParamTy, BudgetScope } from "./internal/driver.ts";
export type { PbtGen, PbtProgress, CaseVerdict, SuiteResult, SuiteFailure } from "./internal/suite.ts";
export { fixFromPbt } from "./internal/fix.ts";
export type { FixFromPbtOptions, FixFromPbtResult } from "./internal/fix.ts";

/**
 * Default per-case limits (upstream's): 200,000 fuel, 250 ms, 64 MiB memory, 1 MiB output.
 * @since 0.1.0
 * @category models
 */
export const DEFAULT_CASE_BUDGET: CaseBudget = { fuel: 200_000, timeout_ms: 250, max_mem_bytes: 64 * 1024 * 1024, max_output_bytes: 1024 * 1024 };

/**
 * One property test.
 * @since 0.1.0
 * @category models
 */
export interface PbtSpec {
  readonly id: string;
  readonly world: WorldId;
  /** The property, `module.symbol`; it returns bytes_status_v1. */
  readonly entry: string;
  readonly params: ReadonlyArray<{ readonly name: string; readonly gen: PbtGen }>;
  /** Generated cases (default 100). */
  readonly cases?: number;
  /** Shrink attempts (default 4096). */
  readonly maxShrinks?: number;
  readonly budget?: CaseBudget;
  /** Allocation/scheduling limits each case runs under (upstream's trap-mode `budget.scope_v1`). */
  readonly budgetScope?: BudgetScope;
}

/**
 * Options of a property run.
 * @since 0.1.0
 * @category models
 */
export interface PbtOptions {
  /** Directories searched for the property's module. */
  readonly moduleRoots?: ReadonlyArray<string>;
  /** The suite seed (`--pbt-seed`, default 0). */
  readonly suiteSeed?: bigint;
  /** Called now and then during long runs. */
  readonly onProgress?: (p: PbtProgress) => void;
}

/**
 * What a property run produced: the driver's check diagnostics, and when it checked, the suite's observation
 * and the repro of a failure.
 * @since 0.1.0
 * @category models
 */
export interface PbtResult {
  readonly checked: boolean;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly suite?: SuiteResult;
  readonly repro?: PbtRepro;
}

/** @internal Checks the case driver of a property. */
export const checkCaseDriver = (
  entry: string,
  tys: ReadonlyArray<ParamTy>,
  options: { readonly moduleRoots?: ReadonlyArray<string>; readonly world?: WorldId; readonly budgetScope?: BudgetScope } = {},
) =>
  Effect.gen(function* () {
    const checkOne = (brands: ReadonlyArray<ParamBrand | undefined>) =>
      Effect.gen(function* () {
        const parsed = parseX07AstValue(caseDriver(entry, tys, options.budgetScope, brands), { file: "driver.x07.json" });
        if (!parsed.ok) return { ok: false as const, diagnostics: parsed.diagnostics };
        const checked = yield* checkDocument(parsed.document, { moduleRoots: options.moduleRoots ?? [], world: options.world ?? "solve-pure" });
        return checked.ok && checked.program !== undefined ? { ok: true as const, program: checked.program, diagnostics: checked.diagnostics } : { ok: false as const, diagnostics: checked.diagnostics };
      });
    // Unbranded first; a property with branded bytes parameters gets a second driver that casts them.
    const plain = yield* checkOne([]);
    if (!plain.ok) return plain;
    const brands = brandsForDriver(plain.program, entry, tys);
    if (!Array.isArray(brands)) return { ok: false as const, diagnostics: [brands as Diagnostic] };
    return brands.some((b) => b !== undefined) ? yield* checkOne(brands) : plain;
  });

/**
 * @internal The brands of a property's parameters for its driver, or a diagnostic: a brand on a non-bytes
 * parameter, or a brand with two different validators in the entry's module graph.
 */
export const brandsForDriver = (program: CheckedProgram, entry: string, tys: ReadonlyArray<ParamTy>): ReadonlyArray<ParamBrand | undefined> | Diagnostic => {
  const brands = paramBrandsOf(program, entry);
  if (!Array.isArray(brands)) {
    const e = brands as BrandResolveError;
    return makeDiagnostic("X07T_EPBT_MANIFEST_INVALID", `brand ${e.brand} resolves to more than one validator in the module graph of ${entry}: ${e.validators.join(", ")}`, { data: { brand: e.brand, validators: [...e.validators] } });
  }
  const list = brands as ReadonlyArray<ParamBrand | undefined>;
  const bad = list.findIndex((b, i) => b !== undefined && tys[i] !== "bytes");
  if (bad >= 0) return makeDiagnostic("X07T_EPBT_MANIFEST_INVALID", `parameter ${bad} of ${entry} is branded ${list[bad]!.brand}; brands need a bytes generator, the manifest gives ${tys[bad]}`, { data: { arg_index: bad } });
  return list;
};

/** @internal Runs a suite on an already checked driver and builds the repro of a failure. */
export const runPbtOnProgram = (spec: PbtSpec, program: CheckedProgram, options: PbtOptions = {}): { suite: SuiteResult; repro?: PbtRepro } => {
  const suiteSeed = options.suiteSeed ?? 0n;
  const seed = effectiveSeed(spec.id, suiteSeed);
  const cases = spec.cases ?? 100;
  const maxShrinks = spec.maxShrinks ?? 4096;
  const budget = spec.budget ?? DEFAULT_CASE_BUDGET;
  const suite = runSuite({ testId: spec.id, program, gens: spec.params.map((p) => p.gen), cases, maxShrinks, budget, effectiveSeed: seed, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) });
  const f = suite.failure;
  if (f === undefined) return { suite };
  const v = f.verdict;
  const repro: PbtRepro = {
    schema_version: PBT_REPRO_SCHEMA_VERSION,
    tool: reproTool(),
    test: { id: spec.id, entry: spec.entry, world: spec.world },
    suite_seed_u64: suiteSeed,
    effective_seed_u64: seed,
    cases: { attempted: suite.attempted, configured: cases },
    shrinking: { attempted: suite.shrinkAttempted, limit: maxShrinks, result: suite.shrinkAttempted < maxShrinks ? "minimal_found" : "limit_hit" },
    failure:
      v.kind === "status"
        ? { kind: "assert", assert_code_u32: v.code }
        : { kind: v.failure, ...(v.trapId !== undefined ? { trap_id: v.trapId } : {}), ...(v.trapMessage !== undefined ? { trap_message: v.trapMessage.slice(0, 16384) } : {}) },
    counterexample: { params: reproParams(spec.params.map((p) => p.name), f.values), case_bytes_b64: Buffer.from(f.caseBytes).toString("base64") },
    budget,
  };
  return { suite, repro };
};

/**
 * Runs a property: checks its case driver, then generates, runs and shrinks cases.
 * @since 0.1.0
 * @category stages
 */
export const pbt = (spec: PbtSpec, options: PbtOptions = {}) =>
  Effect.gen(function* () {
    const tys = spec.params.map((p) => p.gen.kind);
    const c = yield* checkCaseDriver(spec.entry, tys, {
      ...(options.moduleRoots !== undefined ? { moduleRoots: options.moduleRoots } : {}),
      ...(spec.budgetScope !== undefined ? { budgetScope: spec.budgetScope } : {}),
    });
    if (!c.ok) return { checked: false, diagnostics: c.diagnostics } satisfies PbtResult as PbtResult;
    const r = runPbtOnProgram(spec, c.program, options);
    return { checked: true, diagnostics: c.diagnostics, suite: r.suite, ...(r.repro !== undefined ? { repro: r.repro } : {}) } satisfies PbtResult as PbtResult;
  });

/**
 * Replays a repro's single case on a checked driver, under the repro's budget.
 * @since 0.1.0
 * @category stages
 */
export const replayPbt = (repro: PbtRepro, program: CheckedProgram): { run: RunOutcome; verdict: CaseVerdict } => runCase(program, reproCaseBytes(repro), repro.budget);
