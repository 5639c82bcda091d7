/**
 * `x07 trust profile check --profile P [--project x07.json] [--entry SYM]`: profile strength, the
 * fail-closed VM-evidence gate, the entry allowance and the project checks, as one
 * `x07.trust.profile.check@0.1.0` report (exit 0 with no diagnostic, else 20).
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { Diagnostic } from "../../diag/index.ts";
import { tpDiag, tpDiagAt } from "./diag.ts";
import { vmEvidenceDiagnostics } from "./evidence.ts";
import { readProjectFacts } from "./facts.ts";
import type { ProjectFacts } from "./facts.ts";
import { checkProfileAgainstProject } from "./project-checks.ts";
import { resolveTrustProfile } from "./resolve.ts";
import { checkProfileStrength } from "./strength.ts";
import type { ProfileSource, TrustProfile, TrustProfileCheckReport } from "./types.ts";
import { TRUST_PROFILE_CHECK_SCHEMA_VERSION } from "./types.ts";

/** Options of {@link checkTrustProfile}. */
export interface TrustProfileCheckOptions {
  /** A profile file path, or an id (project `arch/trust/profiles/`, then the public profiles). */
  readonly profile: string;
  /** An x07.json or the directory holding it. */
  readonly project?: string;
  readonly entry?: string;
}

/** The report plus what was resolved (for callers such as certify). */
export interface TrustProfileCheck {
  readonly report: TrustProfileCheckReport;
  readonly profile?: TrustProfile;
  readonly source?: ProfileSource;
  readonly facts?: ProjectFacts;
}

/** All profile diagnostics for a resolved profile (pure): strength, VM evidence, entry, project. */
export const profileDiagnostics = (profile: TrustProfile, facts: ProjectFacts | undefined, entry: string | undefined, source?: ProfileSource): Diagnostic[] => {
  const out = [...checkProfileStrength(profile), ...vmEvidenceDiagnostics(profile)];
  if (entry !== undefined && !profile.entrypoints.includes(entry)) {
    const bound = source?.kind === "builtin";
    out.push(
      tpDiag(
        "X07TP_ENTRY_FORBIDDEN",
        bound && profile.entrypoints.length === 0
          ? `entry ${JSON.stringify(entry)} is not allowed by trust profile ${profile.id}: a public profile admits only the project's operational_entry_symbol, and the project declares none`
          : `entry ${JSON.stringify(entry)} is not allowed by trust profile ${profile.id}`,
        { entrypoints: profile.entrypoints },
      ),
    );
  }
  if (facts !== undefined) {
    out.push(...facts.problems.map((m) => tpDiagAt("X07TP_PROJECT_MISMATCH", m, facts.projectPath)));
    out.push(...checkProfileAgainstProject(profile, facts));
  }
  return out;
};

/** An x07.json path from `--project` (a directory means its x07.json), or why not. */
export const resolveProjectManifest = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const st = yield* fs.stat(path).pipe(Effect.orElseSucceed(() => undefined));
    if (st === undefined) return { ok: false as const, message: `project path not found: ${path}` };
    if (st.type !== "Directory") return { ok: true as const, path };
    const manifest = nodePath.join(path, "x07.json");
    const m = yield* fs.stat(manifest).pipe(Effect.orElseSucceed(() => undefined));
    return m?.type === "File" ? { ok: true as const, path: manifest } : { ok: false as const, message: `project dir does not contain x07.json: ${path}` };
  });

const report = (profile: string, project: string | undefined, entry: string | undefined, diagnostics: ReadonlyArray<Diagnostic>): TrustProfileCheckReport => ({
  schema_version: TRUST_PROFILE_CHECK_SCHEMA_VERSION,
  ok: diagnostics.length === 0,
  profile,
  ...(project !== undefined ? { project } : {}),
  ...(entry !== undefined ? { entry } : {}),
  diagnostics,
  exit_code: diagnostics.length === 0 ? 0 : 20,
});

/** Runs the profile check. Never fails: every problem is a diagnostic in the report. */
export const checkTrustProfile = (options: TrustProfileCheckOptions): Effect.Effect<TrustProfileCheck, never, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const diags: Diagnostic[] = [];
    let facts: ProjectFacts | undefined;
    let projectPath: string | undefined;
    if (options.project !== undefined) {
      const p = yield* resolveProjectManifest(options.project);
      if (p.ok) {
        projectPath = p.path;
        facts = yield* readProjectFacts(p.path);
      } else diags.push(tpDiagAt("X07TP_PROJECT_MISMATCH", p.message, options.project));
    }
    const resolved = yield* resolveTrustProfile(options.profile, facts !== undefined ? { root: facts.root, ...(facts.operationalEntry !== undefined ? { operationalEntry: facts.operationalEntry } : {}) } : {});
    if (!resolved.ok) return { report: report(options.profile, projectPath ?? options.project, options.entry, [resolved.diagnostic, ...diags]) };
    diags.push(...profileDiagnostics(resolved.profile, facts, options.entry, resolved.source));
    return {
      report: report(resolved.profile.id, projectPath ?? options.project, options.entry, diags),
      profile: resolved.profile,
      source: resolved.source,
      ...(facts !== undefined ? { facts } : {}),
    };
  });
