/** Shared helpers for the arch tests: copy a fixture project to a temp dir, edit its JSON files, run the check. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { Effect } from "effect";
import { archCheck } from "../../src/arch/index.ts";
import type { ArchCheckOptions, ArchCheckRun } from "../../src/arch/index.ts";
import { layerNodeFileSystemAt } from "../../src/services/index.ts";
import type { Diagnostic } from "../../src/diag/index.ts";

export const FIXTURES = path.join(import.meta.dirname, "fixtures");

/** A fresh copy of `test/arch/fixtures/<name>`. */
export const copyFixture = (name: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), `x07-arch-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
};

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Edits a JSON file in place. */
export const editJson = (dir: string, rel: string, f: (v: Json) => void): void => {
  const p = path.join(dir, rel);
  const v = JSON.parse(readFileSync(p, "utf8")) as Json;
  f(v);
  writeFileSync(p, JSON.stringify(v, null, 2) + "\n");
};

export const readJsonFile = (dir: string, rel: string): Json => JSON.parse(readFileSync(path.join(dir, rel), "utf8")) as Json;

/** Writes a file (creating directories). */
export const writeFile = (dir: string, rel: string, content: string | object): void => {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content, null, 2) + "\n");
};

/** A small module document. */
export const moduleDoc = (moduleId: string, imports: string[] = [], decls: object[] = []): object => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "module",
  module_id: moduleId,
  imports,
  decls,
});

/** Runs the library check in `dir`. */
export const runArch = (dir: string, options: ArchCheckOptions = {}): Promise<ArchCheckRun> => Effect.runPromise(Effect.provide(archCheck(options), layerNodeFileSystemAt(dir)));

export const errors = (r: ArchCheckRun): Diagnostic[] => r.report.diags.filter((d) => d.severity === "error");
export const codes = (r: ArchCheckRun): string[] => r.report.diags.map((d) => d.code);
export const find = (r: ArchCheckRun, code: string): Diagnostic | undefined => r.report.diags.find((d) => d.code === code);
export const where = (d: Diagnostic | undefined): { file: unknown; ptr: string | undefined } => ({ file: d?.data?.["file"], ptr: d?.loc?.kind === "x07ast" ? d.loc.ptr : undefined });

/** The upstream mirror (bare git), when present. */
export const MIRROR = "/work/.mirror/x07lang+x07/repo";
export const hasMirror = (): boolean => existsSync(MIRROR);

/** Extracts a directory of the upstream mirror (HEAD) into a fresh temp dir; returns the extracted path. */
export const fromMirror = (repoPath: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "x07-arch-upstream-"));
  const tar = execFileSync("git", ["-C", MIRROR, "archive", "--format=tar", "HEAD", repoPath], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  return path.join(dir, repoPath);
};
