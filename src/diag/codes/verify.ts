/** Codes of the verify/prove stage (`X07V_…`, `X07PROOF_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const VERIFY_CODES = {
  // proof-support prechecks (coverage reasons, `unsupported` verdicts)
  "X07V_NO_CONTRACTS": { summary: "The function has no requires, ensures or invariant clause, so there is nothing to prove.", stage: "run" },
  "X07V_RECURSIVE_DECREASES_REQUIRED": { summary: "A self-recursive function needs a decreases clause before it can be proved.", stage: "run" },
  "X07V_RECURSION_TERMINATION_FAILED": { summary: "A self-call does not make the decreases measure smaller.", stage: "run" },
  "X07V_UNSUPPORTED_MUTUAL_RECURSION": { summary: "The function is part of a mutually recursive cycle, which the prover does not support.", stage: "run" },
  "X07V_UNSUPPORTED_RECURSION": { summary: "The function recurses in a way the prover does not support (e.g. a recursive defasync).", stage: "run" },
  "X07V_UNSUPPORTED_FOR_BOUNDS": { summary: "A for loop does not have the [for, i, start, end, body] shape the prover needs.", stage: "run" },
  "X07V_UNSUPPORTED_RICH_TYPE": { summary: "A parameter or the result has a type outside the prover's carrier types.", stage: "run" },
  "X07V_UNSUPPORTED_HEAP_EFFECT": { summary: "The function writes or grows a heap value in place (e.g. bytes.set_u8), outside the proof subset.", stage: "run" },
  "X07V_UNSUPPORTED_DEFASYNC_FORM": { summary: "An async function uses a form the prover cannot model.", stage: "run" },
  "X07V_PROVE_UNSUPPORTED": { summary: "The function uses an expression the prover's encoding does not cover.", stage: "run" },
  "X07V_IMPORTED_STUB_FORBIDDEN": { summary: "The proof would rest on a developer-only stub; pass --allow-imported-stubs to accept that.", stage: "run" },
  "X07V_SCHEDULER_MODEL_UNTRUSTED": { summary: "The scheduler model an async proof needs is not available.", stage: "run" },
  // proof summaries
  "X07V_SUMMARY_MISSING": { summary: "A reached symbol has no checked declaration and no proof summary to stand in for it.", stage: "run" },
  "X07V_PROOF_SUMMARY_REQUIRED": { summary: "Proving needs a proof summary for a reached symbol that cannot be resolved.", stage: "run" },
  "X07V_SUMMARY_MISMATCH": { summary: "An imported proof summary cannot be read, is invalid, or no longer matches its declaration.", stage: "run" },
  "X07V_COVERAGE_NOT_PROOF": { summary: "A coverage summary describes proof support only; it is not evidence that anything was proved.", stage: "run" },
  "X07V_COVERAGE_SUMMARY_FORBIDDEN": { summary: "A coverage summary was passed where a proof summary is required.", stage: "run" },
  // solver outcomes
  "X07V_SMT_SAT": { summary: "The solver found inputs that violate a contract clause (a counterexample).", stage: "run" },
  "X07V_SMT_TIMEOUT": { summary: "The solver ran out of time before deciding an obligation.", stage: "run" },
  "X07V_SMT_UNKNOWN": { summary: "The solver could not decide an obligation (for a reason other than time).", stage: "run" },
  "X07V_CEX_NOT_REPLAYED": { summary: "The solver's model does not violate the obligation when run, because the proof rests on an abstraction (a callee or loop contract); not a counterexample.", stage: "run" },
  "X07V_UNWIND_INCOMPLETE": { summary: "A loop or recursion may run past the unwind bound, so the bounded proof is not a proof.", stage: "run" },
  "X07V_SCOPE_INVARIANT_FAILED": { summary: "An async scope invariant fails under the scheduler model.", stage: "run" },
  "X07V_CANCELLATION_ENSURE_FAILED": { summary: "An async cancellation ensures clause fails under the scheduler model.", stage: "run" },
  "X07V_ASYNC_COUNTEREXAMPLE": { summary: "An async contract fails under the scheduler model.", stage: "run" },
  "X07V_EZ3_MISSING": { summary: "The SMT solver could not be started.", stage: "run" },
  "X07V_EZ3_RUN": { summary: "The SMT solver failed while answering an obligation.", stage: "run" },
  // usage and setup
  "X07V_EARGS": { summary: "The verify arguments are inconsistent (mode flags, entry, bounds).", stage: "run" },
  "X07V_EPROJECT": { summary: "The project manifest (x07.json) is missing, unreadable or invalid.", stage: "run" },
  "X07V_EMODULE_ROOTS": { summary: "The module roots could not be resolved.", stage: "run" },
  "X07V_ETARGET": { summary: "The entry symbol could not be loaded and type-checked as a function.", stage: "run" },
  "X07V_INTERNAL": { summary: "The verifier failed internally (a bug in the SDK).", stage: "run" },
  // prove check (proof-object replay)
  "X07PROOF_EOBJECT_INVALID": { summary: "The proof object cannot be read or does not match its schema.", stage: "run" },
  "X07PROOF_ESOURCE_REPLAY_FAILED": { summary: "Replaying the proof against the current sources failed: a manifest, declaration, summary or bound differs.", stage: "run" },
  "X07PROOF_EIMPORTED_SUMMARY_MISMATCH": { summary: "The imported proof summaries bundled with the proof differ from the ones it was proved with.", stage: "run" },
  "X07PROOF_EOBLIGATION_MISMATCH": { summary: "The regenerated proof obligation differs from the one the proof object names.", stage: "run" },
  "X07PROOF_ESCHEDULER_MODEL_MISMATCH": { summary: "The scheduler model differs from the one the async proof was made with.", stage: "run" },
  "X07PROOF_ESOLVER_REPLAY_FAILED": { summary: "Re-solving the obligation did not give the expected answer (or gave none).", stage: "run" },
} as const satisfies Record<string, CodeInfo>;
