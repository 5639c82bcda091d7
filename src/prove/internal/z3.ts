/**
 * The in-process z3 (`z3-solver`, WebAssembly): started once by the caller, reused for every query, and
 * stopped with `dispose` (z3's worker threads would otherwise keep Node alive).
 */
import { setFlagsFromString } from "node:v8";
import * as z3mod from "z3-solver";

/** The answer to one obligation. */
export type SolveAnswer =
  | { readonly kind: "unsat" }
  /** The model's 0-ary bitvector and integer constants by name (integers as they are, bitvectors unsigned). */
  | { readonly kind: "sat"; readonly model: ReadonlyMap<string, bigint> }
  | { readonly kind: "unknown"; readonly reason: string };

/** Per-query limits: `timeoutMs` (z3 `timeout`), `memoryMb` (z3 `max_memory`, in megabytes). */
export interface SolveOptions {
  readonly timeoutMs?: number;
  readonly memoryMb?: number;
}

/** A started solver. */
export interface Z3Handle {
  /** Milliseconds z3 took to start. */
  readonly startupMs: number;
  /** Solves an SMT-LIB2 text (a trailing `(check-sat)` is allowed and ignored); on sat, the model's constants by name. */
  readonly solve: (smt2: string, options?: SolveOptions) => Promise<SolveAnswer>;
  readonly dispose: () => Promise<void>;
}

const LOGIC = /^\(set-logic ([A-Z_]+)\)/;

/**
 * Starts z3. z3 is a large WebAssembly module whose functions V8 compiles lazily and then re-compiles with
 * its optimizing tier in the background; on a small machine that re-compilation dominates the first
 * queries of a fresh process, so the baseline compiler is kept (`--liftoff-only`, set before the module is
 * compiled; it is process-wide). The first `check` starts z3's worker thread: a trivial query is sent at
 * once, so the worker starts while the caller encodes.
 */
export const startZ3 = async (options: { readonly baselineWasmOnly?: boolean } = {}): Promise<Z3Handle> => {
  const t0 = performance.now();
  if (options.baselineWasmOnly ?? true) setFlagsFromString("--liftoff-only");
  const api = await z3mod.init();
  const ctx = api.Context("x07");
  const warm = (async () => {
    const s = new ctx.Solver();
    s.fromString("(declare-const x Bool)(assert x)");
    await s.check();
    s.release();
  })();
  const startupMs = performance.now() - t0;
  const solve = async (smt2: string, options: SolveOptions = {}): Promise<SolveAnswer> => {
    await warm;
    // `fromString` does not apply set-logic; the solver is made for the text's logic instead.
    const logic = LOGIC.exec(smt2)?.[1];
    const solver = logic !== undefined ? new ctx.Solver(logic as never) : new ctx.Solver();
    try {
      if (options.timeoutMs !== undefined) solver.set("timeout", Math.max(1, Math.round(options.timeoutMs)));
      if (options.memoryMb !== undefined) solver.set("max_memory", Math.max(1, Math.round(options.memoryMb)));
      solver.fromString(smt2);
      const r = await solver.check();
      if (r === "unsat") return { kind: "unsat" };
      if (r === "unknown") return { kind: "unknown", reason: solver.reasonUnknown() };
      const model = solver.model();
      const values = new Map<string, bigint>();
      for (const d of model.decls()) {
        if (d.arity() !== 0) continue;
        const v = model.get(d);
        if (ctx.isBitVecVal(v)) values.set(String(d.name()), v.value());
        else if (ctx.isIntVal(v)) values.set(String(d.name()), v.value());
      }
      return { kind: "sat", model: values };
    } finally {
      solver.release();
    }
  };
  // Let the warm-up query finish before stopping the threads: killing the worker mid-query left Node waiting
  // on it (a cached `x07 verify --prove` that never solved printed its report, then did not exit).
  const dispose = async (): Promise<void> => {
    await warm.catch(() => undefined);
    await z3mod.killThreads(api.em);
  };
  return { startupMs, solve, dispose };
};
