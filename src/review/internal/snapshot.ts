/** Reading the two sides of a review: what each path is, the relative files to compare, their bytes and digests. */
import { Effect, FileSystem } from "effect";
import { sha256Hex } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { byteCompare, pathCompare } from "./json.ts";
import type { GlobSet } from "../../core/glob.ts";

export type PathKind = "file" | "dir" | "missing";

const statKind = (fs: FileSystem.FileSystem, p: string) =>
  fs.stat(p).pipe(
    Effect.map((s): PathKind => (s.type === "Directory" ? "dir" : s.type === "File" ? "file" : "missing")),
    Effect.catch(() => Effect.succeed<PathKind>("missing")),
  );

export const pathKind = (p: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* statKind(fs, p);
  });

const joinRel = (root: string, rel: string): string => (root.endsWith("/") ? root + rel : `${root}/${rel}`);

/** Every regular file below `root`, as `/`-separated relative paths (unsorted). */
export const listFiles = (root: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const entries = yield* fs.readDirectory(root, { recursive: true }).pipe(Effect.catch(() => Effect.succeed<string[]>([])));
    const out: string[] = [];
    for (const e of entries) {
      const rel = e.replace(/\\/g, "/");
      if ((yield* statKind(fs, joinRel(root, rel))) === "file") out.push(rel);
    }
    return out;
  });

/** A file's bytes, or undefined when it is not a readable regular file. */
export const readIfFile = (p: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    if ((yield* statKind(fs, p)) !== "file") return undefined;
    return yield* fs.readFile(p).pipe(Effect.catch(() => Effect.succeed<Uint8Array | undefined>(undefined)));
  });

/** Bytes parsed as JSON (UTF-8, as serde_json reads them); undefined when they are not JSON. */
export const parseJsonBytes = (bytes: Uint8Array | undefined): JsonValue | undefined => {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes)) as JsonValue;
  } catch {
    return undefined;
  }
};

/**
 * The digest of a snapshot: a file's SHA-256, or for a directory the SHA-256 of `rel\0sha\n` lines over
 * every file below it, sorted by relative path.
 */
export const snapshotDigest = (p: string, kind: "file" | "dir") =>
  Effect.gen(function* () {
    if (kind === "file") {
      const b = yield* readIfFile(p);
      return b === undefined ? null : sha256Hex(b);
    }
    const rels = (yield* listFiles(p)).sort(byteCompare);
    let joined = "";
    for (const rel of rels) {
      const b = yield* readIfFile(joinRel(p, rel));
      if (b === undefined) return null;
      joined += `${rel}\u0000${sha256Hex(b)}\n`;
    }
    return sha256Hex(joined);
  });

/**
 * The relative paths to compare: for files, the one file name; for directories, the union of both
 * sides' files that match an include and no exclude, in path order.
 */
export const collectRelPaths = (from: string, to: string, dirs: boolean, include: GlobSet, exclude: GlobSet) =>
  Effect.gen(function* () {
    if (!dirs) {
      const name = (from.split("/").filter((s) => s !== "").pop() ?? to.split("/").filter((s) => s !== "").pop()) || "file";
      return [name];
    }
    const out = new Set<string>();
    for (const root of [from, to]) for (const rel of yield* listFiles(root)) if (include.matches(rel) && !exclude.matches(rel)) out.add(rel);
    return [...out].sort(pathCompare);
  });

export { joinRel };
