/**
 * Diagnostics as data, in upstream's `x07diag` shape: code, severity, stage, message, location
 * (an x07AST JSON Pointer or a text span), notes, related locations, free-form data and an optional
 * quickfix holding RFC 6902 operations. The file a diagnostic concerns travels in `data.file`, as upstream
 * does, because the x07diag location object has no file field.
 */
import { DIAGNOSTIC_CODES } from "./codes.ts";
import type { DiagnosticCode, DiagnosticStage } from "./codes.ts";

/** How serious a diagnostic is. */
export type Severity = "error" | "warning" | "info" | "hint";

/** A position in a text file (1-based line and column, 0-based offset). */
export interface Position {
  readonly line: number;
  readonly col: number;
  readonly offset?: number;
}

/** Where a diagnostic points: a JSON Pointer into an x07AST document, or a span of text. */
export type Location =
  | { readonly kind: "x07ast"; readonly ptr: string }
  | {
      readonly kind: "text";
      readonly span: { readonly file?: string; readonly start: Position; readonly end: Position };
      readonly snippet?: string;
    };

/** One RFC 6902 operation. */
export type PatchOp =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown }
  | { readonly op: "move"; readonly path: string; readonly from: string }
  | { readonly op: "copy"; readonly path: string; readonly from: string }
  | { readonly op: "test"; readonly path: string; readonly value: unknown };

/** A machine-applicable fix. */
export interface Quickfix {
  readonly kind: "json_patch";
  readonly patch: ReadonlyArray<PatchOp>;
  readonly note?: string;
}

/** One diagnostic. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly stage: DiagnosticStage;
  readonly message: string;
  readonly loc?: Location;
  readonly notes?: ReadonlyArray<string>;
  readonly related?: ReadonlyArray<Location>;
  readonly data?: { readonly [key: string]: unknown };
  readonly quickfix?: Quickfix;
}

/** The maximum pointer length the x07diag format allows. */
export const MAX_POINTER_LENGTH = 2048;

/** Shortens an over-long pointer at a token boundary so the report stays valid. */
export const clampPointer = (ptr: string): string => {
  if (ptr.length <= MAX_POINTER_LENGTH) return ptr;
  const cut = ptr.lastIndexOf("/", MAX_POINTER_LENGTH);
  return cut <= 0 ? "" : ptr.slice(0, cut);
};

/** Options for {@link makeDiagnostic}. */
export interface DiagnosticInit {
  readonly severity?: Severity;
  readonly ptr?: string;
  readonly loc?: Location;
  readonly file?: string;
  readonly notes?: ReadonlyArray<string>;
  readonly related?: ReadonlyArray<Location>;
  readonly data?: { readonly [key: string]: unknown };
  readonly quickfix?: Quickfix;
}

/**
 * Builds a diagnostic for a code in the table; the stage comes from the table.
 */
export const makeDiagnostic = (code: DiagnosticCode, message: string, init: DiagnosticInit = {}): Diagnostic => {
  const loc: Location | undefined =
    init.loc ?? (init.ptr !== undefined ? { kind: "x07ast", ptr: clampPointer(init.ptr) } : undefined);
  const data = init.file !== undefined ? { ...init.data, file: init.file } : init.data;
  return {
    code,
    severity: init.severity ?? "error",
    stage: DIAGNOSTIC_CODES[code].stage,
    message: message.length > 4096 ? message.slice(0, 4093) + "..." : message,
    ...(loc !== undefined ? { loc } : {}),
    ...(init.notes !== undefined && init.notes.length > 0 ? { notes: init.notes } : {}),
    ...(init.related !== undefined && init.related.length > 0 ? { related: init.related } : {}),
    ...(data !== undefined && Object.keys(data).length > 0 ? { data } : {}),
    ...(init.quickfix !== undefined ? { quickfix: init.quickfix } : {}),
  };
};

/** The pointer a diagnostic names, or "" when it has a text location or none. */
export const diagnosticPointer = (d: Diagnostic): string => (d.loc?.kind === "x07ast" ? d.loc.ptr : "");

/** The file a diagnostic names (`data.file`), if any. */
export const diagnosticFile = (d: Diagnostic): string | undefined =>
  typeof d.data?.["file"] === "string" ? (d.data["file"] as string) : undefined;

/** Returns the diagnostic with `data.file` set. */
export const withFile = (d: Diagnostic, file: string): Diagnostic => ({ ...d, data: { ...d.data, file } });

/** True when any diagnostic is an error. */
export const hasErrors = (ds: ReadonlyArray<Diagnostic>): boolean => ds.some((d) => d.severity === "error");

/** Deterministic order: file, pointer, code, message (upstream's lint order). */
export const sortDiagnostics = (ds: ReadonlyArray<Diagnostic>): Diagnostic[] =>
  [...ds].sort(
    (a, b) =>
      cmp(diagnosticFile(a) ?? "", diagnosticFile(b) ?? "") ||
      cmp(diagnosticPointer(a), diagnosticPointer(b)) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
