/** Checks a prove fixture module (`test/prove/fixtures/<name>.x07.json`, module id `app`) into a CheckedProgram. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import type { CheckedProgram } from "../../src/check/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

export const checkProveFixture = async (name: string): Promise<CheckedProgram> => {
  const text = readFileSync(path.resolve("test/prove/fixtures", `${name}.x07.json`), "utf8");
  const entry = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: ["app"], decls: [], solve: ["bytes.empty"] });
  if (!entry.ok) throw new Error("entry document does not parse");
  const r = await Effect.runPromise(
    checkDocument(entry.document, { moduleRoots: ["/m"] }).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({ "/m/app.x07.json": text }))),
  );
  if (r.program === undefined) throw new Error(`${name}: ${JSON.stringify(r.diagnostics.map((d) => [d.code, d.message, d.loc]))}`);
  return r.program;
};
