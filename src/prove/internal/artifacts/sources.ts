/**
 * The raw declarations behind checked functions: each module file is read once, the declaration is taken
 * at its pointer, and hashed as upstream does (`decl_sha256_hex`). The closure digest keys the proof cache
 * on every reachable declaration, so editing any helper invalidates it (upstream keys on the entry only).
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { CheckedProgram } from "../../../check/index.ts";
import { canonicalJson, getAt, readJson, sha256Hex } from "../../../core/json/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";
import type { DeclOrigin } from "../coverage.ts";
import { declSha256Hex } from "./canon.ts";

/** One function's source: the module document, the declaration, its hash and where it lives. */
export interface DeclSource {
  readonly doc: JsonValue;
  readonly decl: JsonValue;
  readonly decl_sha256_hex: string;
  /** Absolute path of the module file. */
  readonly file: string;
  /** Relative to the project root (posix separators). */
  readonly source_path: string;
}

/** Reads the declarations of `symbols` (functions without a readable file, e.g. built-in std modules, are absent). */
export const loadDeclSources = (program: CheckedProgram, symbols: Iterable<string>, options: { readonly cwd: string; readonly root: string }) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const docs = new Map<string, JsonValue | undefined>();
    const out = new Map<string, DeclSource>();
    for (const sym of symbols) {
      const fn = program.functions.get(sym);
      if (fn?.file === undefined) continue;
      const file = nodePath.resolve(options.cwd, fn.file);
      if (!docs.has(file)) {
        const bytes = yield* fs.readFile(file).pipe(Effect.orElseSucceed(() => undefined));
        const j = bytes !== undefined ? readJson(bytes) : undefined;
        docs.set(file, j?.ok === true ? j.value : undefined);
      }
      const doc = docs.get(file);
      if (doc === undefined) continue;
      const decl = getAt(doc, fn.decl.ptr);
      if (decl === undefined) continue;
      out.set(sym, { doc, decl, decl_sha256_hex: declSha256Hex(decl), file, source_path: nodePath.relative(options.root, file).split(nodePath.sep).join("/") });
    }
    return out as ReadonlyMap<string, DeclSource>;
  });

/** Declaration origins for coverage rows. */
export const originsOf = (sources: ReadonlyMap<string, DeclSource>): ReadonlyMap<string, DeclOrigin> =>
  new Map([...sources].map(([s, d]) => [s, { decl_sha256_hex: d.decl_sha256_hex, source_path: d.source_path }]));

/**
 * sha256 hex over every function of the closure: its symbol and declaration hash (the raw declaration when
 * its file is known, else the parsed declaration), sorted by symbol, plus the extra key material.
 */
export const closureDigest = (program: CheckedProgram, symbols: Iterable<string>, sources: ReadonlyMap<string, DeclSource>, extra: JsonValue): string => {
  const items = [...new Set(symbols)]
    .filter((s) => program.functions.has(s))
    .sort()
    .map((s) => {
      const src = sources.get(s);
      const fn = program.functions.get(s);
      return [s, src !== undefined ? src.decl_sha256_hex : sha256Hex(canonicalJson(JSON.parse(JSON.stringify(fn?.decl ?? null)) as JsonValue))];
    });
  return sha256Hex(canonicalJson({ closure: items, key: extra } as JsonValue));
};
