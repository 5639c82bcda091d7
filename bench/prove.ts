/**
 * Prover latency (a benchmark that prints numbers, not a test):
 *   npx tsx bench/prove.ts
 *
 * Each case runs in a FRESH child process (`node --import tsx bench/prove.ts --case <name>`), which starts
 * z3, checks the module, encodes and solves, and prints its own timings; the parent prints them with the
 * child's whole wall time (Node start and TypeScript loading included).
 *
 * Cases: the seed kernel `orders.core.compute_total_v1` (test/fixtures/orders-seed/core.x07.json, read as is) →
 * counterexample_found; the bounded variant (test/prove/fixtures/engine/orders.x07.json,
 * `app.total_bounded`: item_count <= 1000, unit_price <= 40000) → proven, one process per ensures clause
 * (the function is proved with only that clause kept).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Effect } from "effect";
import { checkDocument, layerNoStd } from "../src/check/index.ts";
import type { CheckedProgram } from "../src/check/index.ts";
import { parseX07AstValue } from "../src/parse/index.ts";
import { proveSymbol } from "../src/prove/internal/engine/index.ts";
import { startZ3 } from "../src/prove/internal/z3.ts";
import { layerMemoryFileSystem } from "../src/services/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

interface Case {
  readonly file: string;
  readonly module: string;
  readonly entry: string;
  readonly clause?: number;
  readonly expect: string;
}
const CASES: Readonly<Record<string, Case>> = {
  seed: { file: "test/fixtures/orders-seed/core.x07.json", module: "orders.core", entry: "orders.core.compute_total_v1", expect: "counterexample_found" },
  "bounded:result>=0": { file: "test/prove/fixtures/engine/orders.x07.json", module: "app", entry: "app.total_bounded", clause: 0, expect: "proven" },
  "bounded:result<=count*price": { file: "test/prove/fixtures/engine/orders.x07.json", module: "app", entry: "app.total_bounded", clause: 1, expect: "proven" },
  "bounded:discount100=>0": { file: "test/prove/fixtures/engine/orders.x07.json", module: "app", entry: "app.total_bounded", clause: 2, expect: "proven" },
};

const checkModule = async (file: string, module: string): Promise<CheckedProgram> => {
  const text = readFileSync(path.join(root, file), "utf8");
  const entry = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [module], decls: [], solve: ["bytes.empty"] });
  if (!entry.ok) throw new Error("entry does not parse");
  const r = await Effect.runPromise(
    checkDocument(entry.document, { moduleRoots: ["/m"] }).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({ [`/m/${module.split(".").join("/")}.x07.json`]: text }))),
  );
  if (r.program === undefined) throw new Error(JSON.stringify(r.diagnostics));
  return r.program;
};

const child = async (name: string): Promise<void> => {
  const c = CASES[name];
  if (c === undefined) throw new Error(`no case ${name}`);
  const t0 = performance.now();
  const z3 = await startZ3();
  const t1 = performance.now();
  let program = await checkModule(c.file, c.module);
  if (c.clause !== undefined) {
    const fn = program.functions.get(c.entry);
    if (fn === undefined) throw new Error(c.entry);
    const functions = new Map(program.functions);
    functions.set(c.entry, { ...fn, ensures: [fn.ensures[c.clause] as (typeof fn.ensures)[number]] });
    program = { ...program, functions };
  }
  const t2 = performance.now();
  const r = await proveSymbol(program, z3, { entry: c.entry, timeoutMs: 60_000 });
  const t3 = performance.now();
  await z3.dispose();
  const cex = r.counterexample?.inputs.map((i) => ("value" in i ? `${i.name}=${i.value}` : i.name)).join(", ");
  process.stdout.write(
    `${JSON.stringify({
      case: name,
      kind: r.kind,
      ok: r.kind === c.expect,
      z3StartMs: Math.round(t1 - t0),
      checkMs: Math.round(t2 - t1),
      proveMs: Math.round(t3 - t2),
      solverStartPlusProveMs: Math.round(t3 - t2 + (t1 - t0)),
      obligations: r.obligations.map((o) => `${o.clause.kind}[${o.clause.index}] ${o.encoding} ${o.result} ${Math.round(o.solveMs)}ms`),
      ...(cex !== undefined ? { witness: cex, replay: r.counterexample?.replay.kind } : {}),
    })}\n`,
  );
};

const parent = (): void => {
  console.log("prove latency, one fresh process per case (solver start included)");
  let failed = false;
  for (const name of Object.keys(CASES)) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, "prove.ts"), "--case", name], { cwd: root, encoding: "utf8" });
    const wall = Math.round(performance.now() - t0);
    const line = r.stdout.trim().split("\n").pop() ?? "";
    if (r.status !== 0 || line === "") {
      console.log(`${name}: child failed (${r.status}): ${r.stderr}`);
      failed = true;
      continue;
    }
    const j = JSON.parse(line) as { ok: boolean; solverStartPlusProveMs: number };
    if (!j.ok || j.solverStartPlusProveMs >= 1000) failed = true;
    console.log(`${name.padEnd(30)} processWallMs=${wall} ${line}`);
  }
  console.log(failed ? "FAIL: a verdict differs or a case took >= 1 s (solver start + prove)" : "OK: every verdict as expected, each < 1 s (solver start + prove)");
};

const i = process.argv.indexOf("--case");
if (i >= 0) await child(process.argv[i + 1] ?? "");
else parent();
