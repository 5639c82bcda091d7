/**
 * SMT terms in two worlds at once. Every value is encoded as a 32-bit bitvector term (`b`, always exact)
 * and, where it can be made exact, as a mathematical integer term (`i`) X with bitvector = X mod 2^32, plus
 * an interval [lo, hi] that holds for X under the target's requires. An operation whose integer form would
 * need a reading of X outside one 2^32 window (signed or unsigned) has no integer form; an obligation is
 * encoded over integers only when every term it needs has one (overflow-freedom established first), and
 * over bitvectors otherwise.
 */

/** A term pair: the bitvector-world term and, when exact, the integer-world term. */
export interface T {
  readonly b: string;
  readonly i?: string | undefined;
}

export const TWO32 = 1n << 32n;
export const I32_MIN = -(1n << 31n);
export const I32_MAX = (1n << 31n) - 1n;

/** An i32 value: its terms and the interval of its integer form X. */
export interface I32 {
  readonly k: "i32";
  readonly t: T;
  readonly lo: bigint;
  readonly hi: bigint;
  /** When the value is the 0/1 of a boolean: that boolean (so `truth` does not round-trip through ite). */
  readonly c?: T;
}

export const bvLit = (n: bigint | number): string => `#x${BigInt.asUintN(32, BigInt(n)).toString(16).padStart(8, "0")}`;
export const bv8Lit = (n: number): string => `#x${(n & 255).toString(16).padStart(2, "0")}`;
export const intLit = (n: bigint): string => (n < 0n ? `(- ${-n})` : `${n}`);

export const i32Lit = (n: bigint | number): I32 => {
  const v = BigInt.asIntN(32, BigInt(n));
  return { k: "i32", t: { b: bvLit(v), i: intLit(v) }, lo: v, hi: v };
};
export const ZERO = i32Lit(0);
export const ONE = i32Lit(1);

export const TRUE: T = { b: "true", i: "true" };
export const FALSE: T = { b: "false", i: "false" };

/** Lifts an n-ary term builder over both worlds (the integer term only when every operand has one). */
export const lift = (ts: ReadonlyArray<T>, fb: (xs: string[]) => string, fi: ((xs: string[]) => string) | undefined): T => {
  const b = fb(ts.map((t) => t.b));
  const is = ts.map((t) => t.i);
  const i = fi !== undefined && is.every((x) => x !== undefined) ? fi(is as string[]) : undefined;
  return { b, i };
};

export const not = (a: T): T => (a.b === "true" ? FALSE : a.b === "false" ? TRUE : lift([a], ([x]) => `(not ${x})`, ([x]) => `(not ${x})`));
export const and = (...xs: T[]): T => {
  const ys = xs.filter((x) => x.b !== "true");
  if (ys.some((y) => y.b === "false")) return FALSE;
  if (ys.length === 0) return TRUE;
  if (ys.length === 1) return ys[0] as T;
  return lift(ys, (zs) => `(and ${zs.join(" ")})`, (zs) => `(and ${zs.join(" ")})`);
};
export const or = (...xs: T[]): T => {
  const ys = xs.filter((x) => x.b !== "false");
  if (ys.some((y) => y.b === "true")) return TRUE;
  if (ys.length === 0) return FALSE;
  if (ys.length === 1) return ys[0] as T;
  return lift(ys, (zs) => `(or ${zs.join(" ")})`, (zs) => `(or ${zs.join(" ")})`);
};
export const implies = (a: T, b: T): T => or(not(a), b);
export const iteT = (c: T, a: T, b: T): T =>
  c.b === "true" ? a : c.b === "false" ? b : a.b === b.b && a.i === b.i ? a : lift([c, a, b], ([x, y, z]) => `(ite ${x} ${y} ${z})`, ([x, y, z]) => `(ite ${x} ${y} ${z})`);

/** The window index k with [lo, hi] inside [k·2^32 + base, (k+1)·2^32 + base), if any. */
const windowOf = (lo: bigint, hi: bigint, base: bigint): bigint | undefined => {
  const k = (v: bigint): bigint => {
    const d = v - base;
    return d >= 0n ? d / TWO32 : -((-d + TWO32 - 1n) / TWO32);
  };
  const a = k(lo);
  return a === k(hi) ? a : undefined;
};

/** The integer term of the signed reading of x, exact, or undefined. */
export const sread = (x: I32): { readonly t: T; readonly lo: bigint; readonly hi: bigint } => {
  const k = windowOf(x.lo, x.hi, I32_MIN);
  if (k === undefined || x.t.i === undefined) return { t: { b: x.t.b }, lo: I32_MIN, hi: I32_MAX };
  const shift = k * TWO32;
  return { t: { b: x.t.b, i: shift === 0n ? x.t.i : `(- ${x.t.i} ${intLit(shift)})` }, lo: x.lo - shift, hi: x.hi - shift };
};
/** The integer term of the unsigned reading of x, exact, or undefined. */
export const uread = (x: I32): { readonly t: T; readonly lo: bigint; readonly hi: bigint } => {
  const k = windowOf(x.lo, x.hi, 0n);
  if (k === undefined || x.t.i === undefined) return { t: { b: x.t.b }, lo: 0n, hi: TWO32 - 1n };
  const shift = k * TWO32;
  return { t: { b: x.t.b, i: shift === 0n ? x.t.i : `(- ${x.t.i} ${intLit(shift)})` }, lo: x.lo - shift, hi: x.hi - shift };
};

/** An i32 from a term pair with interval (no integer form when the interval is unknown). */
export const mk = (t: T, lo: bigint, hi: bigint): I32 => ({ k: "i32", t, lo, hi });
/** An i32 with only a bitvector form (full range). */
export const bvOnly = (b: string): I32 => ({ k: "i32", t: { b }, lo: I32_MIN, hi: I32_MAX });

/** 0/1 of a boolean. */
export const bool01 = (c: T): I32 => ({ ...mk(lift([c], ([x]) => `(ite ${x} #x00000001 #x00000000)`, ([x]) => `(ite ${x} 1 0)`), 0n, 1n), c });

/** x ≠ 0 as a boolean (exact over integers when the interval of X lies strictly within one period). */
export const truth = (x: I32): T => {
  if (x.c !== undefined) return x.c;
  if (x.lo === x.hi) return BigInt.asUintN(32, x.lo) === 0n ? FALSE : TRUE;
  const i = x.t.i !== undefined && x.lo > -TWO32 && x.hi < TWO32 ? `(not (= ${x.t.i} 0))` : undefined;
  return { b: `(not (= ${x.t.b} #x00000000))`, i };
};

const minmax = (xs: bigint[]): [bigint, bigint] => [xs.reduce((a, b) => (a < b ? a : b)), xs.reduce((a, b) => (a > b ? a : b))];

/** Equality mod 2^32 (exact over integers when A − B lies within one period of 0). */
export const eqI = (a: I32, b: I32): T => {
  const dlo = a.lo - b.hi;
  const dhi = a.hi - b.lo;
  const i = a.t.i !== undefined && b.t.i !== undefined && dlo > -TWO32 && dhi < TWO32 ? `(= ${a.t.i} ${b.t.i})` : undefined;
  return { b: `(= ${a.t.b} ${b.t.b})`, i };
};

const LIMIT = 1n << 80n; // integer forms beyond this are dropped (keeps terms and intervals small)
const bounded = (lo: bigint, hi: bigint, t: T): I32 => (lo < -LIMIT || hi > LIMIT ? mk({ b: t.b }, I32_MIN, I32_MAX) : mk(t, lo, hi));

export const add = (a: I32, b: I32): I32 => bounded(a.lo + b.lo, a.hi + b.hi, lift([a.t, b.t], ([x, y]) => `(bvadd ${x} ${y})`, ([x, y]) => `(+ ${x} ${y})`));
export const sub = (a: I32, b: I32): I32 => bounded(a.lo - b.hi, a.hi - b.lo, lift([a.t, b.t], ([x, y]) => `(bvsub ${x} ${y})`, ([x, y]) => `(- ${x} ${y})`));
export const mul = (a: I32, b: I32): I32 => {
  const [lo, hi] = minmax([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]);
  return bounded(lo, hi, lift([a.t, b.t], ([x, y]) => `(bvmul ${x} ${y})`, ([x, y]) => `(* ${x} ${y})`));
};

const isConst = (x: I32): boolean => x.lo === x.hi;

/** Unsigned division, x / 0 = 0. */
export const udiv = (a: I32, b: I32): I32 => {
  const ua = uread(a);
  const ub = uread(b);
  const bt = `(bvudiv ${a.t.b} ${b.t.b})`;
  if (isConst(b) && ub.lo !== 0n && ub.t.i !== undefined) {
    const i = ua.t.i !== undefined ? `(div ${ua.t.i} ${ub.lo})` : undefined;
    return mk({ b: bt, i }, ua.lo / ub.lo, ua.hi / ub.lo);
  }
  const b0 = `(ite (= ${b.t.b} #x00000000) #x00000000 ${bt})`;
  const i = ua.t.i !== undefined && ub.t.i !== undefined ? `(ite (= ${ub.t.i} 0) 0 (div ${ua.t.i} ${ub.t.i}))` : undefined;
  return mk({ b: b0, i }, 0n, ua.hi);
};
/** Unsigned remainder, x % 0 = x. */
export const urem = (a: I32, b: I32): I32 => {
  const ua = uread(a);
  const ub = uread(b);
  const bt = `(bvurem ${a.t.b} ${b.t.b})`;
  if (isConst(b) && ub.lo !== 0n && ub.t.i !== undefined) {
    const i = ua.t.i !== undefined ? `(mod ${ua.t.i} ${ub.lo})` : undefined;
    return mk({ b: bt, i }, 0n, ua.hi < ub.lo - 1n ? ua.hi : ub.lo - 1n);
  }
  const b0 = `(ite (= ${b.t.b} #x00000000) ${a.t.b} ${bt})`;
  const i = ua.t.i !== undefined && ub.t.i !== undefined ? `(ite (= ${ub.t.i} 0) ${ua.t.i} (mod ${ua.t.i} ${ub.t.i}))` : undefined;
  return mk({ b: b0, i }, 0n, ua.hi);
};

const pow2 = (k: bigint): bigint => 1n << k;

export const band = (a: I32, b: I32): I32 => {
  const bt = `(bvand ${a.t.b} ${b.t.b})`;
  // x & (2^k − 1) with x read unsigned = x mod 2^k.
  for (const [m, x] of [
    [b, a],
    [a, b],
  ] as const) {
    if (!isConst(m)) continue;
    const mu = BigInt.asUintN(32, m.lo);
    const k = BigInt(mu.toString(2).length);
    if (mu !== 0n && mu === pow2(k) - 1n) {
      const ux = uread(x);
      if (ux.t.i !== undefined) return mk({ b: bt, i: `(mod ${ux.t.i} ${pow2(k)})` }, 0n, ux.hi < mu ? ux.hi : mu);
      return mk({ b: bt }, 0n, mu);
    }
  }
  return bvOnly(bt);
};
export const bor = (a: I32, b: I32): I32 => bvOnly(`(bvor ${a.t.b} ${b.t.b})`);
export const bxor = (a: I32, b: I32): I32 => bvOnly(`(bvxor ${a.t.b} ${b.t.b})`);
export const shl = (a: I32, b: I32): I32 => {
  const bt = isConst(b) ? `(bvshl ${a.t.b} ${bvLit(b.lo & 31n)})` : `(bvshl ${a.t.b} (bvand ${b.t.b} #x0000001f))`;
  if (isConst(b) && a.t.i !== undefined) {
    const f = pow2(BigInt.asUintN(5, b.lo));
    return bounded(a.lo * f, a.hi * f, { b: bt, i: `(* ${a.t.i} ${f})` });
  }
  return bvOnly(bt);
};
export const lshr = (a: I32, b: I32): I32 => {
  const bt = isConst(b) ? `(bvlshr ${a.t.b} ${bvLit(b.lo & 31n)})` : `(bvlshr ${a.t.b} (bvand ${b.t.b} #x0000001f))`;
  if (isConst(b)) {
    const f = pow2(BigInt.asUintN(5, b.lo));
    const ua = uread(a);
    return mk({ b: bt, i: ua.t.i !== undefined ? `(div ${ua.t.i} ${f})` : undefined }, ua.lo / f, ua.hi / f);
  }
  return bvOnly(bt);
};

type Cmp = "<" | "<=" | ">" | ">=";
const BV_S: Record<Cmp, string> = { "<": "bvslt", "<=": "bvsle", ">": "bvsgt", ">=": "bvsge" };
const BV_U: Record<Cmp, string> = { "<": "bvult", "<=": "bvule", ">": "bvugt", ">=": "bvuge" };

/** A comparison as a boolean; signed or unsigned readings. */
export const cmp = (op: Cmp, unsigned: boolean, a: I32, b: I32): T => {
  const ra = unsigned ? uread(a) : sread(a);
  const rb = unsigned ? uread(b) : sread(b);
  const bt = `(${(unsigned ? BV_U : BV_S)[op]} ${a.t.b} ${b.t.b})`;
  const i = ra.t.i !== undefined && rb.t.i !== undefined ? `(${op} ${ra.t.i} ${rb.t.i})` : undefined;
  return { b: bt, i };
};

/** Merges two i32 values under a condition. */
export const iteI = (c: T, a: I32, b: I32): I32 => {
  if (c.b === "true") return a;
  if (c.b === "false") return b;
  const t = iteT(c, a.t, b.t);
  return mk(t, a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi);
};

/** Names referenced by a term (quoted symbols). */
export const namesIn = (term: string): string[] => term.match(/\|[^|]*\|/g) ?? [];
