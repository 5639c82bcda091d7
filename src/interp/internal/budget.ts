/**
 * `budget.scope_v1` (upstream rt_budget_scope_init / _check_exit / _drop, crates/x07c/src/c_emit_core.rs): caps on
 * what the body allocates, reallocates, copies, the virtual ticks it spends and the fuel it burns, measured from the
 * scope's entry (0 = unlimited). A fuel cap clamps the remaining fuel on entry (running out inside is the trap
 * X07T_BUDGET_EXCEEDED_FUEL) and the outer budget is restored minus what the body used on every exit, `return`
 * included. The other caps are checked when the body completes, in upstream's order (alloc bytes, alloc calls,
 * realloc calls, memcpy bytes, sched ticks): trap_v1 traps with upstream's message, result_err_v1 replaces the
 * result with err(0x8000000N), stats_only_v1 never fails, yield_v1 yields once instead of failing on ticks.
 */
import type { BudgetCfg } from "../../check/index.ts";
import type { Runtime } from "./runtime.ts";
import { InterpTrap } from "./trap.ts";
import { Tagged } from "./values.ts";
import type { Value } from "./values.ts";

/** The caps checked at exit, in upstream's order: counter, trap message, result_err code. */
const EXIT_CHECKS: ReadonlyArray<{ readonly cap: keyof BudgetCfg; readonly measure: (rt: Runtime) => number; readonly message: string; readonly code: number }> = [
  { cap: "alloc_bytes", measure: (rt) => rt.mem.bytes_alloc_total, message: "X07T_BUDGET_EXCEEDED_ALLOC_BYTES", code: 0x80000001 },
  { cap: "alloc_calls", measure: (rt) => rt.mem.alloc_calls, message: "X07T_BUDGET_EXCEEDED_ALLOC_CALLS", code: 0x80000002 },
  { cap: "realloc_calls", measure: (rt) => rt.mem.realloc_calls, message: "X07T_BUDGET_EXCEEDED_REALLOC_CALLS", code: 0x80000003 },
  { cap: "memcpy_bytes", measure: (rt) => rt.mem.memcpy_bytes, message: "X07T_BUDGET_EXCEEDED_MEMCPY_BYTES", code: 0x80000004 },
  { cap: "sched_ticks", measure: (rt) => rt.sched.ticks, message: "X07T_BUDGET_EXCEEDED_SCHED_TICKS", code: 0x80000005 },
];

/** Runs `body` inside a budget scope. */
export const inBudget = (rt: Runtime, cfg: BudgetCfg, ptr: string, body: () => Value): Value => {
  const snaps = EXIT_CHECKS.map((c) => c.measure(rt));
  const saved = rt.fuelLeft();
  const clamped = cfg.fuel !== 0 && saved > cfg.fuel;
  if (clamped) {
    rt.setFuelLeft(cfg.fuel);
    rt.budgetFuelDepth++;
  }
  let result: Value;
  try {
    result = body();
  } finally {
    // drop (every exit): the outer budget, minus what the body consumed
    if (clamped) {
      const consumed = cfg.fuel - rt.fuelLeft();
      rt.setFuelLeft(saved - consumed);
      rt.budgetFuelDepth--;
    }
  }
  if (cfg.mode === "stats_only_v1") return result;
  let yielded = false;
  for (const [i, c] of EXIT_CHECKS.entries()) {
    const cap = cfg[c.cap] as number;
    if (cap === 0 || c.measure(rt) - (snaps[i] as number) <= cap) continue;
    if (c.cap === "sched_ticks" && cfg.mode === "yield_v1") {
      if (!yielded) rt.sched.yield();
      yielded = true;
      continue;
    }
    if (cfg.mode === "result_err_v1") return new Tagged(0, c.code | 0);
    throw new InterpTrap("X07I_TRAP_BUDGET", c.message, ptr);
  }
  return result;
};
