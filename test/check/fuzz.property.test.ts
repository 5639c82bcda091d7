/**
 * Fuzz: no input makes `check` throw. fast-check generates well-formed x07AST documents of every version
 * (random expression trees, so most are ill-typed) plus documents that use real heads and forms; each is
 * parsed and checked. 10,000 cases per run, fixed seed (X07_FC_SEED to change it).
 */
import { Effect } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import { HEAD_NAMES } from "../../src/core/heads/table.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { PROPERTY_SEED, x07AstDocument } from "../_helpers/arbitraries.ts";

const layer = layerMemoryFileSystem({});

const heads = [...HEAD_NAMES.filter((h) => !h.includes("<")), "begin", "let", "set", "set0", "if", "for", "while", "return", "try", "&&", "||", "main.f", "main.g"];
const names = ["x", "y", "b", "o", "input", "i", "__result"];

/** Expressions over real heads, forms and locals, so the checker's deeper paths run. */
const realExpr: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -5, max: 300 }),
    fc.constantFrom(...names),
    fc.tuple(fc.constantFrom(...heads), fc.array(tie("e"), { maxLength: 4 })).map(([h, args]) => [h, ...args]),
    fc.tuple(fc.constant("bytes.lit"), fc.string({ maxLength: 6 })),
  ),
})).e;

const realDoc = fc.tuple(realExpr, realExpr, fc.constantFrom("i32", "bytes", "bytes_view", "vec_u8", "result_i32")).map(([solve, body, ty]) => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "entry",
  module_id: "main",
  imports: [],
  decls: [
    { kind: "defn", name: "main.f", params: [{ name: "x", ty: "i32" }, { name: "b", ty: "bytes" }], result: ty, body, ensures: [{ expr: [">=", "__result", 0] }] },
    { kind: "defn", name: "main.g", params: [{ name: "o", ty: "vec_u8" }], result: "i32", body: ["vec_u8.len", "o"] },
  ],
  solve,
}));

let checked = 0;
const neverThrows = async (doc: unknown): Promise<void> => {
  const parsed = parseX07AstValue(doc as never);
  if (!parsed.ok) return;
  checked++;
  const r = await Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layer)));
  expect(typeof r.ok).toBe("boolean");
  if (!r.ok) expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
};

describe("check never throws", () => {
  it("on 5,000 generated documents of every version", async () => {
    await fc.assert(fc.asyncProperty(x07AstDocument(), neverThrows), { numRuns: 5000, seed: PROPERTY_SEED });
  });
  it("on 5,000 documents built from real heads, forms and locals", async () => {
    checked = 0;
    await fc.assert(fc.asyncProperty(realDoc, neverThrows), { numRuns: 5000, seed: PROPERTY_SEED });
    // The property is not vacuous: nearly all of these documents parse and reach the checker.
    expect(checked).toBeGreaterThan(4000);
  });
});
