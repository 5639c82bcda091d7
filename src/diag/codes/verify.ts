/** Codes of the verify/prove stage (`X07V_…`, `X07PROOF_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const VERIFY_CODES = {
  // proof-support prechecks (coverage reasons)
  "X07V_NO_CONTRACTS": { summary: "The function has no requires, ensures or invariant clause, so there is nothing to prove.", stage: "run" },
  "X07V_RECURSIVE_DECREASES_REQUIRED": { summary: "A self-recursive function needs a decreases clause before it can be proved.", stage: "run" },
  "X07V_UNSUPPORTED_MUTUAL_RECURSION": { summary: "The function is part of a mutually recursive cycle, which the prover does not support.", stage: "run" },
  "X07V_UNSUPPORTED_RICH_TYPE": { summary: "A parameter or the result has a type outside the prover's carrier types.", stage: "run" },
  "X07V_UNSUPPORTED_HEAP_EFFECT": { summary: "The function writes or grows a heap value in place (e.g. bytes.set_u8), outside the proof subset.", stage: "run" },
  "X07V_SUMMARY_MISSING": { summary: "A reached symbol has no checked declaration and no proof summary to stand in for it.", stage: "run" },
} as const satisfies Record<string, CodeInfo>;
