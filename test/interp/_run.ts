/** Test helper: checks an in-memory entry (solve + decls) and runs it. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Effect } from "effect";
import { checkFile, layerNoStd } from "../../src/check/index.ts";
import type { CheckedProgram } from "../../src/check/index.ts";
import { interp } from "../../src/interp/index.ts";
import type { Backend, RunOutcome } from "../../src/interp/index.ts";
import { layerNodeFileSystem } from "../../src/services/index.ts";

export const entry = (solve: unknown, decls: unknown[] = []) => ({
  schema_version: "x07.x07ast@0.9.0",
  kind: "entry",
  module_id: "main",
  imports: [],
  decls,
  solve,
});

export const checkDoc = async (doc: unknown): Promise<CheckedProgram> => {
  const dir = mkdtempSync(path.join(tmpdir(), "x07-interp-"));
  const file = path.join(dir, "main.x07.json");
  writeFileSync(file, JSON.stringify(doc));
  const res = await Effect.runPromise(checkFile(file).pipe(Effect.provide(layerNoStd), Effect.provide(layerNodeFileSystem)));
  if (!res.ok || res.program === undefined) throw new Error(`check failed: ${JSON.stringify(res.diagnostics.map((d) => [d.code, d.message]))}`);
  return res.program;
};

export const run = async (solve: unknown, opts: { input?: Uint8Array | string; fuel?: number; decls?: unknown[]; backend?: Backend } = {}): Promise<RunOutcome> => {
  const program = await checkDoc(entry(solve, opts.decls ?? []));
  const input = typeof opts.input === "string" ? new TextEncoder().encode(opts.input) : (opts.input ?? new Uint8Array(0));
  return interp(program, { input, ...(opts.fuel !== undefined ? { fuel: opts.fuel } : {}), ...(opts.backend !== undefined ? { backend: opts.backend } : {}) });
};

/** The solve output read as little-endian u32 (for programs ending in codec.write_u32_le). */
export const u32 = (r: RunOutcome): number => {
  if (!r.ok) throw new Error(`trapped: ${r.trap.code} ${r.trap.message} at ${r.trap.ptr}`);
  return new DataView(r.output.buffer, r.output.byteOffset, r.output.byteLength).getUint32(0, true);
};

/** Runs an i32 expression and returns its value as an unsigned number. */
export const evalI32 = async (expr: unknown): Promise<number> => u32(await run(["codec.write_u32_le", expr]));

export const text = (r: RunOutcome): string => {
  if (!r.ok) throw new Error(`trapped: ${r.trap.code} ${r.trap.message} at ${r.trap.ptr}`);
  return new TextDecoder().decode(r.output);
};

/** What two runs must agree on to be the same outcome: output, trap, fuel, memory and scheduler counters. */
export const outcomeView = (r: RunOutcome) => ({
  ok: r.ok,
  out: r.ok ? Buffer.from(r.output).toString("hex") : undefined,
  trap: r.ok ? undefined : r.trap,
  fuel: r.stats.fuel_used,
  mem: r.stats.mem_stats,
  sched: r.stats.sched_stats,
});
