/** Runs the CLI in-process with captured output, in a given working directory. */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const runCli = async (argv: string[], cwd: string): Promise<CliRun> => {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
};

/** A fresh temp directory populated with `files` (relative path → content). */
export const tempTree = (files: Record<string, string | Uint8Array>): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "x07-sdk-test-"));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
};

/** A small canonical entry document. */
export const entryDoc = (solve: unknown = ["bytes.lit", "hi"], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "entry",
  module_id: "main",
  imports: [],
  decls: [],
  solve,
  ...extra,
});
