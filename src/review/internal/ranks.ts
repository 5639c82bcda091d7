/** The orderings the review gates compare (a lower rank is weaker). Unknown or absent values take the given default. */
import { asStr } from "./json.ts";
import type { Maybe } from "./json.ts";

const rankOf =
  (table: Readonly<Record<string, number>>, dflt: string) =>
  (v: Maybe | string | null): number => {
    const s = typeof v === "string" ? v : (asStr(v ?? undefined) ?? dflt);
    return Object.hasOwn(table, s) ? table[s]! : 0;
  };

/** verified_core > certified_capsule > test_only > untrusted (absent = untrusted). */
export const trustZoneRank = rankOf({ verified_core: 3, certified_capsule: 2, test_only: 1, untrusted: 0 }, "untrusted");
/** prove > runtime > off (absent = off). */
export const verifyModeRank = rankOf({ prove: 2, runtime: 1, off: 0 }, "off");
/** all > all_public_boundaries > public_boundaries_only > none (absent = none). */
export const pbtRequirementRank = rankOf({ all: 3, all_public_boundaries: 2, public_boundaries_only: 1, none: 0 }, "none");
/** all_reachable_defn > all_reachable_user_defn > anything else. */
export const proofCoverageRank = rankOf({ all_reachable_defn: 2, all_reachable_user_defn: 1 }, "");
/** mtls > tls > anything else (absent = none). */
export const tlsModeRank = (v: Maybe): number => {
  const s = asStr(v) ?? "none";
  return s === "mtls" ? 3 : s === "tls" ? 2 : 1;
};
/** A coverage row's status: supported_recursive 5 > supported 4 > termination_proven/imported 3 > trusted 2 > uncovered 1 > unsupported 0. */
export const proofStatusRank = rankOf(
  {
    supported_recursive: 5,
    proven_recursive: 5,
    supported: 4,
    supported_async: 4,
    proven: 4,
    proven_async: 4,
    termination_proven: 3,
    imported_proof_summary: 3,
    imported_summary: 3,
    trusted_primitive: 2,
    trusted_scheduler_model: 2,
    capsule_boundary: 2,
    uncovered: 1,
    unsupported: 0,
  },
  "",
);
/** self_recursive 2 > none 1 > mutual 0 (absent = none). */
export const recursionKindRank = rankOf({ self_recursive: 2, none: 1, mutual: 0 }, "none");
