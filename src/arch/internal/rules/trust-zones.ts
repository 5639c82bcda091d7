/** Trust zones: a verified_core node may depend only on verified_core or certified_capsule nodes (always checked). */
import type { Diagnostic } from "../../../diag/index.ts";
import type { ArchGraph, TrustZone } from "../model.ts";
import { edgeDiag } from "./edge-diag.ts";

const VERIFIED_CORE_MAY_USE: ReadonlySet<TrustZone> = new Set(["verified_core", "certified_capsule"]);

export const trustZoneRule = (g: ArchGraph): Diagnostic[] =>
  g.nodeEdges.flatMap(([from, to]) => {
    const a = g.nodes.get(from)?.node;
    const b = g.nodes.get(to)?.node;
    if (a === undefined || b === undefined || a.trust_zone !== "verified_core" || VERIFIED_CORE_MAY_USE.has(b.trust_zone)) return [];
    return [
      edgeDiag(g, "E_ARCH_TRUST_ZONE_EDGE", "verified_core nodes may only depend on verified_core or certified_capsule nodes", from, to, { from_zone: a.trust_zone, to_zone: b.trust_zone }),
    ];
  });
