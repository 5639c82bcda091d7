/**
 * ty.* intrinsics (generics) and the two __internal heads they lower to.
 * Upstream: `lower_ty_intrinsic` (crates/x07c/src/generics.rs), docs/language/generics.md. Each intrinsic takes a
 * concrete type argument first and is rewritten at monomorphization time into ordinary heads or std calls;
 * the interpreter can evaluate them directly with the same meaning. T ∈ {i32, u32, bytes, bytes_view} unless noted.
 */
import { borrow, copy, move, row, typeArg, type HeadSpec } from "../spec.ts";

const G = "generics.rs:lower_ty_intrinsic";
const t = typeArg("T");

export const TY_HEADS = {
  "ty.size": row("ty", [t], "i32", "Byte size of T: 4 for i32/u32; bytes/bytes_view are two target pointers wide.", G, { open: "For bytes/bytes_view the value depends on the target pointer width (2 * ptr_bytes); the interpreter must pick one (8 or 16)." }),
  "ty.size_bytes": row("ty", [t], "i32", "Same as ty.size.", G, { open: "As ty.size." }),
  "ty.read_le_at": row("ty", [t, borrow("b", "bytes_view"), copy("off", "i32")], "$T", "T ∈ {i32,u32}: little-endian u32 at off (lowers to std.u32.read_le_at).", G),
  "ty.write_le_at": row("ty", [t, move("b", "bytes"), copy("off", "i32"), copy("x", "$T")], "bytes", "T ∈ {i32,u32}: writes x little-endian at off (lowers to std.u32.write_le_at).", G),
  "ty.push_le": row("ty", [t, move("v", "vec_u8"), copy("x", "$T")], "vec_u8", "T ∈ {i32,u32}: appends x little-endian (lowers to std.u32.push_le).", G),
  "ty.lt": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "i32", "i32: signed <; u32: <u; bytes/bytes_view: lexicographic (bytes.cmp_range over both full lengths) < 0.", G),
  "ty.cmp": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "i32", "Three-way compare -1/0/1 with the same orderings as ty.lt.", G),
  "ty.eq": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "i32", "i32/u32: =; bytes/bytes_view: bytes.eq.", G),
  "ty.hash32": row("ty", [t, copy("x", "$T")], "i32", "i32/u32: std.hash.mix32(x); bytes/bytes_view: std.hash.mix32(std.hash.fnv1a32_view(x)).", G),
  "ty.clone": row("ty", [t, copy("x", "$T")], "$T", "i32/u32/bytes_view: x itself; bytes: a fresh copy (via __internal.bytes.clone_v1), x stays usable.", G, { allocates: true }),
  "ty.drop": row("ty", [t, copy("x", "$T")], "i32", "Scalars/views: evaluates x and yields 0; bytes: frees it (via __internal.bytes.drop_v1).", G),
  "ty.add": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "$T", "T ∈ {i32,u32}: wrapping + .", G),
  "ty.sub": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "$T", "T ∈ {i32,u32}: wrapping - .", G),
  "ty.mul": row("ty", [t, copy("a", "$T"), copy("b", "$T")], "$T", "T ∈ {i32,u32}: wrapping * .", G),

  "__internal.bytes.clone_v1": row("internal", [borrow("b", "bytes")], "bytes", "Copy of b with its brand; b is not moved. Only reachable through ty.clone.", "c_emit_builtins.rs:emit_internal_bytes_clone_v1_to", { allocates: true }),
  "__internal.bytes.drop_v1": row("internal", [move("b", "bytes")], "i32", "Frees b; 0. Only reachable through ty.drop.", "c_emit_builtins.rs:emit_internal_bytes_drop_v1_to"),
} as const satisfies Record<string, HeadSpec>;
