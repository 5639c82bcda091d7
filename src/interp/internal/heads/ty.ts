/**
 * ty.* intrinsics, evaluated directly with the meaning of their upstream lowering (`lower_ty_intrinsic`,
 * crates/x07c/src/generics.rs): the concrete type argument (from the checker's `tys`) picks the operation —
 * i32 compares signed, u32 unsigned, bytes/bytes_view lexicographically (as bytes.cmp_range over full lengths).
 * The type-argument position arrives as an ignored placeholder. read_le_at / write_le_at / push_le / hash32 lower
 * upstream to std.u32 / std.hash calls; here they run the same byte-level operations directly (little-endian u32
 * through codec.read_u32_le, four bytes.set_u8, four vec_u8.push; hash32 = murmur3's fmix32 of the value, or of the
 * FNV-1a 32 hash for bytes), so traps and capacity growth match the lowered calls. Fuel: 1 (the lowered call and
 * body would cost more).
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import type { Value } from "../values.ts";
import { BYTES_HEADS } from "./bytes.ts";
import { CODEC_HEADS } from "./codec.ts";
import type { VecU8 } from "../values.ts";
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

const isScalar = (t: string | undefined): boolean => t === "i32" || t === "u32";

/** murmur3's 32-bit finaliser (std.hash.mix32). */
export const mix32 = (x: number): number => {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
};

/** FNV-1a, 32-bit (std.hash.fnv1a32_view). */
export const fnv1a32 = (b: Uint8Array): number => {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ (b[i] as number), 16777619);
  return h | 0;
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
  "ty.read_le_at": typed((t) => (isScalar(t) ? (rt: Runtime, _ty: number, b: Uint8Array, off: number) => CODEC_HEADS["codec.read_u32_le"](rt, b, off) : undefined)),
  "ty.write_le_at": typed((t) =>
    isScalar(t)
      ? (rt: Runtime, _ty: number, b: Uint8Array, off: number, x: number) => {
          for (let k = 0; k < 4; k++) BYTES_HEADS["bytes.set_u8"](rt, b, (off + k) | 0, (x >>> (8 * k)) & 0xff);
          return b;
        }
      : undefined,
  ),
  "ty.push_le": typed((t) =>
    isScalar(t)
      ? (rt: Runtime, _ty: number, v: VecU8, x: number) => {
          for (let k = 0; k < 4; k++) BYTES_HEADS["vec_u8.push"](rt, v, (x >>> (8 * k)) & 0xff);
          return v;
        }
      : undefined,
  ),
  "ty.hash32": typed((t) =>
    isScalar(t) ? (_rt: Runtime, _ty: number, x: number) => mix32(x) : isBytes(t) ? (_rt: Runtime, _ty: number, b: Uint8Array) => mix32(fnv1a32(b)) : undefined,
  ),
  "__internal.bytes.clone_v1": { byType: () => (rt: Runtime, x: Uint8Array) => rt.copyOf(x) },
  "__internal.bytes.drop_v1": { byType: () => () => 0 },
} as const satisfies { readonly [K in HeadName]?: HeadFn | TypedHead };
