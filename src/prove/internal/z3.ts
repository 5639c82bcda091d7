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
 * `init()` options for z3-solver that start its first worker thread as soon as the WebAssembly is instantiated
 * (emscripten's `preRun` hook), so the thread boots while the main thread runs z3's static constructors; the
 * first query otherwise spawns it. Degrades to nothing when the emscripten internals are not there.
 * `bin/x07.mjs` passes the same when it starts z3 before the CLI. A new object per `init()`: emscripten takes it
 * as its `Module` and mutates it (a reused one aborts the second start).
 */
export const z3InitOptions = () => ({
  preRun: [
    (m: { PThread?: { allocateUnusedWorker?: () => void; loadWasmModuleToWorker?: (w: unknown) => Promise<unknown>; unusedWorkers?: unknown[] } }) => {
      const p = m.PThread;
      if (typeof p?.allocateUnusedWorker !== "function" || typeof p.loadWasmModuleToWorker !== "function" || !Array.isArray(p.unusedWorkers) || p.unusedWorkers.length > 0) return;
      p.allocateUnusedWorker();
      void p.loadWasmModuleToWorker(p.unusedWorkers[0]);
    },
  ],
});

/** The SMT core's share of a query's time before the logic's solver takes over (milliseconds). */
const CORE_BUDGET_MS = 2000;

/** z3-solver's initialised API (what `init()` of the `z3-solver` package resolves to). */
export type Z3Api = Awaited<ReturnType<typeof z3mod.init>>;

/** Options of {@link startZ3}. */
export interface StartZ3Options {
  /** Keep V8's baseline WebAssembly compiler only and validate lazily (default true; see {@link startZ3}). */
  readonly baselineWasmOnly?: boolean;
  /**
   * z3 already being initialised by the caller (e.g. the `x07` launcher starts it before loading the CLI, so the
   * WebAssembly compiles on another core while the CLI loads). Default: `init()` of `z3-solver` now.
   */
  readonly api?: Promise<Z3Api>;
  /**
   * Send a trivial query at once (default true), so z3's solver code is compiled while the caller does other
   * work (checking, tests). A caller whose first real query is ready before that would finish (the CLI's
   * `verify --prove`) saves ~60 ms without it.
   */
  readonly warmUp?: boolean;
}

/** The V8 flags {@link startZ3} sets (see there); `bin/x07.mjs` sets the same before it starts z3 early. */
export const Z3_V8_FLAGS = "--liftoff-only --wasm-lazy-validation";

/**
 * Starts z3. z3 is a large WebAssembly module whose functions V8 compiles lazily and then re-compiles with
 * its optimizing tier in the background; on a small machine that re-compilation dominates the first
 * queries of a fresh process, so the baseline compiler is kept (`--liftoff-only`, set before the module is
 * compiled; it is process-wide). Functions are also validated when first compiled rather than all 35 MB up front
 * (`--wasm-lazy-validation`: a query touches a small part of z3; ~0.14 s less per fresh process here). The
 * worker thread boots as soon as the module is instantiated ({@link z3InitOptions}); unless `warmUp` is false, a
 * trivial query is sent at once, so the solver's code compiles while the caller works.
 */

export const startZ3 = async (options: StartZ3Options = {}): Promise<Z3Handle> => {
  const t0 = performance.now();
  if (options.baselineWasmOnly ?? true) setFlagsFromString(Z3_V8_FLAGS);
  const api = await (options.api ?? z3mod.init(z3InitOptions() as never));
  const ctx = api.Context("x07");
  /**
   * Two solvers per query. First z3's SMT core alone (the `smt` tactic, with a short budget): it answers the
   * queries the encoder makes (few variables, a handful of multiplications) several times faster than the
   * logic's default tactic pipeline, whose bit-blasting and preprocessing code is also the slowest to warm up
   * in a fresh process (seed counterexample: ~0.14 s against ~0.5 s; bounded NIA proofs: ~0.27 s against
   * ~0.37 s, first query of a process). When the core gives up (budget or an incomplete theory, e.g.
   * non-linear integers), the logic's own solver (`(set-logic L)` of the text; `fromString` does not apply it)
   * gets the rest of the time. Both are z3 and sound; which one answered changes only the model z3 returns.
   */
  type Ctx = typeof ctx;
  const coreSolver = (c: Ctx) => new c.Tactic("smt").solver();
  const warm = !(options.warmUp ?? true) ? Promise.resolve() : (async () => {
    const s = coreSolver(ctx);
    s.fromString("(declare-const x Bool)(assert x)");
    await s.check();
    s.release();
  })();
  const startupMs = performance.now() - t0;
  const attempt = async (c: Ctx, solver: ReturnType<typeof coreSolver>, smt2: string, timeoutMs: number | undefined, memoryMb: number | undefined): Promise<SolveAnswer> => {
    try {
      if (timeoutMs !== undefined) solver.set("timeout", Math.max(1, Math.round(timeoutMs)));
      if (memoryMb !== undefined) solver.set("max_memory", Math.max(1, Math.round(memoryMb)));
      solver.fromString(smt2);
      const r = await solver.check();
      if (r === "unsat") return { kind: "unsat" };
      if (r === "unknown") return { kind: "unknown", reason: solver.reasonUnknown() };
      const model = solver.model();
      const values = new Map<string, bigint>();
      for (const d of model.decls()) {
        if (d.arity() !== 0) continue;
        const v = model.get(d);
        if (c.isBitVecVal(v)) values.set(String(d.name()), v.value());
        else if (c.isIntVal(v)) values.set(String(d.name()), v.value());
      }
      return { kind: "sat", model: values };
    } finally {
      solver.release();
    }
  };
  /**
   * Each query gets a context of its own (~10 ms): in a shared one, the terms earlier queries left behind
   * change z3's choices, so the same query returned a different model (counterexample) depending on what the
   * process had solved before (certify right after prove; a proof cache hit skipping queries). A fresh
   * context makes every answer a function of the query text alone. z3-solver frees contexts on garbage
   * collection.
   */
  const solve = async (smt2: string, options: SolveOptions = {}): Promise<SolveAnswer> => {
    await warm;
    const t = performance.now();
    const total = options.timeoutMs;
    const qctx = api.Context("x07");
    const first = await attempt(qctx, coreSolver(qctx), smt2, Math.min(total ?? CORE_BUDGET_MS, CORE_BUDGET_MS), options.memoryMb);
    if (first.kind !== "unknown") return first;
    const left = total === undefined ? undefined : total - (performance.now() - t);
    if (left !== undefined && left < 1) return first;
    const logic = LOGIC.exec(smt2)?.[1];
    const fctx = api.Context("x07");
    return attempt(fctx, logic !== undefined ? new fctx.Solver(logic as never) : new fctx.Solver(), smt2, left, options.memoryMb);
  };
  // Let the warm-up query finish before stopping the threads: killing the worker mid-query left Node waiting
  // on it (a cached `x07 verify --prove` that never solved printed its report, then did not exit).
  const dispose = async (): Promise<void> => {
    await warm.catch(() => undefined);
    await z3mod.killThreads(api.em);
  };
  return { startupMs, solve, dispose };
};
