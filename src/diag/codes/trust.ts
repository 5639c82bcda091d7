/** Codes of trust profiles, certify and trust report (`X07TP_…`, `X07TC_…`, `X07TR_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const TRUST_CODES = {
  // trust profile check
  X07TP_INVALID: { summary: "The trust profile cannot be found, is not JSON, or does not match x07.trust.profile@0.4.0.", stage: "run" },
  X07TP_PROJECT_MISMATCH: { summary: "The --project path is neither an x07.json nor a directory holding one, or x07.json cannot be read.", stage: "run" },
  X07TP_NOT_CERTIFIABLE: { summary: "The profile is weaker than the certification floor (any allow_*, a missing require_*, a weaker proof mode or coverage, or a sandbox demand).", stage: "run" },
  X07TP_ENTRY_FORBIDDEN: { summary: "The entry symbol is not in the profile's entrypoints.", stage: "run" },
  X07TP_WORLD: { summary: "The project's world is not in the profile's worlds_allowed.", stage: "run" },
  X07TP_LANGUAGE: { summary: "The project uses a language feature the profile forbids (defasync, extern, or policy allow_unsafe / allow_ffi).", stage: "run" },
  X07TP_ARCH: { summary: "The project's arch manifest is missing, has another schema_version, or turns off a check the profile requires.", stage: "run" },
  X07TP_BOUNDARY: { summary: "The arch manifest sets no contracts_v1.boundaries.index_path, which the profile requires.", stage: "run" },
  X07TP_CAPSULES: { summary: "The profile requires capsule attestations but arch/capsules/index.x07capsule.json does not exist.", stage: "run" },
  X07TP_SANDBOX_BACKEND_REQUIRED: { summary: "A sandboxed or capsule profile allows run-os, does not demand the vm backend, or the project's world is not run-os-sandboxed.", stage: "run" },
  X07TP_BACKEND_NOT_CERTIFIABLE: { summary: "The required sandbox backend cannot be certified: a networked profile is misconfigured, or the evidence needs a VM sandbox run this SDK cannot produce.", stage: "run" },
  X07TP_ASYNC_PROOF_REQUIRED: { summary: "A sandboxed profile does not demand async proof coverage, per-symbol prove reports, or rejection of coverage-only imports.", stage: "run" },
  X07TP_CAPSULE_ATTEST_REQUIRED: { summary: "A sandboxed or capsule profile does not demand capsule attestations (or demands the wrong per-symbol reports).", stage: "run" },
  X07TP_RUNTIME_ATTEST_REQUIRED: { summary: "A sandboxed profile does not demand runtime attestation.", stage: "run" },
  X07TP_EFFECT_LOG_REQUIRED: { summary: "A networked or capsule profile does not demand effect-log digests.", stage: "run" },
  X07TP_PEER_POLICY_REQUIRED: { summary: "A networked profile does not demand peer-policy evidence.", stage: "run" },
  X07TP_NETWORK_PROFILE_REQUIRED: { summary: "A networked profile lacks network capsules, the allowlist network mode, vm_boundary_allowlist enforcement, or an enabled, non-empty policy allowlist.", stage: "run" },
  X07TP_DEP_CLOSURE_REQUIRED: { summary: "A networked profile does not demand a dependency-closure attestation.", stage: "run" },
  X07TP_NETWORK_MODE_FORBIDDEN: { summary: "A local sandboxed or capsule profile allows the network, or the project's policy enables it.", stage: "run" },
} as const satisfies Record<string, CodeInfo>;
