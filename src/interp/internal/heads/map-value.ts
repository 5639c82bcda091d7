/**
 * map_value: maps over i32/u32/bytes/bytes_view keys and values behind i32 handles (upstream `rt_map_value_*`).
 * Key and value type ids are fixed at `new_v1` and checked by each typed head (the `i32` suffix serves ids 1 and
 * 2) with upstream's messages; set/remove/clear return the handle, contains 1/0, get the value (bytes cloned) or
 * the default. No head iterates a map, so its slot layout is not reproduced.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trap } from "../trap.ts";
import { MapValue } from "../values.ts";
import type { Value } from "../values.ts";
import type { HeadFn, TypedHead } from "./impl.ts";

const bad = (message: string): never => trap("X07I_TRAP_COLLECTION", message);
const IDS: Readonly<Record<string, ReadonlyArray<number>>> = { i32: [1, 2], bytes: [3], bytes_view: [4] };

const slotSize = (tyId: number): number => (tyId === 3 || tyId === 4 ? 16 : 4);

const mapOf = (rt: Runtime, h: number): MapValue => {
  const m = rt.mapValues[(h >>> 0) - 1];
  return m === undefined ? bad("map_value invalid handle") : m;
};

/** Equal keys (same u32, or same bytes) get the same canonical key. */
const keyOf = (k: Value): number | string =>
  typeof k === "number" ? k >>> 0 : Buffer.from((k as Uint8Array).buffer, (k as Uint8Array).byteOffset, (k as Uint8Array).length).toString("latin1");

const checked = (rt: Runtime, h: number, kIds: ReadonlyArray<number>, kMsg: string, vIds?: ReadonlyArray<number>, vMsg?: string): MapValue => {
  const m = mapOf(rt, h);
  if (!kIds.includes(m.kId)) bad(kMsg);
  if (vIds !== undefined && !vIds.includes(m.vId)) bad(vMsg ?? "");
  return m;
};

/** `map_value.<op>_<K>_v1` (key only) or `map_value.<op>_<K>_<V>_v1`, resolved from the row's bindings. */
const typed = (make: (k: ReadonlyArray<number>, v: ReadonlyArray<number> | undefined, vName: string | undefined) => HeadFn): TypedHead => ({
  byType: (_tys, bindings) => {
    const k = IDS[bindings["K"] ?? ""];
    const vName = bindings["V"];
    const v = vName === undefined ? undefined : IDS[vName];
    if (k === undefined || (vName !== undefined && v === undefined)) return undefined;
    return make(k, v, vName);
  },
});

const idOk = (id: number): boolean => id >= 1 && id <= 4;

export const MAP_VALUE_HEADS = {
  "map_value.new_v1": (rt, kId: number, vId: number, cap: number) => {
    const c = cap >>> 0;
    if (c === 0 || (c & (c - 1)) !== 0) bad("map_value.new cap must be power of two");
    if (!idOk(kId) || !idOk(vId)) bad("value ty_id invalid");
    // Upstream allocates the table up front (rt_map_value_alloc_arrays): control bytes, u32 hashes, keys, values;
    // a scalar slot is 4 bytes, a bytes/bytes_view slot a 16-byte (pointer, length) pair on a 64-bit target.
    for (const size of [1, 4, slotSize(kId), slotSize(vId)]) {
      if (c > Math.floor(0xffffffff / size)) bad("map_value arrays overflow");
      rt.account(c * size);
    }
    rt.mapValues.push(new MapValue(kId, vId));
    return rt.mapValues.length;
  },
  "map_value.len": (rt, h: number) => mapOf(rt, h).entries.size,
  "map_value.clear": (rt, h: number) => {
    mapOf(rt, h).entries.clear();
    return h;
  },
  "map_value.contains_<K>_v1": {
    byType: (_tys, b) => {
      const k = IDS[b["K"] ?? ""];
      if (k === undefined) return undefined;
      const msg = `map_value.contains_${b["K"]}_v1 key ty mismatch`;
      return (rt: Runtime, h: number, key: Value) => (checked(rt, h, k, msg).entries.has(keyOf(key)) ? 1 : 0);
    },
  },
  "map_value.remove_<K>_v1": {
    byType: (_tys, b) => {
      const k = IDS[b["K"] ?? ""];
      if (k === undefined) return undefined;
      const msg = `map_value.remove_${b["K"]}_v1 key ty mismatch`;
      return (rt: Runtime, h: number, key: Value) => {
        checked(rt, h, k, msg).entries.delete(keyOf(key));
        return h;
      };
    },
  },
  "map_value.get_<K>_<V>_v1": typed((k, v, vName) => (rt: Runtime, h: number, key: Value, d: Value) => {
    const m = checked(rt, h, k, "map_value.get key ty mismatch", v, "map_value.get val ty mismatch");
    const x = m.entries.get(keyOf(key));
    if (x === undefined) return d;
    return vName === "bytes" ? rt.copyOf(x as Uint8Array) : x;
  }),
  "map_value.set_<K>_<V>_v1": typed((k, v) => (rt: Runtime, h: number, key: Value, val: Value) => {
    checked(rt, h, k, "map_value.set key ty mismatch", v, "map_value.set val ty mismatch").entries.set(keyOf(key), val);
    return h;
  }),
} as const satisfies { readonly [K in HeadName]?: HeadFn | TypedHead };
