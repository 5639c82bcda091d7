/**
 * The strict JSON reader (`src/core/json/parse-json.ts`): agreement with `JSON.parse` on valid text, and
 * the things `JSON.parse` is silent about — duplicate keys, invalid UTF-8, nesting depth — each reported
 * with a kind, an offset, a line/column and a pointer, never by throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, child, decodeUtf8, getAt, readJson, splitPointer } from "../../../src/core/json/index.ts";
import type { JsonReadError, JsonReadResult, JsonValue } from "../../../src/core/json/index.ts";
import { PROPERTY_SEED } from "../../_helpers/arbitraries.ts";

const bytes = (...parts: Array<string | number[]>): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

const errorOf = (r: JsonReadResult): JsonReadError => {
  if (r.ok) throw new Error(`expected a read error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
};

const valueOf = (r: JsonReadResult): JsonValue => {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r.error)}`);
  return r.value;
};

describe("readJson: valid documents", () => {
  const texts = [
    "null",
    "true",
    "false",
    "0",
    '""',
    "[]",
    "{}",
    " \t\r\n[ 1 , 2 ,\n3 ] \n",
    '{"a":[1,{"b":null}],"c":"d"}',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20ac\\ud83d\\ude00"',
    '"\\ud800"',
    '"é € 😀 — raw non-ASCII"',
    '[[[[[]]]],{},[{}],{"":""}]',
    '{"a":1,"A":2,"a ":3,"\\u0000":4}',
  ];
  it.each(texts)("%s equals JSON.parse", (text) => {
    expect(valueOf(readJson(text))).toStrictEqual(JSON.parse(text));
  });

  it("reads the same value from UTF-8 bytes as from text", () => {
    for (const text of texts) expect(valueOf(readJson(new TextEncoder().encode(text)))).toStrictEqual(JSON.parse(text));
  });

  it("reads numbers exactly as JSON.parse does", () => {
    const numbers = ["0", "-0", "1", "-1", "2147483647", "-2147483648", "1.5", "-0.0", "1e3", "1E+3", "1e-3", "0.5e-3", "1.7976931348623157e308", "1e400", "-1e400", "5e-324", "9007199254740993", "123456789012345678901234567890"];
    for (const n of numbers) {
      const got = valueOf(readJson(n));
      expect(Object.is(got, JSON.parse(n)), n).toBe(true);
    }
  });

  it.each(["01", "+1", ".5", "1.", "-", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1_000"])("rejects the number %s", (n) => {
    const e = errorOf(readJson(n));
    expect(e.kind).toBe("syntax");
    expect(() => JSON.parse(n)).toThrow();
  });

  it("keeps a __proto__ key as an own data property without touching the prototype", () => {
    const v = valueOf(readJson('{"__proto__":{"polluted":1},"x":{"__proto__":[1]}}')) as Record<string, JsonValue>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__", "x"]);
    expect(Object.getOwnPropertyDescriptor(v, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(getAt(v, "/x/__proto__/0")).toBe(1);
    expect(v).toStrictEqual(JSON.parse('{"__proto__":{"polluted":1},"x":{"__proto__":[1]}}'));
    expect(canonicalJson(v)).toBe('{"__proto__":{"polluted":1},"x":{"__proto__":[1]}}');
  });

  it("reads a 50 MB string", () => {
    const payload = "ab c\u00e9".repeat(10_000_000);
    const text = `{"s":"${payload}","t":"\\n"}`;
    const v = valueOf(readJson(text)) as { s: string; t: string };
    expect(v.s.length).toBe(payload.length);
    expect(v.s === payload).toBe(true);
    expect(v.t).toBe("\n");
  });

  it("reads a 100,000-deep array when maxDepth allows it, without a stack overflow", () => {
    const depth = 100_000;
    const v = valueOf(readJson("[".repeat(depth) + "]".repeat(depth), { maxDepth: depth }));
    let d = 0;
    let cur: JsonValue = v;
    while (Array.isArray(cur) && cur.length > 0) {
      cur = cur[0]!;
      d++;
    }
    expect(d).toBe(depth - 1);
  });
});

describe("readJson: duplicate keys", () => {
  it.each([
    ['{"a":1,"a":2}', "/a", 7],
    ['{"a":{"b":1,"b":2}}', "/a/b", 12],
    ['[0,{"x":1},{"y":1,"z":2,"y":3}]', "/2/y", 24],
    ['{"a/b~":{"k":[],"k":[]}}', "/a~1b~0/k", 16],
    ['{"e":1,"\\u0065":2}', "/e", 7],
    ['{"__proto__":1,"__proto__":2}', "/__proto__", 15],
  ] as const)("%s is rejected at %s", (text, pointer, offset) => {
    const e = errorOf(readJson(text));
    expect(e).toMatchObject({ kind: "duplicate_key", pointer, offset, line: 1, col: offset + 1 });
    expect(e.message).toContain("duplicate");
  });

  it("names the duplicate key's line and column in multi-line text", () => {
    const e = errorOf(readJson('{\n  "a": {\n    "b": 1,\n    "b": 2\n  }\n}'));
    expect(e).toMatchObject({ kind: "duplicate_key", pointer: "/a/b", line: 4, col: 5 });
  });

  it("allows the same key in sibling objects", () => {
    expect(readJson('[{"a":1},{"a":2}]').ok).toBe(true);
  });
});

describe("readJson: UTF-8", () => {
  it.each([
    ["a lone 0xFF", ['"ab', [0xff], '"'], 3],
    ["a lone continuation byte", ['"', [0x80], '"'], 1],
    ["an overlong 2-byte NUL (C0 80)", ['"', [0xc0, 0x80], '"'], 1],
    ["an overlong 2-byte '/' (C1 AF)", ['"', [0xc1, 0xaf], '"'], 1],
    ["an overlong 3-byte sequence (E0 80 AF)", ['"x', [0xe0, 0x80, 0xaf], '"'], 2],
    ["an overlong 4-byte sequence (F0 80 80 AF)", ['"', [0xf0, 0x80, 0x80, 0xaf], '"'], 1],
    ["an encoded surrogate (ED A0 80)", ['"', [0xed, 0xa0, 0x80], '"'], 1],
    ["a code point above U+10FFFF (F4 90 80 80)", ['"', [0xf4, 0x90, 0x80, 0x80], '"'], 1],
    ["a 5-byte lead (F8)", ['"', [0xf8, 0x88, 0x80, 0x80, 0x80], '"'], 1],
    ["a truncated 3-byte sequence at the end", ['"€', [0xe2, 0x82]], 4],
    ["a 3-byte sequence cut by a quote", ['"', [0xe2, 0x82], '"'], 1],
    ["bad bytes outside a string", ["[1,", [0xfe], "]"], 3],
  ] as const)("rejects %s with its byte offset", (_why, parts, offset) => {
    const input = bytes(...(parts as ReadonlyArray<string | number[]>));
    const e = errorOf(readJson(input));
    expect(e).toMatchObject({ kind: "utf8", offset, line: 1, pointer: "" });
    expect(e.col).toBeGreaterThanOrEqual(1);
  });

  it("gives the line and column of the bad byte", () => {
    const e = errorOf(readJson(bytes('[\n"é",\n "', [0xff], '"]')));
    expect(e).toMatchObject({ kind: "utf8", offset: 10, line: 3, col: 3 });
  });

  it("accepts every well-formed multi-byte sequence", () => {
    const text = '["\u0080\u07ff\u0800\uffff\ud800\udc00\udbff\udfff"]';
    expect(valueOf(readJson(new TextEncoder().encode(text)))).toStrictEqual(JSON.parse(text));
  });

  it("fails exactly when a fatal TextDecoder fails, and the prefix before the offset is valid", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        let fatalOk = true;
        try {
          new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
        } catch {
          fatalOk = false;
        }
        const d = decodeUtf8(b);
        expect(d.ok).toBe(fatalOk);
        if (!d.ok) {
          expect(d.offset).toBeLessThan(b.length);
          expect(() => new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, d.offset))).not.toThrow();
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });
});

describe("readJson: depth", () => {
  it("rejects a 100,000-deep array with a depth error, not a stack overflow", () => {
    const depth = 100_000;
    const e = errorOf(readJson("[".repeat(depth) + "]".repeat(depth)));
    expect(e).toMatchObject({ kind: "depth", offset: 1024, line: 1, col: 1025 });
    expect(e.pointer).toBe("/0".repeat(1024));
  });

  it("rejects 100,000-deep objects too", () => {
    const depth = 100_000;
    const e = errorOf(readJson('{"a":'.repeat(depth) + "1" + "}".repeat(depth), { maxDepth: 10 }));
    expect(e).toMatchObject({ kind: "depth", pointer: "/a".repeat(10), offset: 50 });
  });

  it("allows exactly maxDepth levels", () => {
    expect(readJson("[".repeat(1024) + "]".repeat(1024)).ok).toBe(true);
    expect(errorOf(readJson("[".repeat(1025) + "]".repeat(1025))).kind).toBe("depth");
    expect(readJson("[[1]]", { maxDepth: 2 }).ok).toBe(true);
    expect(errorOf(readJson("[[[1]]]", { maxDepth: 2 }))).toMatchObject({ kind: "depth", pointer: "/0/0", offset: 2 });
  });

  it("reports the depth error's line and column", () => {
    const e = errorOf(readJson('{\n "x": [\n  [\n   [1]]]}', { maxDepth: 3 }));
    expect(e).toMatchObject({ kind: "depth", line: 4, col: 4, pointer: "/x/0/0" });
  });
});

describe("readJson: syntax errors", () => {
  it.each([
    ["", 0, ""],
    ["   ", 3, ""],
    ["{} x", 3, ""],
    ["[] []", 3, ""],
    ["1 2", 2, ""],
    ["nullx", 4, ""],
    ["truefalse", 4, ""],
    ["[truex]", 5, "/1"],
    ["[1,]", 3, "/1"],
    ['{"a":1,}', 7, ""],
    ['{"a" 1}', 5, ""],
    ["{a:1}", 1, ""],
    ["[1 2]", 3, "/1"],
    ['{"a":[1,2}', 9, "/a/2"],
    ["[", 1, "/0"],
    ['"abc', 0, ""],
    ['"a\u0001b"', 2, ""],
    ['"\\x"', 1, ""],
    ['"\\u12g4"', 1, ""],
    ["'a'", 0, ""],
    ["\ufeff{}", 0, ""],
    ["\u00a0{}", 0, ""],
    ["\u000b{}", 0, ""],
    ["[NaN]", 1, "/0"],
    ['{"a":[{"b":tru}]}', 11, "/a/0/b"],
  ] as const)("%j fails at offset %i, pointer %j", (text, offset, pointer) => {
    const e = errorOf(readJson(text));
    expect(e).toMatchObject({ kind: "syntax", offset, line: 1, col: offset + 1, pointer });
    expect(() => JSON.parse(text)).toThrow();
  });

  it("reports line and column across CRLF and LF line ends", () => {
    expect(errorOf(readJson('{\r\n  "a": 1,\r\n  "b": ?\r\n}'))).toMatchObject({ kind: "syntax", line: 3, col: 8, pointer: "/b" });
    expect(errorOf(readJson("[\n\n\n   }"))).toMatchObject({ kind: "syntax", line: 4, col: 4 });
  });
});

describe("readJson: properties", () => {
  it("agrees with JSON.parse on JSON.stringify of arbitrary values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(valueOf(readJson(text))).toStrictEqual(JSON.parse(text));
        expect(valueOf(readJson(new TextEncoder().encode(text)))).toStrictEqual(JSON.parse(text));
      }),
      { seed: PROPERTY_SEED, numRuns: 1000 },
    );
  });

  it("agrees with JSON.parse on pretty-printed arbitrary values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(1, 2, "\t"), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(valueOf(readJson(text))).toStrictEqual(JSON.parse(text));
      }),
      { seed: PROPERTY_SEED, numRuns: 300 },
    );
  });

  it("never throws on arbitrary text; accepts only what JSON.parse accepts; errors point into the text", () => {
    const jsonish = fc.stringMatching(/^[\[\]{}",:0-9a-z\\ .eE+\-\n]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme" }), jsonish), (text) => {
        const r = readJson(text);
        let parsed: unknown;
        let parses = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          parses = false;
        }
        if (r.ok) {
          expect(parses).toBe(true);
          expect(r.value).toStrictEqual(parsed);
        } else {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(text.length);
          expect(r.error.line).toBeGreaterThanOrEqual(1);
          expect(r.error.col).toBeGreaterThanOrEqual(1);
          expect(splitPointer(r.error.pointer)).toBeDefined();
          // Duplicate keys and depth are the only things JSON.parse lets through.
          if (parses) expect(["duplicate_key", "depth"]).toContain(r.error.kind);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 3000 },
    );
  });
});

describe("pointer helpers", () => {
  it("child escapes and splitPointer/getAt undo it", () => {
    const p = child("", "a/b", "c~d", 0, "");
    expect(p).toBe("/a~1b/c~0d/0/");
    expect(splitPointer(p)).toEqual(["a/b", "c~d", "0", ""]);
    expect(getAt({ "a/b": { "c~d": [{ "": 7 }] } }, p)).toBe(7);
  });

  it("getAt refuses non-index array tokens and inherited keys", () => {
    expect(getAt([1, 2], "/01")).toBeUndefined();
    expect(getAt([1, 2], "/-")).toBeUndefined();
    expect(getAt({}, "/constructor")).toBeUndefined();
    expect(getAt({}, "x")).toBeUndefined();
  });
});
