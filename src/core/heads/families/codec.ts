/**
 * codec / fmt / parse / prng heads.
 * Upstream: `emit_codec_*_to`, `emit_fmt_*_to`, `emit_parse_*_to`, `emit_prng_lcg_next_u32_to`
 * (crates/x07c/src/c_emit_builtins.rs) and `rt_codec_*`, `rt_fmt_*`, `rt_parse_*`, `rt_prng_lcg_next_u32`
 * (RUNTIME_C_PREAMBLE in c_emit_core.rs).
 */
import { borrow, i32, row, viewOrBytes, type HeadSpec } from "../spec.ts";

const B = "c_emit_builtins.rs";

export const CODEC_HEADS = {
  "codec.read_u32_le": row("codec", [viewOrBytes("b"), i32("off")], "i32", "Little-endian u32 at off; traps unless off <= len and len - off >= 4.", `${B}:emit_codec_read_u32_le_to; rt_codec_read_u32_le`, { traps: ["codec.read_u32_le oob"] }),
  "codec.write_u32_le": row("codec", [i32("x")], "bytes", "New 4-byte little-endian encoding of x.", `${B}:emit_codec_write_u32_le_to; rt_codec_write_u32_le`, { allocates: true }),
  "fmt.u32_to_dec": row("fmt", [i32("x")], "bytes", "ASCII decimal of x read unsigned, no sign, no leading zeros (\"0\" for 0).", `${B}:emit_fmt_u32_to_dec_to; rt_fmt_u32_to_dec`, { allocates: true }),
  "fmt.s32_to_dec": row("fmt", [i32("x")], "bytes", "ASCII decimal of x read signed; negative values get a leading '-' (-2147483648 prints in full).", `${B}:emit_fmt_s32_to_dec_to; rt_fmt_s32_to_dec`, { allocates: true }),
  "parse.u32_dec": row("parse", [borrow("b", "bytes_view")], "i32", "Parses the whole view as unsigned decimal digits. TRAPS on empty input, any non-digit byte (no sign, no spaces) or a value above 2^32-1.", `${B}:emit_parse_u32_dec_to; rt_parse_u32_dec`, { traps: ["parse.u32_dec empty", "parse.u32_dec non-digit", "parse.u32_dec overflow"] }),
  "parse.u32_dec_at": row("parse", [borrow("b", "bytes_view"), i32("off")], "i32", "As parse.u32_dec on b[off..] (the whole rest must be digits); traps when off > len.", `${B}:emit_parse_u32_dec_at_to; rt_parse_u32_dec_at`, { traps: ["parse.u32_dec_at oob", "parse.u32_dec empty", "parse.u32_dec non-digit", "parse.u32_dec overflow"] }),
  "prng.lcg_next_u32": row("prng", [i32("state")], "i32", "Next LCG state: state * 1103515245 + 12345, wrapping mod 2^32.", `${B}:emit_prng_lcg_next_u32_to; rt_prng_lcg_next_u32`),
} as const satisfies Record<string, HeadSpec>;
