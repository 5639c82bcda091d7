/** Writing artifacts: every JSON document is schema-checked first and written canonically via temp + rename. */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { validateByVersion } from "../../../core/contracts/written.ts";
import { writeFileAtomic } from "../../../core/io/atomic.ts";
import { canonicalPrettyText } from "./canon.ts";

/** A document that does not validate against its own schema: an SDK bug, never written. */
export class ArtifactInvalid {
  readonly _tag = "ArtifactInvalid";
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

/** A file that could not be written. */
export class ArtifactWriteFailed {
  readonly _tag = "ArtifactWriteFailed";
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

export type ArtifactError = ArtifactInvalid | ArtifactWriteFailed;

/** Writes text (or bytes) atomically. */
export const writeText = (path: string, data: string | Uint8Array): Effect.Effect<void, ArtifactWriteFailed, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    yield* writeFileAtomic(fs, path, data).pipe(Effect.mapError((e) => new ArtifactWriteFailed(path, String((e as { message?: unknown }).message ?? e))));
  });

/** Validates a document against the schema its `schema_version` names, then writes its canonical text; returns the text. */
export const writeDocument = (path: string, doc: object): Effect.Effect<string, ArtifactError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const v = yield* Effect.promise(() => validateByVersion(JSON.parse(JSON.stringify(doc))));
    if (!v.ok) return yield* Effect.fail(new ArtifactInvalid(path, `${v.pointer}: ${v.message}`));
    const text = canonicalPrettyText(doc);
    yield* writeText(path, text);
    return text;
  });

/** Reads a file, or undefined. */
export const readMaybe = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* fs.readFile(path).pipe(Effect.orElseSucceed(() => undefined));
  });

/** Copies a file (atomic write of its bytes); fails when the source is missing. */
export const copyFile = (from: string, to: string) =>
  Effect.gen(function* () {
    const b = yield* readMaybe(from);
    if (b === undefined) return yield* Effect.fail(new ArtifactWriteFailed(to, `missing ${from}`));
    yield* writeText(to, b);
  });

/** Removes a directory tree (missing is fine). */
export const removeTree = (dir: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    yield* fs.remove(dir, { recursive: true, force: true }).pipe(Effect.ignore);
  });

/** A path as reports show it: relative to `base` when inside it (posix separators), else absolute. */
export const shownPath = (base: string, abs: string): string => {
  const rel = nodePath.relative(base, abs);
  return rel !== "" && !rel.startsWith("..") && !nodePath.isAbsolute(rel) ? rel.split(nodePath.sep).join("/") : abs;
};
