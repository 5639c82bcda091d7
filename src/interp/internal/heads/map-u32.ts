/**
 * map_u32 and set_u32 (one runtime object, one handle table): upstream `rt_map_u32_*`. The hash layout is
 * reproduced exactly — slot = (key * 2654435769) & (cap - 1), linear probing, no growth, removal re-inserts the
 * rest of the cluster — because the dump heads emit entries in slot order.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trap } from "../trap.ts";
import { EMPTY_BYTES, MapU32 } from "../values.ts";
import type { HeadFn } from "./impl.ts";

const EMPTY = 0xffffffff;
const bad = (message: string): never => trap("X07I_TRAP_COLLECTION", message);

const mapOf = (rt: Runtime, h: number): MapU32 => {
  const m = rt.maps[(h >>> 0) - 1];
  return m === undefined ? bad("map_u32 invalid handle") : m;
};

const slot0 = (m: MapU32, key: number): number => Math.imul(key, 2654435769 | 0) & (m.cap - 1);

/** The slot holding key, or -1. */
const find = (m: MapU32, key: number): number => {
  const mask = m.cap - 1;
  let i = slot0(m, key);
  const start = i;
  for (;;) {
    const k = m.keys[i] as number;
    if (k === key) return i;
    if (k === EMPTY) return -1;
    i = (i + 1) & mask;
    if (i === start) return -1;
  }
};

const set = (m: MapU32, key: number, val: number): number => {
  const mask = m.cap - 1;
  let i = slot0(m, key);
  const start = i;
  for (;;) {
    const k = m.keys[i] as number;
    if (k === key) {
      m.vals[i] = val;
      return 0;
    }
    if (k === EMPTY) {
      m.keys[i] = key;
      m.vals[i] = val;
      m.len++;
      return 1;
    }
    i = (i + 1) & mask;
    if (i === start) bad("map_u32 full");
  }
};

const checkKey = (key: number, message: string): number => (key >>> 0 === EMPTY ? bad(message) : key >>> 0);

const newMap = (rt: Runtime, cap: number): number => {
  const c = cap >>> 0;
  if (c === 0 || (c & (c - 1)) !== 0) bad("map_u32.new cap must be power of two");
  rt.account(c * 8);
  rt.maps.push(new MapU32(c));
  return rt.maps.length;
};

const contains = (rt: Runtime, h: number, key: number): number => {
  const m = mapOf(rt, h);
  return find(m, checkKey(key, "map_u32.contains key=-1 reserved")) >= 0 ? 1 : 0;
};

const remove = (rt: Runtime, h: number, key: number): number => {
  const m = mapOf(rt, h);
  const i = find(m, checkKey(key, "map_u32.remove key=-1 reserved"));
  if (i < 0) return 0;
  const mask = m.cap - 1;
  m.keys[i] = EMPTY;
  m.vals[i] = 0;
  m.len--;
  for (let j = (i + 1) & mask; m.keys[j] !== EMPTY; j = (j + 1) & mask) {
    const k = m.keys[j] as number, v = m.vals[j] as number;
    m.keys[j] = EMPTY;
    m.vals[j] = 0;
    m.len--;
    set(m, k, v);
  }
  return 1;
};

/** Entries in slot order, `width` bytes each (4: keys; 8: key then value). */
const dump = (rt: Runtime, h: number, width: 4 | 8): Uint8Array => {
  const m = mapOf(rt, h);
  if (m.len === 0) return EMPTY_BYTES;
  const out = rt.alloc(m.len * width);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let off = 0;
  for (let i = 0; i < m.cap; i++) {
    const k = m.keys[i] as number;
    if (k === EMPTY) continue;
    dv.setUint32(off, k, true);
    if (width === 8) dv.setUint32(off + 4, m.vals[i] as number, true);
    off += width;
  }
  return out;
};

export const MAP_U32_HEADS = {
  "map_u32.new": newMap,
  "map_u32.len": (rt, h: number) => mapOf(rt, h).len,
  "map_u32.get": (rt, h: number, key: number, d: number) => {
    const m = mapOf(rt, h);
    const i = find(m, checkKey(key, "map_u32.get key=-1 reserved"));
    return i < 0 ? d : (m.vals[i] as number) | 0;
  },
  "map_u32.set": (rt, h: number, key: number, val: number) => set(mapOf(rt, h), checkKey(key, "map_u32.set key=-1 reserved"), val >>> 0),
  "map_u32.contains": contains,
  "map_u32.remove": remove,
  "map_u32.dump_kv_u32le_u32le": (rt, h: number) => dump(rt, h, 8),
  "set_u32.new": newMap,
  "set_u32.add": (rt, h: number, key: number) => set(mapOf(rt, h), checkKey(key, "map_u32.set key=-1 reserved"), 1),
  "set_u32.contains": contains,
  "set_u32.remove": remove,
  "set_u32.dump_u32le": (rt, h: number) => dump(rt, h, 4),
} as const satisfies { readonly [K in HeadName]?: HeadFn };
