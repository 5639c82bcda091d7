/**
 * `fix`: applies quickfixes until none is left (or a round limit), then formats. Works on the JSON value,
 * so fixes for documents that do not parse yet (an unsupported schema_version) apply too. One fix per
 * round, re-diagnosing in between, because a fix can move what later pointers name.
 */
import type { JsonValue } from "../../core/json/index.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import { parseX07AstValue, readJsonText } from "../../parse/index.ts";
import type { X07AstDocument } from "../../parse/index.ts";
import { formatDocument } from "./fmt.ts";
import { lintDocument } from "./lint.ts";
import { applyJsonPatch } from "./patch.ts";

export interface FixOptions {
  readonly file?: string;
  readonly world?: WorldId;
  readonly maxRounds?: number;
}

export interface FixResult {
  /** The fixed, formatted text (undefined when the document still does not parse). */
  readonly formatted?: string;
  readonly document?: X07AstDocument;
  /** Notes of the quickfixes applied, in order. */
  readonly applied: ReadonlyArray<{ readonly code: string; readonly note: string }>;
  /** Diagnostics left after fixing. */
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

const diagnose = (v: JsonValue, options: FixOptions) => {
  const parsed = parseX07AstValue(v, options.file !== undefined ? { file: options.file } : {});
  if (!parsed.ok) return { document: undefined, diagnostics: [...parsed.diagnostics] };
  return {
    document: parsed.document,
    diagnostics: [...parsed.diagnostics, ...lintDocument(parsed.document, { ...(options.world !== undefined ? { world: options.world } : {}), ...(options.file !== undefined ? { file: options.file } : {}) })],
  };
};

/** Fixes a JSON value. */
export const fixX07AstValue = (input: JsonValue, options: FixOptions = {}): FixResult => {
  let value = input;
  const applied: Array<{ code: string; note: string }> = [];
  const rounds = options.maxRounds ?? 32;
  let state = diagnose(value, options);
  for (let i = 0; i < rounds; i++) {
    const fixable = state.diagnostics.find((d) => d.quickfix !== undefined);
    if (fixable === undefined || fixable.quickfix === undefined) break;
    const r = applyJsonPatch(value, fixable.quickfix.patch, options.file);
    if (!r.ok) {
      return {
        applied,
        diagnostics: [
          ...state.diagnostics,
          makeDiagnostic("X07-FIX-0003", `the quickfix for ${fixable.code} could not be applied: ${r.diagnostic.message}`, {
            ...(fixable.loc?.kind === "x07ast" ? { ptr: fixable.loc.ptr } : {}),
            ...(options.file !== undefined ? { file: options.file } : {}),
          }),
        ],
        ...(state.document !== undefined ? { document: state.document, formatted: formatDocument(state.document) } : {}),
      };
    }
    value = r.value;
    applied.push({ code: fixable.code, note: fixable.quickfix.note ?? "quickfix" });
    state = diagnose(value, options);
  }
  return {
    applied,
    diagnostics: state.diagnostics,
    ...(state.document !== undefined ? { document: state.document, formatted: formatDocument(state.document) } : {}),
  };
};

/** Fixes x07AST text/bytes; JSON that cannot be read is returned as diagnostics. */
export const fixX07Ast = (input: string | Uint8Array, options: FixOptions = {}): FixResult => {
  const read = readJsonText(input, options.file !== undefined ? { file: options.file } : {});
  if (!read.ok) return { applied: [], diagnostics: read.diagnostics };
  return fixX07AstValue(read.value, options);
};
