/**
 * The x07AST a property runs under: a solve body that decodes the case bytes in `input` with
 * `std.pbt.case_v1` and calls the property with one argument per parameter. A count mismatch answers
 * `status_fail(code_fail_generic)`, as upstream's driver does. The same body, as a no-argument function, is
 * the wrapper module `x07 fix --from-pbt` writes.
 */
import type { CheckedProgram } from "../../check/index.ts";
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
 * A branded bytes parameter of the property: the brand of its declaration and the validator `meta.brands_v1`
 * names for it in the entry's module graph (none: the bytes are branded unchecked, inside `unsafe`).
 * @since 0.1.0
 * @category models
 */
export interface ParamBrand {
  readonly brand: string;
  readonly validator?: string;
}

/**
 * Imports a case-decoding body needs, sorted and unique (validators' modules included).
 * @since 0.1.0
 * @category constructors
 */
export const caseImports = (entry: string, brands: ReadonlyArray<ParamBrand | undefined> = []): string[] =>
  [...new Set(["std.pbt.case_v1", "std.test", moduleOf(entry), ...brands.flatMap((b) => (b?.validator !== undefined ? [moduleOf(b.validator)] : []))])].sort();

/**
 * A PBT `budget_scope`: counters with a positive value are enforced (0 means unlimited).
 * @since 0.1.0
 * @category models
 */
export type BudgetScope = { readonly [counter: string]: number };

/**
 * `begin` body: check the count, decode each parameter, call the property — inside a trap-mode
 * `budget.scope_v1` labelled `pbt_case` when a budget scope has a positive counter. A branded bytes parameter
 * goes through its brand's validator (`std.brand.cast_bytes_v1`); bytes the validator rejects make the case a
 * skip (discarded), as upstream's driver does; without a validator the bytes are branded unchecked.
 */
export const caseCallBody = (entry: string, tys: ReadonlyArray<ParamTy>, scope?: BudgetScope, brands: ReadonlyArray<ParamBrand | undefined> = []): JsonValue => {
  const decode = (ty: ParamTy, i: number): JsonValue => [ty === "i32" ? "std.pbt.case_v1.read_i32_v1" : "std.pbt.case_v1.read_bytes_v1", "input", i];
  const bind = (ty: ParamTy, i: number): JsonValue[] => {
    const b = ty === "bytes" ? brands[i] : undefined;
    if (b === undefined) return [["let", `arg${i}`, decode(ty, i)]];
    // Upstream wraps this in `unsafe` and compiles the driver with unsafe allowed; the driver is generated code,
    // so it is branded directly (assume_bytes_v1 needs no unsafe block here) and runs in the test's own world.
    if (b.validator === undefined) return [["let", `arg${i}`, ["std.brand.assume_bytes_v1", b.brand, decode(ty, i)]]];
    const cast = `arg${i}_cast`;
    return [
      ["let", cast, ["std.brand.cast_bytes_v1", b.brand, b.validator, decode(ty, i)]],
      ["if", ["result_bytes.is_ok", cast], 0, ["return", ["std.test.status_skip"]]],
      ["let", `arg${i}`, ["result_bytes.unwrap_or", cast, ["bytes.alloc", 0]]],
    ];
  };
  const call: JsonValue = [entry, ...tys.map((_, i) => `arg${i}`)];
  const limits = Object.entries(scope ?? {})
    .filter(([, v]) => v > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const scoped: JsonValue =
    limits.length === 0 ? call : ["budget.scope_v1", ["budget.cfg_v1", ["mode", "trap_v1"], ["label", ["bytes.lit", "pbt_case"]], ...limits.map(([k, v]): JsonValue => [k, v])], call];
  return [
    "begin",
    ["if", ["=", ["std.pbt.case_v1.param_count_v1", "input"], tys.length], 0, ["return", ["std.test.status_fail", ["std.test.code_fail_generic"]]]],
    ...tys.flatMap((ty, i) => bind(ty, i)),
    scoped,
  ];
};

/**
 * The entry document that runs one case of `entry`.
 * @since 0.1.0
 * @category constructors
 */
export const caseDriver = (entry: string, tys: ReadonlyArray<ParamTy>, scope?: BudgetScope, brands: ReadonlyArray<ParamBrand | undefined> = []): JsonValue => ({
  schema_version: DRIVER_AST_VERSION,
  kind: "entry",
  module_id: "main",
  imports: caseImports(entry, brands),
  decls: [],
  solve: caseCallBody(entry, tys, scope, brands),
});

/**
 * The wrapper module `repro.pbt.<case_tag>`: exports `run`, which replays the case held in `input`.
 * @since 0.1.0
 * @category constructors
 */
export const reproWrapperModule = (moduleId: string, entry: string, tys: ReadonlyArray<ParamTy>, testId: string, scope?: BudgetScope, brands: ReadonlyArray<ParamBrand | undefined> = []): JsonValue => ({
  schema_version: DRIVER_AST_VERSION,
  kind: "module",
  module_id: moduleId,
  imports: caseImports(entry, brands),
  decls: [
    { kind: "export", names: [`${moduleId}.run`] },
    {
      kind: "defn",
      name: `${moduleId}.run`,
      doc: `Regression test for PBT failure of ${testId}: replays the case bytes given as input.`,
      params: [],
      result: "bytes",
      body: caseCallBody(entry, tys, scope, brands),
    },
  ],
});

/** Why a brand's validator cannot be resolved: more than one module names a different validator for it. */
export interface BrandResolveError {
  readonly brand: string;
  readonly validators: ReadonlyArray<string>;
}

/**
 * The brands of a property's parameters, read from the checked entry declaration, each with the validator its
 * `meta.brands_v1` entry names, searched breadth-first from the entry's module through the imports (as upstream).
 * Returns an error when one brand resolves to more than one validator.
 * @since 0.1.0
 * @category constructors
 */
export const paramBrandsOf = (program: CheckedProgram, entry: string): ReadonlyArray<ParamBrand | undefined> | BrandResolveError => {
  const fn = program.functions.get(entry);
  if (fn === undefined) return [];
  const docs = program.documents ?? new Map();
  const out: Array<ParamBrand | undefined> = [];
  for (const p of fn.decl.params) {
    if (p.brand === undefined) {
      out.push(undefined);
      continue;
    }
    const found = new Set<string>();
    const queue = [moduleOf(entry)];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const doc = docs.get(id) ?? (program.entry.moduleId === id ? program.entry : undefined);
      if (doc === undefined) continue;
      const v = validatorIn(doc.meta, p.brand);
      if (v !== undefined) found.add(v);
      for (const imp of doc.imports) queue.push(imp.module);
    }
    if (found.size > 1) return { brand: p.brand, validators: [...found].sort() };
    const [validator] = [...found];
    out.push(validator !== undefined ? { brand: p.brand, validator } : { brand: p.brand });
  }
  return out;
};

const validatorIn = (meta: { readonly [key: string]: JsonValue } | undefined, brand: string): string | undefined => {
  const reg = meta?.["brands_v1"];
  if (reg === null || typeof reg !== "object" || Array.isArray(reg)) return undefined;
  const entry = (reg as { readonly [k: string]: JsonValue })[brand];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return undefined;
  const v = (entry as { readonly [k: string]: JsonValue })["validate"];
  return typeof v === "string" ? v : undefined;
};
