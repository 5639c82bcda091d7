/**
 * The run boundary: builds a Runtime, compiles, runs /solve and turns every outcome into data. Nothing thrown
 * inside the evaluator escapes: traps become `{ ok: false, trap }`, and any other exception (a bug) becomes the
 * internal trap `X07I_INTERNAL` (or `X07I_TRAP_STACK` for JS stack exhaustion).
 */
import type { CheckedProgram } from "../../check/index.ts";
import { CompileError, compileProgram, ReturnSignal } from "./compile.ts";
import { generatedOf, jsSolve } from "./jsrun.ts";
import { Runtime } from "./runtime.ts";
import type { MemStats, ResolvedLimits } from "./runtime.ts";
import type { SchedStats } from "./sched.ts";
import { InterpTrap } from "./trap.ts";
import type { TrapCode } from "./trap.ts";

export interface RunStats {
  readonly fuel_used: number;
  readonly fuel_limit: number;
  readonly mem_stats: MemStats;
  /** Scheduler counters when the run made a task or channel, else null (as upstream's runner). */
  readonly sched_stats: SchedStats | null;
}

export type RunOutcome =
  | { readonly ok: true; readonly output: Uint8Array; readonly stats: RunStats }
  | { readonly ok: false; readonly trap: { readonly code: TrapCode; readonly message: string; readonly ptr: string }; readonly stats: RunStats };

const asTrap = (e: unknown): InterpTrap => {
  if (e instanceof InterpTrap) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new InterpTrap("X07I_TRAP_STACK", "stack overflow", "");
  if (e instanceof ReturnSignal) return new InterpTrap("X07I_INTERNAL", "return escaped its function", "");
  if (e instanceof CompileError) return new InterpTrap("X07I_INTERNAL", `cannot compile: ${e.message}`, "");
  return new InterpTrap("X07I_INTERNAL", `internal error: ${e instanceof Error ? e.message : String(e)}`, "");
};

/**
 * Which evaluator runs the program: `js` = generated JavaScript source (jsgen.ts; fast), `closures` = the closure
 * compiler (compile.ts; covers every node), `auto` = js when the program only uses nodes it lowers, else closures.
 */
export type Backend = "auto" | "js" | "closures";

export const runProgram = (program: CheckedProgram, input: Uint8Array, limits: ResolvedLimits, backend: Backend = "auto"): RunOutcome => {
  const rt = new Runtime(input, limits);
  const stats = (): RunStats => ({ fuel_used: limits.fuel - rt.fuelLeft(), fuel_limit: limits.fuel, mem_stats: { ...rt.mem }, sched_stats: rt.sched.used ? rt.sched.snapshot() : null });
  try {
    const g = backend === "closures" ? undefined : generatedOf(program);
    if (backend === "js" && g === undefined) throw new CompileError("the program uses a node the js backend does not lower");
    const solve = g !== undefined ? jsSolve(g, rt) : compileProgram(program, rt).solve;
    // A wall-clock limit bounds evaluation, not compilation (which is bounded by the program's size).
    rt.startClock();
    const output = solve();
    if (output.length > limits.maxOutputBytes) {
      return { ok: false, trap: { code: "X07I_TRAP_OUTPUT", message: `solve output is ${output.length} bytes; the limit is ${limits.maxOutputBytes}`, ptr: "/solve" }, stats: stats() };
    }
    // Hand out a copy that owns exactly its bytes (the result may be a view into a larger buffer).
    return { ok: true, output: output.slice(), stats: stats() };
  } catch (e) {
    const t = asTrap(e);
    return { ok: false, trap: { code: t.code, message: t.message, ptr: t.ptr }, stats: stats() };
  }
};
