/**
 * The contract between the prover engine (encoding + solving, `engine/`) and everything built on its
 * results (reports, counterexample files, proof objects, `prove check`, certify).
 *
 * The engine produces one {@link SymbolProof} per proved symbol. Every obligation carries its exact
 * SMT-LIB2 text, so `prove check` can regenerate the texts with {@link EncodeSymbol} and compare digests
 * without solving, then re-solve. Everything here is plain data, deterministic for the same inputs
 * (no timings except `solveMs`, which reports must not put into digested artifacts).
 */
import type { CheckedProgram } from "../../check/index.ts";
import type { Z3Handle } from "./z3.ts";

/** Options of one proof run (defaults: unwind 8, maxBytesLen 16, traps are obligations, sound semantics). */
export interface ProveOptions {
  /** The symbol to prove (`module.fn`). */
  readonly entry: string;
  /** Loop unrolling / recursion bound (`--unwind`, default 8). */
  readonly unwind?: number;
  /** Upper bound of symbolic bytes lengths (`--max-bytes-len`, default 16). */
  readonly maxBytesLen?: number;
  /** `--allow-traps`: traps are not obligations (upstream's partial-correctness reading). */
  readonly allowTraps?: boolean;
  /** `--parity upstream`: reproduce upstream's verdicts where our sounder semantics differ. */
  readonly parity?: "sound" | "upstream";
  /** Per-query solver timeout (`--z3-timeout-seconds` × 1000). */
  readonly timeoutMs?: number;
  /** `--z3-memory-mb`. */
  readonly memoryMb?: number;
}

/** What a proof obligation asserts. */
export type ObligationKind =
  | "ensures" // a postcondition at an exit
  | "invariant" // a function invariant at an exit
  | "callee_requires" // a callee's requires at a call site (sounder than upstream)
  | "trap" // an operation that may trap (bounds, slices); absent with allowTraps
  | "unwind" // the loop/recursion bound is not exceeded (failing → inconclusive, never a counterexample)
  | "loop_invariant_entry" // a loop contract's invariant holds on entry
  | "loop_invariant_preserved" // … is preserved by the body under the guard
  | "loop_decreases" // … its measure decreases and stays >= 0
  | "decreases"; // a self-call's measure is >= 0 and strictly smaller

/** Where the obligation comes from: the clause (or operation) in the source. */
export interface ClauseRef {
  readonly kind: ObligationKind;
  /** The function whose clause or operation this is. */
  readonly fn: string;
  /** The clause's `id`, when the contract names one. */
  readonly id?: string;
  /** Index of the clause in its list (ensures[i], invariant[i], …); 0 for operations. */
  readonly index: number;
  /** JSON pointer of the clause or operation in the function's module document. */
  readonly ptr: string;
  /** For `invariant`: checked at entry or at an exit (reports say invariant_entry / invariant_exit). */
  readonly phase?: "entry" | "exit";
}

/** How the obligation was encoded: bitvectors, exact integers (overflow-freedom established first), or both. */
export type Encoding = "bv32" | "int" | "mixed";

/** The solver's raw answer on one obligation (unsat = the obligation holds). */
export type SolverResult = "unsat" | "sat" | "unknown";

/** One concrete input of a counterexample, in parameter order. */
export type CexValue =
  | { readonly name: string; readonly ty: "i32" | "u32"; readonly value: number }
  | { readonly name: string; readonly ty: string; readonly bytes: Uint8Array };

/** What the interpreter did on the counterexample inputs. `violated` is the only acceptable outcome. */
export type CexReplay =
  | { readonly kind: "violated"; readonly detail: string }
  | { readonly kind: "held"; readonly detail: string }
  | { readonly kind: "trapped"; readonly detail: string }
  | { readonly kind: "error"; readonly detail: string };

/** A counterexample: the failing obligation, the model's inputs, their input-bytes encoding, the replay. */
export interface Counterexample {
  readonly clause: ClauseRef;
  readonly inputs: ReadonlyArray<CexValue>;
  /** i32 as u32 LE, bytes-like as u32 LE length + content, in parameter order. */
  readonly inputBytes: Uint8Array;
  readonly replay: CexReplay;
}

/** One solved obligation. */
export interface ObligationResult {
  readonly clause: ClauseRef;
  readonly encoding: Encoding;
  /** The exact SMT-LIB2 text sent to the solver (ending with `(check-sat)`), deterministic. */
  readonly smt2: string;
  readonly result: SolverResult;
  /** z3's reason when `unknown` (timeout, memory, incomplete). */
  readonly unknownReason?: string;
  /** Wall time of this query; never part of a digested artifact. */
  readonly solveMs: number;
}

/** How far a proof reaches. */
export type BoundKind = "none" | "bounded_by_unwind" | "inductive" | "unbounded";

/** A diagnostic the engine raises (upstream's `X07V_*` codes where the situation is the same). */
export interface ProveDiag {
  readonly code: string;
  readonly message: string;
  readonly ptr?: string;
}

/** The proof of one symbol. */
export interface SymbolProof {
  readonly symbol: string;
  /** proven: every obligation unsat. counterexample_found: a replayed violation. inconclusive: unknown or unwind. */
  readonly kind: "proven" | "counterexample_found" | "inconclusive" | "unsupported" | "error";
  readonly obligations: ReadonlyArray<ObligationResult>;
  /** Set when kind is counterexample_found (the first failing obligation in obligation order). */
  readonly counterexample?: Counterexample;
  readonly diagnostics: ReadonlyArray<ProveDiag>;
  readonly bounds: { readonly unwind: number; readonly maxBytesLen: number; readonly allowTraps: boolean };
  readonly recursion: { readonly kind: "none" | "self_recursive"; readonly boundKind: BoundKind };
  /** Loops: how each was handled (unrolled to the bound, or proved inductively from its loop contract). */
  readonly loops: ReadonlyArray<{ readonly ptr: string; readonly kind: "unrolled" | "inductive" }>;
  /** Callees whose contracts (requires asserted, ensures assumed) stood in for their bodies. */
  readonly calleeSummaries: ReadonlyArray<string>;
  /** Engine id (`ts_z3_v1`). */
  readonly engine: string;
  readonly parity: "sound" | "upstream";
}

/**
 * The obligations of a symbol (deterministic for the same program and options; `prove check` regenerates
 * them and compares digests). The encoder may ask the solver side queries (e.g. to establish
 * overflow-freedom before choosing the integer encoding); those must be deterministic too.
 */
export type EncodeResult =
  | {
      readonly kind: "encoded";
      readonly obligations: ReadonlyArray<{ readonly clause: ClauseRef; readonly encoding: Encoding; readonly smt2: string }>;
      /** The same recursion classification {@link SymbolProof} reports (prove check compares it). */
      readonly recursion: SymbolProof["recursion"];
    }
  | { readonly kind: "unsupported"; readonly diagnostics: ReadonlyArray<ProveDiag> };

export type EncodeSymbol = (program: CheckedProgram, z3: Z3Handle, options: ProveOptions) => Promise<EncodeResult>;
export type ProveSymbol = (program: CheckedProgram, z3: Z3Handle, options: ProveOptions) => Promise<SymbolProof>;

/** The engine id recorded in reports and proof objects. */
export const VERIFY_ENGINE = "ts_z3_v1";
