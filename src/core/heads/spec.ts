/**
 * The shape of one builtin-head row, plus the small constructors the family files use to write rows.
 * A row is plain data; `check` and `interp` read it, they never match head strings of their own.
 */
import type { TypeName } from "./types.ts";

/** Families of builtin heads (one `check`/`interp` file each). */
export const HEAD_FAMILIES = [
  "i32", "f64", "lit", "bytes", "view", "vec_u8", "option", "result", "codec", "fmt", "parse", "prng",
  "map_u32", "set_u32", "vec_value", "map_value", "scratch", "brand", "task", "task_scope", "select_evt", "chan", "ty", "internal",
  // world I/O (families/world-io.ts): declared for check/lint, not run by the solve-pure interpreter
  "fs", "io", "bufread", "kv", "rr", "process",
] as const;
export type HeadFamily = (typeof HEAD_FAMILIES)[number];

/** A type variable of a parametric row (`$T`, `$K`, `$V`), bound by the head name or by a type argument. */
export type TypeVar = `$${string}`;
export type ParamType = TypeName | TypeVar;

/**
 * How an argument is passed.
 * - `copy`: evaluated; scalar or handle.
 * - `borrow`: evaluated; read without taking ownership (an identifier stays usable).
 * - `move`: evaluated; owned value consumed (an identifier argument becomes moved).
 * - `owner`: must be an identifier naming a live owner (the result borrows from it); no temporaries.
 * - `text`: a literal JSON string (the `bytes.lit` text), not evaluated.
 * - `int-literal`: a literal JSON integer, not evaluated.
 * - `type`: a type expression (ty.* intrinsics), not evaluated.
 * - `symbol`: a literal identifier (brand id / validator function name), not evaluated.
 * - `async-call`: an immediate call of a `defasync` function (task.scope.start_soon/async_let).
 */
export type ArgMode = "copy" | "borrow" | "move" | "owner" | "text" | "int-literal" | "type" | "symbol" | "async-call";

export interface ParamSpec {
  readonly name: string;
  readonly ty: ParamType;
  readonly mode: ArgMode;
  /** Other types the head accepts at this position and coerces to `ty` (upstream: bytes → bytes_view by a full view). */
  readonly accepts?: ReadonlyArray<TypeName>;
}

/** Result type: fixed, a type variable, or "same type as parameter n" (brands and payloads follow it). */
export type ResultSpec = ParamType | { readonly sameAsParam: number };

/** World capabilities a head can need (upstream `enable_fs` / `enable_rr` / `enable_kv`). */
export type HeadCapability = "fs" | "rr" | "kv";

/** Where the head may appear. */
export type HeadContext =
  /** Anywhere. */
  | "any"
  /** Only in `solve` or a `defasync` body (upstream: "only allowed in solve or defasync"). */
  | "async"
  /** Only inside the body of a `task.scope_v1` (which is itself async-only). */
  | "task-scope";

/** A parametric row: the head name is a pattern; each `<X>` is replaced by one of `vars[X]`. */
export interface PrefixSpec {
  /** The literal prefix the emitter dispatches on (`h.starts_with(...)`). */
  readonly prefix: string;
  readonly vars: Readonly<Record<string, ReadonlyArray<TypeName>>>;
}

export interface HeadSpec {
  readonly family: HeadFamily;
  readonly params: ReadonlyArray<ParamSpec>;
  readonly result: ResultSpec;
  /** In upstream's contract-pure allowlist (`CONTRACT_PURE_CALL_HEAD_ALLOWLIST` + any `option_*`/`result_*`). */
  readonly pure: boolean;
  /**
   * World capability needed (null: every world). Only the world-io rows have one, and it always equals
   * `capabilityOf(name)` from forms.ts, which is what lint's world rules (X07-WORLD-FS/RR/KV-0001) read.
   */
  readonly capability: HeadCapability | null;
  /** Whether evaluation may allocate (counts against alloc budgets; owned result or table growth). */
  readonly allocates: boolean;
  readonly context: HeadContext;
  /** Upstream runtime trap messages the head can raise (besides fuel/budget), verbatim as facts. */
  readonly traps: ReadonlyArray<string>;
  /** Semantics for the interpreter, in our words. */
  readonly note: string;
  /** Where the facts were read upstream (`file:function`). */
  readonly source: string;
  readonly prefix?: PrefixSpec;
  /** Set when a fact could not be settled; the text says what is open. */
  readonly open?: string;
}

// ---- constructors used by the family files ----

export const copy = (name: string, ty: ParamType): ParamSpec => ({ name, ty, mode: "copy" });
export const i32 = (name: string): ParamSpec => copy(name, "i32");
export const borrow = (name: string, ty: ParamType): ParamSpec => ({ name, ty, mode: "borrow" });
/** A bytes_view position that also takes an owned bytes (viewed in full, not moved). */
export const viewOrBytes = (name: string): ParamSpec => ({ name, ty: "bytes_view", mode: "borrow", accepts: ["bytes"] });
export const move = (name: string, ty: ParamType): ParamSpec => ({ name, ty, mode: "move" });
export const owner = (name: string, ty: TypeName): ParamSpec => ({ name, ty, mode: "owner" });
export const text = (name: string): ParamSpec => ({ name, ty: "bytes", mode: "text" });
export const symbol = (name: string): ParamSpec => ({ name, ty: "bytes", mode: "symbol" });
export const typeArg = (name: string): ParamSpec => ({ name, ty: "$T", mode: "type" });
export const asyncCall = (name: string, ty: TypeName): ParamSpec => ({ name, ty, mode: "async-call" });

type RowOpts = Partial<Pick<HeadSpec, "pure" | "capability" | "allocates" | "context" | "traps" | "prefix" | "open">>;

/** Build a row with the common defaults (impure, no capability, no allocation, any context, no traps). */
export const row = (
  family: HeadFamily,
  params: ReadonlyArray<ParamSpec>,
  result: ResultSpec,
  note: string,
  source: string,
  opts: RowOpts = {},
): HeadSpec => ({
  family,
  params,
  result,
  pure: opts.pure ?? false,
  capability: opts.capability ?? null,
  allocates: opts.allocates ?? false,
  context: opts.context ?? "any",
  traps: opts.traps ?? [],
  note,
  source,
  ...(opts.prefix !== undefined ? { prefix: opts.prefix } : {}),
  ...(opts.open !== undefined ? { open: opts.open } : {}),
});
