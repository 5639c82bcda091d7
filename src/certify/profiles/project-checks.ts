/**
 * The profile against a project (upstream `validate_profile_against_context`): world, sandbox backend
 * and network posture, language features, the arch manifest's version and required checks, the boundary
 * index wiring and the capsule index. Pure over {@link ProjectFacts}.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { getAt } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { tpDiag, tpDiagAt } from "./diag.ts";
import type { ProjectFacts } from "./facts.ts";
import type { TrustProfile } from "./types.ts";

const bool = (doc: JsonValue | undefined, ptr: string): boolean | undefined => {
  if (doc === undefined) return undefined;
  const v = getAt(doc, ptr);
  return typeof v === "boolean" ? v : undefined;
};

/** Hosts of `policy.net.allow_hosts` (strings or `{host}` objects). */
export const allowHosts = (policy: JsonValue | undefined): string[] => {
  const hosts = policy === undefined ? undefined : getAt(policy, "/net/allow_hosts");
  if (!Array.isArray(hosts)) return [];
  return hosts.flatMap((h) => (typeof h === "string" ? [h] : typeof h === "object" && h !== null && !Array.isArray(h) && typeof h["host"] === "string" ? [h["host"]] : []));
};

/** The arch checks a profile can require: [requirement, manifest pointer, message]. */
const ARCH_CHECKS: ReadonlyArray<readonly [keyof TrustProfile["arch_requirements"], string, string]> = [
  ["require_allowlist_mode", "/checks/allowlist_mode/enabled", "arch checks.allowlist_mode.enabled must be true for this trust profile"],
  ["require_deny_cycles", "/checks/deny_cycles", "arch checks.deny_cycles must be true for this trust profile"],
  ["require_deny_orphans", "/checks/deny_orphans", "arch checks.deny_orphans must be true for this trust profile"],
  ["require_visibility", "/checks/enforce_visibility", "arch checks.enforce_visibility must be true for this trust profile"],
  ["require_world_caps", "/checks/enforce_world_caps", "arch checks.enforce_world_caps must be true for this trust profile"],
  ["require_brand_boundaries", "/checks/brand_boundary_v1/enabled", "arch checks.brand_boundary_v1.enabled must be true for this trust profile"],
];

/** The project diagnostics of a profile (entry allowance is checked by the caller, once). */
export const checkProfileAgainstProject = (p: TrustProfile, f: ProjectFacts): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const net = p.id === "trusted_program_sandboxed_net_v1";
  if (f.world === undefined || !p.worlds_allowed.includes(f.world as TrustProfile["worlds_allowed"][number]))
    out.push(tpDiag("X07TP_WORLD", `project world ${JSON.stringify(f.world ?? null)} is not allowed by trust profile ${p.id}`));
  if (p.sandbox_requirements.sandbox_backend === "vm" && f.world !== "run-os-sandboxed")
    out.push(
      net
        ? tpDiag("X07TP_BACKEND_NOT_CERTIFIABLE", "networked sandboxed trusted-program profiles require run-os-sandboxed project worlds")
        : tpDiag("X07TP_SANDBOX_BACKEND_REQUIRED", "sandboxed trusted-program profiles require run-os-sandboxed project worlds"),
    );
  if (p.sandbox_requirements.network_mode === "none" && bool(f.policy, "/net/enabled") === true)
    out.push(tpDiag("X07TP_NETWORK_MODE_FORBIDDEN", "sandboxed local trusted-program profiles require policy.net.enabled=false"));
  if (p.sandbox_requirements.network_mode === "allowlist") {
    if (bool(f.policy, "/net/enabled") !== true) out.push(tpDiag("X07TP_NETWORK_PROFILE_REQUIRED", "networked sandboxed trusted-program profiles require policy.net.enabled=true"));
    if (allowHosts(f.policy).length === 0) out.push(tpDiag("X07TP_NETWORK_PROFILE_REQUIRED", "networked sandboxed trusted-program profiles require a non-empty policy.net.allow_hosts allowlist"));
  }
  const lang = p.language_subset;
  if (!lang.allow_defasync && f.features.hasDefasync) out.push(tpDiag("X07TP_LANGUAGE", "project contains defasync declarations but the trust profile forbids them"));
  if (!lang.allow_extern && f.features.hasExtern) out.push(tpDiag("X07TP_LANGUAGE", "project contains extern declarations but the trust profile forbids them"));
  if (!lang.allow_unsafe && bool(f.policy, "/language/allow_unsafe") === true) out.push(tpDiag("X07TP_LANGUAGE", "project policy enables allow_unsafe but the trust profile forbids it"));
  if (!lang.allow_ffi && bool(f.policy, "/language/allow_ffi") === true) out.push(tpDiag("X07TP_LANGUAGE", "project policy enables allow_ffi but the trust profile forbids it"));

  const arch = f.archManifest;
  if (!f.archManifestExists || arch === undefined) {
    out.push(tpDiagAt("X07TP_ARCH", `project ${JSON.stringify(f.projectPath)} does not expose arch/manifest.x07arch.json required by trust profile`, f.archManifestPath));
    return out;
  }
  const version = getAt(arch, "/schema_version");
  const got = typeof version === "string" ? version : "";
  if (got !== p.arch_requirements.manifest_min_version)
    out.push(tpDiagAt("X07TP_ARCH", `arch manifest schema_version mismatch: expected ${JSON.stringify(p.arch_requirements.manifest_min_version)} got ${JSON.stringify(got)}`, f.archManifestPath, { ptr: "/schema_version" }));
  for (const [req, ptr, message] of ARCH_CHECKS) if (p.arch_requirements[req] === true && bool(arch, ptr) !== true) out.push(tpDiagAt("X07TP_ARCH", message, f.archManifestPath, { ptr }));
  if (p.evidence_requirements.require_boundary_index && typeof getAt(arch, "/contracts_v1/boundaries/index_path") !== "string")
    out.push(tpDiagAt("X07TP_BOUNDARY", "contracts_v1.boundaries.index_path is required by this trust profile", f.archManifestPath, { ptr: "/contracts_v1/boundaries/index_path" }));
  if (p.evidence_requirements.require_capsule_attestations && !f.capsuleIndexExists)
    out.push(tpDiagAt("X07TP_CAPSULES", "arch/capsules/index.x07capsule.json is required by this trust profile", f.capsuleIndexPath));
  return out;
};
