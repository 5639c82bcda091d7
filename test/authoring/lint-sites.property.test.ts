/**
 * Lint reads the parser's rule sites (parse `ruleSitesOf`) instead of walking every expression. The two must agree:
 * for generated documents over real heads (forms with every arity, world-gated heads, unsafe blocks, `for` with a
 * non-atom variable) and for every hand-written check fixture, in every world, the diagnostics from the sites equal
 * those of a full walk (a shallow copy of the document has no sites, so lint walks it), in the same order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintDocument } from "../../src/authoring/index.ts";
import { WORLDS } from "../../src/core/worlds/table.ts";
import type { WorldId } from "../../src/core/worlds/table.ts";
import { parseX07AstValue, ruleSitesOf } from "../../src/parse/index.ts";
import type { X07AstDocument } from "../../src/parse/index.ts";
import { PROPERTY_SEED } from "../_helpers/arbitraries.ts";

const worlds = Object.keys(WORLDS) as WorldId[];
const heads = ["begin", "let", "set", "set0", "if", "for", "while", "return", "unsafe", "+", "<", "&&", "bytes.len", "os.time.now", "std.os.env.get", "fs.read", "std.fs.read", "rr.next", "kv.get", "ptr.add", "memcpy", "main.f", "toString"];

const expr: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -5, max: 40 }),
    fc.constantFrom("x", "i", "input"),
    fc.tuple(fc.constantFrom(...heads), fc.array(tie("e"), { maxLength: 5 })).map(([h, args]) => [h, ...args]),
    fc.tuple(fc.constantFrom("unsafe", "begin"), fc.integer({ min: 15, max: 18 })).map(([h, n]) => [h, ...Array.from({ length: n }, () => 0)]),
  ),
})).e;

const doc = fc.tuple(expr, expr, expr).map(([solve, body, clause]) => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "entry",
  module_id: "main",
  imports: [],
  decls: [{ kind: "defn", name: "main.f", params: [{ name: "x", ty: "i32" }], result: "i32", body, requires: [{ expr: clause }], ensures: [{ expr: body }] }],
  solve,
}));

const agree = (d: X07AstDocument): number => {
  expect(ruleSitesOf(d)).toBeDefined();
  expect(ruleSitesOf({ ...d })).toBeUndefined();
  let n = 0;
  for (const world of worlds) {
    const fromSites = lintDocument(d, { world });
    expect(fromSites).toEqual(lintDocument({ ...d }, { world }));
    n += fromSites.length;
  }
  return n;
};

describe("lint from the parser's rule sites", () => {
  it("equals a full walk on 2,000 generated documents, in every world", () => {
    let parsed = 0;
    let reported = 0;
    fc.assert(
      fc.property(doc, (raw) => {
        const p = parseX07AstValue(raw as never);
        if (!p.ok) return;
        parsed++;
        reported += agree(p.document);
      }),
      { numRuns: 2000, seed: PROPERTY_SEED },
    );
    // Not vacuous: most documents parse, and lint reports plenty on them.
    expect(parsed).toBeGreaterThan(1500);
    expect(reported).toBeGreaterThan(1000);
  });

  it("equals a full walk on every check fixture", () => {
    const root = join(import.meta.dirname, "../fixtures/check");
    let files = 0;
    for (const dir of readdirSync(root)) {
      for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith(".x07.json"))) {
        const p = parseX07AstValue(JSON.parse(readFileSync(join(root, dir, f), "utf8")));
        if (!p.ok) continue;
        files++;
        agree(p.document);
      }
    }
    expect(files).toBeGreaterThan(150);
  });

  it("a document that fails to parse has no sites to misuse; sites are kept per root in pre-order", () => {
    const p = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["begin", ["+", 1, ["+", 1, 2, 3]], ["if", 1], ["bytes.lit", "x"]] });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const sites = ruleSitesOf(p.document)!.get(p.document.solve!)!;
    expect(sites.map((e) => e.ptr)).toEqual(["/solve/1/2", "/solve/2"]);
  });
});
