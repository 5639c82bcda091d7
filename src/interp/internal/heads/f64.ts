/** f64 heads (x07AST 0.9): IEEE-754 doubles, as C `double` upstream. */
import type { HeadName } from "../../../core/heads/table.ts";
import { trap } from "../trap.ts";
import type { HeadFn } from "./impl.ts";

export const F64_HEADS = {
  "f64.add": (_rt, a: number, b: number) => a + b,
  "f64.sub": (_rt, a: number, b: number) => a - b,
  "f64.mul": (_rt, a: number, b: number) => a * b,
  "f64.div": (_rt, a: number, b: number) => a / b,
  "f64.of_i32": (_rt, x: number) => x | 0,
  // Upstream's `(int32_t)x` is undefined behaviour outside [-2^31, 2^31) and for NaN; we trap there (open question 1 in heads.md).
  "f64.to_i32_trunc": (_rt, x: number) => {
    const t = Math.trunc(x);
    if (!(t >= -2147483648 && t <= 2147483647)) trap("X07I_TRAP_CONVERSION", "f64.to_i32_trunc out of range");
    return t | 0;
  },
} as const satisfies { readonly [K in HeadName]?: HeadFn };
