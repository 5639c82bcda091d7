/** codec / fmt / parse / prng heads (upstream `rt_codec_*`, `rt_fmt_*`, `rt_parse_*`, `rt_prng_lcg_next_u32`). */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trap, trapBounds } from "../trap.ts";
import type { HeadFn } from "./impl.ts";

const ascii = (rt: Runtime, s: string): Uint8Array => {
  const out = rt.alloc(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

/** Whole-slice unsigned decimal; checks in upstream's order: empty, then per byte non-digit before overflow. */
const parseDec = (b: Uint8Array): number => {
  if (b.length === 0) trap("X07I_TRAP_PARSE", "parse.u32_dec empty");
  let acc = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c < 48 || c > 57) trap("X07I_TRAP_PARSE", "parse.u32_dec non-digit");
    const d = c - 48;
    if (acc > Math.floor((0xffffffff - d) / 10)) trap("X07I_TRAP_PARSE", "parse.u32_dec overflow");
    acc = acc * 10 + d;
  }
  return acc | 0;
};

export const CODEC_HEADS = {
  "codec.read_u32_le": (_rt, b: Uint8Array, off: number) => {
    const o = off >>> 0;
    if (o > b.length || b.length - o < 4) trapBounds("codec.read_u32_le oob");
    return (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24);
  },
  "codec.write_u32_le": (rt, x: number) => {
    const out = rt.alloc(4);
    out[0] = x & 0xff;
    out[1] = (x >>> 8) & 0xff;
    out[2] = (x >>> 16) & 0xff;
    out[3] = (x >>> 24) & 0xff;
    return out;
  },
  "fmt.u32_to_dec": (rt, x: number) => ascii(rt, String(x >>> 0)),
  "fmt.s32_to_dec": (rt, x: number) => ascii(rt, String(x | 0)),
  "parse.u32_dec": (_rt, b: Uint8Array) => parseDec(b),
  "parse.u32_dec_at": (_rt, b: Uint8Array, off: number) => {
    const o = off >>> 0;
    if (o > b.length) trapBounds("parse.u32_dec_at oob");
    return parseDec(b.subarray(o));
  },
  "prng.lcg_next_u32": (_rt, s: number) => (Math.imul(s, 1103515245) + 12345) | 0,
} as const satisfies { readonly [K in HeadName]?: HeadFn };
