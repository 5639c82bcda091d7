/**
 * PBT case bytes (upstream's case encoding, the input of a case driver): the parameter count n as u32 LE,
 * then n+1 cumulative payload offsets as u32 LE (the first is 0), then the payload. An i32 takes 4 bytes
 * (two's complement, LE); bytes are copied raw.
 */

/**
 * One generated argument.
 * @since 0.1.0
 * @category models
 */
export type CaseValue = { readonly ty: "i32"; readonly value: number } | { readonly ty: "bytes"; readonly value: Uint8Array };

/**
 * Encodes values as case bytes.
 * @since 0.1.0
 * @category constructors
 */
export const encodeCase = (values: ReadonlyArray<CaseValue>): Uint8Array => {
  const n = values.length;
  const header = 4 + 4 * (n + 1);
  let payload = 0;
  for (const v of values) payload += v.ty === "i32" ? 4 : v.value.length;
  const out = new Uint8Array(header + payload);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, n, true);
  let off = 0;
  let at = header;
  values.forEach((v, i) => {
    dv.setUint32(4 + 4 * i, off, true);
    if (v.ty === "i32") {
      dv.setInt32(at, v.value, true);
      at += 4;
      off += 4;
    } else {
      out.set(v.value, at);
      at += v.value.length;
      off += v.value.length;
    }
  });
  dv.setUint32(4 + 4 * n, off, true);
  return out;
};

/**
 * Decodes case bytes for the given parameter types; undefined when the bytes do not have that shape.
 * @since 0.1.0
 * @category models
 */
export const decodeCase = (bytes: Uint8Array, tys: ReadonlyArray<"i32" | "bytes">): CaseValue[] | undefined => {
  if (bytes.length < 4) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(0, true);
  if (n !== tys.length) return undefined;
  const header = 4 + 4 * (n + 1);
  if (bytes.length < header) return undefined;
  const out: CaseValue[] = [];
  for (let i = 0; i < n; i++) {
    const a = dv.getUint32(4 + 4 * i, true);
    const b = dv.getUint32(8 + 4 * i, true);
    if (b < a || header + b > bytes.length) return undefined;
    const slice = bytes.subarray(header + a, header + b);
    if (tys[i] === "i32") {
      if (slice.length !== 4) return undefined;
      out.push({ ty: "i32", value: new DataView(slice.buffer, slice.byteOffset, 4).getInt32(0, true) });
    } else out.push({ ty: "bytes", value: slice.slice() });
  }
  return out;
};
