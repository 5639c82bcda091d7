/**
 * PBT throughput (a benchmark that prints numbers, not a test):
 *   npx tsx bench/pbt.ts            # 20,000 cases per property
 *   BENCH_CASES=5000 npx tsx bench/pbt.ts
 *
 * Two always-passing properties written here: `bench.trivial(x: i32)` (returns status_ok) and
 * `bench.bytes64(b: bytes)` (sums its bytes, then status_ok) with b generated up to 64 bytes. Each is run
 * through the pbt stage's suite (fast-check generation, case-byte encoding, one interpreter run per case
 * through the checked case driver, status parsing) after a warm-up; the driver is checked once. Reported:
 * cases/s, median of 5 runs, plus the interpreter alone on pre-encoded cases for comparison.
 */
import { Effect } from "effect";
import { checkCaseDriver, encodeCase, runPbtOnProgram } from "../src/pbt/index.ts";
import type { PbtSpec } from "../src/pbt/index.ts";
import { interp } from "../src/interp/index.ts";
import { layerMemoryFileSystem } from "../src/services/index.ts";
import { layerStd } from "../src/std/index.ts";

const CASES = Number(process.env["BENCH_CASES"] ?? 20_000);
const module = {
  schema_version: "x07.x07ast@0.8.0",
  kind: "module",
  module_id: "bench",
  imports: ["std.test"],
  decls: [
    { kind: "export", names: ["bench.trivial", "bench.bytes64"] },
    { kind: "defn", name: "bench.trivial", params: [{ name: "x", ty: "i32" }], result: "bytes", body: ["std.test.status_ok"] },
    {
      kind: "defn",
      name: "bench.bytes64",
      params: [{ name: "b", ty: "bytes" }],
      result: "bytes",
      body: ["begin", ["let", "s", 0], ["for", "i", 0, ["bytes.len", "b"], ["set", "s", ["+", "s", ["bytes.get_u8", "b", "i"]]]], ["if", [">=", "s", 0], ["std.test.status_ok"], ["std.test.status_fail", 1]]],
    },
  ],
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bench = async (spec: PbtSpec) => {
  const tys = spec.params.map((p) => p.gen.kind);
  const c = await Effect.runPromise(
    checkCaseDriver(spec.entry, tys, { moduleRoots: ["/b"] }).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem({ "/b/bench.x07.json": JSON.stringify(module) }))),
  );
  if (!c.ok) throw new Error(`driver does not check: ${JSON.stringify(c.diagnostics)}`);
  runPbtOnProgram({ ...spec, cases: 2000 }, c.program);
  const rates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = runPbtOnProgram({ ...spec, cases: CASES }, c.program);
    const dt = performance.now() - t;
    if (r.repro !== undefined || r.suite.attempted !== CASES) throw new Error("the benchmark property failed");
    rates.push((CASES / dt) * 1000);
  }
  // The interpreter alone on pre-encoded cases.
  const inputs = Array.from({ length: 1000 }, (_, k) => encodeCase(tys.map((ty) => (ty === "i32" ? { ty, value: k } : { ty, value: new Uint8Array(64).fill(k & 255) }))));
  const raw: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    for (let k = 0; k < CASES; k++) interp(c.program, { input: inputs[k % 1000]!, fuel: 200_000 });
    raw.push((CASES / (performance.now() - t)) * 1000);
  }
  console.log(`${spec.id.padEnd(22)} ${Math.round(median(rates)).toLocaleString("en-US").padStart(8)} cases/s   (interp alone: ${Math.round(median(raw)).toLocaleString("en-US")} runs/s)`);
};

console.log(`PBT throughput, ${CASES.toLocaleString("en-US")} cases per run, median of 5 (Node ${process.versions.node})`);
await bench({ id: "trivial i32", world: "solve-pure", entry: "bench.trivial", params: [{ name: "x", gen: { kind: "i32", min: -2147483648, max: 2147483647 } }] });
await bench({ id: "bytes ≤ 64 (sum)", world: "solve-pure", entry: "bench.bytes64", params: [{ name: "b", gen: { kind: "bytes", maxLen: 64 } }] });
