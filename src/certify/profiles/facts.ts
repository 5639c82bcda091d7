/**
 * What the profile check needs to know about a project, read once: x07.json (world of the selected run
 * profile, operational entry, module roots), the sandbox policy of a `run-os-sandboxed` project, the
 * declaration kinds found under the module roots, the arch manifest and the capsule index.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { validateByVersion } from "../../core/contracts/written.ts";
import { readJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";

/** The facts; `problems` are reasons the project could not be read fully (each becomes `X07TP_PROJECT_MISMATCH`). */
export interface ProjectFacts {
  /** x07.json, as resolved. */
  readonly projectPath: string;
  readonly root: string;
  /** The world of the selected run profile (`default_profile`, else `dev`, else `os`), else x07.json's world. */
  readonly world?: string;
  readonly operationalEntry?: string;
  /** The sandbox policy (run-os-sandboxed only). */
  readonly policy?: JsonValue;
  readonly features: { readonly hasDefasync: boolean; readonly hasExtern: boolean };
  readonly archManifestPath: string;
  /** The arch manifest JSON, when the file exists and parses. */
  readonly archManifest?: JsonValue;
  readonly archManifestExists: boolean;
  readonly capsuleIndexPath: string;
  readonly capsuleIndexExists: boolean;
  readonly problems: ReadonlyArray<string>;
}

/** Directories the module-root walk skips (upstream `should_walk_dir_entry`). */
const SKIP_DIRS = new Set([".git", ".x07", "target", ".agent", ".claude"]);

const obj = (v: JsonValue | undefined): Record<string, JsonValue> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined);

const readJsonFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const bytes = yield* fs.readFile(path).pipe(Effect.orElseSucceed(() => undefined));
    if (bytes === undefined) return { ok: false as const, message: `cannot read ${path}` };
    const j = readJson(bytes);
    return j.ok ? { ok: true as const, value: j.value } : { ok: false as const, message: `${path} is not valid JSON: ${j.error.message}` };
  });

const isFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const st = yield* fs.stat(path).pipe(Effect.orElseSucceed(() => undefined));
    return st?.type === "File";
  });

/** Which declaration kinds occur in the `*.x07.json` files under the roots. */
export const scanDeclKinds = (roots: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    let hasDefasync = false;
    let hasExtern = false;
    for (const root of roots) {
      const st = yield* fs.stat(root).pipe(Effect.orElseSucceed(() => undefined));
      if (st?.type !== "Directory") continue;
      const entries = yield* fs.readDirectory(root, { recursive: true }).pipe(Effect.orElseSucceed(() => [] as string[]));
      for (const e of [...entries].map((x) => x.split(nodePath.sep).join("/")).sort()) {
        if (!e.endsWith(".x07.json") || e.split("/").slice(0, -1).some((d) => SKIP_DIRS.has(d))) continue;
        const r = yield* readJsonFile(nodePath.join(root, e));
        const decls = r.ok ? obj(r.value)?.["decls"] : undefined;
        if (!Array.isArray(decls)) continue;
        for (const d of decls) {
          const kind = obj(d)?.["kind"];
          if (kind === "defasync") hasDefasync = true;
          if (kind === "extern") hasExtern = true;
        }
        if (hasDefasync && hasExtern) return { hasDefasync, hasExtern };
      }
    }
    return { hasDefasync, hasExtern };
  });

/** The run profile x07.json selects: `default_profile`, else `dev`, else `os` (upstream `resolve_selected_profile`). */
const selectedRunProfile = (manifest: Record<string, JsonValue>): Record<string, JsonValue> | undefined => {
  const profiles = obj(manifest["profiles"]);
  if (profiles === undefined) return undefined;
  const def = manifest["default_profile"];
  const name = typeof def === "string" ? def : "dev" in profiles ? "dev" : "os" in profiles ? "os" : undefined;
  return name === undefined ? undefined : obj(profiles[name]);
};

/** Reads the facts of the project at `projectPath` (an x07.json, already resolved). */
export const readProjectFacts = (projectPath: string) =>
  Effect.gen(function* () {
    const root = nodePath.dirname(projectPath);
    const problems: string[] = [];
    const archManifestPath = nodePath.join(root, "arch", "manifest.x07arch.json");
    const capsuleIndexPath = nodePath.join(root, "arch", "capsules", "index.x07capsule.json");
    const base = {
      projectPath,
      root,
      archManifestPath,
      capsuleIndexPath,
      capsuleIndexExists: yield* isFile(capsuleIndexPath),
      archManifestExists: yield* isFile(archManifestPath),
    };
    const arch = base.archManifestExists ? yield* readJsonFile(archManifestPath) : undefined;
    if (arch !== undefined && !arch.ok) problems.push(arch.message);
    const archPart = arch?.ok === true ? { archManifest: arch.value } : {};

    const pj = yield* readJsonFile(projectPath);
    const manifest = pj.ok ? obj(pj.value) : undefined;
    if (!pj.ok || manifest === undefined) {
      problems.push(pj.ok ? `${projectPath} is not a JSON object` : pj.message);
      return { ...base, ...archPart, features: { hasDefasync: false, hasExtern: false }, problems } satisfies ProjectFacts as ProjectFacts;
    }
    const valid = yield* Effect.promise(() => validateByVersion(manifest));
    if (!valid.ok) problems.push(`${projectPath} does not validate at ${valid.pointer || "/"}: ${valid.message}`);
    const run = selectedRunProfile(manifest);
    const worldRaw = run?.["world"] ?? manifest["world"];
    const world = typeof worldRaw === "string" ? worldRaw : undefined;
    const opEntry = manifest["operational_entry_symbol"];
    const roots = Array.isArray(manifest["module_roots"]) ? manifest["module_roots"].filter((r): r is string => typeof r === "string").map((r) => nodePath.join(root, r)) : [];
    const features = yield* scanDeclKinds(roots);
    let policy: JsonValue | undefined;
    if (world === "run-os-sandboxed") {
      const p = run?.["policy"];
      if (typeof p !== "string") problems.push("run-os-sandboxed requires a policy file (the selected run profile's policy)");
      else {
        const pr = yield* readJsonFile(nodePath.isAbsolute(p) ? p : nodePath.join(root, p));
        if (pr.ok) policy = pr.value;
        else problems.push(`missing or unreadable policy file: ${pr.message}`);
      }
    }
    return {
      ...base,
      ...archPart,
      ...(world !== undefined ? { world } : {}),
      ...(typeof opEntry === "string" ? { operationalEntry: opEntry } : {}),
      ...(policy !== undefined ? { policy } : {}),
      features,
      problems,
    } satisfies ProjectFacts as ProjectFacts;
  });
