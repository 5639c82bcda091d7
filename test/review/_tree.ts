/** Test helpers: copy a fixture tree to a temp dir and apply JSON edits to the copy. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Edit } from "./gate-cases.ts";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** A fresh temp dir. */
export const tempDir = (prefix = "x07-review-"): string => mkdtempSync(path.join(tmpdir(), prefix));

/** Copies `src` to `<dir>/<name>` and returns that path. */
export const copyTree = (src: string, dir: string, name: string): string => {
  const dest = path.join(dir, name);
  cpSync(src, dest, { recursive: true });
  return dest;
};

/** Applies edits in place (a `reformat` result rewrites the same JSON compactly). */
export const applyEdit = (root: string, edit: Edit): void => {
  for (const [rel, f] of Object.entries(edit)) {
    const file = path.join(root, rel);
    const doc = JSON.parse(readFileSync(file, "utf8")) as unknown;
    const out = f(doc) as { __reformat?: boolean; doc?: unknown } | undefined;
    if (out !== undefined && out.__reformat === true) writeFileSync(file, JSON.stringify(out.doc));
    else writeFileSync(file, JSON.stringify(out ?? doc, null, 2) + "\n");
  }
};
