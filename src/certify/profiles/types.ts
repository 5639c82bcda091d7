/** The trust profile document (`x07.trust.profile@0.4.0`) and the profile-check report. */
import type { DocumentTypes } from "../../core/contracts/index.ts";
import type { Diagnostic } from "../../diag/index.ts";

/** A trust profile document as our schema types it (the schema also admits `sandbox_requirements: null`). */
export type TrustProfileDoc = DocumentTypes["x07.trust.profile@0.4.0"];

/** A usable trust profile: a schema-valid document whose `sandbox_requirements` is an object (upstream rejects null). */
export type TrustProfile = Omit<TrustProfileDoc, "sandbox_requirements"> & { readonly sandbox_requirements: NonNullable<TrustProfileDoc["sandbox_requirements"]> };

/** The schema version of trust profiles. */
export const TRUST_PROFILE_SCHEMA_VERSION = "x07.trust.profile@0.4.0" as const;

/** The schema version of the profile-check report (upstream `x07.trust.profile.check@0.1.0`). */
export const TRUST_PROFILE_CHECK_SCHEMA_VERSION = "x07.trust.profile.check@0.1.0" as const;

/** `x07.trust.profile.check@0.1.0`: exit 0 when there is no diagnostic, else 20. */
export interface TrustProfileCheckReport {
  readonly schema_version: typeof TRUST_PROFILE_CHECK_SCHEMA_VERSION;
  readonly ok: boolean;
  readonly profile: string;
  readonly project?: string;
  readonly entry?: string;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly exit_code: 0 | 20;
}

/** Where a resolved profile came from. */
export type ProfileSource =
  /** A file named by path. */
  | { readonly kind: "file"; readonly path: string }
  /** `arch/trust/profiles/*.json` of the project, found by id. */
  | { readonly kind: "project"; readonly path: string }
  /** One of the SDK's four public profiles, its entrypoints bound to the project's operational entry. */
  | { readonly kind: "builtin"; readonly id: BuiltinProfileId };

/** The ids of the public profiles the SDK ships. */
export type BuiltinProfileId = "verified_core_pure_v1" | "trusted_program_sandboxed_local_v1" | "trusted_program_sandboxed_net_v1" | "certified_capsule_v1";
