/**
 * Round-trip properties of parse and fmt over generated well-formed documents of every version:
 * parse accepts them (and so does the schema registry), fmt output parses back to the same AST, fmt is
 * idempotent, and a document already in canonical layout formats to exactly its JCS text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatX07Ast } from "../../src/authoring/index.ts";
import { canonicalJson } from "../../src/core/json/index.ts";
import { validate } from "../../src/core/contracts/index.ts";
import { X07AST_VERSION_LIST, parseX07Ast, parseX07AstValue, x07AstToJson } from "../../src/parse/index.ts";
import type { ParseResult } from "../../src/parse/index.ts";
import { PROPERTY_SEED, x07AstDocument } from "../_helpers/arbitraries.ts";

const RUNS = 600;

const okDoc = (r: ParseResult) => {
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r.diagnostics, null, 1)}`);
  return r.document;
};

describe("generated documents", () => {
  it("cover every version, both kinds and every declaration kind", () => {
    const seen = new Set<string>();
    fc.sample(x07AstDocument(), { seed: PROPERTY_SEED, numRuns: 300 }).forEach((x) => {
      seen.add(String(x["schema_version"]));
      seen.add(String(x["kind"]));
      for (const d of x["decls"] as Array<{ kind: string }>) seen.add(d.kind);
    });
    for (const v of X07AST_VERSION_LIST) expect(seen).toContain(v);
    for (const k of ["entry", "module", "defn", "defasync", "extern", "export", "defrecord", "defenum"]) expect(seen).toContain(k);
  });

  // One pass per document (generation dominates the cost): accepted by parse and by the schema registry,
  // parse(fmt(x)) is the same AST, and fmt is idempotent, for one-line and pretty output.
  it("parse, validate against the schema registry, round-trip through fmt, and fmt is idempotent", () => {
    fc.assert(
      fc.property(x07AstDocument(), fc.boolean(), fc.constantFrom(0, 1, 2), (x, pretty, indent) => {
        const r = parseX07AstValue(x);
        const doc = okDoc(r);
        expect(r.diagnostics).toEqual([]);
        const v = validate(x);
        if (!v.ok) throw new Error(`schema rejects: ${JSON.stringify(v.errors.slice(0, 5))}`);

        const once = formatX07Ast(JSON.stringify(x, null, indent), { pretty });
        if (!once.ok) throw new Error(`fmt failed: ${JSON.stringify(once.diagnostics)}`);
        expect(once.formatted.endsWith("\n")).toBe(true);
        const again = okDoc(parseX07Ast(once.formatted));
        expect(x07AstToJson(again)).toStrictEqual(x07AstToJson(doc));
        expect(x07AstToJson(once.document)).toStrictEqual(x07AstToJson(doc));

        const twice = formatX07Ast(once.formatted, { pretty });
        if (!twice.ok) throw new Error(`fmt of fmt failed: ${JSON.stringify(twice.diagnostics)}`);
        expect(twice.changed).toBe(false);
        expect(twice.formatted).toBe(once.formatted);
        const viaBytes = formatX07Ast(new TextEncoder().encode(once.formatted), { pretty });
        expect(viaBytes.ok && viaBytes.changed).toBe(false);
      }),
      { seed: PROPERTY_SEED, numRuns: RUNS },
    );
  });

  it("a document already in canonical layout formats to exactly its JCS text", () => {
    fc.assert(
      fc.property(x07AstDocument({ canonical: true }), (x) => {
        const v = validate(x);
        if (!v.ok) throw new Error(`schema rejects: ${JSON.stringify(v.errors.slice(0, 5))}`);
        const f = formatX07Ast(JSON.stringify(x));
        if (!f.ok) throw new Error(`fmt failed: ${JSON.stringify(f.diagnostics)}`);
        expect(f.formatted).toBe(canonicalJson(x) + "\n");
        expect(x07AstToJson(f.document)).toStrictEqual(x);
        const same = formatX07Ast(f.formatted);
        expect(same.ok && same.changed).toBe(false);
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
  });
});
