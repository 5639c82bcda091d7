/** JSON text → value, with reading failures turned into diagnostics. */
import { readJson } from "../../core/json/index.ts";
import type { JsonReadError, JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../diag/index.ts";

const CODE_BY_KIND: Record<JsonReadError["kind"], DiagnosticCode> = {
  syntax: "X07-JSON-PARSE-0001",
  utf8: "X07-JSON-UTF8-0001",
  duplicate_key: "X07-JSON-DUPKEY-0001",
  depth: "X07-JSON-DEPTH-0001",
};

/** The codes a JSON reading failure can have. */
export const JSON_READ_CODES: ReadonlySet<string> = new Set(Object.values(CODE_BY_KIND));

/** Converts a JSON reading failure into a diagnostic at the JSON Pointer being read (line/column in `data`). */
export const jsonErrorDiagnostic = (e: JsonReadError, file?: string): Diagnostic =>
  makeDiagnostic(CODE_BY_KIND[e.kind], `${e.message} (line ${e.line}, column ${e.col})`, {
    ptr: e.pointer,
    ...(file !== undefined ? { file } : {}),
    data: { reason: e.kind, line: e.line, col: e.col, offset: e.offset },
  });

/** Reads JSON text or bytes; a failure comes back as one diagnostic. */
export const readJsonText = (
  input: string | Uint8Array,
  options: { readonly file?: string; readonly maxDepth?: number } = {},
): { ok: true; value: JsonValue } | { ok: false; diagnostics: Diagnostic[] } => {
  const r = readJson(input, options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {});
  return r.ok ? { ok: true, value: r.value } : { ok: false, diagnostics: [jsonErrorDiagnostic(r.error, options.file)] };
};
