/** A head spelled like an Object.prototype member is an unknown head (a diagnostic), never a crash. */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

describe("heads named like Object.prototype members", () => {
  for (const head of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
    it(`${head}: check reports it, does not throw`, async () => {
      const p = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["begin", [head, 1], ["bytes.lit", "x"]] });
      if (!p.ok) throw new Error("does not parse");
      const r = await Effect.runPromise(checkDocument(p.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));
      expect(r.ok).toBe(false);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    });
  }
});
