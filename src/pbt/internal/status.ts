/**
 * `bytes_status_v1`, the 5-byte result of a test or property: tag u8 (1 pass, 0 fail, 2 skip) then a u32 LE
 * code. The only longer form is a failure with code 1003 (assert_bytes_eq) followed by an `X7T1` payload:
 * magic, prefix cap u8 (≤ 64), got_len u32, expected_len u32, then the two capped prefixes.
 */

/**
 * A parsed status record.
 * @since 0.1.0
 * @category models
 */
export interface StatusV1 {
  readonly tag: number;
  readonly code: number;
  /** The decoded assert_bytes_eq payload, when present. */
  readonly bytesEq?: { readonly [k: string]: unknown };
}

const CODE_ASSERT_BYTES_EQ = 1003;

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const lossy = (b: Uint8Array): string => new TextDecoder("utf-8", { fatal: false }).decode(b);

const bytesEqPayload = (p: Uint8Array): { readonly [k: string]: unknown } | string => {
  if (p.length < 13) return `assert_bytes_eq payload is ${p.length} bytes; at least 13 expected`;
  if (p[0] !== 0x58 || p[1] !== 0x37 || p[2] !== 0x54 || p[3] !== 0x31) return "assert_bytes_eq payload does not start with X7T1";
  const cap = p[4]!;
  if (cap > 64) return `assert_bytes_eq prefix cap is ${cap}; at most 64`;
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const gotLen = dv.getUint32(5, true);
  const expLen = dv.getUint32(9, true);
  const g = Math.min(gotLen, cap);
  const e = Math.min(expLen, cap);
  if (p.length !== 13 + g + e) return `assert_bytes_eq payload is ${p.length} bytes; ${13 + g + e} expected`;
  const got = p.subarray(13, 13 + g);
  const exp = p.subarray(13 + g);
  return {
    prefix_max_bytes: cap,
    got: { len: gotLen, prefix_hex: hex(got), prefix_utf8_lossy: lossy(got) },
    expected: { len: expLen, prefix_hex: hex(exp), prefix_utf8_lossy: lossy(exp) },
  };
};

/**
 * Parses a status record; a string says why the bytes are not one.
 * @since 0.1.0
 * @category models
 */
export const parseStatusV1 = (b: Uint8Array): StatusV1 | string => {
  if (b.length < 5) return `status output is ${b.length} bytes; bytes_status_v1 is 5`;
  const tag = b[0]!;
  const code = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(1, true);
  if (tag > 2) return `status tag ${tag} is not 0 (fail), 1 (pass) or 2 (skip)`;
  if (b.length === 5) return { tag, code };
  if (tag !== 0 || code !== CODE_ASSERT_BYTES_EQ) return `status output is ${b.length} bytes; only an assert_bytes_eq failure may carry a payload`;
  const payload = bytesEqPayload(b.subarray(5));
  return typeof payload === "string" ? payload : { tag, code, bytesEq: payload };
};

/**
 * What a test expects.
 * @since 0.1.0
 * @category models
 */
export type Expect = "pass" | "fail" | "skip";
/**
 * A test's status in the report.
 * @since 0.1.0
 * @category models
 */
export type TestStatus = "pass" | "fail" | "skip" | "error" | "xfail_pass" | "xfail_fail";

/**
 * The status of a run given what the test expects and the record's tag (upstream's table).
 * @since 0.1.0
 * @category models
 */
export const statusFor = (expect: Expect, tag: number): TestStatus => {
  if (expect === "skip" || tag === 2) return "skip";
  if (tag === 1) return expect === "pass" ? "pass" : "xfail_pass";
  if (tag === 0) return expect === "pass" ? "fail" : "xfail_fail";
  return "error";
};

/**
 * Whether a status is what the test expected (pass→pass, fail→xfail_fail, skip→skip).
 * @since 0.1.0
 * @category guards
 */
export const matchesExpect = (expect: Expect, status: TestStatus): boolean =>
  (expect === "pass" && status === "pass") || (expect === "fail" && status === "xfail_fail") || (expect === "skip" && status === "skip");
