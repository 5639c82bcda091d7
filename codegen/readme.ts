/**
 * Writes the generated part of `schemas/README.md`: the per-family counts and the table of
 * schema_version → upstream spec file. Only the text between the markers is ours to rewrite.
 */
import type { SchemaFile } from "./load.ts";

export const START = "<!-- codegen:schemas:start -->";
export const END = "<!-- codegen:schemas:end -->";

/** How many document formats each family has upstream (x07lang/x07 0.2.17 `spec/` and the lp spec set). */
export const EXPECTED: Readonly<Record<string, number>> = { x07: 258, lp: 58 };

export function readmeSection(files: readonly SchemaFile[]): string {
  const docs = files.filter((f) => !f.common);
  const families = [...new Set([...Object.keys(EXPECTED), ...docs.map((f) => f.family)])].sort();
  const lines: string[] = [START, "", "| family | present | upstream total |", "| --- | ---: | ---: |"];
  let present = 0;
  let total = 0;
  for (const fam of families) {
    const n = docs.filter((f) => f.family === fam).length;
    const t = EXPECTED[fam] ?? n;
    present += n;
    total += t;
    lines.push(`| ${fam} | ${n} | ${t} |`);
  }
  lines.push(`| **all** | **${present}** | **${total}** |`, "");
  lines.push("| schema_version | family | upstream file | our schema |", "| --- | --- | --- | --- |");
  for (const f of [...docs].sort((a, b) => ((a.version ?? "") < (b.version ?? "") ? -1 : 1))) {
    lines.push(`| \`${f.version}\` | ${f.family} | ${f.upstream === undefined ? "—" : `\`${f.upstream}\``} | [${f.rel}](${f.rel}) |`);
  }
  const commons = files.filter((f) => f.common);
  if (commons.length > 0) {
    lines.push("", "Shared definitions (no document of their own): " + commons.map((f) => `[${f.rel}](${f.rel})`).join(", ") + ".");
  }
  lines.push("", END);
  return lines.join("\n");
}

/** Replaces the marked section of `readme` (or appends it when the markers are missing). */
export function spliceReadme(readme: string, section: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a === -1 || b === -1 || b < a) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, a) + section + readme.slice(b + END.length);
}
