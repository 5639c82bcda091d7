/** The shape shared by node-edge diagnostics: located at the import that produced the edge. */
import type { Diagnostic } from "../../../diag/index.ts";
import { archDiag, evidenceData } from "../diag.ts";
import type { ArchCode } from "../diag.ts";
import type { ArchGraph } from "../model.ts";
import { edgeKey } from "../model.ts";

/** A diagnostic for the edge `from → to`, pointing at the first import that created it. */
export const edgeDiag = (g: ArchGraph, code: ArchCode, message: string, from: string, to: string, extra: Readonly<Record<string, unknown>> = {}): Diagnostic => {
  const ev = g.evidence.get(edgeKey(from, to));
  return archDiag(code, message, {
    ...(ev !== undefined ? { file: ev.modulePath, ptr: ev.ptr } : {}),
    data: { ...extra, node_from: from, node_to: to, ...evidenceData(ev) },
  });
};
