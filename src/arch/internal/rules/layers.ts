/**
 * `layers_v1` (direction down): layers are indexed in list order and an edge from layer i to layer j is
 * allowed only when j ≤ i. Edges touching a node outside the list are not judged by the rule.
 */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph, ManifestRule } from "../model.ts";
import { edgeDiag } from "./edge-diag.ts";

type Layers = Extract<ManifestRule, { kind: "layers_v1" }>;

/** `allowed` / `violated` / `n/a` for one edge under one layers rule. */
export const layerVerdict = (rule: Layers, from: string, to: string): "allowed" | "violated" | "n/a" => {
  const i = rule.layers.indexOf(from);
  const j = rule.layers.indexOf(to);
  if (rule.direction !== "down" || i < 0 || j < 0) return "n/a";
  return j <= i ? "allowed" : "violated";
};

export const layersRule = (g: ArchGraph, rule: Layers): Diagnostic[] =>
  g.nodeEdges
    .filter(([from, to]) => layerVerdict(rule, from, to) === "violated")
    .map(([from, to]) => edgeDiag(g, "E_ARCH_LAYERS_VIOLATION", "dependency violates layers_v1 direction=down", from, to, { rule_id: rule.id }));
