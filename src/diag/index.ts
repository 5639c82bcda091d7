/**
 * Diagnostics as data (`x07-sdk/diag`).
 *
 * Consumes nothing; produces the `Diagnostic` values every stage reports, the x07diag report document,
 * and the table of codes the SDK emits. Stages never throw for a user's mistake: they return diagnostics.
 *
 * @packageDocumentation
 */
export { DIAGNOSTIC_CODES, isDiagnosticCode } from "./codes.ts";
export type { DiagnosticCode, DiagnosticStage } from "./codes.ts";
export {
  makeDiagnostic,
  clampPointer,
  diagnosticPointer,
  diagnosticFile,
  withFile,
  hasErrors,
  sortDiagnostics,
  MAX_POINTER_LENGTH,
} from "./diagnostic.ts";
export type { Diagnostic, DiagnosticInit, Severity, Location, Position, PatchOp, Quickfix } from "./diagnostic.ts";
export { makeDiagReport, X07DIAG_SCHEMA_VERSION } from "./report.ts";
export type { DiagReport } from "./report.ts";
export { renderDiagnostic, renderDiagnostics } from "./render.ts";
