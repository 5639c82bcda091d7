/**
 * Check throughput (a benchmark that prints numbers, not a test):
 *   npx tsx bench/check.ts [--runs N]
 * A synthetic entry module with 10,000 declarations (each a small function calling the previous one,
 * with lets, ifs, a loop, bytes/view/vec_u8 builtins), parsed once, then checked in-process: the first check of
 * the process (cold: JIT and heap not warmed up, what one `x07 check` pays) is reported on its own; after two more
 * warm-up checks, 11 measured checks give the median (the steady state of a long-lived process: a server, a watch
 * loop, a test runner). The parse time of the module is printed beside it (parse is a separate stage).
 * Measured twice: from source under tsx, then the same script bundled with esbuild (as the CLI bundle is
 * built) and run by plain `node` in a child process. `--runs N` repeats each measurement N times (a fresh process
 * each time for the bundled one) and prints every median, their median, and the best single run: on a shared
 * machine one median swings by tens of percent. Target (issue #4): < 200 ms.
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

const MEASURED = 11;

interface Measurement {
  readonly parseMs: number;
  readonly coldMs: number;
  /** The measured checks, sorted (ms). */
  readonly times: ReadonlyArray<number>;
}

/** Parses the synthetic module, checks it once cold, twice more to warm up, then MEASURED times. */
const measure = async (): Promise<Measurement> => {
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
  const t0 = performance.now();
  const parsed = parseX07AstValue(doc);
  const parseMs = performance.now() - t0;
  if (!parsed.ok) throw new Error("synthetic module does not parse");
  const run = () => Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));

  const t1 = performance.now();
  const first = await run();
  const coldMs = performance.now() - t1;
  if (!first.ok) throw new Error(`synthetic module does not check: ${first.diagnostics[0]?.message}`);
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < MEASURED; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return { parseMs, coldMs, times: times.sort((a, b) => a - b) };
};

const line = (m: Measurement) => {
  const t = m.times;
  return `median ${t[t.length >> 1]!.toFixed(1)} ms (min ${t[0]!.toFixed(1)}, max ${t[t.length - 1]!.toFixed(1)}) over ${t.length} runs after 3 warm-up checks; first check of the process ${m.coldMs.toFixed(1)} ms; parse ${m.parseMs.toFixed(1)} ms`;
};
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (ms: ReadonlyArray<Measurement>) => {
  if (ms.length < 2) return "";
  const medians = ms.map((m) => m.times[m.times.length >> 1]!);
  const colds = ms.map((m) => m.coldMs);
  return `  ${ms.length} measurements: medians ${medians.map((m) => m.toFixed(0)).join(", ")} ms; their median ${median(medians).toFixed(1)} ms, best run ${Math.min(...ms.map((m) => m.times[0]!)).toFixed(1)} ms; first checks ${colds.map((c) => c.toFixed(0)).join(", ")} ms (median ${median(colds).toFixed(1)})`;
};

if (process.env["X07_BENCH_CHECK_CHILD"] === "1") {
  // The bundled child: one measurement, as JSON.
  console.log(JSON.stringify(await measure()));
} else {
  const argRuns = process.argv.indexOf("--runs");
  const runs = argRuns >= 0 ? Math.max(1, Number(process.argv[argRuns + 1]) || 1) : 1;

  const src: Measurement[] = [];
  for (let r = 0; r < runs; r++) {
    const m = await measure();
    src.push(m);
    console.log(`check: ${N} declarations, from source (tsx): ${line(m)}`);
  }
  const s = summary(src);
  if (s !== "") console.log(s);

  const { build } = await import("esbuild");
  const dir = mkdtempSync(nodePath.join(tmpdir(), "x07-bench-check-"));
  try {
    const outfile = nodePath.join(dir, "check.mjs");
    await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: "node", target: "node20", format: "esm", outfile, external: ["esbuild"], logLevel: "warning" });
    const bundled: Measurement[] = [];
    for (let r = 0; r < runs; r++) {
      const child = spawnSync(process.execPath, [outfile], { env: { ...process.env, X07_BENCH_CHECK_CHILD: "1" }, encoding: "utf8", maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`bundled bench failed: ${child.stderr}`);
      const m = JSON.parse(child.stdout.trim().split("\n").pop()!) as Measurement;
      bundled.push(m);
      console.log(`check: ${N} declarations, bundled (esbuild, node, fresh process): ${line(m)}`);
    }
    const b = summary(bundled);
    if (b !== "") console.log(b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
