/**
 * Codes of `x07 review diff` (`X07RD_…`) and `x07 trust report` (`X07TR_…`, and the dependency-policy
 * and SBOM codes upstream's trust report emits). Spread into the one code table in `../codes.ts`.
 */
import type { CodeInfo } from "./info.ts";

export const REVIEW_CODES = {
  // review diff: posture gates (each added when its --fail-on gate fires)
  X07RD_RECURSION_PROOF_COVERAGE_DECREASE: { summary: "Fewer recursive functions are supported by the prover, or more are unsupported, than in the baseline.", stage: "run" },
  X07RD_ASYNC_PROOF_COVERAGE_DECREASE: { summary: "Fewer async functions are proven, or more are unsupported or uncovered, than in the baseline.", stage: "run" },
  X07RD_SUMMARY_DOWNGRADE: { summary: "A function's proof posture got weaker: lower status, prove support or decreases lost, or its row removed.", stage: "run" },
  X07RD_ASSUMPTION_SURFACE_WIDEN: { summary: "A certificate gained a proof assumption or an imported summary the baseline did not have.", stage: "run" },
  X07RD_DEV_ONLY_ASSUMPTION_INTRODUCED: { summary: "A certificate gained a developer-only (non-certifiable) proof assumption.", stage: "run" },
  X07RD_BOUNDED_PROOF_INTRODUCED: { summary: "A certificate now depends on a bounded proof, or accepts more bounded recursive definitions.", stage: "run" },
  X07RD_COVERAGE_SUMMARY_IMPORTED: { summary: "A certificate gained an imported coverage summary.", stage: "run" },
  X07RD_OPERATIONAL_ENTRY_DIVERGES: { summary: "A certificate's entry or operational entry changed, or the two now differ.", stage: "run" },
  X07RD_CAPSULE_CONTRACT_RELAXATION: { summary: "A capsule contract file changed.", stage: "run" },
  X07RD_CAPSULE_SET_CHANGE: { summary: "The capsule index changed, or an arch node moved into or out of the certified_capsule zone.", stage: "run" },
  X07RD_SANDBOX_POLICY_WIDEN: { summary: "A sandbox policy enabled the network or gained allowed hosts, or a runtime attestation enabled weaker isolation.", stage: "run" },
  X07RD_RUNTIME_ATTEST_REGRESSION: { summary: "A runtime attestation file changed.", stage: "run" },
  X07RD_NETWORK_ALLOWLIST_WIDEN: { summary: "A policy network switch changed (either way) or the host allowlist gained entries.", stage: "run" },
  X07RD_PEER_POLICY_RELAXATION: { summary: "A peer policy file changed.", stage: "run" },
  X07RD_CAPSULE_NETWORK_SURFACE_WIDEN: { summary: "A capsule's network block changed.", stage: "run" },
  X07RD_PACKAGE_SET_CHANGE: { summary: "The locked package set or a dependency closure's package-set digest changed.", stage: "run" },
  X07RD_LOCKFILE_HASH_CHANGE: { summary: "The lockfile or a dependency closure's lockfile digest changed.", stage: "run" },
  X07RD_ADVISORY_ALLOWANCE_ENABLED: { summary: "The lockfile gained a yanked or advised dependency, or a closure's advisory check started failing.", stage: "run" },
  // review diff: inputs
  X07RD_EINPUT: { summary: "The --from/--to snapshots are missing, of different kinds (file vs directory), or a glob is invalid.", stage: "parse" },
  X07RD_ESCHEMA: { summary: "The review diff report does not validate against x07.review.diff@0.5.0 (an SDK bug).", stage: "run" },
  // trust report
  X07TR_EPROJECT: { summary: "The project manifest, its selected profile, its lockfile or its sandbox policy cannot be read or resolved.", stage: "run" },
  X07TR_ESTRICT: { summary: "A --strict trust report found an issue: no project, no resolved policy, no lockfile, or an invalid policy.", stage: "lint" },
  X07TR_ESCHEMA: { summary: "The trust report does not validate against x07.trust.report@0.1.0 (for example a policy without all limits).", stage: "lint" },
  W_DEPS_CAP_POLICY_MISSING: { summary: "The project declares dependencies but has no dependency capability policy.", stage: "lint" },
  E_DEPS_CAP_POLICY_INVALID: { summary: "The dependency capability policy is not valid JSON of the expected shape.", stage: "lint" },
  E_DEPS_CAP_POLICY_DENY: { summary: "A dependency uses a sensitive namespace the dependency capability policy denies.", stage: "lint" },
  E_SBOM_GENERATION_FAILED: { summary: "The SBOM could not be written, or SBOM generation is disabled while sbom-missing is a gate.", stage: "lint" },
} as const satisfies Record<string, CodeInfo>;

/** A review or trust-report code. */
export type ReviewCode = keyof typeof REVIEW_CODES;
