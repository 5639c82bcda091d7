/**
 * The node-graph rules, in the order upstream runs them: visibility, the manifest's own rules (in
 * manifest order: deps deny, layers, cycles), allowlist mode, world edges, trust zones, smoke entries,
 * public brands. Each rule is a pure function of the graph.
 */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph, ManifestRule } from "../model.ts";
import { allowlistRule } from "./allowlist.ts";
import { publicBrandsRule } from "./brands.ts";
import { cyclesRule } from "./cycles.ts";
import { depsDenyRule } from "./deps.ts";
import { layersRule } from "./layers.ts";
import { smokeEntryRule } from "./smoke.ts";
import { trustZoneRule } from "./trust-zones.ts";
import { visibilityRule } from "./visibility.ts";
import { worldEdgesRule } from "./worlds.ts";

export { missingAllowEdges } from "./allowlist.ts";
export { findCycles } from "./cycles.ts";
export { isBytesish } from "./brands.ts";

const manifestRule = (g: ArchGraph, r: ManifestRule): Diagnostic[] => {
  switch (r.kind) {
    case "deps_v1":
      return depsDenyRule(g, r);
    case "layers_v1":
      return layersRule(g, r);
    case "deny_cycles_v1":
      return cyclesRule(g, r);
  }
};

/** Every graph rule, in order. */
export const GRAPH_RULES: ReadonlyArray<(g: ArchGraph) => Diagnostic[]> = [
  visibilityRule,
  (g) => g.manifest.rules.flatMap((r) => manifestRule(g, r)),
  allowlistRule,
  worldEdgesRule,
  trustZoneRule,
  smokeEntryRule,
  publicBrandsRule,
];
