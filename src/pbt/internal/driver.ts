/**
 * The x07AST a property runs under: a solve body that decodes the case bytes in `input` with
 * `std.pbt.case_v1` and calls the property with one argument per parameter. A count mismatch answers
 * `status_fail(code_fail_generic)`, as upstream's driver does. The same body, as a no-argument function, is
 * the wrapper module `x07 fix --from-pbt` writes.
 */
import type { JsonValue } from "../../core/json/index.ts";

/**
 * The x07AST version drivers are written in.
 * @since 0.1.0
 * @category models
 */
export const DRIVER_AST_VERSION = "x07.x07ast@0.8.0";

/**
 * A property parameter's type as the driver decodes it.
 * @since 0.1.0
 * @category models
 */
export type ParamTy = "i32" | "bytes";

/** The module part of `module.symbol`. */
export const moduleOf = (symbol: string): string => symbol.slice(0, symbol.lastIndexOf("."));

/**
 * Imports a case-decoding body needs, sorted and unique.
 * @since 0.1.0
 * @category constructors
 */
export const caseImports = (entry: string): string[] => [...new Set(["std.pbt.case_v1", "std.test", moduleOf(entry)])].sort();

/**
 * A PBT `budget_scope`: counters with a positive value are enforced (0 means unlimited).
 * @since 0.1.0
 * @category models
 */
export type BudgetScope = { readonly [counter: string]: number };

/**
 * `begin` body: check the count, decode each parameter, call the property — inside a trap-mode
 * `budget.scope_v1` labelled `pbt_case` when a budget scope has a positive counter.
 */
export const caseCallBody = (entry: string, tys: ReadonlyArray<ParamTy>, scope?: BudgetScope): JsonValue => {
  const decode = (ty: ParamTy, i: number): JsonValue => [ty === "i32" ? "std.pbt.case_v1.read_i32_v1" : "std.pbt.case_v1.read_bytes_v1", "input", i];
  const call: JsonValue = [entry, ...tys.map((_, i) => `arg${i}`)];
  const limits = Object.entries(scope ?? {})
    .filter(([, v]) => v > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const scoped: JsonValue =
    limits.length === 0 ? call : ["budget.scope_v1", ["budget.cfg_v1", ["mode", "trap_v1"], ["label", ["bytes.lit", "pbt_case"]], ...limits.map(([k, v]): JsonValue => [k, v])], call];
  return [
    "begin",
    ["if", ["=", ["std.pbt.case_v1.param_count_v1", "input"], tys.length], 0, ["return", ["std.test.status_fail", ["std.test.code_fail_generic"]]]],
    ...tys.map((ty, i): JsonValue => ["let", `arg${i}`, decode(ty, i)]),
    scoped,
  ];
};

/**
 * The entry document that runs one case of `entry`.
 * @since 0.1.0
 * @category constructors
 */
export const caseDriver = (entry: string, tys: ReadonlyArray<ParamTy>, scope?: BudgetScope): JsonValue => ({
  schema_version: DRIVER_AST_VERSION,
  kind: "entry",
  module_id: "main",
  imports: caseImports(entry),
  decls: [],
  solve: caseCallBody(entry, tys, scope),
});

/**
 * The wrapper module `repro.pbt.<case_tag>`: exports `run`, which replays the case held in `input`.
 * @since 0.1.0
 * @category constructors
 */
export const reproWrapperModule = (moduleId: string, entry: string, tys: ReadonlyArray<ParamTy>, testId: string, scope?: BudgetScope): JsonValue => ({
  schema_version: DRIVER_AST_VERSION,
  kind: "module",
  module_id: moduleId,
  imports: caseImports(entry),
  decls: [
    { kind: "export", names: [`${moduleId}.run`] },
    {
      kind: "defn",
      name: `${moduleId}.run`,
      doc: `Regression test for PBT failure of ${testId}: replays the case bytes given as input.`,
      params: [],
      result: "bytes",
      body: caseCallBody(entry, tys, scope),
    },
  ],
});
