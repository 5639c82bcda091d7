/**
 * The checker's speed-minded internals keep the behaviour of the simple versions they replaced: the flat scope
 * stack (a map per block before), the ring of local-node brands (a WeakMap before), and typing a loop body once
 * when a second pass could not differ (always twice after a move before).
 */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import type { TExpr } from "../../src/check/index.ts";
import { LocalBrands } from "../../src/check/internal/brands.ts";
import { Scopes } from "../../src/check/internal/env.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

const check = async (doc: JsonValue) => {
  const parsed = parseX07AstValue(doc);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
  return Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));
};
const entry = (solve: JsonValue, decls: JsonValue[] = []): JsonValue => ({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls, solve });
const take: JsonValue = { kind: "defn", name: "main.take", params: [{ name: "b", ty: "bytes" }], result: "i32", body: 0 };
const codes = (r: { diagnostics: ReadonlyArray<{ code: string; loc?: unknown }> }) => r.diagnostics.map((d) => `${d.code} ${(d.loc as { ptr?: string } | undefined)?.ptr ?? ""}`);

describe("Scopes", () => {
  it("shadows outer bindings and restores them on pop", () => {
    const s = new Scopes();
    s.push();
    s.bind("x", "i32");
    s.push();
    s.bind("x", "bytes");
    expect(s.lookup("x")?.ty).toBe("bytes");
    s.pop();
    expect(s.lookup("x")?.ty).toBe("i32");
    s.pop();
    expect(s.lookup("x")).toBeUndefined();
  });

  it("rebinding a name in the same scope replaces its binding (one entry, first position kept)", () => {
    const s = new Scopes();
    s.bind("a", "bytes");
    s.bind("b", "vec_u8");
    s.bind("a", "vec_u8");
    expect(s.visibleNames()).toEqual(["a", "b"]);
    expect(s.lookup("a")?.ty).toBe("vec_u8");
    // Only the live bindings are in a snapshot, in binding order.
    expect(s.snapshot().bindings.map((b) => b.ty)).toEqual(["vec_u8", "vec_u8"]);
  });

  it("lists each visible name once, outermost first, and forgets everything on reset", () => {
    const s = new Scopes();
    s.bind("n", "i32");
    s.push();
    s.bind("m", "i32");
    s.bind("n", "bytes");
    expect(s.visibleNames()).toEqual(["n", "m"]);
    s.reset();
    expect(s.visibleNames()).toEqual([]);
    expect(s.lookup("n")).toBeUndefined();
    s.bind("z", "i32");
    expect(s.visibleNames()).toEqual(["z"]);
  });

  it("snapshots hold move-only bindings only; restore and unchangedSince see their move state", () => {
    const s = new Scopes();
    s.bind("i", "i32");
    s.bind("b", "bytes");
    const before = s.snapshot();
    expect(before.bindings.length).toBe(1);
    const b = s.lookup("b")!;
    s.move(b, "/solve/1");
    expect(s.unchangedSince(before)).toBe(false);
    s.restore(before);
    expect(b.movedAt).toBeUndefined();
    expect(s.unchangedSince(before)).toBe(true);
    expect(new Scopes().snapshot().bindings).toEqual([]);
  });
});

describe("LocalBrands", () => {
  const node = (i: number): TExpr => ({ kind: "local", name: `x${i}`, ty: "bytes", ptr: `/p/${i}` });

  it("answers for old entries past the ring, new ones, and unknown nodes", () => {
    const lb = new LocalBrands();
    const nodes = Array.from({ length: 40 }, (_, i) => node(i));
    nodes.forEach((n, i) => lb.set(n, i % 3 === 0 ? undefined : `B${i}`));
    nodes.forEach((n, i) => expect(lb.get(n)).toBe(i % 3 === 0 ? undefined : `B${i}`));
    expect(lb.get(node(99))).toBeUndefined();
  });

  it("forgets every entry on reset", () => {
    const lb = new LocalBrands();
    const nodes = Array.from({ length: 20 }, (_, i) => node(i));
    nodes.forEach((n) => lb.set(n, "*"));
    lb.reset();
    nodes.forEach((n) => expect(lb.get(n)).toBeUndefined());
  });
});

describe("loop bodies", () => {
  it("a body that moves an outer local and binds it back checks clean (typed once)", async () => {
    const r = await check(entry(["begin", ["let", "o", ["vec_u8.with_capacity", 4]], ["for", "i", 0, 3, ["set", "o", ["vec_u8.push", "o", "i"]]], ["bytes.len", ["vec_u8.into_bytes", "o"]], ["bytes.lit", "ok"]]));
    expect(codes(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("a move in one iteration is still reported where the next iteration uses the value", async () => {
    const r = await check(entry(["begin", ["let", "b", ["bytes.lit", "a"]], ["for", "i", 0, 3, ["begin", ["let", "n", ["bytes.len", "b"]], ["main.take", "b"]]], ["bytes.lit", "ok"]], [take]));
    // Both uses in the second iteration: the bytes.len and the second take.
    expect(codes(r)).toEqual(["X07-MOVE-0001 /solve/2/4/1/2/1", "X07-MOVE-0001 /solve/2/4/2/1"]);
  });

  it("nested loops: a move in the inner body is reported once at its use", async () => {
    const r = await check(entry(["begin", ["let", "b", ["bytes.lit", "a"]], ["for", "i", 0, 2, ["for", "j", 0, 2, ["main.take", "b"]]], ["bytes.lit", "ok"]], [take]));
    expect(codes(r)).toEqual(["X07-MOVE-0001 /solve/2/4/4/1"]);
  });

  it("a body that moves only its own locals checks clean", async () => {
    const r = await check(entry(["begin", ["for", "i", 0, 3, ["begin", ["let", "c", ["bytes.lit", "z"]], ["main.take", "c"]]], ["bytes.lit", "ok"]], [take]));
    expect(codes(r)).toEqual([]);
  });

  it("a while body that re-assigns after a move keeps the IR of a single pass", async () => {
    const r = await check(entry(["begin", ["let", "b", ["bytes.lit", "a"]], ["let", "k", 0], ["while", ["<", "k", 2], ["begin", ["set0", "k", ["+", "k", ["main.take", "b"]]], ["set", "b", ["bytes.lit", "c"]]]], ["bytes.lit", "ok"]], [take]));
    expect(codes(r)).toEqual([]);
    const w = r.program!.solve!;
    expect(w.kind === "form" && w.args[2]?.kind === "form" ? w.args[2].form : undefined).toBe("while");
  });
});
