/** Atomic file writes over effect's FileSystem: a sibling temp file, then a rename. */
import * as nodePath from "node:path";
import { randomUUID } from "node:crypto";
import { Effect } from "effect";
import type { FileSystem } from "effect";

/**
 * Writes `data` to `path` through a sibling temp file and a rename, so the original stays intact when
 * writing fails.
 */
export const writeFileAtomic = (fs: FileSystem.FileSystem, path: string, data: string | Uint8Array) => {
  const tmp = `${path}.x07tmp-${randomUUID()}`;
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return fs.makeDirectory(nodePath.dirname(path), { recursive: true }).pipe(
    Effect.catch(() => Effect.void),
    Effect.flatMap(() => fs.writeFile(tmp, bytes)),
    Effect.flatMap(() => fs.rename(tmp, path)),
    Effect.tapError(() => Effect.ignore(fs.remove(tmp, { force: true }))),
  );
};
