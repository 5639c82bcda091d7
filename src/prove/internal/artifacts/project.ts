/**
 * Where a verify run reads from: the project manifest (explicit `--project`, else the nearest `x07.json`
 * above the cwd), the module roots (explicit, else the project's `module_roots` plus locked dependencies,
 * else the program's directory or the cwd), and the world. Then the checked program holding the entry: the
 * `--program` file, or a synthetic entry that imports the entry symbol's module.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { checkDocument, checkFile } from "../../../check/index.ts";
import type { CheckedProgram } from "../../../check/index.ts";
import { readJsonObjectOrUndefined } from "../../../core/io/index.ts";
import { DEFAULT_WORLD, isWorldId } from "../../../core/worlds/table.ts";
import type { WorldId } from "../../../core/worlds/table.ts";
import type { Diagnostic } from "../../../diag/index.ts";
import { parseX07AstValue } from "../../../parse/index.ts";
import type { StdModules } from "../../../check/index.ts";

/** A setup failure: the X07V code upstream uses for it and a message. */
export interface SetupFailure {
  readonly code: "X07V_EPROJECT" | "X07V_EMODULE_ROOTS" | "X07V_ETARGET" | "X07V_EARGS";
  readonly message: string;
  readonly diagnostics?: ReadonlyArray<Diagnostic>;
}

/** The resolved inputs of a verify run. Paths are absolute. */
export interface VerifyProject {
  readonly cwd: string;
  readonly manifestPath?: string;
  /** The project directory, or the cwd without a project. */
  readonly root: string;
  readonly moduleRoots: ReadonlyArray<string>;
  readonly world: WorldId;
  readonly program?: string;
}

export interface ProjectInput {
  readonly cwd: string;
  readonly project?: string;
  readonly moduleRoots?: ReadonlyArray<string>;
  readonly program?: string;
}

const readObject = readJsonObjectOrUndefined;

const isFile = (fs: FileSystem.FileSystem, p: string) =>
  fs.stat(p).pipe(
    Effect.map((s) => s.type === "File"),
    Effect.orElseSucceed(() => false),
  );

/** The nearest `x07.json` at or above `dir`. */
export const findManifestUp = (fs: FileSystem.FileSystem, dir: string) =>
  Effect.gen(function* () {
    let d = dir;
    for (;;) {
      const p = nodePath.join(d, "x07.json");
      if (yield* isFile(fs, p)) return p;
      const up = nodePath.dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  });

/** Resolves the manifest, module roots and world. */
export const resolveProject = (input: ProjectInput): Effect.Effect<VerifyProject, SetupFailure, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const abs = (p: string) => nodePath.resolve(input.cwd, p);
    let manifestPath: string | undefined;
    if (input.project !== undefined) {
      const p = abs(input.project);
      const cand = (yield* isFile(fs, p)) ? p : nodePath.join(p, "x07.json");
      if (!(yield* isFile(fs, cand))) return yield* Effect.fail<SetupFailure>({ code: "X07V_EPROJECT", message: `--project path not found: ${input.project}` });
      manifestPath = cand;
    } else manifestPath = yield* findManifestUp(fs, input.cwd);
    const manifest = manifestPath !== undefined ? yield* readObject(fs, manifestPath) : undefined;
    if (manifestPath !== undefined && manifest === undefined)
      return yield* Effect.fail<SetupFailure>({ code: "X07V_EPROJECT", message: `${manifestPath} is not a JSON object` });
    const root = manifestPath !== undefined ? nodePath.dirname(manifestPath) : input.cwd;
    const world: WorldId = typeof manifest?.["world"] === "string" && isWorldId(manifest["world"]) ? manifest["world"] : DEFAULT_WORLD;
    const roots: string[] = [];
    const add = (p: string) => {
      const n = nodePath.normalize(p);
      if (!roots.includes(n)) roots.push(n);
    };
    if (input.moduleRoots !== undefined && input.moduleRoots.length > 0) input.moduleRoots.forEach((r) => add(abs(r)));
    else if (manifest !== undefined) {
      const mr = manifest["module_roots"];
      if (mr !== undefined && (!Array.isArray(mr) || !mr.every((x) => typeof x === "string")))
        return yield* Effect.fail<SetupFailure>({ code: "X07V_EMODULE_ROOTS", message: `${manifestPath}: module_roots must be an array of paths` });
      for (const r of (mr as string[] | undefined) ?? []) add(nodePath.join(root, r));
      const lockName = typeof manifest["lockfile"] === "string" ? manifest["lockfile"] : "x07.lock.json";
      const lock = yield* readObject(fs, nodePath.join(root, lockName));
      const deps = Array.isArray(lock?.["dependencies"]) ? (lock["dependencies"] as unknown[]) : [];
      for (const d of deps) {
        const o = d as Record<string, unknown>;
        if (typeof o?.["path"] === "string") add(nodePath.join(root, o["path"], typeof o["module_root"] === "string" ? o["module_root"] : "."));
      }
      if (roots.length === 0) add(root);
    } else add(input.program !== undefined ? nodePath.dirname(abs(input.program)) : input.cwd);
    return {
      cwd: input.cwd,
      ...(manifestPath !== undefined ? { manifestPath } : {}),
      root,
      moduleRoots: roots,
      world,
      ...(input.program !== undefined ? { program: abs(input.program) } : {}),
    };
  });

/** The module id of a symbol (`a.b.f` → `a.b`), or undefined without a dot. */
export const moduleOf = (symbol: string): string | undefined => {
  const i = symbol.lastIndexOf(".");
  return i <= 0 || i === symbol.length - 1 ? undefined : symbol.slice(0, i);
};

/** Checks the program that holds `entry`; a failure is X07V_ETARGET with the checker's diagnostics. */
export const loadChecked = (project: VerifyProject, entry: string): Effect.Effect<CheckedProgram, SetupFailure, FileSystem.FileSystem | StdModules> =>
  Effect.gen(function* () {
    const mod = moduleOf(entry);
    if (mod === undefined) return yield* Effect.fail<SetupFailure>({ code: "X07V_EARGS", message: `--entry must be a qualified symbol (module.fn), got ${JSON.stringify(entry)}` });
    const options = { moduleRoots: project.moduleRoots, world: project.world };
    let result: { readonly program?: CheckedProgram; readonly diagnostics: ReadonlyArray<Diagnostic> };
    if (project.program !== undefined)
      result = yield* checkFile(project.program, options).pipe(Effect.catch((e: { readonly diagnostics: ReadonlyArray<Diagnostic> }) => Effect.succeed({ diagnostics: e.diagnostics })));
    else {
      const doc = parseX07AstValue({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "x07_verify_main", imports: [mod], decls: [], solve: ["bytes.alloc", 0] });
      if (!doc.ok) return yield* Effect.fail<SetupFailure>({ code: "X07V_ETARGET", message: `cannot build an entry importing ${mod}`, diagnostics: doc.diagnostics });
      result = yield* checkDocument(doc.document, options);
    }
    const program = result.program;
    if (program === undefined) {
      const first = result.diagnostics.find((d) => d.severity === "error");
      return yield* Effect.fail<SetupFailure>({
        code: "X07V_ETARGET",
        message: `module ${mod} does not check${first !== undefined ? `: ${first.code} ${first.message}` : ""}`,
        diagnostics: result.diagnostics,
      });
    }
    const fn = program.functions.get(entry);
    if (fn === undefined || (fn.decl.kind !== "defn" && fn.decl.kind !== "defasync"))
      return yield* Effect.fail<SetupFailure>({ code: "X07V_ETARGET", message: `could not find function ${JSON.stringify(entry)} in module ${mod}` });
    return program;
  });
