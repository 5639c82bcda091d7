/** `ast init`, `ast get`, `ast validate`, `ast apply-patch` as pure functions over documents. */
import { canonicalJson, getAt, readJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, PatchOp } from "../../diag/index.ts";
import { DEFAULT_X07AST_VERSION, parseX07AstValue, readJsonText, x07AstToJson } from "../../parse/index.ts";
import type { X07AstVersion } from "../../parse/index.ts";
import { applyJsonPatch } from "./patch.ts";

export interface AstInitOptions {
  readonly world: WorldId;
  readonly module: string;
  readonly kind?: "entry" | "module";
  readonly schemaVersion?: X07AstVersion;
}

/** A minimal document: an entry's solve returns empty bytes (`["bytes.alloc", 0]`), as upstream's template. */
export const astInit = (o: AstInitOptions): { text: string; templateId: string } => {
  const kind = o.kind ?? "entry";
  const doc: { [k: string]: JsonValue } = {
    schema_version: o.schemaVersion ?? DEFAULT_X07AST_VERSION,
    kind,
    module_id: o.module,
    imports: [],
    decls: [],
  };
  if (kind === "entry") doc["solve"] = ["bytes.alloc", 0];
  return { text: canonicalJson(doc) + "\n", templateId: `${o.world}/${o.module}@v1` };
};

/** The value at a pointer of a JSON document (x07AST documents are canonicalized first, as upstream). */
export const astGet = (
  input: string | Uint8Array,
  ptr: string,
  file?: string,
): { ok: true; value: JsonValue } | { ok: false; diagnostics: Diagnostic[] } => {
  const read = readJsonText(input, file !== undefined ? { file } : {});
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const parsed = parseX07AstValue(read.value, file !== undefined ? { file } : {});
  const doc = parsed.ok ? x07AstToJson(parsed.document) : read.value;
  const v = getAt(doc, ptr);
  if (v === undefined) {
    return { ok: false, diagnostics: [makeDiagnostic("X07-PTR-0001", `no value at JSON Pointer ${JSON.stringify(ptr)}`, { ptr, ...(file !== undefined ? { file } : {}) })] };
  }
  return { ok: true, value: v };
};

/** Shape + rule diagnostics for one document (nothing is thrown; the report says ok or not). */
export const astValidate = (input: string | Uint8Array, file?: string): Diagnostic[] => {
  const read = readJsonText(input, file !== undefined ? { file } : {});
  if (!read.ok) return read.diagnostics;
  return [...parseX07AstValue(read.value, file !== undefined ? { file } : {}).diagnostics];
};

/**
 * Applies an RFC 6902 patch to a document; with `validate`, the result must parse as x07AST.
 * Returns the canonical text of the result.
 */
export const astApplyPatch = (
  input: string | Uint8Array,
  patchText: string | Uint8Array,
  options: { readonly validate?: boolean; readonly file?: string; readonly patchFile?: string } = {},
): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } => {
  const fileOpt = options.file !== undefined ? { file: options.file } : {};
  const read = readJsonText(input, fileOpt);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const patchRead = readJson(patchText);
  const patchFileOpt = options.patchFile !== undefined ? { file: options.patchFile } : {};
  if (!patchRead.ok || !Array.isArray(patchRead.value)) {
    return { ok: false, diagnostics: [makeDiagnostic("X07-PATCH-0001", "the patch must be a JSON array of RFC 6902 operations", { ptr: "", ...patchFileOpt })] };
  }
  const r = applyJsonPatch(read.value, patchRead.value as unknown as PatchOp[], options.file);
  if (!r.ok) return { ok: false, diagnostics: [r.diagnostic] };
  if (options.validate === true) {
    const parsed = parseX07AstValue(r.value, fileOpt);
    if (!parsed.ok) return { ok: false, diagnostics: [...parsed.diagnostics] };
    return { ok: true, text: canonicalJson(x07AstToJson(parsed.document)) + "\n" };
  }
  return { ok: true, text: canonicalJson(r.value) + "\n" };
};
