/**
 * Trust profiles (`x07.trust.profile@0.4.0`): the SDK's four public profiles as data, loading from a
 * file, a project's `arch/trust/profiles/`, or by public id, and `x07 trust profile check`.
 *
 * Only `verified_core_pure_v1` can pass here. The two sandboxed profiles and `certified_capsule_v1`
 * demand evidence from runs in a VM sandbox, which this SDK does not have; their check always fails
 * closed with `X07TP_BACKEND_NOT_CERTIFIABLE` naming the missing evidence.
 *
 * @packageDocumentation
 */

/**
 * The public profiles as data, and a public profile bound to an entry.
 * @since 0.1.0
 * @category constants
 */
export { BUILTIN_PROFILES, BUILTIN_PROFILE_IDS, builtinProfile, isBuiltinProfileId } from "./builtin.ts";
export type { ProfileTemplate } from "./builtin.ts";

/**
 * Models: the profile, the check report, where a profile came from.
 * @since 0.1.0
 * @category models
 */
export type { TrustProfile, TrustProfileDoc, TrustProfileCheckReport, ProfileSource, BuiltinProfileId } from "./types.ts";
export { TRUST_PROFILE_SCHEMA_VERSION, TRUST_PROFILE_CHECK_SCHEMA_VERSION } from "./types.ts";

/**
 * Resolving `--profile` (path, project id, public id) and reading profile files.
 * @since 0.1.0
 * @category constructors
 */
export { resolveTrustProfile, loadTrustProfileFile, parseTrustProfile, PROJECT_PROFILES_DIR } from "./resolve.ts";
export type { ResolvedProfile } from "./resolve.ts";

/**
 * `x07 trust profile check` (Effect; never fails, problems are diagnostics) and its pure parts.
 * @since 0.1.0
 * @category stages
 */
export { checkTrustProfile, profileDiagnostics, resolveProjectManifest } from "./check.ts";
export type { TrustProfileCheckOptions, TrustProfileCheck } from "./check.ts";
export { checkProfileStrength, PROFILE_DEMANDS, PURE_FLOOR } from "./strength.ts";
export { checkProfileAgainstProject, allowHosts } from "./project-checks.ts";
export { vmEvidenceGaps, vmEvidenceDiagnostics } from "./evidence.ts";
export { readProjectFacts, scanDeclKinds } from "./facts.ts";
export type { ProjectFacts } from "./facts.ts";

/**
 * The profile check under its short name (same as {@link checkTrustProfile}).
 * @since 0.1.0
 * @category stages
 */
export { checkTrustProfile as checkProfile } from "./check.ts";
