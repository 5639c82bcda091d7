/**
 * Allowlist mode (`checks.allowlist_mode.enabled` with `default_allow_internal: false`): every internal
 * node edge must be allowed by a `deps_v1` allow rule or a `layers_v1` rule. Edges already reported by a
 * deny rule or a layers violation are not reported twice.
 */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph } from "../model.ts";
import { depsNames } from "./deps.ts";
import { edgeDiag } from "./edge-diag.ts";
import { layerVerdict } from "./layers.ts";

/** The internal edges allowlist mode rejects, in edge order. */
export const missingAllowEdges = (g: ArchGraph): ReadonlyArray<readonly [string, string]> => {
  const mode = g.manifest.checks.allowlist_mode;
  if (mode === undefined || !mode.enabled || mode.default_allow_internal) return [];
  const rules = g.manifest.rules;
  return g.nodeEdges.filter(([from, to]) => {
    const denied = rules.some((r) => r.kind === "deps_v1" && depsNames(r, "deny", from, to));
    const upward = rules.some((r) => r.kind === "layers_v1" && layerVerdict(r, from, to) === "violated");
    const allowed = rules.some((r) => (r.kind === "deps_v1" && depsNames(r, "allow", from, to)) || (r.kind === "layers_v1" && layerVerdict(r, from, to) === "allowed"));
    return !denied && !upward && !allowed;
  });
};

export const allowlistRule = (g: ArchGraph): Diagnostic[] =>
  missingAllowEdges(g).map(([from, to]) => edgeDiag(g, "E_ARCH_EDGE_NOT_ALLOWED", "internal edge is not allowed by layers_v1 or deps_v1 allow rules", from, to));
