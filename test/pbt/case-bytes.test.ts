import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { caseDriver, decodeCase, encodeCase, effectiveSeed, fastCheckSeed, parseStatusV1, statusFor, matchesExpect } from "../../src/pbt/index.ts";
import { canonicalPrettyU64, parseJsonU64 } from "../../src/pbt/internal/u64-json.ts";

describe("pbt case bytes, seeds and status records", () => {
  it("encodes upstream's case layout (count, offsets, payload)", () => {
    const b = encodeCase([{ ty: "bytes", value: new Uint8Array([1]) }]);
    expect(Buffer.from(b).toString("base64")).toBe("AQAAAAAAAAABAAAAAQ==");
    const two = encodeCase([{ ty: "i32", value: -2 }, { ty: "bytes", value: new Uint8Array([9, 8]) }]);
    expect(Buffer.from(two).toString("hex")).toBe("02000000" + "00000000" + "04000000" + "06000000" + "feffffff" + "0908");
  });

  it("decodes what it encodes", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.uint8Array({ maxLength: 8 })), { maxLength: 5 }), (vals) => {
        const values = vals.map((v) => (typeof v === "number" ? ({ ty: "i32", value: v } as const) : ({ ty: "bytes", value: v } as const)));
        const back = decodeCase(encodeCase(values), values.map((v) => v.ty));
        expect(back).toEqual(values);
      }),
      { seed: 7, numRuns: 200 },
    );
    expect(decodeCase(new Uint8Array([2, 0, 0, 0]), ["i32"])).toBeUndefined();
  });

  it("derives upstream's effective seed (FNV-1a-64 of x07:pbt:<id>) and folds it for fast-check", () => {
    expect(effectiveSeed("prop/first_byte_zero", 0n)).toBe(2885570622332128586n);
    expect(effectiveSeed("prop/first_byte_zero", 5n)).toBe(2885570622332128586n ^ 5n);
    expect(Number.isInteger(fastCheckSeed(2885570622332128586n))).toBe(true);
  });

  it("keeps u64 values exact through canonical pretty JSON", () => {
    const text = canonicalPrettyU64({ b: 18446744073709551615n, a: [1, "x\u0001"], c: {} });
    expect(text).toBe('{\n  "a": [\n    1,\n    "x\\u0001"\n  ],\n  "b": 18446744073709551615,\n  "c": {}\n}\n');
    expect(parseJsonU64(text)).toEqual({ a: [1, "x\u0001"], b: 18446744073709551615n, c: {} });
  });

  it("parses bytes_status_v1 and maps statuses as upstream", () => {
    expect(parseStatusV1(new Uint8Array([1, 0, 0, 0, 0]))).toEqual({ tag: 1, code: 0 });
    expect(parseStatusV1(new Uint8Array([0, 0xc9, 0, 0, 0]))).toEqual({ tag: 0, code: 201 });
    expect(typeof parseStatusV1(new Uint8Array([3, 0, 0, 0, 0]))).toBe("string");
    expect(typeof parseStatusV1(new Uint8Array([1, 0, 0, 0]))).toBe("string");
    const payload = [0x58, 0x37, 0x54, 0x31, 4, 1, 0, 0, 0, 1, 0, 0, 0, 0x61, 0x62];
    const eq = parseStatusV1(new Uint8Array([0, 0xeb, 3, 0, 0, ...payload]));
    expect(eq).toMatchObject({ tag: 0, code: 1003, bytesEq: { got: { len: 1, prefix_hex: "61" }, expected: { len: 1, prefix_hex: "62" } } });
    expect([statusFor("pass", 1), statusFor("pass", 0), statusFor("pass", 2), statusFor("fail", 1), statusFor("fail", 0), statusFor("skip", 0), statusFor("pass", 7)]).toEqual([
      "pass",
      "fail",
      "skip",
      "xfail_pass",
      "xfail_fail",
      "skip",
      "error",
    ]);
    expect(matchesExpect("fail", "xfail_fail")).toBe(true);
    expect(matchesExpect("pass", "skip")).toBe(false);
  });

  it("wraps the property call in a trap-mode budget scope only for positive counters", () => {
    const plain = caseDriver("app.p", ["i32"]) as { solve: unknown[] };
    expect(plain.solve.at(-1)).toEqual(["app.p", "arg0"]);
    const scoped = caseDriver("app.p", ["bytes"], { memcpy_bytes: 0, alloc_bytes: 64 }) as { solve: unknown[]; imports: string[] };
    expect(scoped.solve.at(-1)).toEqual(["budget.scope_v1", ["budget.cfg_v1", ["mode", "trap_v1"], ["label", ["bytes.lit", "pbt_case"]], ["alloc_bytes", 64]], ["app.p", "arg0"]]);
    expect(scoped.imports).toEqual(["app", "std.pbt.case_v1", "std.test"]);
  });
});
