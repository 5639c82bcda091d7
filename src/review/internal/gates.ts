/**
 * The 26 `--fail-on` gates, as data: for each, which highlight entries fire it and, for most, the
 * `X07RD_*` diagnostic it adds (with a message that counts the firing entries). A gate with no
 * diagnostic only changes the exit code.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { ReviewCode } from "../../diag/codes/review.ts";
import { asBool, asStr, asU64, get } from "./json.ts";
import type { Change, Highlights, HighlightKey } from "./model.ts";
import { functionSummaryRegressed } from "./diff-proof.ts";

/** Every gate name, in upstream's order. */
export const REVIEW_GATES = [
  "world-capability",
  "budget-increase",
  "allow-unsafe",
  "allow-ffi",
  "proof-coverage-decrease",
  "recursion-proof-coverage-decrease",
  "async-proof-coverage-decrease",
  "summary-downgrade",
  "assumption-surface-widen",
  "dev-only-assumption-introduced",
  "bounded-proof-introduced",
  "coverage-summary-imported",
  "operational-entry-diverges",
  "boundary-relaxation",
  "capsule-contract-relaxation",
  "capsule-set-change",
  "sandbox-policy-widen",
  "runtime-attestation-regression",
  "weaker-isolation-enabled",
  "trusted-subset-expansion",
  "network-allowlist-widen",
  "peer-policy-relaxation",
  "capsule-network-surface-widen",
  "package-set-change",
  "lockfile-hash-change",
  "advisory-allowance-enabled",
] as const;

/**
 * A `--fail-on` gate name.
 * @since 0.1.0
 * @category models
 */
export type ReviewGate = (typeof REVIEW_GATES)[number];

export const isReviewGate = (s: string): s is ReviewGate => (REVIEW_GATES as ReadonlyArray<string>).includes(s);

interface GateSpec {
  /** The highlight lists the gate looks at. */
  readonly lists: ReadonlyArray<HighlightKey>;
  /** Which entries of those lists fire the gate (default: every entry). */
  readonly fires?: (c: Change) => boolean;
  /** The diagnostic added when the gate fires, with a message over the number of firing entries. */
  readonly diag?: readonly [ReviewCode, (count: number) => string];
}

const kindIs =
  (k: string) =>
  (c: Change): boolean =>
    get(c, "kind") === k;

/** A budget entry whose numeric `after` exceeds its numeric `before`. */
export const budgetChangeIsIncrease = (c: Change): boolean => {
  const b = asU64(get(c, "before"));
  const a = asU64(get(c, "after"));
  return b !== undefined && a !== undefined && a > b;
};

const languageToggleEnabled =
  (needle: string) =>
  (c: Change): boolean =>
    get(c, "kind") === "policy_language_toggle" && (asStr(get(c, "subject"))?.includes(needle) ?? false) && (asBool(get(c, "after")) ?? false);

export const summaryChangeIsDowngrade = (c: Change): boolean => functionSummaryRegressed((get(c, "before") ?? null) as JsonValue, (get(c, "after") ?? null) as JsonValue);

/** The gate table. */
export const GATES: Readonly<Record<ReviewGate, GateSpec>> = {
  "world-capability": { lists: ["world_changes", "capability_changes"] },
  "budget-increase": { lists: ["budget_changes"], fires: budgetChangeIsIncrease },
  "allow-unsafe": { lists: ["policy_changes"], fires: languageToggleEnabled("allow_unsafe") },
  "allow-ffi": { lists: ["policy_changes"], fires: languageToggleEnabled("allow_ffi") },
  "proof-coverage-decrease": { lists: ["proof_changes"] },
  "recursion-proof-coverage-decrease": {
    lists: ["recursive_proof_changes"],
    diag: ["X07RD_RECURSION_PROOF_COVERAGE_DECREASE", (n) => `recursive proof coverage regressed across ${n} reviewed file(s)`],
  },
  "async-proof-coverage-decrease": {
    lists: ["async_proof_changes"],
    diag: ["X07RD_ASYNC_PROOF_COVERAGE_DECREASE", (n) => `async proof coverage regressed across ${n} reviewed file(s)`],
  },
  "summary-downgrade": {
    lists: ["summary_changes"],
    fires: summaryChangeIsDowngrade,
    diag: ["X07RD_SUMMARY_DOWNGRADE", (n) => `proof summary posture downgraded in ${n} reviewed file(s)`],
  },
  "assumption-surface-widen": {
    lists: ["assumption_changes"],
    diag: ["X07RD_ASSUMPTION_SURFACE_WIDEN", (n) => `proof assumption surface widened across ${n} reviewed change(s)`],
  },
  "dev-only-assumption-introduced": {
    lists: ["assumption_changes"],
    fires: kindIs("dev_only_assumption"),
    diag: ["X07RD_DEV_ONLY_ASSUMPTION_INTRODUCED", (n) => `developer-only assumptions were introduced in ${n} reviewed change(s)`],
  },
  "bounded-proof-introduced": {
    lists: ["boundedness_changes"],
    diag: ["X07RD_BOUNDED_PROOF_INTRODUCED", (n) => `bounded proof posture changed across ${n} reviewed change(s)`],
  },
  "coverage-summary-imported": {
    lists: ["assumption_changes"],
    fires: kindIs("coverage_summary_import"),
    diag: ["X07RD_COVERAGE_SUMMARY_IMPORTED", (n) => `coverage-summary imports were introduced in ${n} reviewed change(s)`],
  },
  "operational-entry-diverges": {
    lists: ["operational_entry_changes"],
    diag: ["X07RD_OPERATIONAL_ENTRY_DIVERGES", (n) => `operational entry changed across ${n} reviewed change(s)`],
  },
  "boundary-relaxation": { lists: ["boundary_changes"] },
  "capsule-contract-relaxation": {
    lists: ["capsule_changes"],
    fires: kindIs("capsule_contract"),
    diag: ["X07RD_CAPSULE_CONTRACT_RELAXATION", (n) => `capsule contract review detected ${n} relaxation candidate(s)`],
  },
  "capsule-set-change": {
    lists: ["capsule_changes"],
    fires: kindIs("capsule_set"),
    diag: ["X07RD_CAPSULE_SET_CHANGE", (n) => `capsule index membership changed in ${n} reviewed file(s)`],
  },
  "sandbox-policy-widen": {
    lists: ["sandbox_policy_changes"],
    diag: ["X07RD_SANDBOX_POLICY_WIDEN", (n) => `sandbox policy widened across ${n} reviewed change(s)`],
  },
  "runtime-attestation-regression": {
    lists: ["runtime_attestation_changes"],
    diag: ["X07RD_RUNTIME_ATTEST_REGRESSION", (n) => `runtime attestation posture regressed across ${n} reviewed file(s)`],
  },
  "weaker-isolation-enabled": {
    lists: ["sandbox_policy_changes"],
    fires: kindIs("weaker_isolation"),
    // Shares X07RD_SANDBOX_POLICY_WIDEN; added only when sandbox-policy-widen did not already add it.
    diag: ["X07RD_SANDBOX_POLICY_WIDEN", () => "weaker isolation was enabled for a reviewed sandbox policy"],
  },
  "trusted-subset-expansion": { lists: ["subset_changes"] },
  "network-allowlist-widen": {
    lists: ["network_policy_changes"],
    diag: ["X07RD_NETWORK_ALLOWLIST_WIDEN", (n) => `network allowlist widened across ${n} reviewed change(s)`],
  },
  "peer-policy-relaxation": {
    lists: ["peer_policy_changes"],
    diag: ["X07RD_PEER_POLICY_RELAXATION", (n) => `peer policy relaxed across ${n} reviewed file(s)`],
  },
  "capsule-network-surface-widen": {
    lists: ["capsule_network_changes"],
    diag: ["X07RD_CAPSULE_NETWORK_SURFACE_WIDEN", (n) => `network capsule surface widened across ${n} reviewed file(s)`],
  },
  "package-set-change": {
    lists: ["dependency_closure_changes"],
    fires: kindIs("package_set"),
    diag: ["X07RD_PACKAGE_SET_CHANGE", (n) => `dependency package set changed in ${n} reviewed file(s)`],
  },
  "lockfile-hash-change": {
    lists: ["dependency_closure_changes"],
    fires: kindIs("lockfile_hash"),
    diag: ["X07RD_LOCKFILE_HASH_CHANGE", (n) => `lockfile digest changed in ${n} reviewed file(s)`],
  },
  "advisory-allowance-enabled": {
    lists: ["dependency_closure_changes"],
    fires: kindIs("advisory_allowance"),
    diag: ["X07RD_ADVISORY_ALLOWANCE_ENABLED", (n) => `disallowed advisory or yanked dependency state appeared in ${n} reviewed file(s)`],
  },
};

/** How many highlight entries fire a gate. */
export const gateCount = (h: Highlights, gate: ReviewGate): number => {
  const spec = GATES[gate];
  const fires = spec.fires ?? (() => true);
  return spec.lists.reduce((n, k) => n + h[k].filter(fires).length, 0);
};

/** The gates among `gates` that fire (each once, in the order given). */
export const firedGates = (h: Highlights, gates: ReadonlyArray<ReviewGate>): ReviewGate[] => [...new Set(gates)].filter((g) => gateCount(h, g) > 0);

/**
 * The diagnostics the requested gates add, in the order the gates were given (a gate given twice adds
 * its diagnostic twice, as upstream). `weaker-isolation-enabled` adds X07RD_SANDBOX_POLICY_WIDEN only
 * when no earlier diagnostic has that code.
 */
export const gateDiagnostics = (h: Highlights, gates: ReadonlyArray<ReviewGate>): Diagnostic[] => {
  const out: Diagnostic[] = [];
  for (const gate of gates) {
    const spec = GATES[gate];
    if (spec.diag === undefined) continue;
    const n = gateCount(h, gate);
    if (n === 0) continue;
    const [code, message] = spec.diag;
    if (gate === "weaker-isolation-enabled" && out.some((d) => d.code === code)) continue;
    out.push(makeDiagnostic(code, message(n)));
  }
  return out;
};
