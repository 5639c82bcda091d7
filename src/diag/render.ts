/** Human-readable text for diagnostics (the CLI's non-JSON output). */
import type { Diagnostic } from "./diagnostic.ts";
import { diagnosticFile } from "./diagnostic.ts";

/** One diagnostic as `file: severity[CODE] at /ptr: message` plus indented notes. */
export const renderDiagnostic = (d: Diagnostic): string => {
  const file = diagnosticFile(d);
  const where =
    d.loc === undefined
      ? ""
      : d.loc.kind === "x07ast"
        ? ` at ${d.loc.ptr === "" ? "/" : d.loc.ptr}`
        : ` at ${d.loc.span.start.line}:${d.loc.span.start.col}`;
  const head = `${file !== undefined ? file + ": " : ""}${d.severity}[${d.code}]${where}: ${d.message}`;
  const notes = (d.notes ?? []).map((n) => `  note: ${n}`);
  const fix = d.quickfix !== undefined ? [`  fix: ${d.quickfix.note ?? "a quickfix is available (x07 fix)"}`] : [];
  return [head, ...notes, ...fix].join("\n");
};

/** Many diagnostics, one block each. */
export const renderDiagnostics = (ds: ReadonlyArray<Diagnostic>): string => ds.map(renderDiagnostic).join("\n");
