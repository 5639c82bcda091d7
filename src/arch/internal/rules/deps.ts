/** `deps_v1` rules: `deny` forbids node edges; `allow` is read by allowlist mode. */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph, ManifestRule } from "../model.ts";
import { edgeDiag } from "./edge-diag.ts";

type Deps = Extract<ManifestRule, { kind: "deps_v1" }>;

/** Whether a deps rule of `mode` names the edge `from → to`. */
export const depsNames = (rule: Deps, mode: "deny" | "allow", from: string, to: string): boolean => rule.mode === mode && rule.from === from && rule.to.includes(to);

export const depsDenyRule = (g: ArchGraph, rule: Deps): Diagnostic[] =>
  rule.mode !== "deny"
    ? []
    : g.nodeEdges.filter(([from, to]) => depsNames(rule, "deny", from, to)).map(([from, to]) => edgeDiag(g, "E_ARCH_DEPS_DENY", "dependency is denied by deps_v1 rule", from, to, { rule_id: rule.id }));
