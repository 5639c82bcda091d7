/**
 * The file-level authoring commands as Effects over the FileSystem service: fmt, lint, fix and
 * multi-file patch application. Inputs that do not parse fail the whole command with
 * `InvalidInputError` (carrying every file's diagnostics) before anything is written.
 */
import * as nodePath from "node:path";
import { Effect } from "effect";
import { canonicalJson, readJson } from "../../core/json/index.ts";
import { validateByVersion } from "../../core/contracts/written.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagReport, makeDiagnostic } from "../../diag/index.ts";
import type { DiagReport, Diagnostic, PatchOp } from "../../diag/index.ts";
import { parseX07AstValue, x07AstToJson } from "../../parse/index.ts";
import { InvalidInputError } from "../../core/io/errors.ts";
import { collectX07Files, readBytes, writeText } from "../../core/io/files.ts";
import { formatX07Ast } from "./fmt.ts";
import { fixX07Ast } from "./fix.ts";
import { lintX07Ast } from "./lint.ts";
import { applyJsonPatch } from "./patch.ts";

/** The outcome of `fmt` over files. */
export interface FmtFilesResult {
  readonly files: ReadonlyArray<string>;
  /** Files whose text is not canonical (with `write`, the ones rewritten). */
  readonly notFormatted: ReadonlyArray<string>;
  readonly written: ReadonlyArray<string>;
}

/** Reads and parses every file first; fails with all parse diagnostics if any file is invalid. */
const readAll = <T extends { ok: boolean }>(files: ReadonlyArray<string>, f: (bytes: Uint8Array, file: string) => T) =>
  Effect.gen(function* () {
    const out: Array<{ file: string; result: T }> = [];
    const bad: Diagnostic[] = [];
    for (const file of files) {
      const bytes = yield* readBytes(file);
      const result = f(bytes, file);
      if (!result.ok && "diagnostics" in result) bad.push(...(result as unknown as { diagnostics: Diagnostic[] }).diagnostics);
      out.push({ file, result });
    }
    if (bad.length > 0) return yield* Effect.fail(new InvalidInputError({ diagnostics: bad }));
    return out;
  });

/** `x07 fmt --check|--write` over files and directories. */
export const fmtFiles = (paths: ReadonlyArray<string>, options: { readonly write: boolean; readonly pretty?: boolean }) =>
  Effect.gen(function* () {
    const files = yield* collectX07Files(paths);
    const results = yield* readAll(files, (bytes, file) => formatX07Ast(bytes, { file, pretty: options.pretty ?? false }));
    const notFormatted: string[] = [];
    const written: string[] = [];
    for (const { file, result } of results) {
      if (!result.ok || !result.changed) continue;
      notFormatted.push(file);
      if (options.write) {
        yield* writeText(file, result.formatted);
        written.push(file);
      }
    }
    return { files, notFormatted, written } satisfies FmtFilesResult;
  });

/** `x07 lint` over files and directories: one x07diag report. */
export const lintFiles = (paths: ReadonlyArray<string>, options: { readonly world?: WorldId } = {}) =>
  Effect.gen(function* () {
    const files = yield* collectX07Files(paths);
    const results = yield* readAll(files, (bytes, file) => {
      const r = lintX07Ast(bytes, { file, ...(options.world !== undefined ? { world: options.world } : {}) });
      return r.document === undefined ? { ok: false as const, diagnostics: r.diagnostics } : { ok: true as const, diagnostics: r.diagnostics };
    });
    const report: DiagReport = makeDiagReport(results.flatMap((r) => r.result.diagnostics), { files });
    return report;
  });

/** The outcome of `fix` over files. */
export interface FixFilesResult {
  readonly report: DiagReport;
  readonly applied: ReadonlyArray<{ readonly file: string; readonly code: string; readonly note: string }>;
  readonly written: ReadonlyArray<string>;
}

/** `x07 fix [--write]`: applies quickfixes, rewrites canonically. */
export const fixFiles = (paths: ReadonlyArray<string>, options: { readonly world?: WorldId; readonly write: boolean }) =>
  Effect.gen(function* () {
    const files = yield* collectX07Files(paths);
    const remaining: Diagnostic[] = [];
    const applied: Array<{ file: string; code: string; note: string }> = [];
    const written: string[] = [];
    for (const file of files) {
      const bytes = yield* readBytes(file);
      const r = fixX07Ast(bytes, { file, ...(options.world !== undefined ? { world: options.world } : {}) });
      remaining.push(...r.diagnostics);
      applied.push(...r.applied.map((a) => ({ file, ...a })));
      if (options.write && r.formatted !== undefined && r.formatted !== new TextDecoder().decode(bytes)) {
        yield* writeText(file, r.formatted);
        written.push(file);
      }
    }
    return { report: makeDiagReport(remaining, { files }), applied, written } satisfies FixFilesResult;
  });

/** The x07.patchset@0.1.0 document's schema_version. */
export const PATCHSET_SCHEMA_VERSION = "x07.patchset@0.1.0";

/** The outcome of `patch apply`. */
export interface PatchApplyResult {
  readonly ok: boolean;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly write: boolean;
  readonly changedPaths: ReadonlyArray<string>;
  readonly createdPaths: ReadonlyArray<string>;
}

const patchsetError = (message: string, ptr: string, file: string): Diagnostic =>
  makeDiagnostic("X07-PATCHSET-0001", message, { ptr, file });

/** Validates the patchset shape; returns its targets or diagnostics. */
const readPatchset = (v: JsonValue, file: string): { targets: Array<{ path: string; patch: PatchOp[] }> } | { diagnostics: Diagnostic[] } => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { diagnostics: [patchsetError("a patchset is a JSON object", "", file)] };
  if (v["schema_version"] !== PATCHSET_SCHEMA_VERSION) {
    return { diagnostics: [patchsetError(`schema_version must be ${PATCHSET_SCHEMA_VERSION}, got ${JSON.stringify(v["schema_version"] ?? null)}`, "/schema_version", file)] };
  }
  const extra = Object.keys(v).filter((k) => k !== "schema_version" && k !== "patches");
  if (extra.length > 0) return { diagnostics: [patchsetError(`unknown field ${JSON.stringify(extra[0])}`, `/${extra[0]}`, file)] };
  const patches = v["patches"];
  if (!Array.isArray(patches)) return { diagnostics: [patchsetError("patches must be an array", "/patches", file)] };
  const targets: Array<{ path: string; patch: PatchOp[] }> = [];
  const diagnostics: Diagnostic[] = [];
  patches.forEach((t, i) => {
    const ptr = `/patches/${i}`;
    if (t === null || typeof t !== "object" || Array.isArray(t)) return diagnostics.push(patchsetError("a patch target is an object {path, patch, note?}", ptr, file));
    const p = t["path"];
    const ops = t["patch"];
    if (typeof p !== "string" || p.length === 0) return diagnostics.push(patchsetError("path must be a non-empty string", `${ptr}/path`, file));
    if (nodePath.isAbsolute(p) || p.split(/[\\/]/).includes("..")) return diagnostics.push(patchsetError(`path must stay under the repository root: ${p}`, `${ptr}/path`, file));
    if (!Array.isArray(ops)) return diagnostics.push(patchsetError("patch must be an array of RFC 6902 operations", `${ptr}/patch`, file));
    targets.push({ path: p, patch: ops as unknown as PatchOp[] });
    return undefined;
  });
  return diagnostics.length > 0 ? { diagnostics } : { targets };
};

/**
 * `x07 patch apply --in PATCHSET [--repo-root DIR] [--write]`. Every target is patched in memory first;
 * only when all succeed (and, for x07AST files, still parse) is anything written, each file atomically.
 * Without `write` it is a dry run.
 */
export const patchApply = (patchsetPath: string, options: { readonly repoRoot?: string; readonly write: boolean }) =>
  Effect.gen(function* () {
    const root = options.repoRoot ?? ".";
    const bytes = yield* readBytes(patchsetPath);
    const read = readJson(bytes);
    if (!read.ok) return yield* Effect.fail(new InvalidInputError({ diagnostics: [patchsetError(`the patchset is not valid JSON: ${read.error.message}`, read.error.pointer, patchsetPath)] }));
    const valid = yield* Effect.promise(() => validateByVersion(read.value));
    if (!valid.ok && read.value !== null && typeof read.value === "object" && !Array.isArray(read.value) && read.value["schema_version"] === PATCHSET_SCHEMA_VERSION) {
      return yield* Effect.fail(new InvalidInputError({ diagnostics: [patchsetError(`the patchset does not match its schema: ${valid.message}`, valid.pointer, patchsetPath)] }));
    }
    const ps = readPatchset(read.value, patchsetPath);
    if ("diagnostics" in ps) return yield* Effect.fail(new InvalidInputError({ diagnostics: ps.diagnostics }));
    const outputs = new Map<string, { text: string; created: boolean; rel: string }>();
    const diagnostics: Diagnostic[] = [];
    for (const [i, t] of ps.targets.entries()) {
      const full = nodePath.join(root, t.path);
      const prior = outputs.get(full);
      let current: JsonValue;
      let created = false;
      if (prior !== undefined) {
        const r = readJson(prior.text);
        current = r.ok ? r.value : {};
        created = prior.created;
      } else {
        const existing = yield* readBytes(full).pipe(Effect.option);
        if (existing._tag === "None") {
          current = {};
          created = true;
        } else {
          const r = readJson(existing.value);
          if (!r.ok) {
            diagnostics.push(makeDiagnostic("X07-PATCHSET-0001", `target ${t.path} is not valid JSON: ${r.error.message}`, { ptr: `/patches/${i}/path`, file: patchsetPath }));
            continue;
          }
          current = r.value;
        }
      }
      const applied = applyJsonPatch(current, t.patch, full);
      if (!applied.ok) {
        diagnostics.push({ ...applied.diagnostic, data: { ...applied.diagnostic.data, patchset: patchsetPath, target_index: i } });
        continue;
      }
      let text = canonicalJson(applied.value) + "\n";
      if (t.path.endsWith(".x07.json")) {
        const parsed = parseX07AstValue(applied.value, { file: full });
        if (!parsed.ok) {
          diagnostics.push(...parsed.diagnostics);
          continue;
        }
        text = canonicalJson(x07AstToJson(parsed.document)) + "\n";
      }
      outputs.set(full, { text, created, rel: t.path });
    }
    const ok = diagnostics.length === 0;
    if (ok && options.write) {
      for (const [full, o] of outputs) yield* writeText(full, o.text);
    }
    const changedPaths = [...new Set([...outputs.values()].map((o) => o.rel))].sort();
    const createdPaths = [...outputs.values()].filter((o) => o.created).map((o) => o.rel).sort();
    return { ok, diagnostics, write: options.write, changedPaths: ok ? changedPaths : [], createdPaths: ok ? createdPaths : [] } satisfies PatchApplyResult;
  });
