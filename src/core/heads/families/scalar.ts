/**
 * i32 operators, f64 (x07AST 0.9) and literal heads.
 * Upstream: `emit_binop_to` and `emit_f64_*_to` (crates/x07c/src/c_emit_builtins.rs), the operator arm of
 * `infer` (c_emit_types.rs), `add_builtin_sigs` and `CONTRACT_PURE_CALL_HEAD_ALLOWLIST` (typecheck.rs).
 * `&&` and `||` are short-circuit special forms (see ../special-forms.ts), not rows here.
 */
import { copy, i32, row, text, type HeadSpec } from "../spec.ts";

const BINOP_SRC = "c_emit_builtins.rs:emit_binop_to";
const bin = (note: string): HeadSpec => row("i32", [i32("a"), i32("b")], "i32", note, BINOP_SRC, { pure: true });
const cmp = (note: string): HeadSpec => bin(`Yields 1 or 0. ${note}`);

export const SCALAR_HEADS = {
  "+": bin("Wrapping addition modulo 2^32."),
  "-": bin("Wrapping subtraction modulo 2^32."),
  "*": bin("Wrapping multiplication modulo 2^32 (low 32 bits)."),
  "/": bin("UNSIGNED division of the two 32-bit patterns; x / 0 = 0 (no trap)."),
  "%": bin("UNSIGNED remainder of the two 32-bit patterns; x % 0 = x (no trap)."),
  "&": bin("Bitwise and."),
  "|": bin("Bitwise or."),
  "^": bin("Bitwise xor."),
  "<<u": bin("Shift left by (b & 31)."),
  ">>u": bin("Logical (zero-filling) shift right by (b & 31)."),
  "=": cmp("Equality of the bit patterns."),
  "!=": cmp("Inequality of the bit patterns."),
  "<": cmp("Signed (two's complement) less-than."),
  "<=": cmp("Signed less-or-equal."),
  ">": cmp("Signed greater-than."),
  ">=": cmp("Signed greater-or-equal."),
  "<u": cmp("Unsigned less-than. A literal 0 as the right operand is a compile error upstream (always false)."),
  "<=u": cmp("Unsigned less-or-equal."),
  ">u": cmp("Unsigned greater-than."),
  ">=u": cmp("Unsigned greater-or-equal. A literal 0 as the right operand is a compile error upstream (always true)."),

  "f64.add": row("f64", [copy("a", "f64"), copy("b", "f64")], "f64", "IEEE-754 double addition (C `double`).", "c_emit_builtins.rs:emit_f64_arith_to", { pure: true }),
  "f64.sub": row("f64", [copy("a", "f64"), copy("b", "f64")], "f64", "IEEE-754 double subtraction.", "c_emit_builtins.rs:emit_f64_arith_to", { pure: true }),
  "f64.mul": row("f64", [copy("a", "f64"), copy("b", "f64")], "f64", "IEEE-754 double multiplication.", "c_emit_builtins.rs:emit_f64_arith_to", { pure: true }),
  "f64.div": row("f64", [copy("a", "f64"), copy("b", "f64")], "f64", "IEEE-754 double division; x/0 gives ±inf or NaN, no trap.", "c_emit_builtins.rs:emit_f64_arith_to", { pure: true }),
  "f64.of_i32": row("f64", [i32("x")], "f64", "Converts the i32 read as SIGNED to double (exact).", "c_emit_builtins.rs:emit_f64_of_i32_to", { pure: true }),
  "f64.to_i32_trunc": row("f64", [copy("x", "f64")], "i32", "Truncates toward zero to a signed 32-bit value.", "c_emit_builtins.rs:emit_f64_to_i32_trunc_to", {
    pure: true,
    open: "Upstream emits a plain C cast `(int32_t)x`, which is undefined for NaN, ±inf and values outside [-2^31, 2^31). Our interpreter must pick a rule (trap or saturate) and document it.",
  }),

  "i32.lit": row("lit", [{ name: "x", ty: "i32", mode: "int-literal" }], "i32", "Yields the integer literal unchanged (an explicit i32 literal form).", "typecheck.rs:add_builtin_sigs; wasm_emit/emit_module.rs:emit_i32_lit", {
    pure: true,
    open: "Not dispatched by the C emitter's emit_list_to (only typecheck, the wasm emitter and world-config parsing know it); whether a non-literal argument is accepted is not settled.",
  }),
  "bytes.lit": row("lit", [text("text")], "bytes", "New owned bytes holding the UTF-8 encoding of the literal JSON string (no escape processing beyond JSON).", "c_emit_builtins.rs:emit_bytes_lit_to", { pure: true, allocates: true }),
  "bytes.view_lit": row("lit", [text("text")], "bytes_view", "A full view of static literal data; borrows nothing local, so it may outlive any binding.", "c_emit_builtins.rs:emit_bytes_view_lit_to", { pure: true }),
} as const satisfies Record<string, HeadSpec>;
