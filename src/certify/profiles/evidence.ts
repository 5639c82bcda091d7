/**
 * Evidence this SDK cannot produce. Upstream certifies sandboxed programs and capsules from runs in a VM
 * sandbox (`run-os-sandboxed` with `sandbox_backend: vm`): runtime attestations bind the guest image and
 * policy digests and, for networked programs, the effective allowlist. This SDK has no VM sandbox, so a
 * profile that demands any of that can never pass here: {@link vmEvidenceGaps} lists what is missing and
 * the profile check fails closed with `X07TP_BACKEND_NOT_CERTIFIABLE` naming it.
 */
import type { Diagnostic } from "../../diag/index.ts";
import { tpDiag } from "./diag.ts";
import type { TrustProfile } from "./types.ts";

/** One kind of missing evidence: when the profile demands it, and what it is. */
const VM_EVIDENCE: ReadonlyArray<readonly [(p: TrustProfile) => boolean, string]> = [
  [(p) => p.sandbox_requirements.sandbox_backend === "vm", "run-os-sandboxed test runs on the vm sandbox backend (sandbox_backend=vm)"],
  [(p) => p.sandbox_requirements.forbid_weaker_isolation, "proof that no weaker isolation was used (a VM runtime attestation with weaker_isolation=false)"],
  [(p) => p.evidence_requirements.require_runtime_attestation, "runtime attestation of the sandboxed run (guest image digest, policy digest, outcome)"],
  [(p) => p.sandbox_requirements.network_enforcement === "vm_boundary_allowlist", "runtime network evidence enforced at the VM boundary (policy digest, guest image digest, non-empty effective allowlist)"],
];

/** What a profile demands that only a VM sandbox run can provide (empty for pure profiles). */
export const vmEvidenceGaps = (p: TrustProfile): string[] => VM_EVIDENCE.filter(([needs]) => needs(p)).map(([, what]) => what);

/** The fail-closed diagnostic for a profile that needs VM evidence, if any. */
export const vmEvidenceDiagnostics = (p: TrustProfile): Diagnostic[] => {
  const gaps = vmEvidenceGaps(p);
  if (gaps.length === 0) return [];
  return [
    tpDiag(
      "X07TP_BACKEND_NOT_CERTIFIABLE",
      `trust profile ${p.id} needs evidence this SDK cannot produce (it has no VM sandbox backend), so it can never pass here; missing: ${gaps.join("; ")}`,
      { profile: p.id, missing_evidence: gaps },
    ),
  ];
};
