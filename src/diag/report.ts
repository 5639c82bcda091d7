/** The x07diag report document (`x07.x07diag@0.1.0`). */
import type { Diagnostic } from "./diagnostic.ts";
import { hasErrors, sortDiagnostics } from "./diagnostic.ts";

/** The schema_version of a diagnostics report. */
export const X07DIAG_SCHEMA_VERSION = "x07.x07diag@0.1.0";

/** A diagnostics report. */
export interface DiagReport {
  readonly schema_version: typeof X07DIAG_SCHEMA_VERSION;
  readonly ok: boolean;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly meta?: { readonly [key: string]: unknown };
}

/** Builds a report: sorted diagnostics, `ok` false when any is an error. */
export const makeDiagReport = (
  diagnostics: ReadonlyArray<Diagnostic>,
  meta?: { readonly [key: string]: unknown },
): DiagReport => ({
  schema_version: X07DIAG_SCHEMA_VERSION,
  ok: !hasErrors(diagnostics),
  diagnostics: sortDiagnostics(diagnostics),
  ...(meta !== undefined && Object.keys(meta).length > 0 ? { meta } : {}),
});
