/**
 * Parse/format throughput (a benchmark that prints numbers, not a test):
 *   npx tsx bench/parse.ts
 * Builds a synthetic ~1 MB and ~10 MB x07AST module, then times the strict JSON reader against
 * JSON.parse, the full parse stage, and fmt (parse + canonicalize + JCS).
 */
import { readJson } from "../src/core/json/index.ts";
import { parseX07Ast } from "../src/parse/index.ts";
import { formatX07Ast } from "../src/authoring/index.ts";

const makeModule = (decls: number): string => {
  const body = (i: number): unknown => ["begin", ["let", "x", ["+", "a", i]], ["if", ["<u", "x", 100], ["*", "x", 3], ["bytes.lit", `value ${i}`]], ["-", "x", ["/", "x", 7]]];
  return JSON.stringify({
    schema_version: "x07.x07ast@0.8.0",
    kind: "module",
    module_id: "bench",
    imports: ["std.vec"],
    decls: Array.from({ length: decls }, (_, i) => ({ kind: "defn", name: `bench.f${i}`, params: [{ name: "a", ty: "i32" }], result: "i32", body: ["begin", body(i), body(i + 1), body(i + 2)] })),
  });
};

const time = (f: () => unknown, runs = 7): number => {
  f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
};

for (const decls of [2_000, 20_000]) {
  const text = makeModule(decls);
  const mb = (text.length / 1e6).toFixed(2);
  const native = time(() => JSON.parse(text));
  const strict = time(() => readJson(text));
  const parse = time(() => parseX07Ast(text));
  const fmt = time(() => formatX07Ast(text));
  console.log(`${mb} MB, ${decls} decls: JSON.parse ${native.toFixed(1)} ms | strict reader ${strict.toFixed(1)} ms | parse stage ${parse.toFixed(1)} ms | fmt ${fmt.toFixed(1)} ms`);
}
