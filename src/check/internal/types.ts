/** Type references → checker types, and the properties the checker needs of each type. */
import type { TypeRef } from "../../parse/index.ts";
import type { Ty } from "../ir.ts";
import { TYPES, TYPE_NAMES as SHARED_TYPE_NAMES } from "../../core/heads/types.ts";

/** The type names a program may write in a signature (the shared type table's surface types). */
export const TYPE_NAMES: ReadonlySet<string> = new Set(SHARED_TYPE_NAMES.filter((t) => TYPES[t].surface));

/** Move-only types (the shared type table's "move" ownership): passing or binding a local of this type moves it. */
export const MOVE_ONLY: ReadonlySet<string> = new Set(SHARED_TYPE_NAMES.filter((t) => TYPES[t].ownership === "move"));

export const NEVER: Ty = "never";
export const UNKNOWN: Ty = "unknown";

/** `u32` is carried as i32 (upstream `Ty::parse_named("u32") = Ty::I32`). */
export const canonicalTy = (t: Ty): Ty => (t === "u32" || TASK_HANDLES.has(t) ? "i32" : t);

/** Task handles are i32 ids at runtime and interchangeable with i32 (upstream stores them in i32 locals). */
const TASK_HANDLES: ReadonlySet<string> = new Set(["task_handle_bytes_v1", "task_handle_result_bytes_v1"]);

/** Whether `got` may be used where `want` is expected without a coercion. */
export const sameTy = (got: Ty, want: Ty): boolean =>
  got === want || got === UNKNOWN || want === UNKNOWN || got === NEVER || canonicalTy(got) === canonicalTy(want);

/** Whether an implicit call-site coercion exists from `got` to `want` (bytes → bytes_view, vec_u8 → bytes_view). */
export const coercible = (got: Ty, want: Ty): boolean => want === "bytes_view" && (got === "bytes" || got === "vec_u8");

const NO_SUBST: ReadonlyMap<string, Ty> = new Map();

/** The concrete types each type-parameter bound admits (upstream docs/language/generics.md). */
export const BOUND_ADMITS: Readonly<Record<string, ReadonlySet<string> | "any">> = {
  any: "any",
  bytes_like: new Set(["bytes", "bytes_view"]),
  num_like: new Set(["i32", "u32"]),
  value: new Set(["i32", "u32", "bytes", "bytes_view"]),
  hashable: new Set(["i32", "u32", "bytes", "bytes_view"]),
  orderable: new Set(["i32", "u32", "bytes", "bytes_view"]),
};

/**
 * Lowers a parsed type reference to a checker type. `["option", "i32"]` and friends map onto the named
 * carriers; type variables and other applications are generic and not monomorphic (returned as undefined).
 */
export const tyOf = (t: TypeRef, subst: ReadonlyMap<string, Ty> = NO_SUBST): Ty | undefined => {
  if (t.kind === "named") return TYPE_NAMES.has(t.name) ? canonicalTy(t.name) : undefined;
  if (t.kind === "var") {
    const v = subst.get(t.name);
    return v === undefined ? undefined : canonicalTy(v);
  }
  const [a] = t.args;
  if (t.args.length !== 1 || a === undefined) return undefined;
  const inner = tyOf(a, subst);
  return inner === undefined ? undefined : applyTy(t.head, inner);
};

/** `option`/`result` applied to a payload type → the named carrier (`["option","i32"]` → `option_i32`). */
export const applyTy = (head: string, inner: Ty): Ty | undefined => {
  const c = canonicalTy(inner);
  if ((head === "option" || head === "result") && (c === "i32" || c === "bytes" || c === "bytes_view")) return `${head}_${c}`;
  if (head === "result" && c === "result_bytes") return "result_result_bytes";
  return undefined;
};
