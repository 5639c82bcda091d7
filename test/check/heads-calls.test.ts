/**
 * Every builtin head of the shared table whose arguments are plain values gets two programs: one that
 * calls it with an argument of each parameter's type (must check clean), and one that passes a value of
 * another type as the first argument (must give X07-TYPE-CALL-0002 at that argument's pointer). Arguments
 * are bound to locals first, so owner-mode parameters (views) get the identifier they need.
 */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import { HEADS, HEAD_NAMES } from "../../src/core/heads/table.ts";
import type { WorldId } from "../../src/core/worlds/table.ts";
import { diagnosticPointer } from "../../src/diag/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

/** How to make a value of each type (as `let` bindings; views borrow from an owner bound first). */
const MAKE: Record<string, Array<[string, unknown]>> = {
  i32: [["v", 7]],
  f64: [["v", ["f64.of_i32", 7]]],
  bytes: [["v", ["bytes.lit", "abc"]]],
  bytes_view: [["own", ["bytes.lit", "abc"]], ["v", ["bytes.view", "own"]]],
  vec_u8: [["v", ["vec_u8.with_capacity", 4]]],
  option_i32: [["v", ["option_i32.some", 1]]],
  option_bytes: [["v", ["option_bytes.some", ["bytes.lit", "a"]]]],
  result_i32: [["v", ["result_i32.ok", 1]]],
  result_bytes: [["v", ["result_bytes.ok", ["bytes.lit", "a"]]]],
};
/** A value of a clearly different type, for the failing program. */
const OTHER: Record<string, string> = { i32: "vec_u8", f64: "i32", bytes: "i32", bytes_view: "i32", vec_u8: "i32", option_i32: "i32", option_bytes: "i32", result_i32: "vec_u8", result_bytes: "i32" };

const PLAIN_MODES = new Set(["copy", "borrow", "move", "owner"]);
const testable = HEAD_NAMES.filter((h) => {
  const s = HEADS[h];
  return !h.includes("<") && s.context === "any" && s.capability === null && s.params.length > 0 && s.params.every((p) => PLAIN_MODES.has(p.mode) && MAKE[p.ty] !== undefined);
});
/** World-gated heads (fs/rr/kv): lint's world rule owns them (checked below), so they are left out of the typing pass above. */
const gated = HEAD_NAMES.filter((h) => HEADS[h].capability !== null && HEADS[h].params.every((p) => MAKE[p.ty] !== undefined));

const program = (head: string, tys: ReadonlyArray<string>) => {
  const lets: unknown[] = [];
  const args: string[] = [];
  tys.forEach((ty, i) => {
    for (const [name, value] of MAKE[ty]!) lets.push(["let", `${name}${i}`, typeof value === "object" ? JSON.parse(JSON.stringify(value).replace('"own"', `"own${i}"`)) : value]);
    args.push(`v${i}`);
  });
  return {
    doc: { schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["begin", ...lets, ["let", "r", [head, ...args]], ["bytes.lit", "ok"]] },
    callPtr: `/solve/${lets.length + 1}/2`,
  };
};

const check = async (doc: unknown, world?: WorldId) => {
  const parsed = parseX07AstValue(doc as never);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
  return Effect.runPromise(checkDocument(parsed.document, world !== undefined ? { world } : {}).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));
};

describe("builtin calls type-check against the heads table", () => {
  it("covers most of the table", () => expect(testable.length).toBeGreaterThan(60));
  for (const head of testable) {
    const tys = HEADS[head].params.map((p) => p.ty);
    it(`${head}: well-typed call is clean`, async () => {
      const r = await check(program(head, tys).doc);
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${diagnosticPointer(d)} ${d.message}`)).toEqual([]);
    });
    it(`${head}: wrong first argument is X07-TYPE-CALL-0002`, async () => {
      const wrong = OTHER[tys[0]!]!;
      const { doc, callPtr } = program(head, [wrong, ...tys.slice(1)]);
      const r = await check(doc);
      const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${diagnosticPointer(d)}`);
      expect(errors).toContain(`X07-TYPE-CALL-0002 ${callPtr}/1`);
    });
  }
});

describe("world-gated heads are lint errors without the capability, clean with it", () => {
  it("covers the fs, rr and kv rows", () => expect(gated.length).toBeGreaterThan(15));
  const CODE = { fs: "X07-WORLD-FS-0001", rr: "X07-WORLD-RR-0001", kv: "X07-WORLD-KV-0001" } as const;
  for (const head of gated) {
    const cap = HEADS[head].capability!;
    const { doc, callPtr } = program(head, HEADS[head].params.map((p) => p.ty));
    it(`${head}: ${CODE[cap]} in solve-pure`, async () => {
      const r = await check(doc);
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${diagnosticPointer(d)}`)).toEqual([`${CODE[cap]} ${callPtr}`]);
    });
    it(`${head}: clean in solve-full`, async () => {
      const r = await check(doc, "solve-full");
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
    const tys = HEADS[head].params.map((p) => p.ty);
    if (tys.length > 0) {
      it(`${head}: wrong first argument is X07-TYPE-CALL-0002 in solve-full`, async () => {
        const bad = program(head, [OTHER[tys[0]!]!, ...tys.slice(1)]);
        const r = await check(bad.doc, "solve-full");
        expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${diagnosticPointer(d)}`)).toContain(`X07-TYPE-CALL-0002 ${bad.callPtr}/1`);
      });
    }
  }
});
