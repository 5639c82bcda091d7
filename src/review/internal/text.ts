/**
 * The one-page text summary certify writes next to a baseline review (`review.diff.txt`): the
 * posture-relevant highlight counts, the gates applied and the diagnostics.
 */
import type { ReviewGate } from "./gates.ts";
import type { HighlightKey, ReviewDiffReport } from "./model.ts";

/** The gates `trust certify --baseline` applies when none are given. */
export const CERTIFY_DEFAULT_REVIEW_GATES: ReadonlyArray<ReviewGate> = ["proof-coverage-decrease", "boundary-relaxation", "trusted-subset-expansion"];

const TEXT_HIGHLIGHTS: ReadonlyArray<HighlightKey> = [
  "proof_changes",
  "recursive_proof_changes",
  "boundary_changes",
  "subset_changes",
  "summary_changes",
  "network_policy_changes",
  "peer_policy_changes",
  "capsule_network_changes",
  "dependency_closure_changes",
];

export const renderReviewText = (r: ReviewDiffReport, gates: ReadonlyArray<ReviewGate>): string => {
  const lines = ["x07 review diff", `from: ${r.from.path}`, `to: ${r.to.path}`, "", "highlights:", ...TEXT_HIGHLIGHTS.map((k) => `- ${k}: ${r.highlights[k].length}`), ""];
  if (gates.length > 0) lines.push("fail_on:", ...gates.map((g) => `- ${g}`), "");
  if (r.diags.length > 0) lines.push("diags:", ...r.diags.map((d) => `- ${d.code}: ${d.message}`), "");
  const text = lines.join("\n");
  return text.endsWith("\n") ? text : `${text}\n`;
};
