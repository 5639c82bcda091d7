/**
 * Certify of the orders example in a fresh process (a benchmark that prints numbers, not a test):
 *   npx tsx bench/certify.ts [runs=3]
 * Each run spawns a new Node process that imports the SDK from source (through tsx), certifies the orders
 * kernel (examples/orders once it is a project, else the committed fixture test/certify/fixtures/orders-bounded)
 * under verified_core_pure_v1 into a fresh directory, and exits. Printed per run: the process wall time (spawn
 * to exit) and the certify call alone (Effect start to certificate written, solver start-up included). The same
 * child is also bundled with esbuild into temp/bench-certify/ (one ESM file, z3-solver external, std modules
 * next to it, as the CLI bundle is built) and timed as a plain `node` process: that is the start-up a user of the
 * built package or CLI pays. Target: < 3 s wall.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = nodePath.join(ROOT, "examples", "orders");
const FIXTURE = nodePath.join(ROOT, "test", "certify", "fixtures", "orders-bounded");
const PROJECT = process.env["X07_BENCH_PROJECT"] ?? (existsSync(nodePath.join(EXAMPLE, "x07.json")) ? EXAMPLE : FIXTURE);
const ENTRY = "orders.core.compute_total_v1";

if (process.argv[2] === "--child") {
  const { Effect, Layer } = await import("effect");
  const { certify, layerCertifyLive } = await import("../src/certify/index.ts");
  const { layerNodeFileSystem } = await import("../src/services/index.ts");
  const t0 = performance.now();
  const r = await Effect.runPromise(certify(PROJECT, { profile: "verified_core_pure_v1", entry: ENTRY, outDir: process.argv[3]! }).pipe(Effect.provide(Layer.provideMerge(layerCertifyLive, layerNodeFileSystem))));
  process.stdout.write(JSON.stringify({ verdict: r.verdict, certifyMs: Math.round(performance.now() - t0) }) + "\n");
} else {
  const runs = Number(process.argv[2] ?? 3);
  const tsx = nodePath.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  console.log(`project: ${nodePath.relative(ROOT, PROJECT)} (entry ${ENTRY}, profile verified_core_pure_v1)`);
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(nodePath.join(tmpdir(), "x07-bench-certify-"));
    const t = performance.now();
    const p = spawnSync(process.execPath, [tsx, fileURLToPath(import.meta.url), "--child", out], { encoding: "utf8" });
    const wall = Math.round(performance.now() - t);
    if (p.status !== 0) throw new Error(`child failed: ${p.stderr}`);
    const r = JSON.parse(p.stdout.trim().split("\n").pop()!) as { verdict: string; certifyMs: number };
    walls.push(wall);
    console.log(`run ${i + 1}: fresh process (tsx, from source) ${wall} ms wall, certify() ${r.certifyMs} ms, verdict ${r.verdict}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median fresh-process wall (tsx, from source): ${median(walls)} ms`);

  const { build } = await import("esbuild");
  const dir = nodePath.join(ROOT, "temp", "bench-certify");
  rmSync(dir, { recursive: true, force: true });
  const outfile = nodePath.join(dir, "certify.mjs");
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outfile,
    external: ["z3-solver", "esbuild"],
    logLevel: "warning",
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  });
  cpSync(nodePath.join(ROOT, "src", "std", "modules"), nodePath.join(dir, "modules"), { recursive: true });
  const bundled: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(nodePath.join(tmpdir(), "x07-bench-certify-b-"));
    const t = performance.now();
    const p = spawnSync(process.execPath, [outfile, "--child", out], { encoding: "utf8", env: { ...process.env, X07_BENCH_PROJECT: PROJECT } });
    const wall = Math.round(performance.now() - t);
    if (p.status !== 0) throw new Error(`bundled child failed: ${p.stderr}`);
    const r = JSON.parse(p.stdout.trim().split("\n").pop()!) as { verdict: string; certifyMs: number };
    bundled.push(wall);
    console.log(`run ${i + 1}: fresh process (bundled) ${wall} ms wall, certify() ${r.certifyMs} ms, verdict ${r.verdict}`);
  }
  console.log(`median fresh-process wall (bundled): ${median(bundled)} ms (target < 3000 ms)`);
}
