/**
 * Profile strength (upstream `validate_trust_profile_strength`): the three sandbox/capsule profiles,
 * recognised by id, must keep their defining demands; every other profile must meet the certification
 * floor of a pure verified core, else `X07TP_NOT_CERTIFIABLE`. Each demand is one row of a table.
 */
import type { Diagnostic } from "../../diag/index.ts";
import type { TrustProfileCode } from "./diag.ts";
import { tpDiag } from "./diag.ts";
import type { TrustProfile } from "./types.ts";

/** One demand: it holds for the profile, or the code and message are reported. */
interface Demand {
  readonly holds: (p: TrustProfile) => boolean;
  readonly code: TrustProfileCode;
  readonly message: string;
}

const ev = (p: TrustProfile) => p.evidence_requirements;
const sb = (p: TrustProfile) => p.sandbox_requirements;
const noRunOs = (p: TrustProfile) => !p.worlds_allowed.includes("run-os");
const perSymbolBoth = (p: TrustProfile) => ev(p).require_per_symbol_prove_reports_defn && ev(p).require_per_symbol_prove_reports_async;

const SANDBOX_LOCAL = "sandboxed trusted-program profiles";
const SANDBOX_NET = "networked sandboxed trusted-program profiles";
const CAPSULE = "certified capsule profiles";

/** The demands of each recognised profile id, in upstream's order. */
export const PROFILE_DEMANDS: Readonly<Record<string, ReadonlyArray<Demand>>> = {
  trusted_program_sandboxed_local_v1: [
    { holds: noRunOs, code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${SANDBOX_LOCAL} must not allow run-os` },
    { holds: (p) => ev(p).require_async_proof_coverage, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_LOCAL} must require async proof coverage` },
    { holds: perSymbolBoth, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_LOCAL} must require per-symbol prove reports` },
    { holds: (p) => !ev(p).allow_coverage_summary_imports, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_LOCAL} must reject coverage-only imported summaries` },
    { holds: (p) => ev(p).require_capsule_attestations, code: "X07TP_CAPSULE_ATTEST_REQUIRED", message: `${SANDBOX_LOCAL} must require capsule attestations` },
    { holds: (p) => ev(p).require_runtime_attestation, code: "X07TP_RUNTIME_ATTEST_REQUIRED", message: `${SANDBOX_LOCAL} must require runtime attestation` },
    { holds: (p) => sb(p).sandbox_backend === "vm", code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${SANDBOX_LOCAL} must require sandbox_backend=vm` },
    { holds: (p) => sb(p).forbid_weaker_isolation, code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${SANDBOX_LOCAL} must forbid weaker isolation` },
    { holds: (p) => sb(p).network_mode === "none", code: "X07TP_NETWORK_MODE_FORBIDDEN", message: "sandboxed local trusted-program profiles must keep network_mode=none" },
    { holds: (p) => sb(p).network_enforcement === "none", code: "X07TP_NETWORK_MODE_FORBIDDEN", message: "sandboxed local trusted-program profiles must keep network_enforcement=none" },
  ],
  trusted_program_sandboxed_net_v1: [
    { holds: noRunOs, code: "X07TP_BACKEND_NOT_CERTIFIABLE", message: `${SANDBOX_NET} must not allow run-os` },
    { holds: (p) => ev(p).require_async_proof_coverage, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_NET} must require async proof coverage` },
    { holds: perSymbolBoth, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_NET} must require per-symbol prove reports` },
    { holds: (p) => !ev(p).allow_coverage_summary_imports, code: "X07TP_ASYNC_PROOF_REQUIRED", message: `${SANDBOX_NET} must reject coverage-only imported summaries` },
    { holds: (p) => ev(p).require_capsule_attestations, code: "X07TP_CAPSULE_ATTEST_REQUIRED", message: `${SANDBOX_NET} must require capsule attestations` },
    { holds: (p) => ev(p).require_runtime_attestation, code: "X07TP_RUNTIME_ATTEST_REQUIRED", message: `${SANDBOX_NET} must require runtime attestation` },
    { holds: (p) => ev(p).require_effect_log_digests, code: "X07TP_EFFECT_LOG_REQUIRED", message: `${SANDBOX_NET} must require effect-log digests` },
    { holds: (p) => ev(p).require_peer_policies, code: "X07TP_PEER_POLICY_REQUIRED", message: `${SANDBOX_NET} must require peer-policy evidence` },
    { holds: (p) => ev(p).require_network_capsules, code: "X07TP_NETWORK_PROFILE_REQUIRED", message: `${SANDBOX_NET} must require network capsule evidence` },
    { holds: (p) => ev(p).require_dependency_closure_attestation, code: "X07TP_DEP_CLOSURE_REQUIRED", message: `${SANDBOX_NET} must require dependency-closure attestations` },
    { holds: (p) => sb(p).sandbox_backend === "vm", code: "X07TP_BACKEND_NOT_CERTIFIABLE", message: `${SANDBOX_NET} must require sandbox_backend=vm` },
    { holds: (p) => sb(p).forbid_weaker_isolation, code: "X07TP_BACKEND_NOT_CERTIFIABLE", message: `${SANDBOX_NET} must forbid weaker isolation` },
    { holds: (p) => sb(p).network_mode === "allowlist", code: "X07TP_NETWORK_PROFILE_REQUIRED", message: `${SANDBOX_NET} must require network_mode=allowlist` },
    { holds: (p) => sb(p).network_enforcement === "vm_boundary_allowlist", code: "X07TP_NETWORK_PROFILE_REQUIRED", message: `${SANDBOX_NET} must require network_enforcement=vm_boundary_allowlist` },
  ],
  certified_capsule_v1: [
    { holds: noRunOs, code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${CAPSULE} must not allow run-os` },
    { holds: (p) => ev(p).require_capsule_attestations, code: "X07TP_CAPSULE_ATTEST_REQUIRED", message: `${CAPSULE} must require capsule attestations` },
    { holds: (p) => ev(p).require_per_symbol_prove_reports_defn && !ev(p).require_per_symbol_prove_reports_async, code: "X07TP_CAPSULE_ATTEST_REQUIRED", message: `${CAPSULE} must require per-symbol defn prove reports only` },
    { holds: (p) => !ev(p).allow_coverage_summary_imports, code: "X07TP_CAPSULE_ATTEST_REQUIRED", message: `${CAPSULE} must reject coverage-only imported summaries` },
    { holds: (p) => ev(p).require_effect_log_digests, code: "X07TP_EFFECT_LOG_REQUIRED", message: `${CAPSULE} must require effect-log digests` },
    { holds: (p) => sb(p).sandbox_backend === "vm", code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${CAPSULE} must require sandbox_backend=vm` },
    { holds: (p) => sb(p).forbid_weaker_isolation, code: "X07TP_SANDBOX_BACKEND_REQUIRED", message: `${CAPSULE} must forbid weaker isolation` },
    { holds: (p) => sb(p).network_mode === "none", code: "X07TP_NETWORK_MODE_FORBIDDEN", message: `${CAPSULE} must keep network_mode=none` },
    { holds: (p) => sb(p).network_enforcement === "none", code: "X07TP_NETWORK_MODE_FORBIDDEN", message: `${CAPSULE} must keep network_enforcement=none` },
  ],
};

/** The certification floor every other profile must meet: [field, holds]. The failing fields are listed in the diagnostic. */
export const PURE_FLOOR: ReadonlyArray<readonly [string, (p: TrustProfile) => boolean]> = [
  ["language_subset.allow_defasync", (p) => !p.language_subset.allow_defasync],
  ["language_subset.allow_recursion", (p) => !p.language_subset.allow_recursion],
  ["language_subset.allow_extern", (p) => !p.language_subset.allow_extern],
  ["language_subset.allow_unsafe", (p) => !p.language_subset.allow_unsafe],
  ["language_subset.allow_ffi", (p) => !p.language_subset.allow_ffi],
  ["language_subset.allow_dynamic_dispatch", (p) => !p.language_subset.allow_dynamic_dispatch],
  ["arch_requirements.manifest_min_version", (p) => p.arch_requirements.manifest_min_version === "x07.arch.manifest@0.3.0"],
  ["arch_requirements.require_allowlist_mode", (p) => p.arch_requirements.require_allowlist_mode],
  ["arch_requirements.require_deny_cycles", (p) => p.arch_requirements.require_deny_cycles],
  ["arch_requirements.require_deny_orphans", (p) => p.arch_requirements.require_deny_orphans],
  ["arch_requirements.require_visibility", (p) => p.arch_requirements.require_visibility],
  ["arch_requirements.require_world_caps", (p) => p.arch_requirements.require_world_caps],
  ["arch_requirements.require_brand_boundaries", (p) => p.arch_requirements.require_brand_boundaries],
  ["evidence_requirements.require_boundary_index", (p) => ev(p).require_boundary_index],
  ["evidence_requirements.require_schema_derive_check", (p) => ev(p).require_schema_derive_check],
  ["evidence_requirements.require_smoke_harnesses", (p) => ev(p).require_smoke_harnesses],
  ["evidence_requirements.require_unit_tests", (p) => ev(p).require_unit_tests],
  ["evidence_requirements.require_pbt", (p) => ev(p).require_pbt !== "none"],
  ["evidence_requirements.require_proof_mode", (p) => ev(p).require_proof_mode === "prove"],
  ["evidence_requirements.require_proof_coverage", (p) => ev(p).require_proof_coverage.startsWith("all_reachable_")],
  ["evidence_requirements.require_async_proof_coverage", (p) => !ev(p).require_async_proof_coverage],
  ["evidence_requirements.require_per_symbol_prove_reports_defn", (p) => ev(p).require_per_symbol_prove_reports_defn],
  ["evidence_requirements.require_per_symbol_prove_reports_async", (p) => !ev(p).require_per_symbol_prove_reports_async],
  ["evidence_requirements.allow_coverage_summary_imports", (p) => !ev(p).allow_coverage_summary_imports],
  ["evidence_requirements.require_capsule_attestations", (p) => !ev(p).require_capsule_attestations],
  ["evidence_requirements.require_runtime_attestation", (p) => !ev(p).require_runtime_attestation],
  ["evidence_requirements.require_effect_log_digests", (p) => !ev(p).require_effect_log_digests],
  ["evidence_requirements.require_peer_policies", (p) => !ev(p).require_peer_policies],
  ["evidence_requirements.require_network_capsules", (p) => !ev(p).require_network_capsules],
  ["evidence_requirements.require_dependency_closure_attestation", (p) => !ev(p).require_dependency_closure_attestation],
  ["sandbox_requirements.sandbox_backend", (p) => sb(p).sandbox_backend === "any"],
  ["sandbox_requirements.forbid_weaker_isolation", (p) => !sb(p).forbid_weaker_isolation],
  ["sandbox_requirements.network_mode", (p) => sb(p).network_mode === "any"],
  ["sandbox_requirements.network_enforcement", (p) => sb(p).network_enforcement === "any"],
  ["evidence_requirements.require_compile_attestation", (p) => ev(p).require_compile_attestation],
  ["evidence_requirements.require_trust_report_clean", (p) => ev(p).require_trust_report_clean],
  ["evidence_requirements.require_sbom", (p) => ev(p).require_sbom],
];

/** The strength diagnostics of a profile (empty when it is strong enough). */
export const checkProfileStrength = (p: TrustProfile): Diagnostic[] => {
  const demands = Object.hasOwn(PROFILE_DEMANDS, p.id) ? PROFILE_DEMANDS[p.id] : undefined;
  if (demands !== undefined) return demands.filter((d) => !d.holds(p)).map((d) => tpDiag(d.code, d.message));
  const failing = PURE_FLOOR.filter(([, holds]) => !holds(p)).map(([field]) => field);
  return failing.length === 0 ? [] : [tpDiag("X07TP_NOT_CERTIFIABLE", "trust profile does not meet the certification minimums", { failing_fields: failing })];
};
