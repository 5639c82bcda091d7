/**
 * Writing the output directory: every artifact through a temp file and a rename, JSON as canonical pretty
 * text with a trailing newline, and an evidence ref (path relative to the output directory, sha256 of the
 * bytes written) for each. A step that could not run leaves a stub `{ok:false, artifact, message}` at its path.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { FileWriteError } from "../../core/io/errors.ts";
import { writeFileAtomic } from "../../core/io/atomic.ts";
import { canonicalJsonPretty, sha256Hex } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { EvidenceRef } from "../certificate/types.ts";

/** Canonical pretty JSON with a trailing newline. */
export const jsonText = (value: JsonValue | object): string => `${canonicalJsonPretty(value)}\n`;

/** `id_<sha256(utf8 id)>`: the directory (or file) name of an artifact keyed by a symbol or path. */
export const idDirName = (id: string): string => `id_${sha256Hex(id)}`;

/** The writer of one output directory. */
export interface ArtifactWriter {
  /** Absolute output directory. */
  readonly dir: string;
  readonly bytes: (rel: string, data: string | Uint8Array) => Effect.Effect<EvidenceRef, FileWriteError>;
  readonly json: (rel: string, value: JsonValue | object) => Effect.Effect<EvidenceRef, FileWriteError>;
  readonly stub: (rel: string, artifact: string, message: string) => Effect.Effect<EvidenceRef, FileWriteError>;
  /** Absolute path of an output-relative path. */
  readonly abs: (rel: string) => string;
  /** Removes an output-relative directory left by an earlier run (so no stale file sits next to new evidence). */
  readonly clear: (rel: string) => Effect.Effect<void>;
}

/** A writer rooted at `dir` (absolute). Relative paths use `/` on every platform. */
export const makeArtifactWriter = (fs: FileSystem.FileSystem, dir: string): ArtifactWriter => {
  const abs = (rel: string) => nodePath.join(dir, ...rel.split("/"));
  const bytes = (rel: string, data: string | Uint8Array) => {
    const b = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return writeFileAtomic(fs, abs(rel), b).pipe(
      Effect.mapError((e) => new FileWriteError({ path: abs(rel), reason: String(e), diagnostics: [] })),
      Effect.as({ path: rel, sha256_hex: sha256Hex(b) } satisfies EvidenceRef),
    );
  };
  return {
    dir,
    abs,
    bytes,
    json: (rel, value) => bytes(rel, jsonText(value)),
    stub: (rel, artifact, message) => bytes(rel, jsonText({ ok: false, artifact, message })),
    clear: (rel) => Effect.ignore(fs.remove(abs(rel), { recursive: true, force: true })),
  };
};
