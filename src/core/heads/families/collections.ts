/**
 * Native collections: map_u32, set_u32, vec_value, map_value (incl. their parametric prefix families) and
 * scratch_u8_fixed_v1. All are i32 HANDLES into per-run runtime tables (1-based; 0 and unknown handles trap).
 * Upstream: `emit_map_u32_*_to`, `emit_set_u32_*_to`, `emit_vec_value_*_to`, `emit_map_value_*_to`,
 * `emit_scratch_u8_fixed_*_to` (c_emit_builtins.rs); `parse_value_suffix_single` / `parse_value_suffix_pair` /
 * `value_suffix_ty` (c_emit.rs); `rt_map_u32_*`, `rt_vec_value_*`, `rt_map_value_*`, `rt_scratch_u8_fixed_*`
 * (RUNTIME_C_PREAMBLE, c_emit_core.rs). Handles are never freed except scratch (`drop`).
 */
import { i32, row, type HeadSpec, type ParamSpec, type PrefixSpec } from "../spec.ts";
import type { TypeName } from "../types.ts";

const B = "c_emit_builtins.rs";
const VALUE_TYS: ReadonlyArray<TypeName> = ["i32", "bytes", "bytes_view"];
const pre = (prefix: string, ...vars: string[]): PrefixSpec => ({ prefix, vars: Object.fromEntries(vars.map((v) => [v, VALUE_TYS])) });
/** How a value of a type variable is passed in (i32 copied, bytes moved into the container, bytes_view stored as a borrow). */
const valueIn = (name: string, v: `$${string}`): ParamSpec => ({ name, ty: v, mode: "move" });
const keyIn = (name: string, v: `$${string}`): ParamSpec => ({ name, ty: v, mode: "borrow" });
const MAP_U32_NOTE = "Open addressing: slot = (key * 2654435769 mod 2^32) & (cap - 1), linear probing, no growth; key 0xFFFFFFFF (-1) is reserved and traps.";

export const COLLECTION_HEADS = {
  "map_u32.new": row("map_u32", [i32("cap")], "i32", `New map handle with exactly cap slots; cap must be a power of two (else trap). ${MAP_U32_NOTE}`, `${B}:emit_map_u32_new_to; rt_map_u32_new`, { allocates: true, traps: ["map_u32.new cap must be power of two"] }),
  "map_u32.len": row("map_u32", [i32("h")], "i32", "Number of keys.", `${B}:emit_map_u32_len_to`, { traps: ["map_u32 invalid handle"] }),
  "map_u32.get": row("map_u32", [i32("h"), i32("key"), i32("default")], "i32", "Value for key, else default.", `${B}:emit_map_u32_get_to; rt_map_u32_get`, { traps: ["map_u32 invalid handle", "map_u32.get key=-1 reserved"] }),
  "map_u32.set": row("map_u32", [i32("h"), i32("key"), i32("val")], "i32", "Inserts or overwrites; returns 1 if the key was new, 0 if overwritten. Traps when the table is full.", `${B}:emit_map_u32_set_to; rt_map_u32_set`, { traps: ["map_u32 invalid handle", "map_u32.set key=-1 reserved", "map_u32 full"] }),
  "map_u32.contains": row("map_u32", [i32("h"), i32("key")], "i32", "1 if present, else 0.", `${B}:emit_map_u32_contains_to; rt_map_u32_contains`, { traps: ["map_u32 invalid handle", "map_u32.contains key=-1 reserved"] }),
  "map_u32.remove": row("map_u32", [i32("h"), i32("key")], "i32", "Removes the key (then re-inserts the rest of its probe cluster, which reorders slots); 1 if it was present, else 0.", `${B}:emit_map_u32_remove_to; rt_map_u32_remove`, { traps: ["map_u32 invalid handle", "map_u32.remove key=-1 reserved"] }),
  "map_u32.dump_kv_u32le_u32le": row("map_u32", [i32("h")], "bytes", "key/value pairs as u32le+u32le in SLOT order (not sorted): the interpreter must reproduce the hash layout exactly.", `${B}:emit_map_u32_dump_kv_u32le_u32le_to; rt_map_u32_dump_kv_u32le_u32le`, { allocates: true, traps: ["map_u32 invalid handle"] }),
  "set_u32.new": row("set_u32", [i32("cap")], "i32", "Same runtime object as map_u32.new (shared handle table).", `${B}:emit_map_u32_new_to`, { allocates: true, traps: ["map_u32.new cap must be power of two"] }),
  "set_u32.add": row("set_u32", [i32("h"), i32("key")], "i32", "map_u32.set(h, key, 1): 1 if new, 0 if already present.", `${B}:emit_set_u32_add_to`, { traps: ["map_u32 invalid handle", "map_u32.set key=-1 reserved", "map_u32 full"] }),
  "set_u32.contains": row("set_u32", [i32("h"), i32("key")], "i32", "As map_u32.contains.", `${B}:emit_map_u32_contains_to`, { traps: ["map_u32 invalid handle", "map_u32.contains key=-1 reserved"] }),
  "set_u32.remove": row("set_u32", [i32("h"), i32("key")], "i32", "As map_u32.remove.", `${B}:emit_map_u32_remove_to`, { traps: ["map_u32 invalid handle", "map_u32.remove key=-1 reserved"] }),
  "set_u32.dump_u32le": row("set_u32", [i32("h")], "bytes", "Keys as u32le in SLOT order (not sorted).", `${B}:emit_set_u32_dump_u32le_to; rt_set_u32_dump_u32le`, { allocates: true, traps: ["map_u32 invalid handle"] }),

  "vec_value.with_capacity_v1": row("vec_value", [i32("ty_id"), i32("cap")], "i32", "New vector handle for element type id 1 (i32), 2 (u32), 3 (bytes) or 4 (bytes_view); other ids trap.", `${B}:emit_vec_value_with_capacity_v1_to; rt_vec_value_with_capacity_v1`, { allocates: true, traps: ["value ty_id invalid"] }),
  "vec_value.len": row("vec_value", [i32("h")], "i32", "Element count.", `${B}:emit_vec_value_len_to`, { traps: ["vec_value invalid handle"] }),
  "vec_value.reserve_exact": row("vec_value", [i32("h"), i32("additional")], "i32", "Grows capacity to exactly len + additional if needed; returns the handle.", `${B}:emit_vec_value_reserve_exact_to`, { allocates: true, traps: ["vec_value invalid handle", "vec_value.reserve_exact overflow"] }),
  "vec_value.pop": row("vec_value", [i32("h")], "i32", "Drops the last element if any; returns the HANDLE (not the element).", `${B}:emit_vec_value_pop_to; rt_vec_value_pop`, { traps: ["vec_value invalid handle"] }),
  "vec_value.clear": row("vec_value", [i32("h")], "i32", "Drops all elements; returns the handle.", `${B}:emit_vec_value_clear_to`, { traps: ["vec_value invalid handle"] }),
  "vec_value.push_<T>_v1": row("vec_value", [i32("h"), valueIn("x", "$T")], "i32", "Appends x (growth doubles max(cap,1)); returns the handle. Traps if the vector's type id does not match T (i32 matches ids 1 and 2).", `${B}:emit_vec_value_push_v1_to; rt_vec_value_push_*_v1`, { allocates: true, prefix: pre("vec_value.push_", "T"), traps: ["vec_value invalid handle", "vec_value.push_<T>_v1 ty mismatch"] }),
  "vec_value.get_<T>_v1": row("vec_value", [i32("h"), i32("idx"), valueIn("default", "$T")], { sameAsParam: 2 }, "Element at idx (bytes are cloned), else the default when idx >= len (no trap). Traps on type-id mismatch.", `${B}:emit_vec_value_get_v1_to; rt_vec_value_get_*_v1`, { allocates: true, prefix: pre("vec_value.get_", "T"), traps: ["vec_value invalid handle", "vec_value.get_<T>_v1 ty mismatch"] }),
  "vec_value.set_<T>_v1": row("vec_value", [i32("h"), i32("idx"), valueIn("x", "$T")], "i32", "Replaces (dropping the old element); returns the handle. Traps when idx >= len or on type-id mismatch.", `${B}:emit_vec_value_set_v1_to; rt_vec_value_set_*_v1`, { prefix: pre("vec_value.set_", "T"), traps: ["vec_value invalid handle", "vec_value.set_<T>_v1 ty mismatch", "vec_value.set oob"] }),

  "map_value.new_v1": row("map_value", [i32("k_id"), i32("v_id"), i32("cap_pow2")], "i32", "New map handle for key/value type ids (1..4 as vec_value).", `${B}:emit_map_value_new_v1_to; rt_map_value_new_v1`, { allocates: true, traps: ["value ty_id invalid"], open: "Capacity rules (power of two? growth/rehash thresholds) not yet read from rt_map_value_new_v1 / rt_map_value_ensure_room_for_insert." }),
  "map_value.len": row("map_value", [i32("h")], "i32", "Entry count.", `${B}:emit_map_value_len_to`),
  "map_value.clear": row("map_value", [i32("h")], "i32", "Drops all entries; returns an i32.", `${B}:emit_map_value_clear_to`, { open: "Return value of rt_map_value_clear not yet read." }),
  "map_value.contains_<K>_v1": row("map_value", [i32("h"), keyIn("key", "$K")], "i32", "1 if present, else 0.", `${B}:emit_map_value_contains_v1_to`, { prefix: pre("map_value.contains_", "K") }),
  "map_value.remove_<K>_v1": row("map_value", [i32("h"), keyIn("key", "$K")], "i32", "Removes the key if present.", `${B}:emit_map_value_remove_v1_to`, { prefix: pre("map_value.remove_", "K"), open: "Return value (1/0 present?) not yet read from rt_map_value_remove_raw." }),
  "map_value.get_<K>_<V>_v1": row("map_value", [i32("h"), keyIn("key", "$K"), valueIn("default", "$V")], { sameAsParam: 2 }, "Value for key (bytes cloned), else the default.", `${B}:emit_map_value_get_v1_to`, { allocates: true, prefix: pre("map_value.get_", "K", "V") }),
  "map_value.set_<K>_<V>_v1": row("map_value", [i32("h"), valueIn("key", "$K"), valueIn("val", "$V")], "i32", "Inserts or overwrites.", `${B}:emit_map_value_set_v1_to`, { allocates: true, prefix: pre("map_value.set_", "K", "V"), open: "Return value and whether an owned bytes key is moved in or cloned not yet read from rt_map_value_set_raw." }),

  "scratch_u8_fixed_v1.new": row("scratch", [i32("cap")], "i32", "New fixed-capacity buffer handle (reuses the lowest dead slot first).", `${B}:emit_scratch_u8_fixed_new_to; rt_scratch_u8_fixed_new`, { allocates: true }),
  "scratch_u8_fixed_v1.clear": row("scratch", [i32("h")], "i32", "Length to 0; returns the handle.", `${B}:emit_scratch_u8_fixed_clear_to`, { traps: ["scratch_u8_fixed invalid handle"] }),
  "scratch_u8_fixed_v1.len": row("scratch", [i32("h")], "i32", "Current length.", `${B}:emit_scratch_u8_fixed_len_to`, { traps: ["scratch_u8_fixed invalid handle"] }),
  "scratch_u8_fixed_v1.cap": row("scratch", [i32("h")], "i32", "Fixed capacity.", `${B}:emit_scratch_u8_fixed_cap_to`, { traps: ["scratch_u8_fixed invalid handle"] }),
  "scratch_u8_fixed_v1.as_view": row("scratch", [i32("h")], "bytes_view", "View of the current contents.", `${B}:emit_scratch_u8_fixed_as_view_to`, { traps: ["scratch_u8_fixed invalid handle"], open: "The view borrows runtime-owned storage through an i32 handle; how upstream prevents use after drop/try_write is not settled." }),
  "scratch_u8_fixed_v1.try_write": row("scratch", [i32("h"), { name: "b", ty: "bytes_view", mode: "borrow", accepts: ["bytes"] }], "result_i32", "Appends b if it fits: ok(len(b)); otherwise err(8) and nothing is written (never grows).", `${B}:emit_scratch_u8_fixed_try_write_to; rt_scratch_u8_fixed_try_write`, { traps: ["scratch_u8_fixed invalid handle"] }),
  "scratch_u8_fixed_v1.drop": row("scratch", [i32("h")], "i32", "Frees the buffer: 1 if the handle was live, 0 otherwise (no trap).", `${B}:emit_scratch_u8_fixed_drop_to; rt_scratch_u8_fixed_drop`),
} as const satisfies Record<string, HeadSpec>;

