/**
 * Module resolution: from an entry document, load every imported module, depth first.
 *
 * Rules (upstream `crates/x07c/src/module_source.rs`, `crates/x07/src/toolchain.rs`): module `a.b.c`
 * resolves to `<root>/a/b/c.x07.json`; built-in std modules resolve before any root, except `std.world.*`
 * in run-os worlds, which come only from roots; a module found under two roots is ambiguous; an import
 * cycle is an error. We report the cycle's whole path, the import's pointer, and did-you-mean suggestions.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { WorldId } from "../../core/worlds/table.ts";
import { WORLDS } from "../../core/worlds/table.ts";
import { suggestNames } from "../../core/text/suggest.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { parseX07Ast } from "../../parse/index.ts";
import type { X07AstDocument } from "../../parse/index.ts";
import { StdModules } from "./std-modules.ts";

/** A loaded module. */
export interface LoadedModule {
  readonly moduleId: string;
  readonly document: X07AstDocument;
  /** The file it came from (absent for built-in modules). */
  readonly path?: string;
  readonly builtin: boolean;
}

/** An entry and the transitive closure of its imports, dependencies before dependents. */
export interface LoadedProgram {
  readonly entry: X07AstDocument;
  readonly world: WorldId;
  /** Modules in dependency order (every module after all it imports). */
  readonly modules: ReadonlyArray<LoadedModule>;
}

export interface LoadOptions {
  readonly moduleRoots: ReadonlyArray<string>;
  readonly world: WorldId;
}

/** The relative path a module id maps to under a root. */
export const modulePath = (moduleId: string): string => `${moduleId.split(".").join("/")}.x07.json`;

interface Importer {
  readonly file: string | undefined;
  readonly ptr: string;
}

/** Loads the closure of `entry`'s imports. Diagnostics for anything missing, ambiguous, cyclic or invalid. */
export const loadProgram = (entry: X07AstDocument, options: LoadOptions) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const std = yield* StdModules;
    const diagnostics: Diagnostic[] = [];
    const loaded = new Map<string, LoadedModule>();
    const order: LoadedModule[] = [];
    const failed = new Set<string>();
    const runOs = !WORLDS[options.world].eval;

    const at = (imp: Importer) => ({ ptr: imp.ptr, ...(imp.file !== undefined ? { file: imp.file } : {}) });

    const locate = (moduleId: string, imp: Importer) =>
      Effect.gen(function* () {
        const builtin = runOs && moduleId.startsWith("std.world.") ? undefined : std.get(moduleId);
        if (builtin !== undefined) return { text: builtin.text as string | Uint8Array, path: undefined as string | undefined, builtin: true };
        const rel = modulePath(moduleId);
        const hits: string[] = [];
        for (const root of options.moduleRoots) {
          const p = nodePath.join(root, rel);
          if (yield* fs.exists(p).pipe(Effect.orElseSucceed(() => false))) hits.push(p);
        }
        if (hits.length > 1) {
          diagnostics.push(makeDiagnostic("X07-MODULE-0002", `module ${moduleId} is found under more than one module root: ${hits.join(", ")}`, { ...at(imp), data: { module_id: moduleId, paths: hits } }));
          return undefined;
        }
        const hit = hits[0];
        if (hit === undefined) {
          const suggestions = suggestNames(moduleId, [...std.ids(), ...loaded.keys()]);
          diagnostics.push(
            makeDiagnostic("X07-MODULE-0001", `unknown module ${moduleId} (searched ${rel} under ${options.moduleRoots.length === 0 ? "no module roots" : options.moduleRoots.join(", ")})`, {
              ...at(imp),
              data: { module_id: moduleId, searched: options.moduleRoots.map((r) => nodePath.join(r, rel)) },
              notes: suggestions.length > 0 ? [`did you mean ${suggestions.join(" or ")}?`] : ["add the directory that holds it with --module-root, or to module_roots in x07.json"],
            }),
          );
          return undefined;
        }
        const bytes = yield* fs.readFile(hit).pipe(Effect.orElseSucceed(() => undefined));
        if (bytes === undefined) {
          diagnostics.push(makeDiagnostic("X07-IO-READ-0001", `cannot read module ${moduleId} at ${hit}`, { ...at(imp), data: { module_id: moduleId } }));
          return undefined;
        }
        return { text: bytes as string | Uint8Array, path: hit as string | undefined, builtin: false };
      });

    // Iterative DFS with an explicit path stack, so the cycle can be reported in full.
    const visit = (moduleId: string, imp: Importer, stack: string[]): Effect.Effect<void, never, never> =>
      Effect.gen(function* () {
        if (loaded.has(moduleId) || failed.has(moduleId)) return;
        const cycleAt = stack.indexOf(moduleId);
        if (cycleAt >= 0) {
          const cycle = [...stack.slice(cycleAt), moduleId];
          diagnostics.push(makeDiagnostic("X07-MODULE-0003", `import cycle: ${cycle.join(" → ")}`, { ...at(imp), data: { cycle } }));
          return;
        }
        const src = yield* locate(moduleId, imp);
        if (src === undefined) {
          failed.add(moduleId);
          return;
        }
        const file = src.path ?? `<builtin>/${modulePath(moduleId)}`;
        const parsed = parseX07Ast(src.text, { file });
        if (!parsed.ok) {
          diagnostics.push(...parsed.diagnostics);
          failed.add(moduleId);
          return;
        }
        const doc = parsed.document;
        if (doc.moduleId !== moduleId) {
          diagnostics.push(makeDiagnostic("X07-MODULE-0004", `${file} declares module_id ${doc.moduleId}, but is imported as ${moduleId}`, { ptr: "/module_id", file }));
          failed.add(moduleId);
          return;
        }
        if (doc.kind !== "module") {
          diagnostics.push(makeDiagnostic("X07-MODULE-0005", `${moduleId} is an entry document; only module documents can be imported`, { ptr: "/kind", file }));
          failed.add(moduleId);
          return;
        }
        const next = [...stack, moduleId];
        for (const i of doc.imports) yield* visit(i.module, { file, ptr: i.ptr }, next);
        const m: LoadedModule = { moduleId, document: doc, ...(src.path !== undefined ? { path: src.path } : {}), builtin: src.builtin };
        loaded.set(moduleId, m);
        order.push(m);
      }).pipe(Effect.provideService(FileSystem.FileSystem, fs));

    for (const i of entry.imports) yield* visit(i.module, { file: entry.file, ptr: i.ptr }, [entry.moduleId]);
    const program: LoadedProgram = { entry, world: options.world, modules: order };
    return { program, diagnostics };
  });
