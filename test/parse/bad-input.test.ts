/**
 * No input makes the parse stage throw. Whatever comes in — arbitrary JSON values, edited valid
 * documents, arbitrary text or bytes, pathological sizes — the result is `{ok}` with, when not ok, at
 * least one error diagnostic whose pointer resolves in the input or names a missing child of a value
 * that is there.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as contracts from "../../src/core/contracts/index.ts";
import { getAt, readJson, splitPointer } from "../../src/core/json/index.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { parseX07Ast, parseX07AstValue } from "../../src/parse/index.ts";
import type { ParseResult } from "../../src/parse/index.ts";
import { PROPERTY_SEED, mutatedDocument, x07AstDocument } from "../_helpers/arbitraries.ts";

const validate: ((doc: unknown) => { ok: boolean }) | undefined = (contracts as { validate?: (doc: unknown) => { ok: boolean } }).validate;

const pointers = (r: ParseResult): string[] => r.diagnostics.flatMap((d) => (d.loc?.kind === "x07ast" ? [d.loc.ptr] : []));

/** The pointer names a value in `input`, or a missing child of a value in `input`. */
const resolves = (input: JsonValue, ptr: string): boolean => {
  const tokens = splitPointer(ptr);
  if (tokens === undefined) return false;
  if (getAt(input, ptr) !== undefined) return true;
  const parent = ptr.slice(0, ptr.lastIndexOf("/"));
  const p = getAt(input, parent);
  return p !== undefined && p !== null && typeof p === "object";
};

/** The shape every result must have. */
const checkShape = (r: ParseResult): void => {
  expect(typeof r.ok).toBe("boolean");
  expect(Array.isArray(r.diagnostics)).toBe(true);
  if (r.ok) {
    expect(r.document).toBeDefined();
    expect(r.diagnostics.some((d) => d.severity === "error")).toBe(false);
  } else {
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(1);
    expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
  }
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^X07-[A-Z0-9-]+-\d{4}$/);
    expect(d.stage).toBe("parse");
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message.length).toBeLessThanOrEqual(4096);
    if (d.loc?.kind === "x07ast") expect(d.loc.ptr.length).toBeLessThanOrEqual(2048);
    // A diagnostic is data: it survives JSON.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  }
};

/** Codes for rules the JSON Schema cannot express. */
const RULE_ONLY = new Set(["X07-X07AST-PARSE-0001"]);

/**
 * Where upstream's parser is stricter than its schema: a type list headed by "t" is always a type
 * variable `["t", Name]` upstream, while the schema also reads `["t", ["t","A"]]` or `["t","a","b"]` as
 * the application of a type named "t".
 */
const upstreamStricter = (input: JsonValue, ptr: string): boolean => {
  const at = getAt(input, ptr);
  const up = getAt(input, ptr.slice(0, ptr.lastIndexOf("/")));
  const tHeaded = (x: JsonValue | undefined) => Array.isArray(x) && x[0] === "t" && (x.length !== 2 || typeof x[1] !== "string");
  return tHeaded(at) || tHeaded(up);
};

describe("parse never throws", () => {
  it("on arbitrary JSON values; pointers resolve in the input", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }) as fc.Arbitrary<JsonValue>, (v) => {
        const r = parseX07AstValue(v);
        checkShape(r);
        for (const p of pointers(r)) expect(resolves(v, p), p).toBe(true);
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });

  it("on edited valid documents; pointers resolve; what the parser accepts, the schema registry accepts", () => {
    fc.assert(
      fc.property(mutatedDocument(), (v) => {
        const r = parseX07AstValue(v);
        checkShape(r);
        for (const p of pointers(r)) expect(resolves(v, p), p).toBe(true);
        if (r.ok && validate !== undefined) expect(validate(v).ok, "parser accepts what the schema rejects").toBe(true);
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });

  // Validating a rejected document is slow (the registry enumerates every failing oneOf branch), so
  // the converse direction runs fewer cases.
  it.skipIf(validate === undefined)("on edited valid documents, the schema registry accepts only what the parser accepts (rules beyond the schema aside)", () => {
    fc.assert(
      fc.property(mutatedDocument(), (v) => {
        const r = parseX07AstValue(v);
        if (r.ok || !validate!(v).ok) return;
        // The only disagreements allowed: rules beyond the schema (name prefix, duplicates, …) and the
        // "t"-headed type lists upstream reads more strictly than its schema.
        const unexplained = r.diagnostics.filter((d) => !RULE_ONLY.has(d.code) && !upstreamStricter(v, d.loc?.kind === "x07ast" ? d.loc.ptr : ""));
        expect(unexplained.map((d) => [d.code, d.loc])).toEqual([]);
      }),
      { seed: PROPERTY_SEED, numRuns: 60 },
    );
  });

  it("on arbitrary text, and on text of edited documents", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      mutatedDocument().map((v) => JSON.stringify(v)),
      x07AstDocument({ maxDecls: 2 }).chain((d) => fc.nat().map((n) => JSON.stringify(d).slice(0, n % 400))),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseX07Ast(t);
        checkShape(r);
        const read = readJson(t);
        if (read.ok) for (const p of pointers(r)) expect(resolves(read.value, p), p).toBe(true);
        else expect(r.ok).toBe(false);
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });

  it("on arbitrary bytes, and on documents with bytes flipped", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(x07AstDocument({ maxDecls: 2 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([d, at, b]) => {
        const u = new TextEncoder().encode(JSON.stringify(d));
        u[at % u.length] = b;
        return u;
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const r = parseX07Ast(b);
        checkShape(r);
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });
});

const entry = (solve: string): string =>
  `{"schema_version":"x07.x07ast@0.9.0","kind":"entry","module_id":"main","imports":[],"decls":[],"solve":${solve}}`;

const only = (r: ParseResult) => r.diagnostics.map((d) => d.code);

describe("pathological inputs", () => {
  const N = 100_000;

  it("100,000-deep nested arrays as solve: a depth error, at a clamped pointer", () => {
    const r = parseX07Ast(entry("[".repeat(N) + "]".repeat(N)));
    expect(only(r)).toEqual(["X07-JSON-DEPTH-0001"]);
    const ptr = pointers(r)[0]!;
    expect(ptr.startsWith("/solve/0/0/0")).toBe(true);
    expect(ptr.length).toBeLessThanOrEqual(2048);
    expect(r.diagnostics[0]!.data).toMatchObject({ reason: "depth", line: 1 });
  });

  it("100,000-deep calls as solve with a huge maxDepth: still a depth error, not a stack overflow", () => {
    const text = entry('["f",'.repeat(N) + "1" + "]".repeat(N));
    const r = parseX07Ast(text, { maxDepth: 10 * N });
    expect(only(r)).toEqual(["X07-JSON-DEPTH-0001"]);
    expect(pointers(r)[0]!.startsWith("/solve/1/1/1")).toBe(true);
  });

  it("a 100,000-deep value built in memory", () => {
    let solve: JsonValue = 1;
    for (let i = 0; i < N; i++) solve = ["f", solve];
    const doc = JSON.parse(entry("0")) as { [k: string]: JsonValue };
    expect(only(parseX07AstValue({ ...doc, solve }))).toEqual(["X07-JSON-DEPTH-0001"]);
    expect(only(parseX07AstValue({ ...doc, solve }, { maxDepth: 10 * N }))).toEqual(["X07-JSON-DEPTH-0001"]);
    let deep: JsonValue = 1;
    for (let i = 0; i < N; i++) deep = [deep];
    // Deep junk where a string or an object is expected is a shape error, not a crash.
    expect(only(parseX07AstValue({ ...doc, imports: [deep, deep] }))).toEqual(["X07-SCHEMA-0001", "X07-SCHEMA-0001"]);
    expect(only(parseX07AstValue({ ...doc, kind: deep }))).toEqual(["X07-SCHEMA-0001"]);
    expect(only(parseX07AstValue({ ...doc, schema_version: deep }))).toEqual(["X07-SCHEMA-0002"]);
    expect(only(parseX07AstValue({ ...doc, decls: [{ kind: deep }, { kind: "extern", abi: deep, name: "main.e", params: [], result: "i32" }] }))).toEqual([
      "X07-SCHEMA-0001",
      "X07-SCHEMA-0001",
    ]);
    // meta is not interpreted: any depth is kept.
    expect(parseX07AstValue({ ...doc, meta: { deep } }).ok).toBe(true);
  });

  it("expressions nest up to 2048 levels whatever maxDepth says", () => {
    const nest = (n: number) => '["f",'.repeat(n) + "1" + "]".repeat(n);
    expect(parseX07Ast(entry(nest(2047)), { maxDepth: 5000 }).ok).toBe(true);
    expect(only(parseX07Ast(entry(nest(2049)), { maxDepth: 5000 }))).toEqual(["X07-JSON-DEPTH-0001"]);
    expect(only(parseX07Ast(entry(nest(1100))))).toEqual(["X07-JSON-DEPTH-0001"]);
  });

  it("a 50 MB bytes.lit text is a shape error (over 1 MiB), a 50 MB atom too; neither throws", () => {
    const big = "ab ".repeat(50_000_000 / 3);
    const r = parseX07Ast(entry(`["bytes.lit","${big}"]`));
    expect(only(r)).toEqual(["X07-SCHEMA-0001"]);
    expect(pointers(r)).toEqual(["/solve/1"]);
    const r2 = parseX07Ast(entry(`"${"a".repeat(50_000_000)}"`));
    expect(only(r2)).toEqual(["X07-SCHEMA-0001"]);
    expect(r2.diagnostics[0]!.message.length).toBeLessThan(4096);
  });

  it("a 50 MB meta string is kept", () => {
    const text = entry("0").slice(0, -1) + `,"meta":{"blob":"${"x".repeat(50_000_000)}"}}`;
    const r = parseX07Ast(text);
    expect(r.ok && (r.document.meta?.["blob"] as string).length).toBe(50_000_000);
  });

  it("duplicate keys: X07-JSON-DUPKEY-0001 at the duplicate", () => {
    const r = parseX07Ast('{"schema_version":"x07.x07ast@0.9.0","kind":"entry","module_id":"main","imports":[],"decls":[{"kind":"defn","name":"main.f","name":"main.g","params":[],"result":"i32","body":0}],"solve":0}');
    expect(only(r)).toEqual(["X07-JSON-DUPKEY-0001"]);
    expect(pointers(r)).toEqual(["/decls/0/name"]);
    expect(only(parseX07Ast(entry("0").replace('"kind":"entry",', '"kind":"entry","kind":"module",')))).toEqual(["X07-JSON-DUPKEY-0001"]);
  });

  it("non-UTF-8 bytes: X07-JSON-UTF8-0001 with the byte offset", () => {
    const good = new TextEncoder().encode(entry('["bytes.lit","caf\u00e9"]'));
    const at = good.indexOf(0xc3);
    const bad = good.slice();
    bad[at] = 0xff;
    const r = parseX07Ast(bad, { file: "x.x07.json" });
    expect(only(r)).toEqual(["X07-JSON-UTF8-0001"]);
    expect(r.diagnostics[0]!.data).toMatchObject({ reason: "utf8", offset: at, line: 1, col: at + 1, file: "x.x07.json" });
    // Overlong encodings and lone surrogates are not UTF-8 either.
    for (const seq of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      const t = new TextEncoder().encode(entry('["bytes.lit","X"]'));
      const i = t.indexOf(0x58);
      const b = new Uint8Array([...t.subarray(0, i), ...seq, ...t.subarray(i + 1)]);
      expect(only(parseX07Ast(b))).toEqual(["X07-JSON-UTF8-0001"]);
    }
  });

  it("syntax errors: X07-JSON-PARSE-0001", () => {
    for (const t of ["", "{", entry("0") + "x", entry("[1,]"), "\ufeff" + entry("0")]) expect(only(parseX07Ast(t))).toEqual(["X07-JSON-PARSE-0001"]);
  });
});
