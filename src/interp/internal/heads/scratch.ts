/**
 * scratch_u8_fixed_v1: fixed-capacity byte buffers behind i32 handles (upstream `rt_scratch_u8_fixed_*`).
 * `new` reuses the lowest dropped slot; `try_write` never grows (err 8 when the bytes do not fit); `drop` is
 * 1 for a live handle and 0 otherwise, never a trap.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trap } from "../trap.ts";
import { Tagged, VecU8 } from "../values.ts";
import type { HeadFn } from "./impl.ts";

const live = (rt: Runtime, h: number): VecU8 => {
  const s = rt.scratch[(h >>> 0) - 1];
  return s === undefined ? trap("X07I_TRAP_COLLECTION", "scratch_u8_fixed invalid handle") : s;
};

export const SCRATCH_HEADS = {
  "scratch_u8_fixed_v1.new": (rt, cap: number) => {
    const buf = new VecU8(rt.alloc(cap), 0);
    const free = rt.scratch.indexOf(undefined);
    if (free >= 0) {
      rt.scratch[free] = buf;
      return free + 1;
    }
    rt.scratch.push(buf);
    return rt.scratch.length;
  },
  "scratch_u8_fixed_v1.clear": (rt, h: number) => {
    live(rt, h).len = 0;
    return h;
  },
  "scratch_u8_fixed_v1.len": (rt, h: number) => live(rt, h).len,
  "scratch_u8_fixed_v1.cap": (rt, h: number) => live(rt, h).buf.length | 0,
  "scratch_u8_fixed_v1.as_view": (rt, h: number) => {
    const s = live(rt, h);
    return s.buf.subarray(0, s.len);
  },
  "scratch_u8_fixed_v1.try_write": (rt, h: number, b: Uint8Array) => {
    const s = live(rt, h);
    if (s.len + b.length > s.buf.length) return new Tagged(0, 8);
    s.buf.set(b, s.len);
    rt.memcpy(b.length);
    s.len += b.length;
    return new Tagged(1, b.length);
  },
  "scratch_u8_fixed_v1.drop": (rt, h: number) => {
    const i = (h >>> 0) - 1;
    if (h === 0 || rt.scratch[i] === undefined) return 0;
    rt.scratch[i] = undefined;
    return 1;
  },
} as const satisfies { readonly [K in HeadName]?: HeadFn };
