/**
 * The X07 value types as data: what each type is, how it is owned, and how the interpreter represents it.
 *
 * Facts come from upstream x07 0.2.17: the `Ty` enum and `Ty::parse_named` (`crates/x07c/src/types.rs`),
 * `is_owned_ty` / `is_view_like_ty` / `is_task_handle_ty` and the C type mapping (`crates/x07c/src/c_emit.rs`),
 * and `docs/language/types-memory.md`. See `docs/semantics/heads.md` for the reasoning.
 */

/** How a value of the type behaves when it is passed or bound. */
export type Ownership =
  /** Plain data; using it never invalidates the source binding. */
  | "copy"
  /** Owned heap data; passing an identifier where this type is expected moves it (later use is an error). */
  | "move"
  /** Borrows from an owner (a bytes, a vec_u8 or `input`); must not outlive it, and the owner cannot move while borrowed. */
  | "borrow"
  /** Produces no value (the type of `return` and other diverging expressions). */
  | "none";

/**
 * How the interpreter should lower a value of the type.
 * - `u32`: one 32-bit pattern; signedness is chosen per operation (upstream stores every i32 as C `uint32_t`).
 * - `f64`: an IEEE double.
 * - `bytes`: an owned byte buffer.
 * - `view`: a window `{buffer, offset, length}` into bytes owned elsewhere.
 * - `vec_u8`: a growable buffer with an observable capacity (`vec_u8.cap`).
 * - `option`: `{tag: 0|1, payload}`; `result`: `{tag: 1 ok | 0 err, payload | err_code}` (upstream tag convention).
 * - `handle`: an i32 id into a runtime table (tasks, slots, select events).
 * - `scope`: runtime state of a structured scope; never a first-class value in source.
 * - `iface`: a pair of i32 (upstream `iface_t`, built by `iface.make_v1`).
 * - `pointer`: a raw address; not modelled by the pure interpreter.
 * - `none`: no runtime value.
 */
export type Lowering = "u32" | "f64" | "bytes" | "view" | "vec_u8" | "option" | "result" | "handle" | "scope" | "iface" | "pointer" | "none";

export interface TypeSpec {
  /** Broad kind, for grouping and diagnostics. */
  readonly kind: "scalar" | "bytes" | "option" | "result" | "iface" | "pointer" | "internal" | "bottom";
  readonly ownership: Ownership;
  readonly lowering: Lowering;
  /** Whether a program may write the type name in a signature (`Ty::parse_named`). Internal types are inferred only. */
  readonly surface: boolean;
  /** The payload type of an option/result (a key of TYPES; checked by the tests). */
  readonly payload?: string;
  /** Upstream spelling that aliases this type (e.g. `u32` is parsed as i32). */
  readonly aliasOf?: string;
  /** Only in standalone worlds with the unsafe capability. */
  readonly unsafeOnly?: true;
  /**
   * True for the result types: upstream treats `result_bytes`/`result_result_bytes` as owned (moved on use), and
   * the `try` form and the `*.unwrap_or` heads consume them. `result_i32`/`result_bytes_view` are copyable
   * in the C emitter; whether a result must be consumed at all is not enforced upstream (see open questions).
   */
  readonly consumeOnce?: true;
  readonly note?: string;
}

const scalar = (lowering: "u32" | "f64", note?: string): TypeSpec => ({
  kind: "scalar", ownership: "copy", lowering, surface: true, ...(note !== undefined ? { note } : {}),
});
const pointer: TypeSpec = { kind: "pointer", ownership: "copy", lowering: "pointer", surface: true, unsafeOnly: true };
const internal = (ownership: Ownership, lowering: Lowering, note: string): TypeSpec => ({
  kind: "internal", ownership, lowering, surface: false, note,
});

/** The type vocabulary. Keys are the upstream spellings; internal types use our own snake-case names. */
export const TYPES = {
  i32: scalar("u32", "32-bit pattern; + - * wrap; / % < <= > >= compare/divide as chosen by the operator (see heads.md)."),
  u32: { ...scalar("u32", "Accepted where a type argument is written; parsed as i32 (`Ty::parse_named`), distinct only for ty.* intrinsics."), aliasOf: "i32" },
  f64: scalar("f64", "x07AST 0.9 scalar; only the six f64.* heads operate on it; no implicit conversions."),
  bytes: { kind: "bytes", ownership: "move", lowering: "bytes", surface: true, note: "Owned, move-only byte string." },
  bytes_view: { kind: "bytes", ownership: "borrow", lowering: "view", surface: true, note: "Borrowed window into bytes, vec_u8 or input." },
  vec_u8: { kind: "bytes", ownership: "move", lowering: "vec_u8", surface: true, note: "Move-only growable builder; mutating heads take it by value and return it." },
  option_i32: { kind: "option", ownership: "copy", lowering: "option", surface: true, payload: "i32" },
  option_bytes: { kind: "option", ownership: "move", lowering: "option", surface: true, payload: "bytes" },
  option_bytes_view: { kind: "option", ownership: "borrow", lowering: "option", surface: true, payload: "bytes_view" },
  result_i32: { kind: "result", ownership: "copy", lowering: "result", surface: true, payload: "i32", consumeOnce: true },
  result_bytes: { kind: "result", ownership: "move", lowering: "result", surface: true, payload: "bytes", consumeOnce: true },
  result_bytes_view: { kind: "result", ownership: "borrow", lowering: "result", surface: true, payload: "bytes_view", consumeOnce: true },
  result_result_bytes: { kind: "result", ownership: "move", lowering: "result", surface: true, payload: "result_bytes", consumeOnce: true },
  iface: { kind: "iface", ownership: "copy", lowering: "iface", surface: true, note: "Reader interface record; only made by iface.make_v1 / io heads (fixture worlds)." },
  ptr_const_u8: pointer,
  ptr_mut_u8: pointer,
  ptr_const_void: pointer,
  ptr_mut_void: pointer,
  ptr_const_i32: pointer,
  ptr_mut_i32: pointer,
  task_handle_bytes_v1: internal("copy", "handle", "Result of calling a defasync that returns bytes; accepted where i32 is expected."),
  task_handle_result_bytes_v1: internal("copy", "handle", "Result of calling a defasync that returns result_bytes; accepted where i32 is expected."),
  task_slot_v1: internal("copy", "handle", "Slot id from task.scope.async_let_*; scope-owned. Docs call it i32; the emitter types it apart (see open questions)."),
  task_select_evt_v1: internal("move", "handle", "Select event from task.scope.select_v1; owned (must be taken or dropped)."),
  option_task_select_evt_v1: internal("move", "option", "Result of task.scope.select_try_v1; lowered like option_i32."),
  task_scope_v1: internal("move", "scope", "Runtime state of an open task.scope_v1; not nameable."),
  budget_scope_v1: internal("move", "scope", "Runtime state of an open budget.scope_v1; not nameable."),
  never: { kind: "bottom", ownership: "none", lowering: "none", surface: false, note: "Type of return and other diverging expressions; joins with any type in if." },
} as const satisfies Record<string, TypeSpec>;

export type TypeName = keyof typeof TYPES;

/** The type names in a fixed order (for tests and derived parsers). */
export const TYPE_NAMES: ReadonlyArray<TypeName> = Object.keys(TYPES) as TypeName[];

/** Whether a string names a type in the vocabulary. */
export const isTypeName = (s: string): s is TypeName => Object.prototype.hasOwnProperty.call(TYPES, s);

/** The value types that vec_value / map_value element suffixes and value type ids cover (`value_suffix_ty`, generics.rs `value_ty_id`). */
export const VALUE_TYPE_IDS = { i32: 1, u32: 2, bytes: 3, bytes_view: 4 } as const satisfies Partial<Record<TypeName, number>>;
