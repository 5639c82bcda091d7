/**
 * Codegen entry: `npx tsx codegen/main.ts [--check]` (also `npm run codegen`).
 *
 * Reads `schemas/**\/*.schema.json` and writes one TypeBox module per schema file under `generated/`
 * (same folders, `.schema.json` → `.ts`), plus `generated/_support.ts`, `generated/registry.ts`,
 * the `generated/index.ts` barrel, and the counts table in `schemas/README.md`.
 * A file is written only when its content changes; files under `generated/` that no schema produces are removed.
 * With `--check` nothing is written: drifted files are listed and the exit code is 1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CodegenError, loadDefs, loadFiles } from "./load.ts";
import { generate } from "./modules.ts";
import { readmeSection, spliceReadme } from "./readme.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMAS = join(ROOT, "schemas");
const GENERATED = join(ROOT, "generated");
const README = join(SCHEMAS, "README.md");

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  const files = loadFiles(SCHEMAS);
  const outputs = new Map<string, string>();
  for (const g of generate(files, loadDefs(files))) outputs.set(join(GENERATED, g.path), g.content);
  const readme = existsSync(README) ? readFileSync(README, "utf8") : "# schemas\n";
  outputs.set(README, spliceReadme(readme, readmeSection(files)));

  const drift: string[] = [];
  for (const [path, content] of [...outputs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === content) continue;
    drift.push(relative(ROOT, path).split(sep).join("/"));
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  for (const path of listFiles(GENERATED).sort()) {
    if (outputs.has(path)) continue;
    drift.push(`${relative(ROOT, path).split(sep).join("/")} (stale)`);
    if (!check) rmSync(path);
  }
  if (check) {
    if (drift.length > 0) {
      process.stderr.write(`codegen --check: ${drift.length} file(s) out of date; run npm run codegen\n${drift.map((d) => `  ${d}\n`).join("")}`);
      return 1;
    }
    process.stdout.write(`codegen --check: ${outputs.size} file(s) up to date\n`);
    return 0;
  }
  process.stdout.write(`codegen: ${drift.length} file(s) written or removed, ${outputs.size - drift.length} unchanged\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof CodegenError)) throw e;
  process.stderr.write(`codegen: ${e.message}\n`);
  process.exitCode = 2;
}
