/**
 * How each backend treats a head besides calling its evaluator: the heads whose evaluators cannot trap (inlined by
 * jsgen with these templates — `$0`, `$1` are the operand atoms — and run without pointer bookkeeping by compile.ts),
 * and the brand casts, which call a user validator and are compiled specially.
 */

/** Inline JS templates of the heads that cannot trap and need no runtime. */
export const INLINE: Readonly<Record<string, string>> = {
  "+": "($0 + $1) | 0",
  "-": "($0 - $1) | 0",
  "*": "Math.imul($0, $1)",
  "/": "($1 === 0 ? 0 : ((($0 >>> 0) / ($1 >>> 0)) >>> 0) | 0)",
  "%": "($1 === 0 ? $0 : (($0 >>> 0) % ($1 >>> 0)) | 0)",
  "&": "$0 & $1",
  "|": "$0 | $1",
  "^": "$0 ^ $1",
  "<<u": "$0 << $1",
  ">>u": "($0 >>> $1) | 0",
  "=": "$0 === $1 ? 1 : 0",
  "!=": "$0 !== $1 ? 1 : 0",
  "<": "$0 < $1 ? 1 : 0",
  "<=": "$0 <= $1 ? 1 : 0",
  ">": "$0 > $1 ? 1 : 0",
  ">=": "$0 >= $1 ? 1 : 0",
  "<u": "($0 >>> 0) < ($1 >>> 0) ? 1 : 0",
  "<=u": "($0 >>> 0) <= ($1 >>> 0) ? 1 : 0",
  ">u": "($0 >>> 0) > ($1 >>> 0) ? 1 : 0",
  ">=u": "($0 >>> 0) >= ($1 >>> 0) ? 1 : 0",
  "bytes.len": "$0.length",
  "view.len": "$0.length",
  "vec_u8.len": "$0.len",
};

/** Heads whose evaluators cannot trap: exactly the inlined ones. */
export const PURE_HEADS: ReadonlySet<string> = new Set(Object.keys(INLINE));

/** The brand casts, which call a user validator (compiled specially, not through the heads table). */
export const BRAND_CASTS: ReadonlySet<string> = new Set(["std.brand.cast_bytes_v1", "std.brand.cast_view_copy_v1", "std.brand.cast_view_v1"]);
