/** Writing a template into a directory: the non-empty check, atomic writes, the .gitignore merge. */
import * as nodePath from "node:path";
import { Data, Effect, FileSystem } from "effect";
import { writeFileAtomic } from "../../core/io/atomic.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { mergeGitignore } from "./files.ts";
import type { TemplateFile } from "./files.ts";

/**
 * `x07 init` could not scaffold: the directory is not empty (X07INIT_EXISTS), could not be created
 * (X07INIT_MKDIR), or a file could not be written (X07INIT_IO). `created` lists what was written before.
 * @since 0.1.0
 * @category errors
 */
export class InitError extends Data.TaggedError("InitError")<{
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly created: ReadonlyArray<string>;
}> {
  override get message(): string {
    return this.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ");
  }
}

const reasonOf = (e: unknown): string => {
  const r = (e as { reason?: { description?: string; _tag?: string } }).reason;
  return r?.description ?? r?._tag ?? String(e);
};

const fail = (code: "X07INIT_EXISTS" | "X07INIT_MKDIR" | "X07INIT_IO", message: string, created: ReadonlyArray<string>, data?: Record<string, unknown>) =>
  Effect.fail(new InitError({ diagnostics: [makeDiagnostic(code, message, data !== undefined ? { data } : {})], created }));

/** Makes sure `dir` is a directory we may write into: created when missing, refused when non-empty unless `force`. */
const prepareDir = (fs: FileSystem.FileSystem, dir: string, force: boolean) =>
  Effect.gen(function* () {
    const exists = yield* fs.exists(dir).pipe(Effect.orElseSucceed(() => false));
    if (!exists) {
      return yield* fs.makeDirectory(dir, { recursive: true }).pipe(Effect.catch((e) => fail("X07INIT_MKDIR", `cannot create ${dir}: ${reasonOf(e)}`, [])));
    }
    const st = yield* fs.stat(dir).pipe(Effect.catch((e) => fail("X07INIT_MKDIR", `cannot inspect ${dir}: ${reasonOf(e)}`, [])));
    if (st.type !== "Directory") return yield* fail("X07INIT_MKDIR", `${dir} exists and is not a directory`, []);
    const entries = [...(yield* fs.readDirectory(dir).pipe(Effect.catch((e) => fail("X07INIT_MKDIR", `cannot list ${dir}: ${reasonOf(e)}`, []))))].sort();
    if (entries.length > 0 && !force) {
      const shown = entries.slice(0, 8).join(", ") + (entries.length > 8 ? `, … (${entries.length} entries)` : "");
      return yield* fail("X07INIT_EXISTS", `refusing to scaffold into the non-empty directory ${dir} (contains ${shown}); pass --force to write into it`, [], { entries: entries.slice(0, 100) });
    }
  });

/** The bytes to write for one file: a forced scaffold merges into an existing .gitignore instead of replacing it. */
const contentFor = (fs: FileSystem.FileSystem, abs: string, f: TemplateFile, force: boolean) =>
  Effect.gen(function* () {
    if (f.path !== ".gitignore" || !force) return f.text;
    const existing = yield* fs.readFileString(abs).pipe(Effect.orElseSucceed(() => undefined));
    if (existing === undefined) return f.text;
    return mergeGitignore(existing) ?? null;
  });

/** Writes the files (sorted by path) under `dir`; returns the paths written, in that order. */
export const writeTemplate = (dir: string, files: ReadonlyArray<TemplateFile>, force: boolean) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    yield* prepareDir(fs, dir, force);
    const created: string[] = [];
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const abs = nodePath.join(dir, f.path);
      const text = yield* contentFor(fs, abs, f, force);
      if (text === null) continue;
      yield* writeFileAtomic(fs, abs, text).pipe(Effect.catch((e) => fail("X07INIT_IO", `cannot write ${f.path}: ${reasonOf(e)}`, [...created], { path: f.path })));
      created.push(f.path);
    }
    return created;
  });
