/**
 * The four public trust profiles, as data. Written here from upstream's documentation of what each
 * demands (docs/toolchain/review-trust.md, the trust-profile rules of `x07 trust profile check`): one
 * shared certification floor, and per profile only what differs from it.
 *
 * A public profile cannot know a project's entry symbol, so its `entrypoints` are not part of the data:
 * {@link builtinProfile} binds them to the project's `operational_entry_symbol` (the entry the
 * project declares it runs). Upstream's checked-in copies list `example.main`, the symbol of its example.
 */
import type { BuiltinProfileId, TrustProfile } from "./types.ts";
import { TRUST_PROFILE_SCHEMA_VERSION } from "./types.ts";

/** A profile without its entrypoints. */
export type ProfileTemplate = Omit<TrustProfile, "entrypoints">;

type Evidence = TrustProfile["evidence_requirements"];
type Sandbox = TrustProfile["sandbox_requirements"];
type Language = TrustProfile["language_subset"];

/** Nothing beyond pure code is allowed. */
const NO_LANGUAGE_ALLOWANCES: Language = { allow_defasync: false, allow_recursion: false, allow_extern: false, allow_unsafe: false, allow_ffi: false, allow_dynamic_dispatch: false };

/** Every profile demands the strictest arch manifest posture. */
const ARCH_STRICT: TrustProfile["arch_requirements"] = {
  manifest_min_version: "x07.arch.manifest@0.3.0",
  require_allowlist_mode: true,
  require_deny_cycles: true,
  require_deny_orphans: true,
  require_visibility: true,
  require_world_caps: true,
  require_brand_boundaries: true,
};

/** The evidence every profile demands: boundaries, schema drift, smoke + unit + boundary PBT, per-symbol proofs, no coverage imports, compile attestation, a clean trust report with SBOM. */
const EVIDENCE_FLOOR: Evidence = {
  require_boundary_index: true,
  require_schema_derive_check: true,
  require_smoke_harnesses: true,
  require_unit_tests: true,
  require_pbt: "public_boundaries_only",
  require_proof_mode: "prove",
  require_proof_coverage: "all_reachable_defn",
  require_async_proof_coverage: false,
  require_per_symbol_prove_reports_defn: true,
  require_per_symbol_prove_reports_async: false,
  allow_coverage_summary_imports: false,
  require_capsule_attestations: false,
  require_runtime_attestation: false,
  require_effect_log_digests: false,
  require_peer_policies: false,
  require_network_capsules: false,
  require_dependency_closure_attestation: false,
  require_compile_attestation: true,
  require_trust_report_clean: true,
  require_sbom: true,
};

/** No sandbox demand (pure code runs in no sandbox). */
const SANDBOX_ANY: Sandbox = { sandbox_backend: "any", forbid_weaker_isolation: false, network_mode: "any", network_enforcement: "any" };
/** A VM sandbox with no network. */
const SANDBOX_VM_OFFLINE: Sandbox = { sandbox_backend: "vm", forbid_weaker_isolation: true, network_mode: "none", network_enforcement: "none" };

/** Sandboxed programs: async code allowed and proved, user code covered, runtime and capsule evidence. */
const SANDBOXED_EVIDENCE: Evidence = {
  ...EVIDENCE_FLOOR,
  require_proof_coverage: "all_reachable_user_defn",
  require_async_proof_coverage: true,
  require_per_symbol_prove_reports_async: true,
  require_capsule_attestations: true,
  require_runtime_attestation: true,
  require_effect_log_digests: true,
};

const template = (id: BuiltinProfileId, claim: string, worlds: TrustProfile["worlds_allowed"], language: Partial<Language>, evidence: Evidence, sandbox: Sandbox): ProfileTemplate => ({
  schema_version: TRUST_PROFILE_SCHEMA_VERSION,
  id,
  claims: [claim],
  worlds_allowed: worlds,
  language_subset: { ...NO_LANGUAGE_ALLOWANCES, ...language },
  arch_requirements: ARCH_STRICT,
  evidence_requirements: evidence,
  sandbox_requirements: sandbox,
});

/** The templates, by id. */
export const BUILTIN_PROFILES: Readonly<Record<BuiltinProfileId, ProfileTemplate>> = {
  /** Pure code, every reachable function proved; the one profile this SDK can certify end to end. */
  verified_core_pure_v1: template("verified_core_pure_v1", "human_can_review_certificate_not_source", ["solve-pure"], {}, EVIDENCE_FLOOR, SANDBOX_ANY),
  /** A program run in the VM sandbox with no network. */
  trusted_program_sandboxed_local_v1: template("trusted_program_sandboxed_local_v1", "human_can_review_certificate_not_source", ["run-os-sandboxed"], { allow_defasync: true }, SANDBOXED_EVIDENCE, SANDBOX_VM_OFFLINE),
  /** A program run in the VM sandbox with an allowlisted network, peers and the dependency closure attested. */
  trusted_program_sandboxed_net_v1: template(
    "trusted_program_sandboxed_net_v1",
    "human_can_review_networked_certificate_not_source",
    ["run-os-sandboxed"],
    { allow_defasync: true, allow_extern: true, allow_unsafe: true, allow_ffi: true },
    { ...SANDBOXED_EVIDENCE, require_peer_policies: true, require_network_capsules: true, require_dependency_closure_attestation: true },
    { sandbox_backend: "vm", forbid_weaker_isolation: true, network_mode: "allowlist", network_enforcement: "vm_boundary_allowlist" },
  ),
  /** An effectful adapter (extern/unsafe/ffi) certified by its capsule contract and attestation. */
  certified_capsule_v1: template(
    "certified_capsule_v1",
    "human_can_review_capsule_certificate_not_source",
    ["run-os-sandboxed"],
    { allow_extern: true, allow_unsafe: true, allow_ffi: true },
    { ...EVIDENCE_FLOOR, require_capsule_attestations: true, require_effect_log_digests: true },
    SANDBOX_VM_OFFLINE,
  ),
};

/** The public profile ids, sorted. */
export const BUILTIN_PROFILE_IDS = (Object.keys(BUILTIN_PROFILES) as BuiltinProfileId[]).sort();

/** Whether a string names a public profile. */
export const isBuiltinProfileId = (s: string): s is BuiltinProfileId => Object.hasOwn(BUILTIN_PROFILES, s);

/** A public profile with its entrypoints: a valid `x07.trust.profile@0.4.0` document (entrypoints may be empty only when none is known). */
export const builtinProfile = (id: BuiltinProfileId, entrypoints: ReadonlyArray<string>): TrustProfile => ({ ...BUILTIN_PROFILES[id], entrypoints: [...entrypoints] }) as TrustProfile;
