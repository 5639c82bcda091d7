/**
 * i32 operators (upstream `emit_binop_to`). Values are int32 numbers; `+ - *` wrap, `/ %` are unsigned with
 * x/0 = 0 and x%0 = x, shifts mask the count by 31, comparisons yield 0/1 (signed or `u`-suffixed unsigned).
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { HeadFn } from "./impl.ts";

const b = (x: boolean): number => (x ? 1 : 0);

export const I32_HEADS = {
  "+": (_rt, a: number, c: number) => (a + c) | 0,
  "-": (_rt, a: number, c: number) => (a - c) | 0,
  "*": (_rt, a: number, c: number) => Math.imul(a, c),
  // Quotient of two u32 patterns is exact in a double and below 2^32, so `>>> 0` truncates it correctly.
  "/": (_rt, a: number, c: number) => (c === 0 ? 0 : (((a >>> 0) / (c >>> 0)) >>> 0) | 0),
  "%": (_rt, a: number, c: number) => (c === 0 ? a : ((a >>> 0) % (c >>> 0)) | 0),
  "&": (_rt, a: number, c: number) => a & c,
  "|": (_rt, a: number, c: number) => a | c,
  "^": (_rt, a: number, c: number) => a ^ c,
  // JS shift operators already use only the low 5 bits of the count, exactly upstream's (b & 31).
  "<<u": (_rt, a: number, c: number) => a << c,
  ">>u": (_rt, a: number, c: number) => (a >>> c) | 0,
  "=": (_rt, a: number, c: number) => b(a === c),
  "!=": (_rt, a: number, c: number) => b(a !== c),
  "<": (_rt, a: number, c: number) => b(a < c),
  "<=": (_rt, a: number, c: number) => b(a <= c),
  ">": (_rt, a: number, c: number) => b(a > c),
  ">=": (_rt, a: number, c: number) => b(a >= c),
  "<u": (_rt, a: number, c: number) => b(a >>> 0 < c >>> 0),
  "<=u": (_rt, a: number, c: number) => b(a >>> 0 <= c >>> 0),
  ">u": (_rt, a: number, c: number) => b(a >>> 0 > c >>> 0),
  ">=u": (_rt, a: number, c: number) => b(a >>> 0 >= c >>> 0),
} as const satisfies { readonly [K in HeadName]?: HeadFn };
