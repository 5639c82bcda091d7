/**
 * Entry-symbol resolution: each cell's `entry_symbol` must name a function (defn or defasync) that its
 * module exports. Modules are looked up as `<root>/<module path>.x07.json` under the project's
 * `module_roots`, then the project root (the order `x07 test` uses).
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { findUp, readJsonObjectOrUndefined } from "../../core/io/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { ServiceManifest } from "./rules.ts";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const readObj = readJsonObjectOrUndefined;
export { findUp };

/** The directories a project's modules are looked up in: its module_roots, then its root. */
export const projectRoots = (fs: FileSystem.FileSystem, projectFile: string) =>
  Effect.gen(function* () {
    const base = nodePath.dirname(projectFile);
    const pj = yield* readObj(fs, projectFile);
    const roots = Array.isArray(pj?.["module_roots"]) ? (pj["module_roots"] as unknown[]).filter((r): r is string => typeof r === "string") : [];
    const all = [...roots.map((r) => nodePath.join(base, r)), base].map((p) => nodePath.normalize(p));
    return [...new Set(all)];
  });

type Resolution = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether `symbol` is an exported function of its module under `roots`, and why not. */
export const resolveExportedFunction = (fs: FileSystem.FileSystem, roots: ReadonlyArray<string>, symbol: string) =>
  Effect.gen(function* () {
    const dot = symbol.lastIndexOf(".");
    if (dot <= 0 || dot === symbol.length - 1) return { ok: false, reason: `${JSON.stringify(symbol)} is not a module-qualified name (module.fn)` } satisfies Resolution;
    const mod = symbol.slice(0, dot);
    const rel = `${mod.split(".").join("/")}.x07.json`;
    for (const r of roots) {
      const doc = yield* readObj(fs, nodePath.join(r, rel));
      if (doc === undefined) continue;
      const decls: Obj[] = Array.isArray(doc["decls"]) ? (doc["decls"] as unknown[]).filter(isObj) : [];
      const fn = decls.find((d) => (d["kind"] === "defn" || d["kind"] === "defasync") && d["name"] === symbol);
      if (fn === undefined) return { ok: false, reason: `module ${mod} (${rel}) declares no function ${symbol}` } satisfies Resolution;
      const exported = decls.some((d) => d["kind"] === "export" && Array.isArray(d["names"]) && d["names"].includes(symbol));
      return (exported ? { ok: true } : { ok: false, reason: `module ${mod} declares ${symbol} but does not export it` }) satisfies Resolution;
    }
    return { ok: false, reason: `module ${mod} (${rel}) is not found under ${roots.join(", ")}` } satisfies Resolution;
  });

/**
 * Diagnostics for every cell whose entry symbol does not resolve (blank symbols are reported elsewhere).
 * @since 0.1.0
 * @category diagnostics
 */
export const entryDiagnostics = (m: ServiceManifest, roots: ReadonlyArray<string>, file?: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const out: Diagnostic[] = [];
    for (const [i, cell] of m.cells.entries()) {
      if (cell.entry_symbol.trim() === "") continue;
      const r = yield* resolveExportedFunction(fs, roots, cell.entry_symbol);
      if (!r.ok)
        out.push(
          makeDiagnostic("X07SVC_ENTRY_UNRESOLVED", `cell ${JSON.stringify(cell.cell_key)}: entry_symbol ${cell.entry_symbol} does not resolve: ${r.reason}`, {
            ptr: `/cells/${i}/entry_symbol`,
            ...(file !== undefined ? { file } : {}),
          }),
        );
    }
    return out;
  });
