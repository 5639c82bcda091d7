/**
 * The checked program: what `check` produces and `interp`, `prove` and `certify` consume. Every
 * expression carries its type and its JSON Pointer; calls are resolved to a builtin head or a function
 * symbol; implicit coercions are explicit nodes.
 */
import type { WorldId } from "../core/worlds/table.ts";
import type { ContractClause, DefasyncDecl, DefnDecl, X07AstDocument } from "../parse/index.ts";

/** A type: a concrete type name (`i32`, `bytes`, `option_bytes`, …), `never` (does not return) or `unknown` (after an error). */
export type Ty = string;

/** The special forms a checked expression can be. */
export type FormName = "begin" | "unsafe" | "let" | "set" | "set0" | "if" | "for" | "while" | "return" | "try" | "try_doc" | "tapp" | "match" | "budget.scope_v1" | "budget.scope_from_arch_v1" | "task.scope_v1" | "&&" | "||";

/** A `budget.cfg_v1` descriptor: the mode, the label, and caps (0 = unlimited) measured from the scope's entry. */
export interface BudgetCfg {
  readonly mode: "trap_v1" | "result_err_v1" | "stats_only_v1" | "yield_v1";
  readonly label: string;
  readonly alloc_bytes: number;
  readonly alloc_calls: number;
  readonly realloc_calls: number;
  readonly memcpy_bytes: number;
  readonly sched_ticks: number;
  readonly fuel: number;
}

/** A typed expression. */
export type TExpr =
  | { readonly kind: "int"; readonly value: number; readonly ty: Ty; readonly ptr: string }
  | { readonly kind: "local"; readonly name: string; readonly ty: Ty; readonly ptr: string }
  | { readonly kind: "input"; readonly ty: Ty; readonly ptr: string }
  | { readonly kind: "text"; readonly value: string; readonly ty: Ty; readonly ptr: string }
  /** A special form; a `budget.scope_v1` carries its parsed `budget.cfg_v1` in `budget`. */
  | { readonly kind: "form"; readonly form: FormName; readonly name?: string; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string; readonly budget?: BudgetCfg }
  /** A builtin head; `tys` holds the concrete type arguments of `ty.*` intrinsics (u32 kept distinct from i32). */
  | { readonly kind: "builtin"; readonly head: string; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string; readonly tys?: ReadonlyArray<Ty> }
  /** A call of a function; for a generic instance `fn` is `name<T,…>` and `tys` its type arguments. */
  | { readonly kind: "call"; readonly fn: string; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string; readonly tys?: ReadonlyArray<Ty> }
  /** `<Record>.make`: the fields packed as 4-byte little-endian slots (a record value is bytes branded with the record's name). */
  | { readonly kind: "record-make"; readonly record: string; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string }
  /** `<Record>.<field>`: reads the field's slot at `offset`. */
  | { readonly kind: "record-field"; readonly record: string; readonly field: string; readonly offset: number; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string }
  /** `<Enum>.<Variant>`: `[u32 tag = variant index][payload?]` as branded bytes. */
  | { readonly kind: "enum-make"; readonly enumName: string; readonly variant: string; readonly index: number; readonly args: ReadonlyArray<TExpr>; readonly ty: Ty; readonly ptr: string }
  /** Exhaustive `match` over an enum value: one arm per variant, in the source's order. */
  | {
      readonly kind: "match";
      readonly enumName: string;
      readonly scrutinee: TExpr;
      readonly arms: ReadonlyArray<{ readonly variant: string; readonly index: number; readonly bind?: string; readonly body: TExpr }>;
      readonly ty: Ty;
      readonly ptr: string;
    }
  /** An implicit conversion the checker inserted (e.g. `bytes` → `bytes_view` at a call typed `bytes_view`). */
  | { readonly kind: "coerce"; readonly from: Ty; readonly arg: TExpr; readonly ty: Ty; readonly ptr: string };

/** A checked function. */
export interface CheckedFunction {
  /** The symbol; for an instance of a generic function, `name<T,…>`. */
  readonly name: string;
  /** For generic instances: the type arguments, in type-parameter order. */
  readonly typeArgs?: ReadonlyArray<Ty>;
  readonly module: string;
  readonly file?: string;
  readonly decl: DefnDecl | DefasyncDecl;
  readonly params: ReadonlyArray<{ readonly name: string; readonly ty: Ty }>;
  readonly result: Ty;
  readonly body: TExpr;
  readonly requires: ReadonlyArray<{ readonly clause: ContractClause; readonly expr: TExpr }>;
  readonly ensures: ReadonlyArray<{ readonly clause: ContractClause; readonly expr: TExpr }>;
}

/** A whole checked program. */
export interface CheckedProgram {
  readonly world: WorldId;
  readonly entry: X07AstDocument;
  readonly solve: TExpr | undefined;
  /** Every checked function by symbol, entry module and imported modules alike. */
  readonly functions: ReadonlyMap<string, CheckedFunction>;
  /** Module ids in dependency order. */
  readonly modules: ReadonlyArray<string>;
  /** The parsed documents of those modules by id (their `imports` and `meta`, e.g. `meta.brands_v1`). */
  readonly documents?: ReadonlyMap<string, X07AstDocument>;
}
