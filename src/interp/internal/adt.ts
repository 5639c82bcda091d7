/**
 * Records and enums (x07AST 0.9) evaluated with the meaning of upstream's lowering (`emit_record_op_to`,
 * `emit_enum_op_to`, `emit_match_to` in crates/x07c/src/c_emit_builtins.rs; layout notes in records.rs and
 * enums.rs): a record is its i32 fields as 4-byte little-endian slots in declaration order; an enum value is
 * `[u32 tag][u32 payload?]`; `match` reads the tag at offset 0 and tests the variants in tag order with the
 * highest tag as the bare else (so an unknown tag takes the last variant), reading a bound payload at offset 4.
 *
 * Upstream lowers these to codec/concat/let/if expressions and charges fuel for each synthesized node; the
 * counts below reproduce that (one per synthesized expression; statement-position lets are free).
 */
import { CODEC_HEADS } from "./heads/codec.ts";
import type { Runtime } from "./runtime.ts";
import { InterpTrap } from "./trap.ts";
import type { Value } from "./values.ts";

type Frame = Value[];
type Code = (f: Frame) => Value;

const readU32 = (rt: Runtime, b: Uint8Array, off: number, ptr: string): number => {
  try {
    return CODEC_HEADS["codec.read_u32_le"](rt, b, off);
  } catch (e) {
    if (e instanceof InterpTrap && e.ptr === "") e.ptr = ptr;
    throw e;
  }
};

const charge = (rt: Runtime, n: number, ptr: string): void => {
  rt.fuel -= n;
  if (rt.fuel < 0) rt.refuel(ptr);
};

/** `<R>.make`: fields packed little-endian (upstream: a bytes.concat chain of codec.write_u32_le). */
export const recordMake = (rt: Runtime, fields: ReadonlyArray<Code>, ptr: string): Code => {
  const k = fields.length;
  const cost = 2 * k;
  return (f) => {
    charge(rt, cost, ptr);
    const out = rt.alloc(4 * k);
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < k; i++) dv.setUint32(4 * i, (fields[i] as Code)(f) as number, true);
    return out;
  };
};

/** `<R>.<field>`: codec.read_u32_le at the field's offset (traps when the bytes are too short). */
export const recordField = (rt: Runtime, rec: Code, offset: number, ptr: string): Code => (f) => {
  charge(rt, 3, ptr);
  return readU32(rt, rec(f) as Uint8Array, offset, ptr);
};

/** `<E>.<Variant>`: the tag, then the payload if the variant has one. */
export const enumMake = (rt: Runtime, tag: number, payload: Code | undefined, ptr: string): Code => {
  if (payload === undefined) {
    return () => {
      charge(rt, 3, ptr);
      const out = rt.alloc(4);
      new DataView(out.buffer, out.byteOffset, 4).setUint32(0, tag, true);
      return out;
    };
  }
  return (f) => {
    charge(rt, 5, ptr);
    const x = payload(f) as number;
    const out = rt.alloc(8);
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    dv.setUint32(0, tag, true);
    dv.setUint32(4, x, true);
    return out;
  };
};

export interface MatchArm {
  readonly index: number;
  /** Frame slot of the payload binding, when the arm binds one. */
  readonly bindSlot: number | undefined;
  readonly body: Code;
}

/** `match`: arms sorted by tag; tested in order with the last as the else. */
export const matchEnum = (rt: Runtime, scrut: Code, scrutIsIdent: boolean, arms: ReadonlyArray<MatchArm>, ptr: string): Code => {
  const sorted = [...arms].sort((a, b) => a.index - b.index);
  const n = sorted.length;
  const headCost = 2 + (scrutIsIdent ? 2 : 3);
  return (f) => {
    charge(rt, headCost, ptr);
    const s = scrut(f) as Uint8Array;
    const tag = readU32(rt, s, 0, ptr);
    let arm = sorted[n - 1] as MatchArm;
    for (let i = 0; i < n - 1; i++) {
      charge(rt, 4, ptr);
      const a = sorted[i] as MatchArm;
      if (tag === a.index) {
        arm = a;
        break;
      }
    }
    if (arm.bindSlot !== undefined) {
      charge(rt, 4, ptr);
      f[arm.bindSlot] = readU32(rt, s, 4, ptr);
    }
    return arm.body(f);
  };
};
