/**
 * `fmt`: the canonical text of an x07AST document — upstream's canonical layout (see `x07AstToJson`)
 * written as JCS (RFC 8785) on one line, or JCS key order with two-space indentation with `pretty`,
 * followed by a newline, exactly as upstream `x07 fmt` writes files.
 */
import { canonicalJson, canonicalJsonPretty } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { parseX07Ast, x07AstToJson } from "../../parse/index.ts";
import type { X07AstDocument } from "../../parse/index.ts";

export interface FormatOptions {
  readonly file?: string;
  readonly pretty?: boolean;
}

export type FormatResult =
  | { readonly ok: true; readonly formatted: string; readonly changed: boolean; readonly document: X07AstDocument }
  | { readonly ok: false; readonly diagnostics: ReadonlyArray<Diagnostic> };

/** Canonical text of a parsed document. */
export const formatDocument = (doc: X07AstDocument, pretty = false): string => {
  const v = x07AstToJson(doc, { canonical: true });
  return (pretty ? canonicalJsonPretty(v) : canonicalJson(v)) + "\n";
};

/** Formats x07AST text/bytes; `changed` says whether the input differs from its canonical text. */
export const formatX07Ast = (input: string | Uint8Array, options: FormatOptions = {}): FormatResult => {
  const parsed = parseX07Ast(input, options.file !== undefined ? { file: options.file } : {});
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const formatted = formatDocument(parsed.document, options.pretty ?? false);
  const original = typeof input === "string" ? input : new TextDecoder().decode(input);
  return { ok: true, formatted, changed: formatted !== original, document: parsed.document };
};
