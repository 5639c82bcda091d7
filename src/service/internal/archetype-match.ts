/** Matching a manifest against a built-in archetype (upstream: `archetype_for_manifest`, `validate_manifest_against_archetype`). */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { ServiceArchetype } from "../archetypes.ts";
import { SERVICE_ARCHETYPES } from "../archetypes.ts";
import type { ServiceManifest } from "./rules.ts";

/**
 * The archetype a single-cell manifest has the shape of (cell kind, ingress kind and scale class), if any.
 * @since 0.1.0
 * @category models
 */
export const archetypeForManifest = (m: ServiceManifest): ServiceArchetype | undefined => {
  if (m.cells.length !== 1) return undefined;
  const c = m.cells[0]!;
  return SERVICE_ARCHETYPES.find((a) => a.cell_kind === c.cell_kind && a.ingress_kind === c.ingress_kind && a.scale_class === c.scale_class);
};

/**
 * Where the manifest departs from an archetype: its first cell's kinds, and binding kinds the archetype does not support.
 * @since 0.1.0
 * @category diagnostics
 */
export const archetypeMismatches = (m: ServiceManifest, a: ServiceArchetype, file?: string): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const at = (ptr: string) => ({ ptr, ...(file !== undefined ? { file } : {}) });
  const c = m.cells[0]!;
  if (c.cell_kind !== a.cell_kind) out.push(makeDiagnostic("X07SVC_ARCHETYPE_MISMATCH", `archetype ${a.id} expects cell_kind ${a.cell_kind}, got ${c.cell_kind}`, at("/cells/0/cell_kind")));
  if (c.ingress_kind !== a.ingress_kind) out.push(makeDiagnostic("X07SVC_ARCHETYPE_MISMATCH", `archetype ${a.id} expects ingress_kind ${a.ingress_kind}, got ${c.ingress_kind}`, at("/cells/0/ingress_kind")));
  (m.resource_bindings ?? []).forEach((b, i) => {
    if (!a.supported_bindings.includes(b.kind))
      out.push(makeDiagnostic("X07SVC_ARCHETYPE_MISMATCH", `archetype ${a.id} supports binding kinds ${a.supported_bindings.join(", ")}; ${JSON.stringify(b.name)} is ${b.kind}`, at(`/resource_bindings/${i}/kind`)));
  });
  return out;
};
