/**
 * Diagnostics of the architecture check: upstream's codes, messages and `data` keys, plus a location of
 * our own (a JSON Pointer into the file named by `data.file`), a bounded sink like upstream's, and the
 * deterministic order upstream sorts them in.
 */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, Severity } from "../../diag/index.ts";
import type { ARCH_CODES } from "../../diag/codes/arch.ts";
import { cmpStr } from "./model.ts";

/** An `E_ARCH_*` / `W_ARCH_*` code. */
export type ArchCode = keyof typeof ARCH_CODES;

/** Builds an arch diagnostic: `file` + `ptr` locate it; `data` carries upstream's keys. */
export const archDiag = (
  code: ArchCode,
  message: string,
  at: { readonly file?: string; readonly ptr?: string; readonly data?: Readonly<Record<string, unknown>>; readonly severity?: Severity } = {},
): Diagnostic =>
  makeDiagnostic(code, message, {
    ...(at.severity !== undefined ? { severity: at.severity } : {}),
    ...(at.ptr !== undefined ? { ptr: at.ptr } : {}),
    ...(at.file !== undefined ? { file: at.file } : {}),
    ...(at.data !== undefined ? { data: at.data } : {}),
  });

/** A diagnostic with `data` entries added. */
export const withData = (d: Diagnostic, data: Readonly<Record<string, unknown>>): Diagnostic => ({ ...d, data: { ...d.data, ...data } });

/** A diagnostic with another severity (contract `enforce: warn`). */
export const withSeverity = (d: Diagnostic, severity: Severity): Diagnostic => ({ ...d, severity });

/**
 * Upstream's bounded sink: keeps at most `maxDiags`; overflow is remembered and later reported as
 * `E_ARCH_TOOL_BUDGET_EXCEEDED`, which replaces the last kept diagnostic when the sink is full.
 */
export class DiagSink {
  readonly diags: Diagnostic[] = [];
  overflowed = false;
  budgetExceeded = false;
  constructor(readonly maxDiags: number) {}

  push(d: Diagnostic): void {
    if (this.diags.length < this.maxDiags) this.diags.push(d);
    else this.overflowed = true;
  }

  exceeded(message: string, data: Readonly<Record<string, unknown>>): void {
    this.budgetExceeded = true;
    const d = archDiag("E_ARCH_TOOL_BUDGET_EXCEEDED", message, { data });
    if (this.maxDiags === 0) return;
    if (this.diags.length < this.maxDiags) this.diags.push(d);
    else this.diags[this.diags.length - 1] = d;
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

const dataStr = (d: Diagnostic, key: string): string => {
  const v = d.data?.[key];
  return typeof v === "string" ? v : "";
};

const ptrOf = (d: Diagnostic): string => (d.loc?.kind === "x07ast" ? d.loc.ptr : "");

/** Upstream's order (severity, code, node_from, node_to, module_path, import, message), then file and pointer. */
export const sortArchDiags = (ds: ReadonlyArray<Diagnostic>): Diagnostic[] =>
  [...ds].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      cmpStr(a.code, b.code) ||
      cmpStr(dataStr(a, "node_from"), dataStr(b, "node_from")) ||
      cmpStr(dataStr(a, "node_to"), dataStr(b, "node_to")) ||
      cmpStr(dataStr(a, "module_path"), dataStr(b, "module_path")) ||
      cmpStr(dataStr(a, "import"), dataStr(b, "import")) ||
      cmpStr(a.message, b.message) ||
      cmpStr(dataStr(a, "file"), dataStr(b, "file")) ||
      cmpStr(ptrOf(a), ptrOf(b)),
  );

/** Evidence fields upstream attaches to node-edge diagnostics. */
export const evidenceData = (ev: { readonly modulePath: string; readonly moduleId: string; readonly import: string } | undefined): Record<string, string> =>
  ev === undefined ? {} : { module_path: ev.modulePath, module_id: ev.moduleId, import: ev.import };
