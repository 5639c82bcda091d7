/**
 * ty.* intrinsics, evaluated directly with the meaning of their upstream lowering (`lower_ty_intrinsic`,
 * crates/x07c/src/generics.rs): the concrete type argument (from the checker's `tys`) picks the operation —
 * i32 compares signed, u32 unsigned, bytes/bytes_view lexicographically (as bytes.cmp_range over full lengths).
 * The type-argument position arrives as an ignored placeholder. Not yet: read_le_at, write_le_at, push_le and
 * hash32, which lower to std-core functions.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import type { Value } from "../values.ts";
import type { HeadFn, TypedHead } from "./impl.ts";

const isBytes = (t: string | undefined): boolean => t === "bytes" || t === "bytes_view";

const cmpBytes = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};

/** Three-way compare for the type argument; undefined for types the intrinsic does not take. */
const comparator = (t: string | undefined): ((a: Value, b: Value) => number) | undefined => {
  if (t === "i32") return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  if (t === "u32") return (a, b) => ((a as number) >>> 0 < (b as number) >>> 0 ? -1 : (a as number) >>> 0 > (b as number) >>> 0 ? 1 : 0);
  if (isBytes(t)) return (a, b) => cmpBytes(a as Uint8Array, b as Uint8Array);
  return undefined;
};

const typed = (make: (t: string | undefined) => HeadFn | undefined): TypedHead => ({ byType: (tys) => make(tys[0]) });
const scalarOnly = (op: (a: number, b: number) => number): TypedHead =>
  typed((t) => (t === "i32" || t === "u32" ? (_rt: Runtime, _ty: number, a: number, b: number) => op(a, b) : undefined));

export const TY_HEADS = {
  "ty.size": typed((t) => (t === "i32" || t === "u32" ? () => 4 : undefined)),
  "ty.size_bytes": typed((t) => (t === "i32" || t === "u32" ? () => 4 : undefined)),
  "ty.eq": typed((t) => {
    const c = comparator(t);
    return c === undefined ? undefined : (_rt: Runtime, _ty: number, a: Value, b: Value) => (c(a, b) === 0 ? 1 : 0);
  }),
  "ty.lt": typed((t) => {
    const c = comparator(t);
    return c === undefined ? undefined : (_rt: Runtime, _ty: number, a: Value, b: Value) => (c(a, b) < 0 ? 1 : 0);
  }),
  "ty.cmp": typed((t) => {
    const c = comparator(t);
    return c === undefined ? undefined : (_rt: Runtime, _ty: number, a: Value, b: Value) => c(a, b);
  }),
  "ty.add": scalarOnly((a, b) => (a + b) | 0),
  "ty.sub": scalarOnly((a, b) => (a - b) | 0),
  "ty.mul": scalarOnly((a, b) => Math.imul(a, b)),
  "ty.clone": typed((t) =>
    t === "bytes" ? (rt: Runtime, _ty: number, x: Uint8Array) => rt.copyOf(x) : t !== undefined ? (_rt: Runtime, _ty: number, x: Value) => x : undefined,
  ),
  "ty.drop": typed((t) => (t !== undefined ? () => 0 : undefined)),
  "__internal.bytes.clone_v1": { byType: () => (rt: Runtime, x: Uint8Array) => rt.copyOf(x) },
  "__internal.bytes.drop_v1": { byType: () => () => 0 },
} as const satisfies { readonly [K in HeadName]?: HeadFn | TypedHead };
