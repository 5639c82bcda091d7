/**
 * Certify of the orders example in a fresh process (a benchmark that prints numbers, not a test):
 *   npx tsx bench/certify.ts [runs=3]
 * Each run spawns a new Node process that imports the SDK from source (through tsx), certifies the orders
 * kernel (examples/orders once it is a project, else the committed fixture test/certify/fixtures/orders-bounded)
 * under verified_core_pure_v1 into a fresh directory, and exits. Printed per run: the process wall time (spawn
 * to exit) and the certify call alone (Effect start to certificate written, solver start-up included). When the
 * CLI bundle is built and fresh, `x07 trust certify` through bin/x07.mjs is timed too. Target: < 3 s wall.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = nodePath.join(ROOT, "examples", "orders");
const FIXTURE = nodePath.join(ROOT, "test", "certify", "fixtures", "orders-bounded");
const PROJECT = existsSync(nodePath.join(EXAMPLE, "x07.json")) ? EXAMPLE : FIXTURE;
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
  const bundle = nodePath.join(ROOT, "dist", "src", "cli", "bundle", "x07.cjs");
  if (existsSync(bundle)) {
    for (let i = 0; i < runs; i++) {
      const out = mkdtempSync(nodePath.join(tmpdir(), "x07-bench-certify-cli-"));
      const t = performance.now();
      const p = spawnSync(process.execPath, [nodePath.join(ROOT, "bin", "x07.mjs"), "trust", "certify", "--project", nodePath.join(PROJECT, "x07.json"), "--profile", "verified_core_pure_v1", "--entry", ENTRY, "--out-dir", out, "--quiet-json"], { encoding: "utf8" });
      console.log(`cli run ${i + 1}: x07 trust certify ${Math.round(performance.now() - t)} ms wall, exit ${p.status}${p.status !== 0 ? ` (${p.stderr.trim().split("\n").pop()})` : ""}`);
    }
  }
  const sorted = [...walls].sort((a, b) => a - b);
  console.log(`median fresh-process wall: ${sorted[Math.floor(sorted.length / 2)]} ms (target < 3000 ms)`);
}
