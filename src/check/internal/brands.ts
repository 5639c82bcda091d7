/**
 * Brands: compile-time names carried by bytes-like values (`bytes@B`, `bytes_view@B`, `result_bytes@B`, …), as
 * upstream's compiler tracks them (docs/language/types-memory.md "Branded bytes"). A brand is never a runtime
 * value; it only decides which values may flow where:
 *
 * - branded flows into unbranded (`bytes@B` is accepted where plain `bytes` is wanted);
 * - another brand does not flow into a place that wants `B` (a parameter with `brand`, a `set` of a branded
 *   local); a `match` scrutinee must carry its enum's brand (an unbranded value is rejected there too).
 * - unbranded flows into a branded parameter or local: upstream 0.2.17's documents say it should not, but its
 *   toolchain accepts it in practice (its own generated XTAL tests pass `vec_u8.into_bytes` results to
 *   `workflow.graph.toposort_u32`, whose parameter is branded, and ext.cli 0.1.18 passes unbranded views to
 *   `std.text.slices.count_v1`), so rejecting it would fail programs upstream runs.
 *
 * A function's `result_brand` is a declaration, not a check: its body's value is not required to carry the brand
 * (upstream's std builds x7sl tables with `vec_u8.into_bytes` in functions declared `result_brand`), and callers
 * see the declared brand.
 *
 * Sources of a brand: a parameter's `brand`, a call of a function with `result_brand`, `std.brand.cast_*` /
 * `assume_bytes_v1` (the brand argument), `std.brand.view_v1` (keeps it), a record's `make` and an enum's
 * variants (the type's own name), `try` of a branded result, `let` bindings, `begin` tails, and `if`/`match`
 * joins (equal brands survive, different ones drop to unbranded).
 *
 * A parameter declared without a brand, and the result of a function declared without `result_brand`, are
 * brand-unknown (`*`), not unbranded: upstream 0.2.17 accepts passing such values on to a branded parameter
 * (observed: ext.cli 0.1.18, reachable from the specrows benchmark, passes its unbranded `bytes_view` parameters
 * and views of `ext.cli._argv_index(…)` results to `std.text.slices.count_v1` / `start_v1`, whose parameter is
 * branded `std.text.slices.x7sl_v1`, and compiles). Definitely unbranded are literals, `input`, and builtin results
 * over unbranded operands, so the check still catches raw bytes and other brands reaching a branded place.
 *
 * Where this checker cannot follow a brand exactly, it is lenient rather than wrong: a builtin applied to a
 * branded operand yields {@link ANY_BRAND} (accepted anywhere), so a program upstream accepts is never rejected
 * here; the cost is that some mismatches upstream reports through builtins go unreported.
 */
import type { TExpr } from "../ir.ts";

/** A brand we cannot follow exactly: compatible with any wanted brand. Not a symbol, so it never names one. */
export const ANY_BRAND = "*";

/** A value's brand: a brand id, {@link ANY_BRAND}, or undefined (unbranded). */
export type Brand = string | undefined;

/** What the analysis needs from the checker. */
export interface BrandEnv {
  /** Brands of `local` nodes, recorded when each was typed (their binding is out of scope later); one body's worth. */
  readonly localBrands: LocalBrands;
  /** A function's `result_brand`. */
  readonly resultBrandOf: (fn: string) => Brand;
}

const RING = 16;

/**
 * The brands of one body's `local` nodes. A node's brand is almost always asked for right after the node is typed
 * (a `let`'s init, a call's argument, a block's tail), so the newest entries sit in a small ring scanned newest first;
 * older ones move to a map, made only for bodies with more than {@link RING} branded uses.
 */
export class LocalBrands {
  private readonly nodes: Array<TExpr | undefined> = new Array<TExpr | undefined>(RING).fill(undefined);
  private readonly brands: Brand[] = new Array<Brand>(RING).fill(undefined);
  private count = 0;
  private older: Map<TExpr, Brand> | undefined;

  /** Forgets every entry (the next body starts). */
  reset(): void {
    this.count = 0;
    this.older = undefined;
  }

  set(node: TExpr, brand: Brand): void {
    const i = this.count % RING;
    if (this.count >= RING) (this.older ??= new Map()).set(this.nodes[i]!, this.brands[i]);
    this.nodes[i] = node;
    this.brands[i] = brand;
    this.count++;
  }

  get(node: TExpr): Brand {
    const n = this.count < RING ? this.count : RING;
    for (let k = 1; k <= n; k++) {
      const i = (this.count - k) % RING;
      if (this.nodes[i] === node) return this.brands[i];
    }
    return this.older?.get(node);
  }
}

const textArg = (t: TExpr | undefined): Brand => (t?.kind === "text" ? t.value : undefined);

/** Joins the brands of two branches: equal survive, `*` absorbs, different ones drop to unbranded. */
export const joinBrands = (a: Brand, b: Brand): Brand => (a === b ? a : a === ANY_BRAND || b === ANY_BRAND ? ANY_BRAND : undefined);

/** Builtins with a brand rule of their own; every other builtin yields `*` on a branded operand, else unbranded. */
const BUILTIN_BRANDS: Readonly<Record<string, (env: BrandEnv, args: ReadonlyArray<TExpr>) => Brand>> = {
  "std.brand.cast_bytes_v1": (_env, args) => textArg(args[0]),
  "std.brand.cast_view_v1": (_env, args) => textArg(args[0]),
  "std.brand.cast_view_copy_v1": (_env, args) => textArg(args[0]),
  "std.brand.assume_bytes_v1": (_env, args) => textArg(args[0]),
  "std.brand.view_v1": (env, args) => (args[0] === undefined ? undefined : brandOf(env, args[0])),
  "std.brand.erase_bytes_v1": () => undefined,
  "std.brand.erase_view_v1": () => undefined,
  // Keeps the brand only for a view known to be full (upstream tracks fullness; here: a direct view_v1).
  "std.brand.to_bytes_preserve_if_full_v1": (env, args) => {
    const a = args[0];
    if (a === undefined) return undefined;
    const b = brandOf(env, a);
    if (b === undefined) return undefined;
    return a.kind === "builtin" && a.head === "std.brand.view_v1" ? b : ANY_BRAND;
  },
};

/** The brand of a typed expression. */
export const brandOf = (env: BrandEnv, t: TExpr): Brand => {
  switch (t.kind) {
    case "local":
      return env.localBrands.get(t);
    case "input":
    case "int":
    case "text":
    case "record-field":
      return undefined;
    case "coerce":
      return brandOf(env, t.arg);
    case "call":
      return env.resultBrandOf(t.fn) ?? (t.ty.includes("bytes") ? ANY_BRAND : undefined);
    case "record-make":
      return t.record;
    case "enum-make":
      return t.enumName;
    case "match":
      return t.arms.reduce<Brand | null>((acc, arm) => (acc === null ? brandOf(env, arm.body) : joinBrands(acc, brandOf(env, arm.body))), null) ?? undefined;
    case "builtin": {
      // Every rule's head is a std.brand.* head (tested first: a property lookup by an arbitrary head is slow).
      const rule = t.head.startsWith("std.brand.") && Object.hasOwn(BUILTIN_BRANDS, t.head) ? BUILTIN_BRANDS[t.head] : undefined;
      if (rule !== undefined) return rule(env, t.args);
      if (!t.ty.includes("bytes")) return undefined;
      for (let i = 0; i < t.args.length; i++) {
        const a = t.args[i]!;
        if (a.ty.includes("bytes") && brandOf(env, a) !== undefined) return ANY_BRAND;
      }
      return undefined;
    }
    case "form":
      switch (t.form) {
        case "begin":
        case "unsafe":
        case "let":
        case "try":
        case "budget.scope_v1":
        case "budget.scope_from_arch_v1":
        case "task.scope_v1": {
          const last = t.args[t.args.length - 1];
          return last === undefined ? undefined : brandOf(env, last);
        }
        case "if": {
          const [, a, b] = t.args;
          if (a === undefined || b === undefined) return undefined;
          if (a.ty === "never") return brandOf(env, b);
          if (b.ty === "never") return brandOf(env, a);
          return joinBrands(brandOf(env, a), brandOf(env, b));
        }
        default:
          return undefined;
      }
  }
};

/** Whether a value with brand `got` may flow where `want` is required. */
export const brandAccepts = (want: Brand, got: Brand): boolean => want === undefined || want === ANY_BRAND || got === undefined || got === want || got === ANY_BRAND;

/** Whether a `match` scrutinee with brand `got` is a value of enum `want` (unbranded values are not). */
export const brandIsEnum = (want: string, got: Brand): boolean => got === want || got === ANY_BRAND;

/** `bytes@B` / `bytes (unbranded)` for messages. */
export const showBranded = (ty: string, b: Brand): string => (b === undefined ? `${ty} (unbranded)` : b === ANY_BRAND ? ty : `${ty}@${b}`);
