/**
 * Check throughput (a benchmark that prints numbers, not a test):
 *   npx tsx bench/check.ts [--runs N]
 * A synthetic entry module with 10,000 declarations (each a small function calling the previous one,
 * with lets, ifs, a loop, bytes/view/vec_u8 builtins), checked in-process after a warm-up; median of 5.
 * Measured twice: from source under tsx, then the same script bundled with esbuild (as the CLI bundle is
 * built) and run by plain `node` in a child process. `--runs N` repeats each measurement N times (separate
 * processes for the bundled one) and prints every median, their median, and the best single run: on a shared
 * machine one median of 5 swings by tens of percent. Target (issue #4): < 200 ms.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { Effect } from "effect";
import { checkDocument, layerNoStd } from "../src/check/index.ts";
import { parseX07AstValue } from "../src/parse/index.ts";
import { layerMemoryFileSystem } from "../src/services/index.ts";

const N = 10_000;

/** Checks the synthetic module once for warm-up, then 5 times; the sorted times in ms. */
const measure = async (): Promise<number[]> => {
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
  return times.sort((a, b) => a - b);
};

const line = (times: ReadonlyArray<number>) => `median ${times[2]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[4]!.toFixed(1)}) over 5 runs after warm-up`;
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (medians: ReadonlyArray<number>, mins: ReadonlyArray<number>) =>
  medians.length < 2 ? "" : `  ${medians.length} measurements: medians ${medians.map((m) => m.toFixed(0)).join(", ")} ms; their median ${median(medians).toFixed(1)} ms, best run ${Math.min(...mins).toFixed(1)} ms`;

if (process.env["X07_BENCH_CHECK_CHILD"] === "1") {
  // The bundled child: one measurement, as JSON.
  console.log(JSON.stringify(await measure()));
} else {
  const argRuns = process.argv.indexOf("--runs");
  const runs = argRuns >= 0 ? Math.max(1, Number(process.argv[argRuns + 1]) || 1) : 1;

  const src: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const times = await measure();
    src.push(times);
    console.log(`check: ${N} declarations, from source (tsx): ${line(times)}`);
  }
  const s = summary(src.map((t) => t[2]!), src.map((t) => t[0]!));
  if (s !== "") console.log(s);

  const { build } = await import("esbuild");
  const dir = mkdtempSync(nodePath.join(tmpdir(), "x07-bench-check-"));
  try {
    const outfile = nodePath.join(dir, "check.mjs");
    await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: "node", target: "node20", format: "esm", outfile, external: ["esbuild"], logLevel: "warning" });
    const bundled: number[][] = [];
    for (let r = 0; r < runs; r++) {
      const child = spawnSync(process.execPath, [outfile], { env: { ...process.env, X07_BENCH_CHECK_CHILD: "1" }, encoding: "utf8", maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`bundled bench failed: ${child.stderr}`);
      const times = JSON.parse(child.stdout.trim().split("\n").pop()!) as number[];
      bundled.push(times);
      console.log(`check: ${N} declarations, bundled (esbuild, node): ${line(times)}`);
    }
    const b = summary(bundled.map((t) => t[2]!), bundled.map((t) => t[0]!));
    if (b !== "") console.log(b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
