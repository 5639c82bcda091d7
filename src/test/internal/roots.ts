/**
 * Module roots for a test run, resolved as upstream's `x07 test` does: explicit `--module-root`s win;
 * otherwise, when an `x07.json` is found upwards from the manifest's directory, the project's
 * `module_roots`, then each locked dependency's `<path>/<module_root>` (from the lockfile, default
 * `x07.lock.json`), then the project root itself (so `gen/…` modules resolve), then the manifest directory;
 * with no project, just the manifest directory. Duplicates are dropped, order kept.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { findUp, readJsonObjectOrUndefined } from "../../core/io/index.ts";

const norm = (p: string): string => {
  const n = nodePath.normalize(p);
  return n.endsWith(nodePath.sep) && n.length > 1 ? n.slice(0, -1) : n;
};

const readObj = readJsonObjectOrUndefined;

/**
 * The module roots for a manifest directory.
 * @since 0.1.0
 * @category stages
 */
export const testModuleRoots = (manifestDir: string, explicit: ReadonlyArray<string>, cwd?: string) =>
  Effect.gen(function* () {
    if (explicit.length > 0) return [...explicit];
    const fs = yield* FileSystem.FileSystem;
    // The search for x07.json climbs from the absolute manifest directory: relative to the caller's cwd
    // (the FileSystem resolves relative paths against it), else to the process's.
    const start = cwd !== undefined ? nodePath.resolve(cwd, manifestDir) : nodePath.resolve(manifestDir);
    const project = yield* findUp(fs, start, "x07.json");
    if (project === undefined) return [manifestDir];
    const base = nodePath.dirname(project);
    const roots: string[] = [];
    const add = (p: string) => {
      const n = norm(p);
      if (!roots.some((r) => norm(r) === n)) roots.push(n);
    };
    const pj = yield* readObj(fs, project);
    const moduleRoots = Array.isArray(pj?.["module_roots"]) ? (pj["module_roots"] as unknown[]) : [];
    for (const r of moduleRoots) if (typeof r === "string") add(nodePath.join(base, r));
    const lockName = typeof pj?.["lockfile"] === "string" ? (pj["lockfile"] as string) : "x07.lock.json";
    const lock = yield* readObj(fs, nodePath.join(base, lockName));
    const deps = Array.isArray(lock?.["dependencies"]) ? (lock["dependencies"] as unknown[]) : [];
    for (const d of deps) {
      const o = d as Record<string, unknown>;
      if (typeof o?.["path"] === "string") add(nodePath.join(base, o["path"], typeof o["module_root"] === "string" ? o["module_root"] : "."));
    }
    add(base);
    add(start);
    return roots;
  });

/** The entry's declaration kind and parameter types, looked up in the module file under the roots. */
export const resolveEntry = (roots: ReadonlyArray<string>, entry: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const mod = entry.slice(0, entry.lastIndexOf("."));
    const rel = `${mod.split(".").join("/")}.x07.json`;
    for (const r of roots) {
      const doc = yield* readObj(fs, nodePath.join(r, rel));
      if (doc === undefined) continue;
      const decls = Array.isArray(doc["decls"]) ? (doc["decls"] as Array<Record<string, unknown>>) : [];
      const d = decls.find((x) => (x?.["kind"] === "defn" || x?.["kind"] === "defasync") && x["name"] === entry);
      if (d === undefined) return undefined;
      const params = Array.isArray(d["params"]) ? (d["params"] as Array<Record<string, unknown>>) : [];
      return {
        kind: d["kind"] as "defn" | "defasync",
        result: typeof d["result"] === "string" ? (d["result"] as string) : "",
        paramTys: params.map((p) => (typeof p?.["ty"] === "string" ? (p["ty"] as string) : JSON.stringify(p?.["ty"]))),
      };
    }
    return undefined;
  });
