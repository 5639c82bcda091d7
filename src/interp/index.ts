/**
 * The `interp` stage: runs a checked program in-process, deterministically, under fuel/memory/output budgets.
 *
 * Consumes a {@link CheckedProgram} (from `check`) and the input bytes; produces the /solve output bytes and run
 * statistics, or a trap. The program is compiled to JavaScript closures (i32 as int32 numbers, bytes and views
 * as `Uint8Array`s, vec_u8 with upstream's capacity rule) and run once. Needs no services: the world is
 * solve-pure, so nothing outside the input is reachable. Trap codes are `X07I_*` (src/diag/codes.ts); trap
 * messages are upstream's runtime strings where it has one.
 *
 * Fuel: one unit per expression evaluated, as upstream's C emitter charges (`rt_fuel(ctx, 1)` in
 * `emit_expr_to`); see src/interp/README.md for the exact rule and where it may differ.
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import type { CheckedProgram } from "../check/index.ts";
import { generateSource } from "./internal/jsgen.ts";
import { runProgram } from "./internal/run.ts";
import type { Backend, RunOutcome } from "./internal/run.ts";

export type { Backend, RunOutcome, RunStats } from "./internal/run.ts";
export type { MemStats } from "./internal/runtime.ts";
export type { TrapCode } from "./internal/trap.ts";
export type { SchedStats } from "./internal/sched.ts";

/**
 * Options of one run; every limit is optional.
 * @since 0.1.0
 * @category models
 */
export interface InterpOptions {
  /** The solve input (the builtin `input` view). */
  readonly input: Uint8Array;
  /** Fuel units (expressions evaluated) before the run traps; default 50,000,000 (upstream's benchmark default). */
  readonly fuel?: number;
  /** Largest single allocation in bytes; default 64 MiB. */
  readonly maxMemoryBytes?: number;
  /** Largest solve output in bytes; default 64 MiB. */
  readonly maxOutputBytes?: number;
  /**
   * Cap on the bytes allocated over the whole run (`mem_stats.bytes_alloc_total`); default none. Not an upstream
   * limit: an embedding budget (frees are not tracked, so this bounds the cumulative total, which also bounds the
   * time spent zeroing and copying). Exceeding it traps `X07I_TRAP_MEMORY`.
   */
  readonly maxAllocTotalBytes?: number;
  /**
   * Wall-clock limit in milliseconds; default none. Not an upstream limit and not deterministic (use fuel for
   * that): an embedding guard for heads whose cost grows with their operands' size. Exceeding it traps
   * `X07I_TRAP_TIME`.
   */
  readonly timeLimitMs?: number;
  /**
   * The evaluator: `auto` (default) runs generated JavaScript when the program only uses nodes that backend
   * lowers and the closure compiler otherwise; `js` / `closures` force one (differential tests, debugging).
   */
  readonly backend?: Backend;
}

/** @internal */
export const DEFAULT_FUEL = 50_000_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Runs a checked program on an input. Never throws: traps and internal errors come back as `{ ok: false }`.
 * @since 0.1.0
 * @category stages
 */
export const interp = (program: CheckedProgram, options: InterpOptions): RunOutcome =>
  runProgram(program, options.input, {
    fuel: options.fuel ?? DEFAULT_FUEL,
    maxMemoryBytes: options.maxMemoryBytes ?? DEFAULT_MAX_BYTES,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_BYTES,
    ...(options.maxAllocTotalBytes !== undefined ? { maxAllocTotalBytes: options.maxAllocTotalBytes } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
  }, options.backend ?? "auto");

/**
 * {@link interp} as an Effect (it never fails: a trap is a successful `{ ok: false }` outcome).
 * @since 0.1.0
 * @category stages
 */
export const interpEffect = (program: CheckedProgram, options: InterpOptions): Effect.Effect<RunOutcome> => Effect.sync(() => interp(program, options));

/**
 * The evaluator artifact of a program: the JavaScript source the js backend runs (every builtin head it binds is
 * named in a comment) and its constant byte strings; `undefined` when the program needs the closure backend
 * (records, enums, match, budget scopes, brand casts). Deterministic: the same checked program gives the same
 * text, which certify's compile attestation relies on (it builds the artifact twice and compares digests).
 * @since 0.1.0
 * @category stages
 */
export const evaluatorSource = (program: CheckedProgram): { readonly source: string; readonly consts: ReadonlyArray<Uint8Array> } | undefined => {
  const g = generateSource(program);
  return g === undefined ? undefined : { source: g.source, consts: g.consts };
};
