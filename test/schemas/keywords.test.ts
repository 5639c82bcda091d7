/**
 * TypeBox 1.x enforces every JSON Schema keyword codegen passes through builder options or `exact()`.
 * Each row builds a schema the way generated code does and checks one accepted and one rejected value,
 * so a TypeBox upgrade that silently drops a keyword fails here rather than in production.
 */
import Type, { type TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { describe, expect, it } from "vitest";

const exact = <T extends TSchema>(_type: T, schema: object): T => schema as T;
const oneOf = (types: TSchema[]): TSchema => ({ oneOf: types }) as unknown as TSchema;

const rows: ReadonlyArray<readonly [keyword: string, schema: TSchema, accepted: unknown, rejected: unknown]> = [
  ["$ref (cyclic)", Type.Cyclic({ n: Type.Union([Type.Integer(), Type.Array(Type.Ref("n"))]) }, "n"), [1, [2, [3]]], [1, ["x"]]],
  ["oneOf (exactly one)", oneOf([Type.Integer(), Type.Number({ minimum: 0 })]), -1, 1],
  ["anyOf", Type.Union([Type.String(), Type.Null()]), null, 1],
  ["allOf", Type.Intersect([Type.Object({ a: Type.String() }), Type.Object({ b: Type.String() })]), { a: "", b: "" }, { a: "" }],
  ["const", Type.Literal("x"), "x", "y"],
  ["enum", Type.Enum(["a", "b"]), "b", "c"],
  ["pattern", Type.String({ pattern: "^[A-Z]+$" }), "AB", "ab"],
  ["minLength/maxLength", Type.String({ minLength: 1, maxLength: 2 }), "ab", "abc"],
  ["minimum/maximum", Type.Integer({ minimum: 1, maximum: 2 }), 2, 3],
  ["format uri", Type.String({ format: "uri" }), "https://x07-sdk.dev/a", "not a uri"],
  ["format email", Type.String({ format: "email" }), "a@example.dev", "a.example.dev"],
  ["format date-time", Type.String({ format: "date-time" }), "2026-01-02T03:04:05Z", "2026-01-02"],
  ["additionalProperties false", Type.Object({ a: Type.String() }, { additionalProperties: false }), { a: "" }, { a: "", b: 1 }],
  ["patternProperties", Type.Object({}, { patternProperties: { "^x-": { type: "string" } } }), { "x-a": "s" }, { "x-a": 1 }],
  ["propertyNames", Type.Record(Type.String(), Type.Unknown(), { propertyNames: { pattern: "^[a-z]+$" } }), { ab: 1 }, { Ab: 1 }],
  ["minProperties", Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 }), { a: 1 }, {}],
  ["prefixItems + items", exact(Type.Tuple([Type.String()]), { type: "array", prefixItems: [{ type: "string" }], items: { type: "integer" } }), ["a", 1], ["a", "b"]],
  ["prefixItems + maxItems", exact(Type.Tuple([Type.Literal("t")]), { type: "array", prefixItems: [{ const: "t" }], maxItems: 1 }), ["t"], ["t", 1]],
  ["contains/minContains", Type.Array(Type.Integer(), { contains: { const: 7 }, minContains: 2 }), [7, 1, 7], [7, 1]],
  ["uniqueItems", Type.Array(Type.Integer(), { uniqueItems: true }), [1, 2], [1, 1]],
  ["minItems", Type.Array(Type.Integer(), { minItems: 1 }), [1], []],
  ["not", exact(Type.Unknown(), { not: { type: "string" } }), 1, "s"],
  [
    "if/then/else",
    Type.Object({ kind: Type.String(), solve: Type.Optional(Type.Integer()) }, {
      if: { properties: { kind: { const: "entry" } } },
      then: { required: ["solve"] },
      else: { not: { required: ["solve"] } },
    }),
    { kind: "entry", solve: 1 },
    { kind: "module", solve: 1 },
  ],
  ["dependentRequired", Type.Object({ a: Type.Optional(Type.String()), b: Type.Optional(Type.String()) }, { dependentRequired: { a: ["b"] } }), { a: "", b: "" }, { a: "" }],
  ["multipleOf", Type.Integer({ multipleOf: 5 }), 10, 11],
  ["exclusiveMinimum", Type.Number({ exclusiveMinimum: 0 }), 0.5, 0],
];

describe("TypeBox enforces each keyword codegen relies on", () => {
  it.each(rows)("%s", (_keyword, schema, accepted, rejected) => {
    const v = Compile(schema);
    expect(v.Check(accepted)).toBe(true);
    expect(v.Check(rejected)).toBe(false);
    expect(v.Errors(rejected).length).toBeGreaterThan(0);
  });
});
