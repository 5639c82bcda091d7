/**
 * The project context a trust report describes: the manifest, the selected run profile (as upstream
 * selects it: --profile, else default_profile, else "dev", else "os"), its world, runner and run caps,
 * the lockfile (read, or an empty one computed when no dependencies are declared), module roots, the
 * arch manifest's world assignments and budget profiles, and, for run-os-sandboxed, the policy document.
 */
import { Effect } from "effect";
import { validateByVersion } from "../../../core/contracts/written.ts";
import { InvalidInputError } from "../../../core/io/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";
import { isWorldId } from "../../../core/worlds/table.ts";
import type { WorldId } from "../../../core/worlds/table.ts";
import { WORLDS } from "../../../core/worlds/table.ts";
import { makeDiagnostic } from "../../../diag/index.ts";
import { asArray, asStr, asU64, byteCompare, get, isObject } from "./json.ts";
import { dropCurDir, joinPath, parentOf } from "./paths.ts";
import { kindOf, readJsonFile } from "./read.ts";

export const DEFAULT_SOLVE_FUEL = 50_000_000;
export const DEFAULT_MAX_MEMORY_BYTES = 64 * 1024 * 1024;
export const LOCKFILE_VERSIONS = ["x07.lock@0.2.0", "x07.lock@0.3.0", "x07.lock@0.4.0"];

export interface RunCaps {
  readonly solve_fuel: number;
  readonly max_memory_bytes: number;
  readonly max_output_bytes: number | null;
  readonly cpu_time_limit_seconds: number | null;
}

export interface LockedDep {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly module_root: string;
}

export interface ArchBudgetProfileRef {
  readonly id: string;
  readonly enforce: string;
  readonly worlds_allowed: string[];
}

export interface ProjectContext {
  readonly projectPath: string | null;
  readonly root: string;
  readonly world: WorldId;
  readonly runner: "host" | "os";
  readonly moduleRoots: string[];
  readonly profile: string | null;
  readonly declaredDependencies: ReadonlyArray<JsonValue>;
  readonly lockfilePath: string | null;
  /** The lock's dependencies; null when there is no lockfile and dependencies are declared. */
  readonly lockDeps: LockedDep[] | null;
  readonly stdlibLockPath: string | null;
  readonly archRoot: string | null;
  readonly archManifestPath: string | null;
  readonly policyPath: string | null;
  readonly policyDoc: JsonValue | null;
  readonly runCaps: RunCaps;
  readonly archWorldAssignments: Array<{ node_id: string; world: string }>;
  readonly archBudgetProfiles: ArchBudgetProfileRef[];
}

const fail = (message: string, file?: string) => Effect.fail(new InvalidInputError({ diagnostics: [makeDiagnostic("X07TR_EPROJECT", message, file === undefined ? {} : { file })] }));

/** The context without a project: solve-pure with default caps. */
export const noProjectContext = (profile: string | null): ProjectContext => ({
  projectPath: null,
  root: "",
  world: "solve-pure",
  runner: "host",
  moduleRoots: [],
  profile,
  declaredDependencies: [],
  lockfilePath: null,
  lockDeps: null,
  stdlibLockPath: null,
  archRoot: null,
  archManifestPath: null,
  policyPath: null,
  policyDoc: null,
  runCaps: { solve_fuel: DEFAULT_SOLVE_FUEL, max_memory_bytes: DEFAULT_MAX_MEMORY_BYTES, max_output_bytes: null, cpu_time_limit_seconds: null },
  archWorldAssignments: [],
  archBudgetProfiles: [],
});

/** The profile upstream's run selection picks, or an error message. */
export const selectProfile = (manifest: JsonValue, cliProfile: string | null): { readonly name: string | null; readonly profile: JsonValue | null } | string => {
  const cli = cliProfile?.trim() || null;
  const profiles = get(manifest, "profiles");
  if (!isObject(profiles)) return cli !== null ? "--profile requires x07.json.profiles" : { name: null, profile: null };
  const dflt = asStr(get(manifest, "default_profile"))?.trim() || null;
  const name = cli ?? dflt ?? (Object.hasOwn(profiles, "dev") ? "dev" : Object.hasOwn(profiles, "os") ? "os" : null);
  if (name === null) return "profiles present but default_profile missing; set default_profile or pass --profile";
  if (!Object.hasOwn(profiles, name)) return `unknown profile ${JSON.stringify(name)} (available: ${Object.keys(profiles).sort(byteCompare).join(", ")})`;
  return { name, profile: profiles[name]! };
};

const readLockDeps = (doc: JsonValue): LockedDep[] =>
  (asArray(get(doc, "dependencies")) ?? []).flatMap((d) => {
    const name = asStr(get(d, "name"));
    const version = asStr(get(d, "version"));
    const path = asStr(get(d, "path"));
    return name !== undefined && version !== undefined && path !== undefined ? [{ name, version, path, module_root: asStr(get(d, "module_root")) ?? "modules" }] : [];
  });

/** Resolves the context of the project manifest at `projectPath`. */
export const resolveProjectContext = (projectPath: string, cliProfile: string | null) =>
  Effect.gen(function* () {
    const manifestFile = yield* readJsonFile(projectPath);
    if (!manifestFile.ok) return yield* fail(`load project: ${manifestFile.detail}`, projectPath);
    const manifest = manifestFile.value;
    const valid = yield* Effect.promise(() => validateByVersion(manifest));
    if (!valid.ok) return yield* fail(`project ${projectPath} does not match its schema at ${valid.pointer || "/"}: ${valid.message}`, projectPath);
    const root = parentOf(projectPath);

    const sel = selectProfile(manifest, cliProfile);
    if (typeof sel === "string") return yield* fail(sel, projectPath);
    const profileWorld = sel.profile === null ? undefined : asStr(get(sel.profile, "world"))?.trim();
    const worldText = profileWorld ?? asStr(get(manifest, "world")) ?? "";
    if (!isWorldId(worldText)) return yield* fail(`invalid world ${JSON.stringify(worldText)}`, projectPath);
    const world: WorldId = worldText;
    const profilePolicy = sel.profile === null ? undefined : asStr(get(sel.profile, "policy"))?.trim() || undefined;
    if (sel.profile !== null) {
      if (world === "run-os-sandboxed" && profilePolicy === undefined) return yield* fail(`profiles[${JSON.stringify(sel.name)}].policy is required when its world is run-os-sandboxed`, projectPath);
      if (world !== "run-os-sandboxed" && profilePolicy !== undefined) return yield* fail(`profiles[${JSON.stringify(sel.name)}].policy is only valid when its world is run-os-sandboxed`, projectPath);
    }
    const runCaps: RunCaps = {
      solve_fuel: asU64(get(sel.profile, "solve_fuel")) ?? DEFAULT_SOLVE_FUEL,
      max_memory_bytes: asU64(get(sel.profile, "max_memory_bytes")) ?? DEFAULT_MAX_MEMORY_BYTES,
      max_output_bytes: asU64(get(sel.profile, "max_output_bytes")) ?? null,
      cpu_time_limit_seconds: asU64(get(sel.profile, "cpu_time_limit_seconds")) ?? null,
    };

    const declaredDependencies = asArray(get(manifest, "dependencies")) ?? [];
    const lockfilePath = joinPath(root, asStr(get(manifest, "lockfile")) ?? "x07.lock.json");
    let lockDeps: LockedDep[] | null = null;
    let lockExists = false;
    const lock = yield* readJsonFile(lockfilePath);
    if (lock.ok) {
      lockExists = true;
      const sv = asStr(get(lock.value, "schema_version"))?.trim() ?? "";
      if (!LOCKFILE_VERSIONS.includes(sv)) return yield* fail(`lockfile schema_version mismatch: expected one of ${LOCKFILE_VERSIONS.join(", ")} got ${JSON.stringify(sv)}`, lockfilePath);
      lockDeps = readLockDeps(lock.value);
    } else if (lock.reason !== "missing") {
      return yield* fail(`lockfile: ${lock.detail}`, lockfilePath);
    } else if (declaredDependencies.length === 0) {
      lockDeps = [];
    }

    const manifestRoots = (asArray(get(manifest, "module_roots")) ?? []).filter((r): r is string => typeof r === "string").map((r) => dropCurDir(joinPath(root, r)));
    const depRoots = (lockDeps ?? []).map((d) => dropCurDir(joinPath(joinPath(root, d.path), d.module_root)));
    const moduleRoots = lockDeps === null ? (asArray(get(manifest, "module_roots")) ?? []).filter((r): r is string => typeof r === "string").map((r) => joinPath(root, r)) : [...new Set([...manifestRoots, ...depRoots])];

    const stdlibLock = joinPath(root, "stdlib.lock");
    const stdlibLockPath = (yield* kindOf(stdlibLock)) === "file" ? stdlibLock : null;
    const archDir = joinPath(root, "arch");
    const archRoot = (yield* kindOf(archDir)) === "dir" ? archDir : null;
    const archManifest = archRoot === null ? null : joinPath(archRoot, "manifest.x07arch.json");
    const archManifestPath = archManifest !== null && (yield* kindOf(archManifest)) === "file" ? archManifest : null;

    const archWorldAssignments: Array<{ node_id: string; world: string }> = [];
    if (archManifestPath !== null) {
      const doc = yield* readJsonFile(archManifestPath);
      if (doc.ok)
        for (const node of asArray(get(doc.value, "nodes")) ?? []) {
          const id = asStr(get(node, "id"));
          const w = asStr(get(node, "world"));
          if (id !== undefined && w !== undefined) archWorldAssignments.push({ node_id: id, world: w });
        }
    }
    archWorldAssignments.sort((a, b) => byteCompare(a.node_id, b.node_id));

    const archBudgetProfiles: ArchBudgetProfileRef[] = [];
    if (archRoot !== null) {
      const doc = yield* readJsonFile(joinPath(archRoot, "budgets/index.x07budgets.json"));
      if (doc.ok)
        for (const p of asArray(get(doc.value, "profiles")) ?? []) {
          const id = asStr(get(p, "id"));
          if (id === undefined) continue;
          archBudgetProfiles.push({
            id,
            enforce: asStr(get(p, "enforce")) ?? "off",
            worlds_allowed: (asArray(get(p, "worlds_allowed")) ?? []).filter((w): w is string => typeof w === "string"),
          });
        }
    }
    archBudgetProfiles.sort((a, b) => byteCompare(a.id, b.id));

    let policyPath: string | null = null;
    let policyDoc: JsonValue | null = null;
    if (world === "run-os-sandboxed") {
      if (profilePolicy === undefined) return yield* fail("run-os-sandboxed requires a policy file (profile policy)", projectPath);
      const p = joinPath(root, profilePolicy);
      const doc = yield* readJsonFile(p);
      if (!doc.ok) return yield* fail(doc.reason === "missing" ? `missing policy file: ${p}` : doc.detail, p);
      policyPath = p;
      policyDoc = doc.value;
    }

    return {
      projectPath,
      root,
      world,
      runner: WORLDS[world].eval ? "host" : "os",
      moduleRoots,
      profile: cliProfile,
      declaredDependencies,
      lockfilePath: lockExists ? lockfilePath : null,
      lockDeps,
      stdlibLockPath,
      archRoot,
      archManifestPath,
      policyPath,
      policyDoc,
      runCaps,
      archWorldAssignments,
      archBudgetProfiles,
    } satisfies ProjectContext;
  });
