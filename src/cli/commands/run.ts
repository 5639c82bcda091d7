/**
 * `x07 run --program FILE [--input FILE | --input-b64 B64] [--module-root DIR]... [--world solve-pure]
 * [--solve-fuel N] [--max-memory-bytes N] [--max-output-bytes N]`: checks the program, runs it in-process and
 * prints a report in upstream's host-runner `compile-run` shape (the output bytes at `solve.solve_output_b64`).
 * Check errors print the x07diag report instead. Exit codes: 0 ran ok, 1 check errors or a runtime trap,
 * 2 usage or unreadable files.
 */
import { Effect } from "effect";
import { checkFile } from "../../check/index.ts";
import { layerStd } from "../../std/index.ts";
import { readBytes } from "../../core/io/index.ts";
import { isWorldId, WORLD_IDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagReport, renderDiagnostics } from "../../diag/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { interp } from "../../interp/index.ts";
import type { RunOutcome } from "../../interp/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, runEffect, usageOutcome } from "../io.ts";

const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

/** Parses a non-negative integer flag; undefined when absent, a string error when malformed. */
const intFlag = (v: unknown, name: string): number | undefined | string => {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^[0-9]+$/.test(v)) return `${name} must be a non-negative integer`;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : `${name} is too large`;
};

/** The runner part of the report (upstream `runner_result`); counters of worlds we do not have are 0. */
const solveReport = (r: RunOutcome): JsonValue => ({
  ok: r.ok,
  exit_status: r.ok ? 0 : 1,
  solve_output_b64: r.ok ? b64(r.output) : "",
  stdout_b64: "",
  stderr_b64: "",
  fuel_used: r.stats.fuel_used,
  heap_used: r.stats.mem_stats.peak_live_bytes,
  fs_read_file_calls: 0,
  fs_list_dir_calls: 0,
  rr_open_calls: 0,
  rr_close_calls: 0,
  rr_stats_calls: 0,
  rr_next_calls: 0,
  rr_next_miss_calls: 0,
  rr_append_calls: 0,
  kv_get_calls: 0,
  kv_set_calls: 0,
  sched_stats: r.stats.sched_stats === null ? null : { ...r.stats.sched_stats },
  mem_stats: { ...r.stats.mem_stats },
  debug_stats: null,
  trap: r.ok ? null : r.trap.message,
});

export const runCommand: CommandSpec = {
  name: "run",
  summary: "Check a program and run it in-process (solve-pure); prints a runner report with the output bytes",
  usage: "x07 run --program FILE [--input FILE | --input-b64 B64] [--module-root DIR]... [--world solve-pure] [--solve-fuel N] [--max-memory-bytes N]",
  optionHelp: [
    ["--program FILE", "an entry x07AST file"],
    ["--input FILE", "the solve input bytes (default: empty)"],
    ["--input-b64 B64", "the solve input as base64 (instead of --input)"],
    ["--module-root DIR", "a directory searched for imported modules (repeatable)"],
    ["--world WORLD", "solve-pure (the only world the interpreter runs)"],
    ["--solve-fuel N", "fuel: expressions evaluated before the run traps (default 50000000)"],
    ["--max-memory-bytes N", "largest single allocation (default 67108864)"],
    ["--max-output-bytes N", "largest solve output (default 67108864)"],
  ],
  options: {
    program: { type: "string" },
    input: { type: "string" },
    "input-b64": { type: "string" },
    "module-root": { type: "string", multiple: true },
    world: { type: "string" },
    "solve-fuel": { type: "string" },
    "max-memory-bytes": { type: "string" },
    "max-output-bytes": { type: "string" },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const program = v["program"];
    const input = v["input"];
    const inputB64 = v["input-b64"];
    const world = v["world"] ?? "solve-pure";
    if (typeof program !== "string") return usageOutcome("run", "give --program FILE");
    if (typeof input === "string" && typeof inputB64 === "string") return usageOutcome("run", "give at most one of --input FILE or --input-b64 B64");
    if (typeof world !== "string" || !isWorldId(world)) return usageOutcome("run", `unknown world ${JSON.stringify(world)} (known: ${WORLD_IDS.join(", ")})`);
    if (world !== "solve-pure") return usageOutcome("run", `the interpreter runs only the solve-pure world (got ${world})`);
    const fuel = intFlag(v["solve-fuel"], "--solve-fuel");
    const maxMemoryBytes = intFlag(v["max-memory-bytes"], "--max-memory-bytes");
    const maxOutputBytes = intFlag(v["max-output-bytes"], "--max-output-bytes");
    for (const x of [fuel, maxMemoryBytes, maxOutputBytes]) if (typeof x === "string") return usageOutcome("run", x);
    if (typeof inputB64 === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(inputB64)) return usageOutcome("run", "--input-b64 is not base64");
    const eff = Effect.gen(function* () {
      const inputBytes = typeof input === "string" ? yield* readBytes(input) : typeof inputB64 === "string" ? new Uint8Array(Buffer.from(inputB64, "base64")) : new Uint8Array(0);
      const checked = yield* checkFile(program, { moduleRoots: (v["module-root"] as string[] | undefined) ?? [], world: world as WorldId }).pipe(Effect.provide(layerStd));
      return { inputBytes, checked };
    });
    const r = await runEffect(io, eff, (ds) => ({ exitCode: EXIT.usage, report: makeDiagReport(ds) as unknown as JsonValue, reportIsDefault: true, errText: renderDiagnostics(ds) }));
    if (!r.ok) return r.outcome;
    const { inputBytes, checked } = r.value;
    if (!checked.ok || checked.program === undefined) {
      const report = makeDiagReport(checked.diagnostics);
      return { exitCode: EXIT.findings, report: report as unknown as JsonValue, reportIsDefault: true, errText: renderDiagnostics(checked.diagnostics) };
    }
    const out = interp(checked.program, {
      input: inputBytes,
      ...(typeof fuel === "number" ? { fuel } : {}),
      ...(typeof maxMemoryBytes === "number" ? { maxMemoryBytes } : {}),
      ...(typeof maxOutputBytes === "number" ? { maxOutputBytes } : {}),
    });
    const exitCode = out.ok ? EXIT.ok : EXIT.findings;
    const report: JsonValue = {
      schema_version: "x07-host-runner.report@0.3.0",
      mode: "compile-run",
      exit_code: exitCode,
      compile: {
        ok: true,
        exit_status: 0,
        lang_id: "x07",
        native_requires: { schema_version: "x07.native-requires@0.1.0", world: "solve-pure", requires: [] },
        c_source_size: 0,
        compiled_exe: null,
        compiled_exe_size: null,
        compile_error: null,
        diagnostics: checked.diagnostics as unknown as JsonValue,
        stdout_b64: "",
        stderr_b64: "",
        fuel_used: null,
        trap: null,
      },
      solve: solveReport(out),
    };
    return { exitCode, report, reportIsDefault: true, ...(out.ok ? {} : { errText: `trap ${out.trap.code}: ${out.trap.message}${out.trap.ptr !== "" ? ` at ${out.trap.ptr}` : ""}` }) };
  },
};
