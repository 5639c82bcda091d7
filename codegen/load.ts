/**
 * Loads `schemas/**\/*.schema.json`, indexes them by `$id` and `schema_version`, resolves every
 * `$ref` to a definition, and orders definitions so each is emitted after what it uses.
 *
 * Every failure here is a `CodegenError`: a duplicate `$id` or `schema_version`, a file whose name is
 * not its `schema_version`, an unresolved `$ref`, or an import cycle between generated modules.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export type JsonObject = { readonly [key: string]: unknown };

export class CodegenError extends Error {
  override readonly name = "CodegenError";
}

/** One schema file. `common` files (under a `_common/` folder) hold shared `$defs` and no document. */
export interface SchemaFile {
  /** Path relative to `schemas/`, with `/` separators. */
  readonly rel: string;
  /** First folder under `schemas/` (`x07`, `lp`). */
  readonly family: string;
  readonly id: string;
  readonly json: JsonObject;
  readonly common: boolean;
  /** The document's `schema_version` (absent for common files). */
  readonly version: string | undefined;
  /** Whether documents carry `schema_version` as a field (so `detect` can recognize them). */
  readonly tagged: boolean;
  /** Generated module path relative to `generated/`, e.g. `x07/x07.x07diag@0.1.0.ts`. */
  readonly moduleRel: string;
  readonly upstream: string | undefined;
}

/** A definition: a `$defs` entry, or the document root (`def === ""`). */
export interface Def {
  readonly key: string;
  readonly file: SchemaFile;
  readonly def: string;
  readonly schema: unknown;
  /** Keys of the definitions this one refers to, sorted. */
  readonly deps: readonly string[];
}

export const defKey = (file: SchemaFile, def: string): string => `${file.rel}#${def}`;

const SCHEMA_SUFFIX = ".schema.json";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.name.endsWith(SCHEMA_SUFFIX)) out.push(path);
  }
  return out;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads every schema file under `root` in a stable (code-unit sorted) order. */
export function loadFiles(root: string): SchemaFile[] {
  const files: SchemaFile[] = [];
  const ids = new Map<string, string>();
  const versions = new Map<string, string>();
  const paths = walk(root)
    .map((p) => relative(root, p).split(sep).join("/"))
    .sort();
  for (const rel of paths) {
    const text = readFileSync(join(root, rel), "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CodegenError(`schemas/${rel}: not JSON (${(e as Error).message})`);
    }
    if (!isObject(json)) throw new CodegenError(`schemas/${rel}: a schema file must hold an object`);
    const id = json["$id"];
    if (typeof id !== "string") throw new CodegenError(`schemas/${rel}: missing $id`);
    const seen = ids.get(id);
    if (seen !== undefined) throw new CodegenError(`duplicate $id ${id} in schemas/${seen} and schemas/${rel}`);
    ids.set(id, rel);
    const segments = rel.split("/");
    const family = segments.length > 1 ? (segments[0] ?? "") : "";
    const common = segments.includes("_common");
    const stem = (segments[segments.length - 1] ?? "").slice(0, -SCHEMA_SUFFIX.length);
    let version: string | undefined;
    let tagged = false;
    if (!common) {
      const props = json["properties"];
      const sv = isObject(props) && isObject(props["schema_version"]) ? props["schema_version"]["const"] : undefined;
      // A few formats (a JWT claim set, …) carry no schema_version field; they are keyed by file name.
      if (sv !== undefined && sv !== stem) throw new CodegenError(`schemas/${rel}: file name must be ${String(sv)}${SCHEMA_SUFFIX}`);
      if (sv === undefined && !/^[a-z0-9_.]+@\d+\.\d+\.\d+$/.test(stem)) {
        throw new CodegenError(`schemas/${rel}: no properties.schema_version.const and the file name is not <name>@<semver>`);
      }
      const dup = versions.get(stem);
      if (dup !== undefined) throw new CodegenError(`duplicate schema_version ${stem} in schemas/${dup} and schemas/${rel}`);
      versions.set(stem, rel);
      version = stem;
      tagged = sv !== undefined;
    }
    const upstream = json["x-upstream"];
    files.push({
      rel,
      family,
      id,
      json,
      common,
      version,
      tagged,
      moduleRel: `${rel.slice(0, -SCHEMA_SUFFIX.length)}.ts`,
      upstream: typeof upstream === "string" ? upstream : undefined,
    });
  }
  return files;
}

/** Resolves `$ref` values of one file against the whole set. */
export class RefResolver {
  private readonly byId: Map<string, SchemaFile>;
  constructor(files: readonly SchemaFile[]) {
    this.byId = new Map(files.map((f) => [f.id, f]));
  }

  /** Returns the key of the definition `ref` (seen in `from`) points at, or throws. */
  resolve(from: SchemaFile, ref: string): { readonly file: SchemaFile; readonly def: string } {
    let url: URL;
    try {
      url = new URL(ref, from.id);
    } catch {
      throw new CodegenError(`schemas/${from.rel}: unresolved $ref ${ref}`);
    }
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ""));
    url.hash = "";
    const file = this.byId.get(url.href);
    if (file === undefined) throw new CodegenError(`schemas/${from.rel}: unresolved $ref ${ref} (no schema has $id ${url.href})`);
    if (fragment === "") return { file, def: "" };
    const m = /^\/\$defs\/([^/]+)$/.exec(fragment);
    const name = m?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
    const defs = file.json["$defs"];
    if (name === undefined || !isObject(defs) || !(name in defs)) {
      throw new CodegenError(`schemas/${from.rel}: unresolved $ref ${ref} (only #/$defs/<name> and whole-file refs are supported)`);
    }
    return { file, def: name };
  }
}

/** Collects every `$ref` string inside a schema node (not descending into `const`/`enum` data). */
export function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, out);
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else if (k !== "const" && k !== "enum" && k !== "$defs" && k !== "default" && k !== "examples") collectRefs(v, out);
    }
  }
  return out;
}

/** Splits every file into definitions and resolves their dependencies. */
export function loadDefs(files: readonly SchemaFile[]): Map<string, Def> {
  const resolver = new RefResolver(files);
  const defs = new Map<string, Def>();
  const add = (file: SchemaFile, def: string, schema: unknown): void => {
    const deps = [...new Set(collectRefs(schema).map((r) => {
      const t = resolver.resolve(file, r);
      return defKey(t.file, t.def);
    }))].sort();
    defs.set(defKey(file, def), { key: defKey(file, def), file, def, schema, deps });
  };
  for (const file of files) {
    const own = file.json["$defs"];
    if (own !== undefined && !isObject(own)) throw new CodegenError(`schemas/${file.rel}: $defs must be an object`);
    for (const [name, schema] of Object.entries(own ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (isObject(schema) && "$defs" in schema) throw new CodegenError(`schemas/${file.rel}: nested $defs in ${name} are not supported`);
      add(file, name, schema);
    }
    if (!file.common) add(file, "", file.json);
  }
  return defs;
}

/** Tarjan's strongly connected components, visiting in sorted key order so the result is stable. */
export function components(defs: ReadonlyMap<string, Def>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of defs.get(v)?.deps ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const scc: string[] = [];
      for (;;) {
        const w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      out.push(scc.sort());
    }
  };
  for (const key of [...defs.keys()].sort()) if (!indices.has(key)) visit(key);
  // Tarjan emits components in reverse topological order of the condensation: dependencies first.
  return out;
}
