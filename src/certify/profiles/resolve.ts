/**
 * Finding a trust profile by what the user wrote after `--profile`:
 * 1. a path to a profile file (as upstream, which takes a path);
 * 2. else an id: the project's `arch/trust/profiles/<id>.json`, or any profile file in that directory
 *    whose `id` matches (files in name order);
 * 3. else one of the SDK's four public profiles, its entrypoints bound to the project's
 *    `operational_entry_symbol`.
 * A profile file must be a schema-valid `x07.trust.profile@0.4.0` whose `sandbox_requirements` is an object.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { validateByVersion } from "../../core/contracts/written.ts";
import { readJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { BUILTIN_PROFILE_IDS, builtinProfile, isBuiltinProfileId } from "./builtin.ts";
import { tpDiagAt } from "./diag.ts";
import type { ProfileSource, TrustProfile } from "./types.ts";
import { TRUST_PROFILE_SCHEMA_VERSION } from "./types.ts";

/** A resolved profile, or why none was found. */
export type ResolvedProfile = { readonly ok: true; readonly profile: TrustProfile; readonly source: ProfileSource } | { readonly ok: false; readonly diagnostic: Diagnostic };

/** Where project-local profiles live. */
export const PROJECT_PROFILES_DIR = "arch/trust/profiles";

/** Checks a parsed profile document; returns the profile or the reason it is unusable. */
export const parseTrustProfile = async (doc: JsonValue): Promise<{ ok: true; profile: TrustProfile } | { ok: false; message: string }> => {
  const version = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? doc["schema_version"] : undefined;
  if (version !== TRUST_PROFILE_SCHEMA_VERSION) return { ok: false, message: `trust profile schema_version mismatch: expected ${JSON.stringify(TRUST_PROFILE_SCHEMA_VERSION)} got ${JSON.stringify(version ?? null)}` };
  const v = await validateByVersion(doc);
  if (!v.ok) return { ok: false, message: `trust profile schema invalid at ${v.pointer || "/"}: ${v.message}` };
  const p = doc as unknown as TrustProfile;
  if (p.sandbox_requirements === null) return { ok: false, message: "trust profile sandbox_requirements must be an object" };
  return { ok: true, profile: p };
};

/** Reads and checks one profile file. */
export const loadTrustProfileFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const bytes = yield* fs.readFile(path).pipe(Effect.orElseSucceed(() => undefined));
    if (bytes === undefined) return { ok: false, diagnostic: tpDiagAt("X07TP_INVALID", `cannot read trust profile ${path}`, path) } satisfies ResolvedProfile as ResolvedProfile;
    const j = readJson(bytes);
    if (!j.ok) return { ok: false, diagnostic: tpDiagAt("X07TP_INVALID", `trust profile ${path} is not valid JSON: ${j.error.message}`, path) } satisfies ResolvedProfile as ResolvedProfile;
    const r = yield* Effect.promise(() => parseTrustProfile(j.value));
    return (r.ok ? { ok: true, profile: r.profile, source: { kind: "file", path } } : { ok: false, diagnostic: tpDiagAt("X07TP_INVALID", r.message, path) }) satisfies ResolvedProfile as ResolvedProfile;
  });

const isFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const st = yield* fs.stat(path).pipe(Effect.orElseSucceed(() => undefined));
    return st?.type === "File";
  });

const looksLikePath = (ref: string): boolean => ref.endsWith(".json") || ref.includes("/") || ref.includes(nodePath.sep);

/**
 * Resolves `--profile REF` (see the module comment). `projectRoot` enables project-local lookup;
 * `operationalEntry` binds the entrypoints of a public profile.
 */
export const resolveTrustProfile = (ref: string, project: { readonly root?: string; readonly operationalEntry?: string } = {}) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    if (looksLikePath(ref) || (yield* isFile(ref))) {
      if (yield* isFile(ref)) return yield* loadTrustProfileFile(ref);
      if (project.root !== undefined && !nodePath.isAbsolute(ref) && (yield* isFile(nodePath.join(project.root, ref)))) {
        const r = yield* loadTrustProfileFile(nodePath.join(project.root, ref));
        return r;
      }
      return { ok: false, diagnostic: tpDiagAt("X07TP_INVALID", `trust profile file not found: ${ref}`, ref) } satisfies ResolvedProfile as ResolvedProfile;
    }
    if (project.root !== undefined) {
      const dir = nodePath.join(project.root, PROJECT_PROFILES_DIR);
      const named = nodePath.join(dir, `${ref}.json`);
      if (yield* isFile(named)) {
        const r = yield* loadTrustProfileFile(named);
        if (!r.ok) return r;
        if (r.profile.id === ref) return { ...r, source: { kind: "project", path: named } } satisfies ResolvedProfile as ResolvedProfile;
      }
      const entries = yield* fs.readDirectory(dir).pipe(Effect.orElseSucceed(() => [] as string[]));
      for (const e of [...entries].filter((x) => x.endsWith(".json")).sort()) {
        const path = nodePath.join(dir, e);
        if (path === named) continue;
        const r = yield* loadTrustProfileFile(path);
        if (r.ok && r.profile.id === ref) return { ...r, source: { kind: "project", path } } satisfies ResolvedProfile as ResolvedProfile;
      }
    }
    if (isBuiltinProfileId(ref))
      return { ok: true, profile: builtinProfile(ref, project.operationalEntry !== undefined ? [project.operationalEntry] : []), source: { kind: "builtin", id: ref } } satisfies ResolvedProfile as ResolvedProfile;
    return {
      ok: false,
      diagnostic: tpDiagAt("X07TP_INVALID", `unknown trust profile ${JSON.stringify(ref)}: not a file, not in ${PROJECT_PROFILES_DIR}/, and not one of ${BUILTIN_PROFILE_IDS.join(", ")}`, ref),
    } satisfies ResolvedProfile as ResolvedProfile;
  });
