/** The project certify works on: x07.json read once (its raw bytes are digested by proofs), validated, resolved. */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { DocumentTypes } from "../../core/contracts/index.ts";
import { validateByVersion } from "../../core/contracts/written.ts";
import { readJson } from "../../core/json/index.ts";

/** A trust profile document (`x07.trust.profile@0.4.0`). */
export type TrustProfileDoc = DocumentTypes["x07.trust.profile@0.4.0"];

/** The x07.json fields certify reads. */
export interface ProjectManifest {
  readonly schema_version: string;
  readonly world: string;
  readonly entry: string;
  readonly module_roots: ReadonlyArray<string>;
  readonly operational_entry_symbol?: string;
  readonly certification_entry_symbol?: string;
  readonly lockfile?: string;
}

/** A resolved project: absolute paths, the manifest's raw bytes and its fields. */
export interface CertifyProject {
  /** Absolute path of x07.json. */
  readonly manifestPath: string;
  /** Absolute project root (the directory of x07.json). */
  readonly root: string;
  readonly manifestBytes: Uint8Array;
  readonly manifest: ProjectManifest;
}

/** Reads and validates x07.json; a directory means `<dir>/x07.json`. Fails with a message (→ `X07TC_EPROJECT`). */
export const readProject = (path: string, cwd: string): Effect.Effect<CertifyProject, string, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    let manifestPath = nodePath.resolve(cwd, path);
    const info = yield* fs.stat(manifestPath).pipe(Effect.mapError(() => `project manifest not found: ${manifestPath}`));
    if (info.type === "Directory") manifestPath = nodePath.join(manifestPath, "x07.json");
    const bytes = yield* fs.readFile(manifestPath).pipe(Effect.mapError(() => `cannot read project manifest ${manifestPath}`));
    const json = readJson(bytes);
    if (!json.ok) return yield* Effect.fail(`${manifestPath} is not valid JSON: ${json.error.message}`);
    const valid = yield* Effect.promise(() => validateByVersion(json.value));
    if (!valid.ok) return yield* Effect.fail(`${manifestPath} does not validate at ${valid.pointer || "/"}: ${valid.message}`);
    const v = json.value as unknown as ProjectManifest;
    if (typeof v.schema_version !== "string" || !v.schema_version.startsWith("x07.project@")) return yield* Effect.fail(`${manifestPath} is not an x07.project document`);
    return { manifestPath, root: nodePath.dirname(manifestPath), manifestBytes: bytes, manifest: v };
  });
