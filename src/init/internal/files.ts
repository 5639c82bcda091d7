/**
 * Renderers shared by every template: canonical x07AST text, pretty JSON, the project manifest, the empty
 * lockfile and `.gitignore`. Every renderer is a pure function of its arguments, so scaffolding twice gives
 * byte-identical trees.
 */
import { formatX07Ast } from "../../authoring/index.ts";

/**
 * One file of a template: a project-relative POSIX path and its text.
 * @since 0.1.0
 * @category models
 */
export interface TemplateFile {
  readonly path: string;
  readonly text: string;
}

/** Pretty JSON (two spaces) plus a newline, keys in the order written. */
export const json = (value: unknown): string => JSON.stringify(value, null, 2) + "\n";

/**
 * An x07AST document in the layout `x07 fmt` writes (one canonical JCS line plus a newline), so a fresh
 * scaffold passes `x07 fmt --check`. A document that does not parse is a bug in a template.
 */
export const x07ast = (doc: Record<string, unknown>, file: string): string => {
  const r = formatX07Ast(JSON.stringify(doc), { file });
  if (!r.ok) throw new Error(`init template ${file} is not valid x07AST: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return r.formatted;
};

/** The x07AST schema version templates are written in. */
export const AST_VERSION = "x07.x07ast@0.8.0";

/** A library module document. */
export const moduleDoc = (moduleId: string, imports: ReadonlyArray<string>, exports: ReadonlyArray<string>, decls: ReadonlyArray<Record<string, unknown>>) => ({
  schema_version: AST_VERSION,
  kind: "module",
  module_id: moduleId,
  imports: [...imports],
  decls: [{ kind: "export", names: [...exports] }, ...decls],
});

/** The entry document `src/main.x07.json`. */
export const entryDoc = (imports: ReadonlyArray<string>, solve: unknown) => ({
  schema_version: AST_VERSION,
  kind: "entry",
  module_id: "main",
  imports: [...imports],
  decls: [],
  solve,
});

/** `x07.json` (x07.project@0.5.0). */
export const projectJson = (p: {
  readonly world: string;
  readonly moduleRoots: ReadonlyArray<string>;
  readonly operationalEntry?: string;
  readonly profiles?: Record<string, Record<string, unknown>>;
  readonly defaultProfile?: string;
}): string =>
  json({
    schema_version: "x07.project@0.5.0",
    compat: "0.5",
    world: p.world,
    entry: "src/main.x07.json",
    ...(p.operationalEntry !== undefined ? { operational_entry_symbol: p.operationalEntry } : {}),
    module_roots: [...p.moduleRoots],
    lockfile: "x07.lock.json",
    dependencies: [],
    ...(p.defaultProfile !== undefined ? { default_profile: p.defaultProfile } : {}),
    ...(p.profiles !== undefined ? { profiles: p.profiles } : {}),
  });

/**
 * `x07.lock.json` (x07.lock@0.4.0) with no dependencies. The toolchain block names the upstream release
 * whose language this SDK implements (its lockfiles say the same), and our version as the compiler.
 */
export const lockJson = (): string =>
  json({
    schema_version: "x07.lock@0.4.0",
    toolchain: { x07_version: "0.2.17", x07c_version: "0.2.17", lang_id: "x07-core@0.2.0", compat: "0.5" },
    registry: { index_url: "sparse+https://registry.x07.io/index/" },
    dependencies: [],
  });

/**
 * The patterns every scaffold's `.gitignore` carries (the same set upstream ensures).
 * @since 0.1.0
 * @category models
 */
export const GITIGNORE_PATTERNS: ReadonlyArray<string> = [".x07/deps/", ".x07/tmp/", ".x07/policies/_generated/", "target/", "dist/", "artifacts/", ".DS_Store", "*.log"];

/** A fresh `.gitignore`. */
export const gitignore = (): string =>
  [
    "# Written by x07 init.",
    "# Fetched packages, scratch space and generated policies",
    ".x07/deps/",
    ".x07/tmp/",
    ".x07/policies/_generated/",
    "",
    "# Reports, certificates and bundles",
    "target/",
    "dist/",
    "artifacts/",
    "",
    "# OS and log noise",
    ".DS_Store",
    "*.log",
    "",
  ].join("\n");

/**
 * An existing `.gitignore` with the missing patterns appended (upstream's merge rule), or undefined when none is missing.
 * @since 0.1.0
 * @category constructors
 */
export const mergeGitignore = (existing: string): string | undefined => {
  const text = existing.replace(/\r\n/g, "\n");
  const lines = new Set(text.split("\n").map((l) => l.trim()));
  const missing = GITIGNORE_PATTERNS.filter((p) => !lines.has(p));
  if (missing.length === 0) return undefined;
  return (text === "" || text.endsWith("\n") ? text : text + "\n") + missing.map((p) => p + "\n").join("");
};
