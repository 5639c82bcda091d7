/**
 * The `parse` stage (`x07-sdk/parse`): x07AST JSON → typed AST.
 *
 * Consumes JSON text, bytes or an already-read value; produces an {@link X07AstDocument} whose every node
 * carries its JSON Pointer. Reads all versions `x07.x07ast@0.3.0` … `@0.9.0` strictly: the shape rules of
 * each version's schema plus upstream's extra rules (declared names start with the module id, no duplicate
 * declarations, version-gated fields). Needs no services. Emits `X07-JSON-*`, `X07-SCHEMA-*`,
 * `X07-X07AST-PARSE-0001` and `X07-AST-0001` diagnostics; never throws for bad input.
 *
 * @packageDocumentation
 */
import type { JsonValue } from "../core/json/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import type { X07AstDocument } from "./ast.ts";
import { parseDocument } from "./internal/document.ts";
import { readJsonText } from "./internal/json-diag.ts";

export type * from "./ast.ts";
export {
  X07AST_VERSIONS,
  X07AST_VERSION_LIST,
  DEFAULT_X07AST_VERSION,
  isX07AstVersion,
  featuresOf,
} from "./versions.ts";
export type { X07AstVersion, X07AstFeatures } from "./versions.ts";
export { readJsonText, jsonErrorDiagnostic, JSON_READ_CODES } from "./internal/json-diag.ts";
export { isBytesLike } from "./internal/type-ref.ts";
export { ruleSitesOf } from "./internal/sites.ts";
export type { RuleSites } from "./internal/sites.ts";

/**
 * What parsing returns: the document when there were no errors, and every diagnostic found.
 * @since 0.1.0
 * @category models
 */
export type ParseResult =
  | { readonly ok: true; readonly document: X07AstDocument; readonly diagnostics: ReadonlyArray<Diagnostic> }
  | { readonly ok: false; readonly diagnostics: ReadonlyArray<Diagnostic> };

/**
 * Options for parsing.
 * @since 0.1.0
 * @category models
 */
export interface ParseOptions {
  /** The file name to record on the document and in diagnostics (`data.file`). */
  readonly file?: string;
  /** Maximum nesting of JSON arrays/objects and of expressions (default 1024); expressions, read recursively, stop at 2048 whatever the value. */
  readonly maxDepth?: number;
}

/**
 * Parses an already-read JSON value as an x07AST document.
 * @since 0.1.0
 * @category stages
 */
export const parseX07AstValue = (value: JsonValue, options: ParseOptions = {}): ParseResult => {
  const { document, diagnostics } = parseDocument(value, options);
  return document !== undefined ? { ok: true, document, diagnostics } : { ok: false, diagnostics };
};

/**
 * Parses x07AST JSON text or UTF-8 bytes.
 * @example
 * ```ts
 * const r = parseX07Ast('{"schema_version":"x07.x07ast@0.8.0","kind":"entry","module_id":"main","imports":[],"decls":[],"solve":["bytes.lit","hi"]}');
 * if (r.ok) console.log(r.document.solve);
 * ```
 * @since 0.1.0
 * @category stages
 */
export const parseX07Ast = (input: string | Uint8Array, options: ParseOptions = {}): ParseResult => {
  const read = readJsonText(input, options);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  return parseX07AstValue(read.value, options);
};
export { x07AstToJson, exprToJson, typeRefToJson, canonicalDeclOrder } from "./internal/to-json.ts";
