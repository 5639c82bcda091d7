/** `checks.enforce_visibility`: a node may depend on a restricted node only when listed in its `visible_to`. */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph } from "../model.ts";
import { edgeDiag } from "./edge-diag.ts";

export const visibilityRule = (g: ArchGraph): Diagnostic[] => {
  if (!g.manifest.checks.enforce_visibility) return [];
  return g.nodeEdges.flatMap(([from, to]) => {
    const target = g.nodes.get(to)?.node;
    if (target === undefined || target.visibility.mode !== "restricted" || target.visibility.visible_to.includes(from)) return [];
    return [edgeDiag(g, "E_ARCH_VISIBILITY", "target node is not visible to importing node", from, to)];
  });
};
