/**
 * Runtime representation of X07 values in the interpreter (see `Lowering` in core/heads/types.ts).
 * - i32: a JS number kept in int32 form (`x | 0`); unsigned operators convert with `>>> 0` locally.
 * - f64: a JS number.
 * - bytes and bytes_view: `Uint8Array`. A view is a `subarray` (buffer, offset, length) and never copies; the
 *   checker's ownership rules (move-only bytes, owners that cannot move while borrowed) make sharing safe.
 * - vec_u8: {@link VecU8}, whose backing array length IS the capacity (observable through `vec_u8.cap`).
 * - option_* / result_*: {@link Tagged} — tag 1 some/ok, 0 none/err; `val` is the payload, or the err code.
 */

/** A growable byte builder; `buf.length` is the capacity upstream reports. */
export class VecU8 {
  constructor(
    public buf: Uint8Array,
    public len: number,
  ) {}
}

/** An option or result value (upstream tag convention: 1 = some/ok, 0 = none/err). */
export class Tagged {
  constructor(
    readonly tag: 0 | 1,
    readonly val: Value,
  ) {}
}

/** Any runtime value. */
export type Value = number | Uint8Array | VecU8 | Tagged;

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** A map_u32/set_u32 table (upstream `map_u32_t`): open addressing, fixed power-of-two capacity, empty key 0xFFFFFFFF. */
export class MapU32 {
  len = 0;
  readonly keys: Uint32Array;
  readonly vals: Uint32Array;
  constructor(readonly cap: number) {
    this.keys = new Uint32Array(cap).fill(0xffffffff);
    this.vals = new Uint32Array(cap);
  }
}

/** A vec_value vector (upstream `vec_value_t`): element type id 1 i32, 2 u32, 3 bytes, 4 bytes_view. */
export class VecValue {
  readonly items: Value[] = [];
  constructor(readonly tyId: number) {}
}

/** A map_value map (upstream `map_value_t`). Iteration order is not observable through any head, so a JS Map keyed by a canonical key stands in for upstream's table. */
export class MapValue {
  readonly entries = new Map<number | string, Value>();
  constructor(
    readonly kId: number,
    readonly vId: number,
  ) {}
}
