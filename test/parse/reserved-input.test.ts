/** `input` names the solve input everywhere, so a function parameter may not take that name (upstream rejects it too). */
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/json/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";

const module = (params: JsonValue[]): JsonValue => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "module",
  module_id: "app",
  imports: [],
  decls: [{ kind: "defn", name: "app.f", params, result: "i32", body: 0 }],
});

describe("reserved parameter name", () => {
  it("a parameter named input is X07-X07AST-PARSE-0001 at its name", () => {
    const r = parseX07AstValue(module([{ name: "data", ty: "bytes_view" }, { name: "input", ty: "bytes_view" }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => [d.code, d.loc?.kind === "x07ast" ? d.loc.ptr : ""])).toEqual([["X07-X07AST-PARSE-0001", "/decls/0/params/1/name"]]);
  });
  it("other names, including ones that contain input, are fine", () => {
    for (const name of ["inputs", "my_input", "in_bytes"]) expect(parseX07AstValue(module([{ name, ty: "bytes_view" }])).ok).toBe(true);
  });
});
