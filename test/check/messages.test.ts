/** Diagnostics that help: did-you-mean notes, signatures in arity errors, the world that would allow an OS call. */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerStdModules } from "../../src/check/index.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

const std = layerStdModules([{ moduleId: "std.text.ascii", text: JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "module", module_id: "std.text.ascii", imports: [], decls: [] }) }]);

const diags = async (doc: JsonValue) => {
  const parsed = parseX07AstValue(doc);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
  const r = await Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(std), Effect.provide(layerMemoryFileSystem({}))));
  return r.diagnostics;
};
const entry = (solve: JsonValue, extra: Record<string, JsonValue> = {}): JsonValue => ({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve, ...extra });

describe("helpful diagnostics", () => {
  it("suggests the nearest local for an unknown identifier", async () => {
    const [d] = await diags(entry(["begin", ["let", "count", 1], ["+", "cuont", 1], ["bytes.lit", "x"]]));
    expect(d!.code).toBe("X07-TYPE-0001");
    expect(d!.notes).toEqual(["did you mean count?"]);
  });

  it("suggests builtin heads for a misspelled callee", async () => {
    const [d] = await diags(entry(["begin", ["let", "n", ["veiw.len", "input"]], ["bytes.lit", "x"]]));
    expect(d!.code).toBe("X07-TYPE-CALL-0001");
    expect(d!.notes?.[0]).toContain("view.len");
  });

  it("suggests a built-in std module for a misspelled import, and resolves the right one", async () => {
    const [d] = await diags(entry(["bytes.lit", "x"], { imports: ["std.text.asci"] }));
    expect(d!.code).toBe("X07-MODULE-0001");
    expect(d!.notes).toEqual(["did you mean std.text.ascii?"]);
    expect(await diags(entry(["bytes.lit", "x"], { imports: ["std.text.ascii"] }))).toEqual([]);
  });

  it("shows the expected signature on an arity error", async () => {
    const [d] = await diags(entry(["begin", ["let", "n", ["view.get_u8", "input"]], ["bytes.lit", "x"]]));
    expect(d!.code).toBe("X07-TYPE-CALL-0003");
    expect(d!.notes?.[0]).toBe("signature: (view.get_u8 bytes_view i32) -> i32");
  });

  it("names the worlds that allow an OS operation", async () => {
    const [d] = await diags(entry(["os.time.now_unix_ms"]));
    expect(d!.code).toBe("X07-WORLD-OS-0002");
    expect(d!.notes?.[0]).toContain("run-os");
  });
});
