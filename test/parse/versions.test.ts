/**
 * The parse stage against each x07AST version's rules.
 *
 * 1. Fixture folders `test/fixtures/parse/<case>/` hold `input.x07.json` and `expected.json`
 *    (`{ok, codes, pointers}` of the diagnostics, in order; optional `schema_valid` when the JSON Schema
 *    and the parser legitimately disagree). Every version 0.3.0–0.9.0 has a document using each feature
 *    it allows, and the feature is rejected in the version before it. Rewrite baselines with
 *    `X07_UPDATE_BASELINES=1` and review the diff.
 * 2. An inline table of malformed documents, each built from a small valid one, asserting code and
 *    pointer exactly.
 * 3. Agreement with the schema registry (`validate`): what the parser accepts, the schema accepts; what
 *    the schema rejects, the parser rejects (rules beyond the schema are marked `schema: true`).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as contracts from "../../src/core/contracts/index.ts";
import { canonicalJson } from "../../src/core/json/index.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { DEFAULT_X07AST_VERSION, X07AST_VERSION_LIST, parseX07Ast, parseX07AstValue } from "../../src/parse/index.ts";
import type { ParseResult } from "../../src/parse/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "parse");
const UPDATE = process.env["X07_UPDATE_BASELINES"] === "1";
const validate: ((doc: unknown) => { ok: boolean }) | undefined = (contracts as { validate?: (doc: unknown) => { ok: boolean } }).validate;

interface Expected {
  readonly ok: boolean;
  readonly codes: readonly string[];
  readonly pointers: readonly string[];
  readonly schema_valid?: boolean;
}

const summary = (r: ParseResult): Expected => ({
  ok: r.ok,
  codes: r.diagnostics.map((d) => d.code),
  pointers: r.diagnostics.map((d) => (d.loc?.kind === "x07ast" ? d.loc.ptr : "<no x07ast loc>")),
});

const SCHEMA_VALIDATE = "agrees with the schema registry";

describe("fixtures: test/fixtures/parse", () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it("has an accepting fixture for every version", () => {
    for (const v of X07AST_VERSION_LIST) expect(cases).toContain(`v${v.split("@")[1]!.replace(/\./g, "_")}-accepts-all-features`);
  });

  describe.each(cases)("%s", (name) => {
    const dir = join(FIXTURES, name);
    const input = readFileSync(join(dir, "input.x07.json"));
    const expectedPath = join(dir, "expected.json");

    it("parses to the expected codes and pointers", () => {
      const got = summary(parseX07Ast(input, { file: `${name}/input.x07.json` }));
      if (UPDATE || !existsSync(expectedPath)) {
        const old = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, "utf8")) as Expected) : undefined;
        const next = { ...got, ...(old?.schema_valid !== undefined ? { schema_valid: old.schema_valid } : {}) };
        writeFileSync(expectedPath, canonicalJson(next as unknown as JsonValue) + "\n");
      }
      const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected;
      expect(got).toEqual({ ok: expected.ok, codes: expected.codes, pointers: expected.pointers });
    });

    it.skipIf(validate === undefined)(SCHEMA_VALIDATE, () => {
      const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected;
      expect(validate!(JSON.parse(input.toString("utf8"))).ok).toBe(expected.schema_valid ?? expected.ok);
    });

    it("an accepted document records the file name only when given", () => {
      const r = parseX07Ast(input);
      if (!r.ok) return;
      expect(r.diagnostics).toEqual([]);
      expect(r.document.file).toBeUndefined();
      expect(parseX07Ast(input, { file: "f.x07.json" }).ok && parseX07Ast(input, { file: "f.x07.json" })).toMatchObject({ document: { file: "f.x07.json" } });
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Malformed documents, each a small edit of a valid entry document.

type Doc = { [key: string]: JsonValue };
const F = (extra: Doc = {}): Doc => ({ kind: "defn", name: "main.f", params: [{ name: "x", ty: "i32" }], result: "i32", body: ["+", "x", 1], ...extra });
const base = (edit: (d: Doc) => void = () => {}, version = "x07.x07ast@0.9.0"): Doc => {
  const d: Doc = { schema_version: version, kind: "entry", module_id: "main", imports: ["std.vec"], decls: [F()], solve: ["bytes.lit", "hello world"] };
  edit(d);
  return d;
};
const decl0 = (extra: Doc, drop: string[] = []) =>
  base((d) => {
    const f = F(extra);
    for (const k of drop) delete f[k];
    d["decls"] = [f];
  });
const body = (e: JsonValue) => decl0({ body: e });
const solve = (e: JsonValue) => base((d) => (d["solve"] = e));

const S = "X07-SCHEMA-0001";
const R = "X07-X07AST-PARSE-0001";

/** [why, document, codes, pointers, schema_valid (defaults to false)] */
type Row = readonly [string, JsonValue, readonly string[], readonly string[], boolean?];
const MALFORMED: readonly Row[] = [
  // the root
  ["root is an array", [], [S], [""]],
  ["root is a string", "x07", [S], [""]],
  ["root is null", null, [S], [""]],
  ["missing schema_version", base((d) => delete d["schema_version"]), [S], [""]],
  ["unknown root field", base((d) => (d["extra"] = 1)), [S], ["/extra"]],
  ["missing kind", base((d) => delete d["kind"]), [S], [""]],
  ["kind is not entry/module", base((d) => (d["kind"] = "library")), [S], ["/kind"]],
  ["kind is a number", base((d) => (d["kind"] = 1)), [S], ["/kind"]],
  ["missing module_id", base((d) => delete d["module_id"]), [S], [""]],
  ["module_id is a number", base((d) => (d["module_id"] = 7)), [S], ["/module_id"]],
  ["module_id starts with a digit", base((d) => (d["module_id"] = "1main")), [S], ["/module_id"]],
  ["module_id has an empty segment", base((d) => (d["module_id"] = "a..b")), [S], ["/module_id"]],
  ["module_id is empty", base((d) => (d["module_id"] = "")), [S], ["/module_id"]],
  ["module_id has a space", base((d) => (d["module_id"] = "ma in")), [S], ["/module_id"]],
  ["module_id is 129 characters", base((d) => (d["module_id"] = "m".repeat(129))), [S], ["/module_id"]],
  ["missing imports", base((d) => delete d["imports"]), [S], [""]],
  ["imports is an object", base((d) => (d["imports"] = {})), [S], ["/imports"]],
  ["an import is not a module id", base((d) => (d["imports"] = ["std.vec", "std/io"])), [S], ["/imports/1"]],
  ["an import is a number", base((d) => (d["imports"] = [1])), [S], ["/imports/0"]],
  ["duplicate imports", base((d) => (d["imports"] = ["std.vec", "std.io", "std.vec"])), [S], ["/imports/2"]],
  ["missing decls", base((d) => delete d["decls"]), [S], [""]],
  ["decls is a string", base((d) => (d["decls"] = "defn")), [S], ["/decls"]],
  ["meta is an array", base((d) => (d["meta"] = [])), [S], ["/meta"]],
  // entry/module and solve
  ["entry without solve", base((d) => delete d["solve"]), ["X07-AST-0001"], ["/solve"]],
  ["module with solve", base((d) => (d["kind"] = "module")), [S], ["/solve"]],
  // declarations
  ["a decl is a number", base((d) => (d["decls"] = [1])), [S], ["/decls/0"]],
  ["a decl has no kind", base((d) => (d["decls"] = [{ name: "main.f" }])), [S], ["/decls/0"]],
  ["unknown decl kind", base((d) => (d["decls"] = [{ kind: "defmacro", name: "main.m" }])), [S], ["/decls/0/kind"]],
  ["decl kind is a number", base((d) => (d["decls"] = [{ kind: 3 }])), [S], ["/decls/0/kind"]],
  ["unknown defn field", decl0({ inline: true }), [S], ["/decls/0/inline"]],
  ["defn without name", decl0({}, ["name"]), [S], ["/decls/0"]],
  ["defn without params", decl0({}, ["params"]), [S], ["/decls/0"]],
  ["defn without result", decl0({}, ["result"]), [S], ["/decls/0"]],
  ["defn without body", decl0({}, ["body"]), [S], ["/decls/0"]],
  ["defn name is a number", decl0({ name: 5 }), [S], ["/decls/0/name"]],
  ["defn name is not a symbol", decl0({ name: "main..f" }), [S], ["/decls/0/name"]],
  ["defn name without the module prefix", decl0({ name: "other.f" }), [R], ["/decls/0/name"], true],
  ["defn name is a longer module id", decl0({ name: "mainx.f" }), [R], ["/decls/0/name"], true],
  ["defn name is the module id itself", decl0({ name: "main" }), [R], ["/decls/0/name"], true],
  ["extern name without the module prefix", base((d) => (d["decls"] = [{ kind: "extern", abi: "C", name: "c.puts", params: [], result: "i32" }])), [R], ["/decls/0/name"], true],
  ["duplicate defn names", base((d) => (d["decls"] = [F(), F({ body: 0 })])), [R], ["/decls/1/name"], true],
  ["defasync with a defn's name", base((d) => (d["decls"] = [F(), { ...F(), kind: "defasync" }])), [R], ["/decls/1/name"], true],
  ["extern with a defn's name", base((d) => (d["decls"] = [F(), { kind: "extern", abi: "C", name: "main.f", params: [], result: "i32" }])), [R], ["/decls/1/name"], true],
  ["defrecord with a defn's name", base((d) => (d["decls"] = [F(), { kind: "defrecord", name: "main.f", fields: [{ name: "a", ty: "i32" }] }])), [R], ["/decls/1/name"], true],
  ["two export decls", base((d) => (d["decls"] = [{ kind: "export", names: ["main.f"] }, F(), { kind: "export", names: ["main.g"] }])), [R], ["/decls/2/kind"], true],
  ["export with no names", base((d) => (d["decls"] = [{ kind: "export", names: [] }])), [S], ["/decls/0/names"]],
  ["export with a duplicate name", base((d) => (d["decls"] = [{ kind: "export", names: ["main.f", "main.f"] }])), [S], ["/decls/0/names/1"]],
  ["export of a non-symbol", base((d) => (d["decls"] = [{ kind: "export", names: ["main f"] }])), [S], ["/decls/0/names/0"]],
  ["extern with abi Rust", base((d) => (d["decls"] = [{ kind: "extern", abi: "Rust", name: "main.e", params: [], result: "i32" }])), [S], ["/decls/0/abi"]],
  ["extern without abi", base((d) => (d["decls"] = [{ kind: "extern", name: "main.e", params: [], result: "i32" }])), [S], ["/decls/0"]],
  ["extern link_name is dotted", base((d) => (d["decls"] = [{ kind: "extern", abi: "C", name: "main.e", link_name: "c.puts", params: [], result: "i32" }])), [S], ["/decls/0/link_name"]],
  // parameters and types
  ["params is an object", decl0({ params: {} }), [S], ["/decls/0/params"]],
  ["a param is a string", decl0({ params: ["x"] }), [S], ["/decls/0/params/0"]],
  ["a param name starts with a digit", decl0({ params: [{ name: "1x", ty: "i32" }] }), [S], ["/decls/0/params/0/name"]],
  ["a param name is dotted", decl0({ params: [{ name: "a.b", ty: "i32" }] }), [S], ["/decls/0/params/0/name"]],
  ["a param without ty", decl0({ params: [{ name: "x" }] }), [S], ["/decls/0/params/0"]],
  ["a param with an unknown field", decl0({ params: [{ name: "x", ty: "i32", mut: true }] }), [S], ["/decls/0/params/0/mut"]],
  ["duplicate param names", decl0({ params: [{ name: "x", ty: "i32" }, { name: "x", ty: "u32" }] }), [R], ["/decls/0/params/1/name"], true],
  ["result type is capitalised", decl0({ result: "I32" }), [S], ["/decls/0/result"]],
  ["result type is a number", decl0({ result: 32 }), [S], ["/decls/0/result"]],
  ["type var with two names", decl0({ type_params: [{ name: "A" }], result: ["t", "A", "B"] }), [S], ["/decls/0/result"]],
  ["type application without arguments", decl0({ result: ["option"] }), [S], ["/decls/0/result"]],
  ["type application with a capitalised head", decl0({ result: ["Option", "i32"] }), [S], ["/decls/0/result/0"]],
  ["type var name starts with an underscore", decl0({ result: ["t", "_A"] }), [S], ["/decls/0/result/1"]],
  ["type var name has a dot", decl0({ result: ["t", "A.B"] }), [S], ["/decls/0/result/1"]],
  ["type param name is lower case", decl0({ type_params: [{ name: "a" }] }), [S], ["/decls/0/type_params/0/name"]],
  ["type param with an unknown bound", decl0({ type_params: [{ name: "A", bound: "sized" }] }), [S], ["/decls/0/type_params/0/bound"]],
  ["duplicate type params", decl0({ type_params: [{ name: "A" }, { name: "A", bound: "any" }] }), [R], ["/decls/0/type_params/1/name"], true],
  ["result_brand on an i32 result", decl0({ result_brand: "main.b" }), [R], ["/decls/0/result"], true],
  ["doc is empty", decl0({ doc: "" }), [S], ["/decls/0/doc"]],
  ["doc is a number", decl0({ doc: 1 }), [S], ["/decls/0/doc"]],
  // contracts
  ["requires is an object", decl0({ requires: {} }), [S], ["/decls/0/requires"]],
  ["a clause is an expression, not an object", decl0({ requires: [["<", "x", 1]] }), [S], ["/decls/0/requires/0"]],
  ["a clause without expr", decl0({ ensures: [{ id: "e" }] }), [S], ["/decls/0/ensures/0"]],
  ["a clause with an unknown field", decl0({ invariant: [{ expr: 1, why: "x" }] }), [S], ["/decls/0/invariant/0/why"]],
  ["a clause with a bad witness", decl0({ decreases: [{ expr: "x", witness: [1.5] }] }), [S], ["/decls/0/decreases/0/witness/0"]],
  ["a loop contract pointing outside a body", decl0({ loop_contracts: [{ ptr: "/decls/0/params" }] }), [S], ["/decls/0/loop_contracts/0/ptr"]],
  ["a loop contract without ptr", decl0({ loop_contracts: [{ invariant: [] }] }), [S], ["/decls/0/loop_contracts/0"]],
  ["protocol is an array", base((d) => (d["decls"] = [{ ...F(), kind: "defasync", protocol: [] }])), [S], ["/decls/0/protocol"]],
  // the other kind's field: one rule error of its own, not also an unknown-field error
  ["protocol on a defn", decl0({ protocol: {} }), [R], ["/decls/0/protocol"]],
  ["decreases on a defasync", base((d) => (d["decls"] = [{ ...F(), kind: "defasync", decreases: [] }])), [R], ["/decls/0/decreases"]],
  ["decreases on a defasync and an unknown field", base((d) => (d["decls"] = [{ ...F(), kind: "defasync", decreases: [], why: 1 }])), [R, S], ["/decls/0/decreases", "/decls/0/why"]],
  // records and enums
  ["a record without fields", base((d) => (d["decls"] = [{ kind: "defrecord", name: "main.R", fields: [] }])), [S], ["/decls/0/fields"]],
  ["a record field of type bytes", base((d) => (d["decls"] = [{ kind: "defrecord", name: "main.R", fields: [{ name: "a", ty: "bytes" }] }])), [R], ["/decls/0/fields/0/ty"], true],
  ["duplicate record fields", base((d) => (d["decls"] = [{ kind: "defrecord", name: "main.R", fields: [{ name: "a", ty: "i32" }, { name: "a", ty: "u32" }] }])), [R], ["/decls/0/fields/1/name"], true],
  ["an enum without variants", base((d) => (d["decls"] = [{ kind: "defenum", name: "main.E", variants: [] }])), [S], ["/decls/0/variants"]],
  ["duplicate enum variants", base((d) => (d["decls"] = [{ kind: "defenum", name: "main.E", variants: [{ name: "A" }, { name: "A", payload: "i32" }] }])), [R], ["/decls/0/variants/1/name"], true],
  ["an enum variant with a bad payload name", base((d) => (d["decls"] = [{ kind: "defenum", name: "main.E", variants: [{ name: "A", payload: "I32" }] }])), [S], ["/decls/0/variants/0/payload"]],
  // expressions
  ["an int above i32", body(["+", "x", 2147483648]), [S], ["/decls/0/body/2"]],
  ["an int below i32", body(["+", "x", -2147483649]), [S], ["/decls/0/body/2"]],
  ["a non-integer", body(["+", "x", 1.5]), [S], ["/decls/0/body/2"]],
  ["a huge number", solve(1e300), [S], ["/solve"]],
  ["an empty list", body(["begin", []]), [S], ["/decls/0/body/1"]],
  ["a list headed by a number", body([1, 2]), [S], ["/decls/0/body/0"]],
  ["a list headed by a list", body([["f"], 2]), [S], ["/decls/0/body/0"]],
  ["a list headed by an empty atom", body(["", 2]), [S], ["/decls/0/body/0"]],
  ["a list head with whitespace", body(["my f", 2]), [S], ["/decls/0/body/0"]],
  ["an atom with a space", body(["+", "x y", 1]), [S], ["/decls/0/body/1"]],
  ["an atom with a tab", solve(["f", "a\tb"]), [S], ["/solve/1"]],
  ["an atom with a newline", solve("a\n"), [S], ["/solve"]],
  ["an atom of 257 characters", solve("a".repeat(257)), [S], ["/solve"]],
  ["a boolean expression", solve(["f", true]), [S], ["/solve/1"]],
  ["a null expression", solve(null), [S], ["/solve"]],
  ["an object expression", solve({ op: "+" }), [S], ["/solve"]],
  ["bytes.lit text as a later argument", solve(["f", ["bytes.lit", "ok"], "not ok"]), [S], ["/solve/2"]],
  // several problems at once: all are reported, in document order
  [
    "several problems",
    base((d) => {
      d["module_id"] = "9";
      d["imports"] = ["a", "a"];
      d["decls"] = [F({ name: "main.f", body: ["f", 1.5] }), { kind: "nope" }];
      delete d["solve"];
    }),
    [S, S, S, S, "X07-AST-0001"],
    ["/module_id", "/imports/1", "/decls/0/body/1", "/decls/1/kind", "/solve"],
  ],
];

const MALFORMED_CASES = MALFORMED.map(([why, doc, codes, pointers, schemaValid]) => ({ why, doc, codes, pointers, schemaValid: schemaValid ?? false }));

describe("malformed documents", () => {
  it.each(MALFORMED_CASES)("$why", ({ doc, codes, pointers }) => {
    const r = parseX07AstValue(doc);
    expect(summary(r)).toEqual({ ok: false, codes, pointers });
    for (const d of r.diagnostics) {
      expect(d.severity).toBe("error");
      expect(d.stage).toBe("parse");
      expect(d.message.length).toBeGreaterThan(0);
    }
  });

  it.skipIf(validate === undefined).each(MALFORMED_CASES)(`$why: ${SCHEMA_VALIDATE}`, ({ doc, schemaValid }) => {
    expect(validate!(doc).ok).toBe(schemaValid);
  });

  it("the same documents as text give the same diagnostics, with the file in data", () => {
    for (const [why, doc, codes, pointers] of MALFORMED) {
      const r = parseX07Ast(JSON.stringify(doc), { file: "bad.x07.json" });
      expect(summary(r), why).toEqual({ ok: false, codes, pointers });
      for (const d of r.diagnostics) expect(d.data?.["file"], why).toBe("bad.x07.json");
    }
  });

  it("the base document itself is accepted", () => {
    const r = parseX07AstValue(base());
    expect(summary(r)).toEqual({ ok: true, codes: [], pointers: [] });
  });
});

/** Edge documents both the parser and the schema accept. */
const ACCEPTED: ReadonlyArray<readonly [string, Doc]> = [
  ["i32 bounds", solve(["f", -2147483648, 2147483647, 0, -1])],
  ["bytes.lit with empty, spaced and multi-line text", solve(["begin", ["bytes.lit", ""], ["bytes.lit", "  two  spaces "], ["bytes.lit", "a\nb\tc"]])],
  ["bytes.lit text that looks like JSON", solve(["bytes.lit", '{"a": [1, 2]}'])],
  ["operator and non-ASCII atoms", solve(["f", "<u", ">=u", "é", "😀", "a.b.c"])],
  ["a lower-case type variable (upstream reads [\"t\", x] as a variable)", decl0({ type_params: [{ name: "A" }], result: ["t", "a"] })],
  ["an upper-case type variable", decl0({ type_params: [{ name: "A" }], params: [{ name: "x", ty: ["t", "A"] }], result: ["option", ["t", "A"]] })],
  ["a module id with hyphens and underscores", base((d) => ((d["module_id"] = "my-mod._x1"), (d["decls"] = [F({ name: "my-mod._x1.f-g" })])))],
  ["an entry with an export decl", base((d) => (d["decls"] = [{ kind: "export", names: ["main.f"] }, F()]))],
  ["empty params, imports and decls", base((d) => ((d["imports"] = []), (d["decls"] = [F({ params: [], body: 0 })])))],
  ["empty contract lists", decl0({ requires: [], ensures: [], invariant: [], decreases: [], loop_contracts: [] })],
  ["a defasync with an empty protocol", base((d) => (d["decls"] = [{ ...F(), kind: "defasync", protocol: {} }]))],
  ["meta with any JSON", base((d) => (d["meta"] = { a: [1, { b: null }], "": "x" }))],
  ["brands on bytes-like params and results", decl0({ params: [{ name: "b", ty: "bytes", brand: "main.b" }], result: "bytes_view", result_brand: "main.b", body: "b" })],
  ["a 64-character local name", decl0({ params: [{ name: "x".repeat(64), ty: "i32" }] })],
  ["a 256-character atom", solve("a".repeat(256))],
];

describe("accepted edge documents", () => {
  it.each(ACCEPTED)("%s", (...[, doc]: readonly [string, Doc]) => {
    expect(summary(parseX07AstValue(doc))).toEqual({ ok: true, codes: [], pointers: [] });
  });

  it.skipIf(validate === undefined).each(ACCEPTED)(`%s: ${SCHEMA_VALIDATE}`, (...[, doc]: readonly [string, Doc]) => {
    expect(validate!(doc).ok).toBe(true);
  });
});

describe("schema_version", () => {
  it.each(["x07.x07ast@0.2.0", "x07.x07ast@0.10.0", "x07.x07ast@1.0.0", "x07.x07ast@0.9", "X07.X07AST@0.9.0", " x07.x07ast@0.9.0", ""])(
    "rejects %j with X07-SCHEMA-0002 and a replace quickfix",
    (sv) => {
      const r = parseX07AstValue(base((d) => (d["schema_version"] = sv)));
      expect(summary(r)).toEqual({ ok: false, codes: ["X07-SCHEMA-0002"], pointers: ["/schema_version"] });
      const d = r.diagnostics[0]!;
      expect(d.quickfix).toEqual({
        kind: "json_patch",
        patch: [{ op: "replace", path: "/schema_version", value: DEFAULT_X07AST_VERSION }],
        note: `Set schema_version to ${DEFAULT_X07AST_VERSION}`,
      });
      expect(d.data).toEqual({ got: sv, supported: X07AST_VERSION_LIST });
      expect(d.message).toContain(JSON.stringify(sv));
    },
  );

  it("rejects a non-string schema_version with X07-SCHEMA-0002", () => {
    const r = parseX07AstValue(base((d) => (d["schema_version"] = 9)));
    expect(summary(r)).toEqual({ ok: false, codes: ["X07-SCHEMA-0002"], pointers: ["/schema_version"] });
  });

  it("a missing schema_version gets an add quickfix", () => {
    const r = parseX07AstValue(base((d) => delete d["schema_version"]));
    expect(r.diagnostics[0]!.quickfix?.patch).toEqual([{ op: "add", path: "/schema_version", value: DEFAULT_X07AST_VERSION }]);
  });

  it("applying the quickfix makes an otherwise valid document parse", () => {
    const doc = base((d) => (d["schema_version"] = "x07.x07ast@0.99.0"), "x07.x07ast@0.8.0");
    delete (doc["decls"] as Doc[])[0];
    doc["decls"] = [F()];
    const r = parseX07AstValue(doc);
    const op = r.diagnostics[0]!.quickfix!.patch[0]!;
    expect(op.op).toBe("replace");
    const fixed = { ...doc, schema_version: (op as { value: JsonValue }).value };
    expect(parseX07AstValue(fixed).ok).toBe(true);
  });

  it("every supported version reads a minimal entry and a minimal module", () => {
    for (const v of X07AST_VERSION_LIST) {
      expect(parseX07AstValue(base(() => {}, v)).ok, v).toBe(true);
      expect(parseX07AstValue({ schema_version: v, kind: "module", module_id: "m", imports: [], decls: [] }).ok, v).toBe(true);
    }
  });
});
