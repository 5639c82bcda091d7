/**
 * vec_value: vectors of i32/u32/bytes/bytes_view behind i32 handles (upstream `rt_vec_value_*`). The element type
 * is fixed by the id given to `with_capacity_v1`; each typed head checks it (the `i32` suffix serves ids 1 and 2).
 * `get` returns the default past the end and clones bytes; `set` traps past the end; push/set/pop/clear return
 * the handle. Capacity is not observable, so a JS array stands in for upstream's buffer.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { trap } from "../trap.ts";
import { VecValue } from "../values.ts";
import type { Value } from "../values.ts";
import type { HeadFn, TypedHead } from "./impl.ts";

const bad = (message: string): never => trap("X07I_TRAP_COLLECTION", message);

const vecOf = (rt: Runtime, h: number): VecValue => {
  const v = rt.vecs[(h >>> 0) - 1];
  return v === undefined ? bad("vec_value invalid handle") : v;
};

/** The type ids a suffix accepts. */
const IDS: Readonly<Record<string, ReadonlyArray<number>>> = { i32: [1, 2], bytes: [3], bytes_view: [4] };

/** A typed head for `vec_value.<op>_<T>_v1`: the checked vector plus the element suffix T. */
const typed = (op: string, make: (t: string, check: (rt: Runtime, h: number) => VecValue) => HeadFn): TypedHead => ({
  byType: (_tys, bindings) => {
    const t = bindings["T"];
    const ids = t === undefined ? undefined : IDS[t];
    if (t === undefined || ids === undefined) return undefined;
    const message = `vec_value.${op}_${t}_v1 ty mismatch`;
    return make(t, (rt, h) => {
      const v = vecOf(rt, h);
      if (!ids.includes(v.tyId)) bad(message);
      return v;
    });
  },
});

const cloneIfBytes = (rt: Runtime, t: string, x: Value): Value => (t === "bytes" ? rt.copyOf(x as Uint8Array) : x);

export const VEC_VALUE_HEADS = {
  "vec_value.with_capacity_v1": (rt, tyId: number, _cap: number) => {
    if (tyId < 1 || tyId > 4) bad("value ty_id invalid");
    rt.vecs.push(new VecValue(tyId));
    return rt.vecs.length;
  },
  "vec_value.len": (rt, h: number) => vecOf(rt, h).items.length,
  "vec_value.reserve_exact": (rt, h: number, additional: number) => {
    const v = vecOf(rt, h);
    if (additional >>> 0 > 0xffffffff - v.items.length) bad("vec_value.reserve_exact overflow");
    return h;
  },
  "vec_value.pop": (rt, h: number) => {
    vecOf(rt, h).items.pop();
    return h;
  },
  "vec_value.clear": (rt, h: number) => {
    vecOf(rt, h).items.length = 0;
    return h;
  },
  "vec_value.push_<T>_v1": typed("push", (_t, check) => (rt: Runtime, h: number, x: Value) => {
    check(rt, h).items.push(x);
    return h;
  }),
  "vec_value.get_<T>_v1": typed("get", (t, check) => (rt: Runtime, h: number, idx: number, d: Value) => {
    const v = check(rt, h);
    const k = idx >>> 0;
    return k >= v.items.length ? d : cloneIfBytes(rt, t, v.items[k] as Value);
  }),
  "vec_value.set_<T>_v1": typed("set", (_t, check) => (rt: Runtime, h: number, idx: number, x: Value) => {
    const v = check(rt, h);
    const k = idx >>> 0;
    if (k >= v.items.length) bad("vec_value.set oob");
    v.items[k] = x;
    return h;
  }),
} as const satisfies { readonly [K in HeadName]?: HeadFn | TypedHead };
