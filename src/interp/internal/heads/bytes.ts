/**
 * bytes, view and vec_u8 heads (upstream `rt_bytes_*`, `rt_view_*`, `rt_vec_u8_*` in the C runtime). Every
 * index and length is read unsigned; out-of-range accesses trap with upstream's message; nothing clamps.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trapBounds, trapOverflow } from "../trap.ts";
import { EMPTY_BYTES, VecU8 } from "../values.ts";
import type { HeadFn } from "./impl.ts";

/** Upstream's range check: start <= len && n <= len - start, all unsigned. */
const inRange = (len: number, start: number, n: number): boolean => {
  const s = start >>> 0;
  return s <= len && n >>> 0 <= len - s;
};

const getU8 = (msg: string) => (_rt: Runtime, v: Uint8Array, i: number): number => {
  const k = i >>> 0;
  if (k >= v.length) trapBounds(msg);
  return v[k] as number;
};

const viewSlice = (msg: string) => (_rt: Runtime, v: Uint8Array, start: number, n: number): Uint8Array => {
  if (!inRange(v.length, start, n)) trapBounds(msg);
  return v.subarray(start >>> 0, (start >>> 0) + (n >>> 0));
};

const eq = (_rt: Runtime, a: Uint8Array, b: Uint8Array): number => {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return 0;
  return 1;
};

/** Lexicographic unsigned compare of two ranges; the shorter common prefix is less; -1 / 0 / 1. */
const cmpRange = (msg: string) => (_rt: Runtime, a: Uint8Array, ao: number, al: number, b: Uint8Array, bo: number, bl: number): number => {
  if (!inRange(a.length, ao, al) || !inRange(b.length, bo, bl)) trapBounds(msg);
  const as = ao >>> 0, bs = bo >>> 0, an = al >>> 0, bn = bl >>> 0;
  const n = an < bn ? an : bn;
  for (let i = 0; i < n; i++) {
    const x = a[as + i] as number, y = b[bs + i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return an === bn ? 0 : an < bn ? -1 : 1;
};

const toBytes = (rt: Runtime, v: Uint8Array): Uint8Array => rt.copyOf(v);

/** Grows `v` so that `need` bytes fit: capacity doubles from max(cap, 1), jumping to `need` past 2^31 (upstream extend rule). */
const growTo = (rt: Runtime, v: VecU8, need: number): void => {
  const cap = v.buf.length;
  if (need <= cap) return;
  let next = cap === 0 ? 1 : cap;
  while (next < need) {
    if (next > 0x7fffffff) { next = need; break; }
    next *= 2;
  }
  realloc(rt, v, next);
};

const realloc = (rt: Runtime, v: VecU8, cap: number): void => {
  rt.account(cap);
  rt.mem.realloc_calls++;
  const buf = new Uint8Array(cap);
  if (v.len > 0) {
    buf.set(v.buf.subarray(0, v.len));
    rt.memcpy(v.len);
  }
  v.buf = buf;
};

const extend = (rt: Runtime, v: VecU8, b: Uint8Array, msg: string): VecU8 => {
  if (b.length > 0xffffffff - v.len) trapOverflow(msg);
  growTo(rt, v, v.len + b.length);
  v.buf.set(b, v.len);
  rt.memcpy(b.length);
  v.len += b.length;
  return v;
};

export const BYTES_HEADS = {
  "bytes.len": (_rt, b: Uint8Array) => b.length,
  "bytes.get_u8": getU8("view.get_u8 oob"),
  "bytes.set_u8": (_rt, b: Uint8Array, i: number, x: number) => {
    const k = i >>> 0;
    if (k >= b.length) trapBounds("bytes.set_u8 oob");
    b[k] = x & 0xff;
    return b;
  },
  "bytes.alloc": (rt, n: number) => rt.alloc(n),
  "bytes.empty": () => EMPTY_BYTES,
  "bytes1": (rt, x: number) => {
    const b = rt.alloc(1);
    b[0] = x & 0xff;
    return b;
  },
  "bytes.slice": (rt, v: Uint8Array, start: number, n: number) => rt.copyOf(viewSlice("view.slice oob")(rt, v, start, n)),
  "bytes.copy": (rt, src: Uint8Array, dst: Uint8Array) => {
    if (dst.length < src.length) trapBounds("bytes.copy dst too small");
    dst.set(src, 0);
    rt.memcpy(src.length);
    return dst;
  },
  "bytes.concat": (rt, a: Uint8Array, b: Uint8Array) => {
    if (a.length + b.length > 0xffffffff) trapOverflow("bytes.concat overflow");
    const out = rt.alloc(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    rt.memcpy(a.length + b.length);
    return out;
  },
  "bytes.eq": eq,
  "bytes.cmp_range": cmpRange("view.cmp_range oob"),
  "bytes.view": (_rt, b: Uint8Array) => b,
  "bytes.subview": viewSlice("bytes.subview oob"),

  "view.len": (_rt, v: Uint8Array) => v.length,
  "view.get_u8": getU8("view.get_u8 oob"),
  "view.slice": viewSlice("view.slice oob"),
  "view.to_bytes": toBytes,
  "view.eq": eq,
  "view.cmp_range": cmpRange("view.cmp_range oob"),

  "vec_u8.with_capacity": (rt, cap: number) => new VecU8(rt.alloc(cap), 0),
  "vec_u8.len": (_rt, v: VecU8) => v.len,
  "vec_u8.cap": (_rt, v: VecU8) => v.buf.length | 0,
  "vec_u8.get": (_rt, v: VecU8, i: number) => {
    const k = i >>> 0;
    if (k >= v.len) trapBounds("vec_u8.get oob");
    return v.buf[k] as number;
  },
  "vec_u8.clear": (_rt, v: VecU8) => {
    v.len = 0;
    return v;
  },
  "vec_u8.set": (_rt, v: VecU8, i: number, x: number) => {
    const k = i >>> 0;
    if (k >= v.len) trapBounds("vec_u8.set oob");
    v.buf[k] = x & 0xff;
    return v;
  },
  "vec_u8.push": (rt, v: VecU8, x: number) => {
    if (v.len === v.buf.length) realloc(rt, v, v.len === 0 ? 1 : v.len * 2);
    v.buf[v.len++] = x & 0xff;
    return v;
  },
  "vec_u8.reserve_exact": (rt, v: VecU8, additional: number) => {
    const add = additional >>> 0;
    if (add > 0xffffffff - v.len) trapOverflow("vec_u8.reserve_exact overflow");
    if (v.len + add > v.buf.length) realloc(rt, v, v.len + add);
    return v;
  },
  "vec_u8.extend_zeroes": (rt, v: VecU8, n: number) => {
    const k = n >>> 0;
    if (k > 0xffffffff - v.len) trapOverflow("vec_u8.extend_zeroes overflow");
    growTo(rt, v, v.len + k);
    v.buf.fill(0, v.len, v.len + k);
    v.len += k;
    return v;
  },
  "vec_u8.extend_bytes": (rt, v: VecU8, b: Uint8Array) => extend(rt, v, b, "vec_u8.extend_bytes overflow"),
  "vec_u8.extend_bytes_range": (rt, v: VecU8, b: Uint8Array, start: number, n: number) => {
    if (!inRange(b.length, start, n)) trapBounds("vec_u8.extend_bytes_range oob");
    return extend(rt, v, b.subarray(start >>> 0, (start >>> 0) + (n >>> 0)), "vec_u8.extend_bytes_range oob");
  },
  "vec_u8.into_bytes": (_rt, v: VecU8) => (v.len === 0 ? EMPTY_BYTES : v.buf.subarray(0, v.len)),
  "vec_u8.as_view": (_rt, v: VecU8) => v.buf.subarray(0, v.len),
} as const satisfies { readonly [K in HeadName]?: HeadFn };
