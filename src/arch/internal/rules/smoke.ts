/** `contracts.smoke_entry`: a node that names one must export it from one of its modules (nodes with no modules are skipped, as upstream). */
import type { Diagnostic } from "../../../diag/index.ts";
import { archDiag } from "../diag.ts";
import type { ArchGraph } from "../model.ts";
import { cmpStr } from "../model.ts";

export const smokeEntryRule = (g: ArchGraph): Diagnostic[] =>
  [...g.nodes.values()]
    .sort((a, b) => cmpStr(a.node.id, b.node.id))
    .flatMap(({ node, index }) => {
      const entry = node.contracts?.smoke_entry;
      const mods = g.nodeToModules.get(node.id);
      if (entry === undefined || mods === undefined) return [];
      if (mods.some((id) => g.modules.get(id)?.exports.has(entry) === true)) return [];
      return [
        archDiag("E_ARCH_SMOKE_MISSING", "node is missing contracts.smoke_entry export", {
          file: g.manifestPath,
          ptr: `/nodes/${index}/contracts/smoke_entry`,
          data: { node: node.id, smoke_entry: entry },
        }),
      ];
    });
