/**
 * bytes, view and vec_u8 heads (the pointer accessors `*.as_ptr`/`*.as_mut_ptr` are out of the pure subset).
 * Upstream: `emit_bytes_*_to`, `emit_view_*_to`, `emit_vec_u8_*_to`, `emit_expr_as_bytes_view`
 * (crates/x07c/src/c_emit_builtins.rs); `infer` (c_emit_types.rs); the runtime functions `rt_bytes_*`,
 * `rt_view_*`, `rt_vec_u8_*` in `RUNTIME_C_PREAMBLE` (c_emit_core.rs); builtin coercions in
 * `allow_implicit_bytes_view_call_arg_coercion` (typecheck.rs).
 *
 * Every index/length is read as UNSIGNED 32-bit, so a negative i32 index is a huge index and traps as out of bounds.
 * Bounds failures trap; nothing clamps.
 */
import { borrow, i32, move, owner, row, viewOrBytes, type HeadSpec } from "../spec.ts";

const B = "c_emit_builtins.rs";

export const BYTES_HEADS = {
  "bytes.len": row("bytes", [viewOrBytes("b")], "i32", "Length in bytes. An owned bytes argument is viewed, not moved.", `${B}:emit_bytes_len_to`, { pure: true }),
  "bytes.get_u8": row("bytes", [viewOrBytes("b"), i32("i")], "i32", "Byte at index i as 0..255; traps when i >= len (unsigned).", `${B}:emit_bytes_get_u8_to; rt_view_get_u8`, { pure: true, traps: ["view.get_u8 oob"] }),
  "bytes.set_u8": row("bytes", [move("b", "bytes"), i32("i"), i32("v")], "bytes", "Stores v & 0xFF at index i in place and returns the same bytes (the argument is moved in and handed back); traps when i >= len.", `${B}:emit_bytes_set_u8_to; rt_bytes_set_u8`, { traps: ["bytes.set_u8 oob"] }),
  "bytes.alloc": row("bytes", [i32("n")], "bytes", "New zero-filled bytes of length n (n read unsigned, so a negative n asks for ~4 GiB and fails the allocator/budget).", `${B}:emit_bytes_alloc_to; rt_bytes_alloc`, { allocates: true, traps: ["allocator.alloc failed"] }),
  "bytes.empty": row("bytes", [], "bytes", "New empty bytes (no allocation).", `${B}:emit_bytes_empty_to; rt_bytes_empty`),
  "bytes1": row("bytes", [i32("x")], "bytes", "New bytes of length 1 holding x & 0xFF.", `${B}:emit_bytes1_to`, { allocates: true }),
  "bytes.slice": row("bytes", [viewOrBytes("b"), i32("start"), i32("len")], "bytes", "Copies [start, start+len) into new bytes; traps unless start <= len(b) and len <= len(b) - start.", `${B}:emit_bytes_slice_to; rt_view_slice + rt_view_to_bytes`, { allocates: true, traps: ["view.slice oob"] }),
  "bytes.copy": row("bytes", [move("src", "bytes"), move("dst", "bytes")], "bytes", "Copies all of src over the start of dst and returns dst; traps when len(dst) < len(src). Both arguments are owned and moved.", `${B}:emit_bytes_copy_to; rt_bytes_copy`, { traps: ["bytes.copy dst too small"] }),
  "bytes.concat": row("bytes", [move("a", "bytes"), move("b", "bytes")], "bytes", "New bytes a ++ b; both arguments are moved. Traps if the total length overflows u32.", `${B}:emit_bytes_concat_to; rt_bytes_concat`, { allocates: true, traps: ["bytes.concat overflow"] }),
  "bytes.eq": row("bytes", [viewOrBytes("a"), viewOrBytes("b")], "i32", "1 if same length and same contents, else 0.", `${B}:emit_bytes_eq_to; rt_view_eq`, { pure: true }),
  "bytes.cmp_range": row("bytes", [viewOrBytes("a"), i32("a_off"), i32("a_len"), viewOrBytes("b"), i32("b_off"), i32("b_len")], "i32", "Lexicographic compare of a[a_off..+a_len] and b[b_off..+b_len] as unsigned bytes, shorter-is-less: -1, 0 or 1 (-1 is the pattern 0xFFFFFFFF). Traps when either range is out of bounds.", `${B}:emit_bytes_cmp_range_to; rt_view_cmp_range`, { pure: true, traps: ["view.cmp_range oob"] }),
  "bytes.view": row("bytes", [owner("b", "bytes")], "bytes_view", "Full view of a live bytes binding; the binding cannot be moved while the view lives. The brand of b carries over.", `${B}:emit_bytes_view_to; rt_bytes_view`, { pure: true }),
  "bytes.subview": row("bytes", [owner("b", "bytes"), i32("start"), i32("len")], "bytes_view", "View of b[start..start+len) of a live bytes binding; traps unless start <= len(b) and len <= len(b) - start. The result is not a full view, so brands do not carry.", `${B}:emit_bytes_subview_to; rt_bytes_subview`, { pure: true, traps: ["bytes.subview oob"] }),

  "view.len": row("view", [borrow("v", "bytes_view")], "i32", "Length of the view. Only bytes_view is accepted (an owned bytes must go through bytes.view or bytes.len).", `${B}:emit_view_len_to`, { pure: true }),
  "view.get_u8": row("view", [borrow("v", "bytes_view"), i32("i")], "i32", "Byte at index i as 0..255; traps when i >= len (unsigned).", `${B}:emit_view_get_u8_to; rt_view_get_u8`, { pure: true, traps: ["view.get_u8 oob"] }),
  "view.slice": row("view", [borrow("v", "bytes_view"), i32("start"), i32("len")], "bytes_view", "Narrower view into the same owner (no copy); traps unless start <= len(v) and len <= len(v) - start.", `${B}:emit_view_slice_to; rt_view_slice`, { pure: true, traps: ["view.slice oob"] }),
  "view.to_bytes": row("view", [borrow("v", "bytes_view")], "bytes", "Copies the viewed bytes into new owned bytes.", `${B}:emit_view_to_bytes_to; rt_view_to_bytes`, { pure: true, allocates: true }),
  "view.eq": row("view", [borrow("a", "bytes_view"), borrow("b", "bytes_view")], "i32", "1 if same length and contents, else 0. Strictly bytes_view arguments.", `${B}:emit_view_eq_to; rt_view_eq`),
  "view.cmp_range": row("view", [borrow("a", "bytes_view"), i32("a_off"), i32("a_len"), borrow("b", "bytes_view"), i32("b_off"), i32("b_len")], "i32", "As bytes.cmp_range, strictly on bytes_view arguments.", `${B}:emit_view_cmp_range_to; rt_view_cmp_range`, { traps: ["view.cmp_range oob"] }),

  "vec_u8.with_capacity": row("vec_u8", [i32("cap")], "vec_u8", "New empty builder with capacity exactly cap (read unsigned).", `${B}:emit_vec_u8_new_to; rt_vec_u8_new`, { allocates: true }),
  "vec_u8.len": row("vec_u8", [borrow("v", "vec_u8")], "i32", "Current length; an identifier argument is read, not moved.", `${B}:emit_vec_u8_len_to`),
  "vec_u8.cap": row("vec_u8", [borrow("v", "vec_u8")], "i32", "Current capacity (observable: see growth rules in heads.md).", `${B}:emit_vec_u8_cap_to`),
  "vec_u8.get": row("vec_u8", [borrow("v", "vec_u8"), i32("i")], "i32", "Byte at index i; traps when i >= len.", `${B}:emit_vec_u8_get_to; rt_vec_u8_get`, { traps: ["vec_u8.get oob"] }),
  "vec_u8.clear": row("vec_u8", [move("v", "vec_u8")], "vec_u8", "Sets length to 0, keeps capacity; returns the builder.", `${B}:emit_vec_u8_clear_to`),
  "vec_u8.set": row("vec_u8", [move("v", "vec_u8"), i32("i"), i32("x")], "vec_u8", "Stores x & 0xFF at index i; traps when i >= len.", `${B}:emit_vec_u8_set_to; rt_vec_u8_set`, { traps: ["vec_u8.set oob"] }),
  "vec_u8.push": row("vec_u8", [move("v", "vec_u8"), i32("x")], "vec_u8", "Appends x & 0xFF; when full, capacity becomes max(1, 2*cap).", `${B}:emit_vec_u8_push_to; rt_vec_u8_push`, { allocates: true }),
  "vec_u8.reserve_exact": row("vec_u8", [move("v", "vec_u8"), i32("additional")], "vec_u8", "If len + additional > cap, capacity becomes exactly len + additional. Traps if len + additional overflows u32.", `${B}:emit_vec_u8_reserve_exact_to; rt_vec_u8_reserve_exact`, { allocates: true, traps: ["vec_u8.reserve_exact overflow"] }),
  "vec_u8.extend_zeroes": row("vec_u8", [move("v", "vec_u8"), i32("n")], "vec_u8", "Appends n zero bytes; growth doubles max(cap,1) until it fits.", `${B}:emit_vec_u8_extend_zeroes_to; rt_vec_u8_extend_zeroes`, { allocates: true, traps: ["vec_u8.extend_zeroes overflow"] }),
  "vec_u8.extend_bytes": row("vec_u8", [move("v", "vec_u8"), viewOrBytes("b")], "vec_u8", "Appends all of b; growth doubles max(cap,1) until it fits.", `${B}:emit_vec_u8_extend_bytes_to; rt_vec_u8_extend_bytes`, { allocates: true, traps: ["vec_u8.extend_bytes overflow"] }),
  "vec_u8.extend_bytes_range": row("vec_u8", [move("v", "vec_u8"), viewOrBytes("b"), i32("start"), i32("len")], "vec_u8", "Appends b[start..start+len); traps when the range is out of bounds.", `${B}:emit_vec_u8_extend_bytes_range_to; rt_vec_u8_extend_bytes_range`, { allocates: true, traps: ["vec_u8.extend_bytes_range oob"] }),
  "vec_u8.into_bytes": row("vec_u8", [move("v", "vec_u8")], "bytes", "Consumes the builder; its first len bytes become the owned bytes (no copy upstream).", `${B}:emit_vec_u8_into_bytes_to; rt_vec_u8_into_bytes`),
  "vec_u8.as_view": row("vec_u8", [owner("v", "vec_u8")], "bytes_view", "View of the builder's current contents; the builder cannot be moved (or grown) while the view lives.", `${B}:emit_vec_u8_as_view_to; rt_vec_u8_as_view`),
} as const satisfies Record<string, HeadSpec>;
