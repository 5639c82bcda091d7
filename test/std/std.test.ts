/**
 * Runs every std case file (test/std/cases/<module>.json; see harness.ts) and checks that each std module's
 * cases call every one of its exports. Filter one module with `npx vitest run test/std -t std.text.ascii`.
 */
import { describe, expect, it } from "vitest";
import { parseX07Ast } from "../../src/parse/index.ts";
import { readFileSync } from "node:fs";
import { bundledStd, STD_MODULE_IDS, STD_MODULES } from "../../src/std/index.ts";
import { loadCaseFiles, namesUsed, outcomeOf, runCase } from "./harness.ts";

const files = loadCaseFiles();
const std = bundledStd();

const exportsOf = (moduleId: string): string[] => {
  const src = std.get(moduleId);
  if (src === undefined) return [];
  const parsed = parseX07Ast(src.text, { file: moduleId });
  if (!parsed.ok) throw new Error(`${moduleId} does not parse`);
  return parsed.document.decls.flatMap((d) => (d.kind === "export" ? [...d.names] : []));
};

for (const file of files) {
  describe(file.module, () => {
    it.each(file.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const r = await runCase(file.module, c);
      const { expected, actual } = outcomeOf(c, r);
      expect(actual).toBe(expected);
    });

    it("calls every export", () => {
      const exports = exportsOf(file.module);
      expect(exports.length).toBeGreaterThan(0);
      const used = new Set<string>();
      for (const c of file.cases) namesUsed([c.solve, c.decls ?? []], new Set(exports), used);
      expect(exports.filter((e) => !used.has(e))).toEqual([]);
    });
  });
}

describe("std sources", () => {
  it("src/std/README.md has one table row per module of STD_MODULES, with its world and summary", () => {
    const readme = readFileSync(new URL("../../src/std/README.md", import.meta.url), "utf8");
    for (const [id, row] of Object.entries(STD_MODULES)) expect(readme, id).toContain(`| \`${id}\` | x07AST, written here | ${row.world} | code (verified like user code) | ${row.summary} |`);
  });
  it("every present std module has a case file", () => {
    const withCases = new Set(files.map((f) => f.module));
    expect(std.ids().filter((id) => !withCases.has(id))).toEqual([]);
  });
  it("every case file names a std module of the table", () => {
    expect(files.map((f) => f.module).filter((m) => !(STD_MODULE_IDS as readonly string[]).includes(m))).toEqual([]);
  });
});
