/** Proving the ensures clauses of an i32-fragment function, one solver query per clause. */
import type { CheckedFunction } from "../../check/index.ts";
import { encodeI32Obligations, OutsideFragment } from "./encode-i32.ts";
import type { ReplayResult } from "./replay.ts";
import type { Z3Handle } from "./z3.ts";

/** The verdict on one ensures clause. */
export type ClauseVerdict =
  | { readonly kind: "proven" }
  /**
   * `inputs`: the model's parameter values as i32, in parameter order (unconstrained ones are 0); `replay`:
   * what the interpreter showed on those inputs (set by the stage, which holds the whole program).
   */
  | {
      readonly kind: "counterexample_found";
      readonly inputs: ReadonlyArray<{ readonly name: string; readonly value: number }>;
      readonly replay?: ReplayResult;
    }
  | { readonly kind: "inconclusive"; readonly reason: string };

/** One clause's obligation and verdict. */
export interface ClauseResult {
  readonly clauseIndex: number;
  readonly clauseId?: string;
  readonly ptr: string;
  readonly smt2: string;
  readonly verdict: ClauseVerdict;
}

/** The outcome for a function: every clause, or why it is outside the fragment. */
export type I32ProveOutcome =
  | { readonly kind: "checked"; readonly clauses: ReadonlyArray<ClauseResult> }
  | { readonly kind: "unsupported"; readonly ptr: string; readonly detail: string };

const unquote = (s: string): string => (s.startsWith("|") && s.endsWith("|") ? s.slice(1, -1) : s);

export const proveI32 = async (fn: CheckedFunction, z3: Z3Handle, options: { readonly timeoutMs?: number } = {}): Promise<I32ProveOutcome> => {
  let obligations;
  try {
    obligations = encodeI32Obligations(fn);
  } catch (e) {
    if (e instanceof OutsideFragment) return { kind: "unsupported", ptr: e.ptr, detail: e.detail };
    throw e;
  }
  const clauses: ClauseResult[] = [];
  for (const ob of obligations) {
    const answer = await z3.solve(ob.smt2, options);
    const verdict: ClauseVerdict =
      answer.kind === "unsat"
        ? { kind: "proven" }
        : answer.kind === "unknown"
          ? { kind: "inconclusive", reason: answer.reason }
          : {
              kind: "counterexample_found",
              inputs: ob.params.map((p) => ({ name: p.name, value: Number(BigInt.asIntN(32, answer.model.get(unquote(p.smt)) ?? 0n)) })),
            };
    clauses.push({ clauseIndex: ob.clauseIndex, ...(ob.clauseId !== undefined ? { clauseId: ob.clauseId } : {}), ptr: ob.ptr, smt2: ob.smt2, verdict });
  }
  return { kind: "checked", clauses };
};
