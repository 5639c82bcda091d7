/** World edges (`enforce_world_caps` and `world_of_imported_v1`, on unless disabled): a solve-* node must not depend on a run-os* node. */
import type { Diagnostic } from "../../../diag/index.ts";
import { WORLDS, isWorldId } from "../../../core/worlds/table.ts";
import type { ArchGraph } from "../model.ts";
import { edgeDiag } from "./edge-diag.ts";

const isEval = (w: string): boolean => isWorldId(w) && WORLDS[w].eval;
const isOs = (w: string): boolean => isWorldId(w) && WORLDS[w].os;

export const worldEdgesRule = (g: ArchGraph): Diagnostic[] => {
  const c = g.manifest.checks;
  if (!c.enforce_world_caps || c.world_of_imported_v1?.enabled === false) return [];
  return g.nodeEdges.flatMap(([from, to]) => {
    const a = g.nodes.get(from)?.node;
    const b = g.nodes.get(to)?.node;
    if (a === undefined || b === undefined || !isEval(a.world) || !isOs(b.world)) return [];
    return [edgeDiag(g, "E_ARCH_WORLD_EDGE_FORBIDDEN", "solve-* nodes must not depend on run-os* nodes", from, to, { world_from: a.world, world_to: b.world })];
  });
};
