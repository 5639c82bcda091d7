/** Check-stage quickfixes are real repairs: applying the patch yields a program that checks clean. */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "../../src/authoring/index.ts";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

const check = async (doc: JsonValue, files: Record<string, string> = {}) => {
  const parsed = parseX07AstValue(doc);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
  return Effect.runPromise(checkDocument(parsed.document, { moduleRoots: ["m"] }).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem(files))));
};

const entry = (solve: JsonValue, imports: string[] = []): JsonValue => ({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports, decls: [], solve });

const fixOnce = async (doc: JsonValue, code: string, files: Record<string, string> = {}) => {
  const r = await check(doc, files);
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d?.quickfix, `a ${code} quickfix`).toBeDefined();
  const fixed = applyJsonPatch(doc, d!.quickfix!.patch);
  if (!fixed.ok) throw new Error(fixed.diagnostic.message);
  return check(fixed.value, files);
};

describe("check quickfixes", () => {
  it("binds a discarded update back with set", async () => {
    const doc = entry(["begin", ["let", "o", ["vec_u8.with_capacity", 2]], ["vec_u8.push", "o", 1], ["vec_u8.into_bytes", "o"]]);
    expect((await fixOnce(doc, "X07-MOVE-0003")).ok).toBe(true);
  });

  it("adds the import a cross-module call needs", async () => {
    const mod = (id: string, body: JsonValue, imports: string[] = []) =>
      JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "module", module_id: id, imports, decls: [{ kind: "export", names: [`${id}.f`] }, { kind: "defn", name: `${id}.f`, params: [{ name: "x", ty: "i32" }], result: "i32", body }] });
    const files = { "m/a.x07.json": mod("a", ["b.f", "x"], []), "m/b.x07.json": mod("b", "x") };
    // main imports a and b, so b is loaded, but a calls b.f without importing b.
    const doc = entry(["begin", ["let", "y", ["a.f", 1]], ["bytes.lit", "ok"]], ["a", "b"]);
    const r = await check(doc, files);
    const d = r.diagnostics.find((x) => x.code === "X07-TYPE-CALL-0001");
    expect(d?.quickfix?.patch).toEqual([{ op: "add", path: "/imports/-", value: "b" }]);
    expect(d?.data?.["file"]).toBe("m/a.x07.json");
  });
});
