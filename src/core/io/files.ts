/** File reading/writing for the stages, with failures mapped to tagged errors carrying diagnostics. */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { readJson } from "../json/index.ts";
import type { JsonValue } from "../json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import { writeFileAtomic } from "./atomic.ts";
import { FileReadError, FileWriteError } from "./errors.ts";

const reasonOf = (e: unknown): string => {
  const d = (e as { reason?: { description?: string; _tag?: string } }).reason;
  return d?.description ?? d?._tag ?? String(e);
};

/** Reads a file's bytes. */
export const readBytes = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* fs.readFile(path).pipe(
      Effect.mapError((e) => {
        const reason = reasonOf(e);
        return new FileReadError({ path, reason, diagnostics: [makeDiagnostic("X07-IO-READ-0001", `cannot read ${path}: ${reason}`, { file: path })] });
      }),
    );
  });

/** Writes a file atomically (temp file + rename). */
export const writeText = (path: string, text: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* writeFileAtomic(fs, path, text).pipe(
      Effect.mapError((e) => {
        const reason = reasonOf(e);
        return new FileWriteError({ path, reason, diagnostics: [makeDiagnostic("X07-IO-WRITE-0001", `cannot write ${path}: ${reason}`, { file: path })] });
      }),
    );
  });

/**
 * Expands paths into x07AST files: a file is taken as given; a directory contributes every `*.x07.json`
 * below it, sorted, so runs are deterministic.
 */
export const collectX07Files = (paths: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const out: string[] = [];
    for (const p of paths) {
      const st = yield* fs.stat(p).pipe(
        Effect.mapError(
          (e) => new FileReadError({ path: p, reason: reasonOf(e), diagnostics: [makeDiagnostic("X07-IO-READ-0001", `cannot read ${p}: ${reasonOf(e)}`, { file: p })] }),
        ),
      );
      if (st.type !== "Directory") {
        out.push(p);
        continue;
      }
      const entries = yield* fs.readDirectory(p, { recursive: true }).pipe(
        Effect.mapError(
          (e) => new FileReadError({ path: p, reason: reasonOf(e), diagnostics: [makeDiagnostic("X07-IO-READ-0001", `cannot list ${p}: ${reasonOf(e)}`, { file: p })] }),
        ),
      );
      const base = p.endsWith("/") ? p.slice(0, -1) : p;
      out.push(
        ...entries
          .filter((e) => e.endsWith(".x07.json") && !e.split("/").some((seg) => seg === "node_modules" || seg.startsWith(".")))
          .map((e) => `${base}/${e}`)
          .sort(),
      );
    }
    return out;
  });

/** A file's JSON value, or `undefined` when it is missing, unreadable or not JSON (for optional inputs). */
export const readJsonOrUndefined = (fs: FileSystem.FileSystem, path: string): Effect.Effect<JsonValue | undefined> =>
  fs.readFile(path).pipe(
    Effect.map((b) => {
      const j = readJson(b);
      return j.ok ? j.value : undefined;
    }),
    Effect.orElseSucceed(() => undefined),
  );

/** A file's JSON object, or `undefined` when it is missing, unreadable, not JSON or not an object. */
export const readJsonObjectOrUndefined = (fs: FileSystem.FileSystem, path: string): Effect.Effect<Record<string, unknown> | undefined> =>
  Effect.map(readJsonOrUndefined(fs, path), (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined));

/** The path of `name` in `dir` or the nearest ancestor that has it, or `undefined`. */
export const findUp = (fs: FileSystem.FileSystem, dir: string, name: string): Effect.Effect<string | undefined> =>
  Effect.gen(function* () {
    let d = dir;
    for (;;) {
      const p = nodePath.join(d, name);
      if (yield* fs.exists(p).pipe(Effect.orElseSucceed(() => false))) return p;
      const up = nodePath.dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  });
