/**
 * Check throughput (a benchmark that prints numbers, not a test):
 *   npx tsx bench/check.ts
 * A synthetic entry module with 10,000 declarations (each a small function calling the previous one,
 * with lets, ifs, a loop, bytes/view/vec_u8 builtins), checked in-process after a warm-up; median of 5.
 */
import { Effect } from "effect";
import { checkDocument, layerNoStd } from "../src/check/index.ts";
import { parseX07AstValue } from "../src/parse/index.ts";
import { layerMemoryFileSystem } from "../src/services/index.ts";

const N = 10_000;
const decls = Array.from({ length: N }, (_, i) => ({
  kind: "defn",
  name: `main.f${i}`,
  params: [{ name: "x", ty: "i32" }, { name: "v", ty: "bytes_view" }],
  result: "i32",
  body: [
    "begin",
    ["let", "n", ["view.len", "v"]],
    ["let", "o", ["vec_u8.with_capacity", "n"]],
    ["for", "i", 0, "n", ["set", "o", ["vec_u8.push", "o", ["view.get_u8", "v", "i"]]]],
    ["let", "b", ["vec_u8.into_bytes", "o"]],
    ["if", ["<", "x", 0], ["return", 0], 0],
    ["+", ["bytes.len", "b"], i === 0 ? "x" : [`main.f${i - 1}`, ["-", "x", 1], "v"]],
  ],
}));
const doc = { schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls, solve: ["begin", ["let", "r", [`main.f${N - 1}`, 3, "input"]], ["bytes.lit", "ok"]] };
const parsed = parseX07AstValue(doc);
if (!parsed.ok) throw new Error("synthetic module does not parse");
const run = () => Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));

const first = await run();
if (!first.ok) throw new Error(`synthetic module does not check: ${first.diagnostics[0]?.message}`);
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await run();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`check: ${N} declarations, median ${times[2]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[4]!.toFixed(1)}) over 5 runs after warm-up`);
