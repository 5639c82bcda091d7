/**
 * The certificate's derivation rules, each a small pure function over the collected evidence: which coverage
 * rows are in proof scope and which become prove targets, which coverage rows reject (and with which code),
 * the formal-verification scope, the realized claims, the recursion and async summaries, the assumption
 * inventory and the post-checks on them. Upstream's rules (crates/x07/src/trust.rs), with one deliberate
 * difference: only proven symbols enter the inventory (the chain never adds an item for a failed proof).
 */
import * as nodePath from "node:path";
import type { Diagnostic } from "../../diag/index.ts";
import type { CertifyCode } from "../../diag/codes/certify.ts";
import { certDiag } from "./diag.ts";
import type { TrustProfileDoc } from "../chain/project.ts";
import type { CoverageFacts, CoverageRowFacts, ProofAssumption, ProofInventoryItem, ProofSummaryFacts, TrustCertificate } from "./types.ts";

/**
 * Strong profile: proof mode prove, per-symbol defn reports, no coverage-summary imports, and async either
 * disallowed or proved per symbol. Strong profiles pin the operational entry and reject bounded/dev-only proofs.
 */
export const isStrongProfile = (p: TrustProfileDoc): boolean =>
  p.evidence_requirements.require_proof_mode === "prove" &&
  p.evidence_requirements.require_per_symbol_prove_reports_defn &&
  !p.evidence_requirements.allow_coverage_summary_imports &&
  (!p.language_subset.allow_defasync || p.evidence_requirements.require_per_symbol_prove_reports_async);

/** Whether the profile limits proof scope to the project's own sources (`all_reachable_user_defn`). */
export const userScopeOnly = (p: TrustProfileDoc | undefined): boolean => p?.evidence_requirements.require_proof_coverage === "all_reachable_user_defn";

/**
 * Whether a coverage row is in proof scope: every row under `all_reachable_defn`; under
 * `all_reachable_user_defn` only rows whose source lies under the project root and outside `.x07/deps`.
 */
export const inProofScope = (row: CoverageRowFacts, projectRoot: string, userOnly: boolean): boolean => {
  if (!userOnly) return true;
  if (row.source_path === undefined) return false;
  const abs = nodePath.resolve(projectRoot, row.source_path);
  const within = (dir: string) => abs === dir || abs.startsWith(dir + nodePath.sep);
  return within(projectRoot) && !within(nodePath.join(projectRoot, ".x07", "deps"));
};

const recursionKindOf = (row: CoverageRowFacts): string => row.support_summary?.recursion_kind ?? "";
const isRecursive = (row: CoverageRowFacts): boolean => ["self_recursive", "mutual"].includes(recursionKindOf(row));

/** Statuses that need no further evidence from certify (proved by it, or trusted/assumed and inventoried). */
const SETTLED: ReadonlySet<string> = new Set([
  "supported",
  "supported_recursive",
  "supported_async",
  "imported_proof_summary",
  "trusted_primitive",
  "trusted_scheduler_model",
  "capsule_boundary",
]);

/** The code a coverage row that is not settled rejects with. */
export const coverageIssueCode = (row: CoverageRowFacts): CertifyCode => {
  if (row.kind === "defasync" && row.status === "unsupported") return "X07TC_EUNSUPPORTED_DEFASYNC";
  if (row.kind === "defasync" && row.status === "uncovered") return "X07TC_EASYNC_PROOF";
  if (row.status === "uncovered") return "X07TC_EPROOF_COVERAGE";
  if (row.status === "unsupported" && ((row.details ?? "").toLowerCase().includes("recursive") || isRecursive(row))) return "X07TC_EUNSUPPORTED_RECURSION";
  if (row.status === "unsupported") return "X07TC_EPROVE_UNSUPPORTED";
  return "X07TC_EPROOF_COVERAGE";
};

const ISSUE_WORDING: Partial<Record<CertifyCode, string>> = {
  X07TC_EASYNC_PROOF: "reachable defasync symbols without complete async proof coverage",
  X07TC_EUNSUPPORTED_DEFASYNC: "reachable defasync symbols outside the certifiable subset",
  X07TC_EUNSUPPORTED_RECURSION: "reachable recursive symbols outside the certifiable subset",
  X07TC_EPROVE_UNSUPPORTED: "reachable symbols outside the supported proof subset",
  X07TC_ERECURSION_FORBIDDEN: "reachable recursive symbols under a trust profile that forbids recursion",
};

/** A symbol list for a message: the first three, then "(+N more)". */
export const summarizeSymbols = (symbols: ReadonlyArray<string>): string =>
  symbols.slice(0, 3).join(", ") + (symbols.length > 3 ? ` (+${symbols.length - 3} more)` : "");

/**
 * The diagnostics coverage alone implies: forbidden recursion first, then one diagnostic per code (in code
 * order) listing the symbols; `data.symbols` holds all of them and `data.details` each row's reasons.
 */
export const coverageDiagnostics = (coverage: CoverageFacts, profile: TrustProfileDoc | undefined, projectRoot: string): Diagnostic[] => {
  const userOnly = userScopeOnly(profile);
  const recursionForbidden = profile !== undefined && !profile.language_subset.allow_recursion;
  const issues = new Map<CertifyCode, CoverageRowFacts[]>();
  const forbidden: CoverageRowFacts[] = [];
  for (const row of coverage.functions) {
    if (!inProofScope(row, projectRoot, userOnly)) continue;
    if (recursionForbidden && isRecursive(row)) {
      forbidden.push(row);
      continue;
    }
    if (SETTLED.has(row.status)) continue;
    const code = coverageIssueCode(row);
    issues.set(code, [...(issues.get(code) ?? []), row]);
  }
  const diag = (code: CertifyCode, rows: ReadonlyArray<CoverageRowFacts>) => {
    const symbols = rows.map((r) => r.symbol);
    const details = Object.fromEntries(rows.filter((r) => r.details !== undefined).map((r) => [r.symbol, r.details!]));
    const what = ISSUE_WORDING[code] ?? "reachable symbols without complete proof coverage";
    return certDiag(code, `coverage report includes ${what}: ${summarizeSymbols(symbols)}`, { symbols, ...(Object.keys(details).length > 0 ? { details } : {}) });
  };
  const out: Diagnostic[] = [];
  if (forbidden.length > 0) out.push(diag("X07TC_ERECURSION_FORBIDDEN", forbidden));
  for (const code of [...issues.keys()].sort()) out.push(diag(code, issues.get(code)!));
  return out;
};

/** The symbols certify proves: in-scope `defn` rows that are supported / supported_recursive, `defasync` rows supported_async. */
export const proveTargets = (coverage: CoverageFacts, profile: TrustProfileDoc | undefined, projectRoot: string): Array<{ symbol: string; kind: "defn" | "defasync" }> => {
  const userOnly = userScopeOnly(profile);
  return coverage.functions
    .filter((r) => inProofScope(r, projectRoot, userOnly))
    .filter((r) => (r.kind === "defn" && (r.status === "supported" || r.status === "supported_recursive")) || (r.kind === "defasync" && r.status === "supported_async"))
    .map((r) => ({ symbol: r.symbol, kind: r.kind as "defn" | "defasync" }));
};

/** The code a failed proof rejects with, from the prove report's diagnostics and result kind. */
export const proveIssueCode = (diagnosticCodes: ReadonlyArray<string>, resultKind: string | undefined): CertifyCode => {
  for (const code of diagnosticCodes) {
    if (code === "X07V_UNSUPPORTED_DEFASYNC_FORM") return "X07TC_EUNSUPPORTED_DEFASYNC";
    if (["X07V_ASYNC_COUNTEREXAMPLE", "X07V_SCOPE_INVARIANT_FAILED", "X07V_CANCELLATION_ENSURE_FAILED", "X07V_SCHEDULER_MODEL_UNTRUSTED"].includes(code)) return "X07TC_EASYNC_PROOF";
    if (["X07V_UNSUPPORTED_RECURSION", "X07V_RECURSIVE_DECREASES_REQUIRED", "X07V_UNSUPPORTED_MUTUAL_RECURSION"].includes(code)) return "X07TC_EUNSUPPORTED_RECURSION";
  }
  return resultKind === "unsupported" ? "X07TC_EPROVE_UNSUPPORTED" : "X07TC_EPROVE";
};

/** An inventory item with the proof summary it references (parsed), from which recursion and assumptions are read. */
export interface InventoryEntry {
  readonly item: ProofInventoryItem;
  readonly summary: ProofSummaryFacts | undefined;
}

/** The formal-verification scope and the counts derived from the inventory and coverage. */
export interface ScopeSummary {
  readonly formal_verification_scope: TrustCertificate["formal_verification_scope"];
  readonly proved_symbol_count: number;
  readonly proved_defn_count: number;
  readonly proved_defasync_count: number;
  readonly entry_body_formally_proved: boolean;
  readonly operational_entry_proof_inventory_refs: TrustCertificate["operational_entry_proof_inventory_refs"];
  readonly capsule_boundary_only_symbol_count: number;
  readonly runtime_evidence_only_symbol_count: number;
}

/**
 * Scope: `none` when nothing was proved; `whole_certifiable_graph` when coverage has certifiable rows
 * (supported, supported_recursive, supported_async) and at least that many were proved; else `entry_body` when
 * the operational entry's proof check was accepted; else `partial`.
 */
export const scopeSummary = (inventory: ReadonlyArray<ProofInventoryItem>, coverage: CoverageFacts | undefined, operationalEntry: string, hasRuntime: boolean): ScopeSummary => {
  const proved = inventory.length;
  const entryProved = inventory.some((i) => i.symbol === operationalEntry && i.proof_check_result === "accepted");
  const certifiable = (coverage?.functions ?? []).filter((f) => ["supported", "supported_recursive", "supported_async"].includes(f.status)).length;
  const scope = proved === 0 ? "none" : certifiable > 0 && proved >= certifiable ? "whole_certifiable_graph" : entryProved ? "entry_body" : "partial";
  return {
    formal_verification_scope: scope,
    proved_symbol_count: proved,
    proved_defn_count: inventory.filter((i) => i.kind === "defn").length,
    proved_defasync_count: inventory.filter((i) => i.kind === "defasync").length,
    entry_body_formally_proved: entryProved,
    operational_entry_proof_inventory_refs: inventory.filter((i) => i.symbol === operationalEntry).flatMap((i) => (i.proof_object != null ? [i.proof_object] : [])),
    capsule_boundary_only_symbol_count: (coverage?.functions ?? []).filter((f) => f.status === "capsule_boundary").length,
    runtime_evidence_only_symbol_count: !entryProved && hasRuntime ? 1 : 0,
  };
};

/**
 * The claims the certificate makes: the profile's claims, where the three formal ones survive only when
 * they hold (`human_can_review_certificate_not_source` needs acceptance; `certificate_includes_formal_proof`
 * acceptance and a proof; `operational_entry_formally_proved` acceptance and the entry proved); the last two
 * are appended when they hold and the profile did not list them.
 */
export const realizedClaims = (profileClaims: ReadonlyArray<string>, accepted: boolean, provedCount: number, entryProved: boolean): string[] => {
  const holds: Readonly<Record<string, boolean>> = {
    human_can_review_certificate_not_source: accepted,
    certificate_includes_formal_proof: accepted && provedCount > 0,
    operational_entry_formally_proved: accepted && entryProved,
  };
  const claims = profileClaims.filter((c) => holds[c] ?? true);
  for (const c of ["certificate_includes_formal_proof", "operational_entry_formally_proved"])
    if (holds[c] === true && !claims.includes(c)) claims.push(c);
  return claims;
};

/** Recursion facts: proved recursive items by bound kind, reachable/imported/rejected counts from coverage. */
export const recursiveSummary = (inventory: ReadonlyArray<InventoryEntry>, coverage: CoverageFacts | undefined): TrustCertificate["recursive_proof_summary"] => {
  const recursive = inventory.filter((e) => (e.summary?.recursion_kind ?? "none") !== "none");
  const bounded = recursive.filter((e) => e.summary?.recursion_bound_kind === "bounded_by_unwind").length;
  return {
    reachable_recursive_defn: coverage?.summary.recursive_defn ?? 0,
    accepted_recursive_defn: recursive.length,
    bounded_recursive_defn: bounded,
    unbounded_recursive_defn: recursive.filter((e) => e.summary?.recursion_bound_kind === "unbounded").length,
    imported_proof_summary_defn: coverage?.summary.imported_proof_summary_defn ?? 0,
    rejected_recursive_defn: coverage?.summary.unsupported_recursive_defn ?? 0,
    accepted_depends_on_bounded_proof: bounded > 0,
  };
};

/** Async facts: in-scope supported_async defasync rows, proven_async inventory items, the coverage's async model. */
export const asyncProof = (inventory: ReadonlyArray<ProofInventoryItem>, coverage: CoverageFacts | undefined, profile: TrustProfileDoc | undefined, projectRoot: string): TrustCertificate["async_proof"] => ({
  reachable: (coverage?.functions ?? []).filter((f) => f.kind === "defasync" && f.status === "supported_async" && inProofScope(f, projectRoot, userScopeOnly(profile))).length,
  proved: inventory.filter((i) => i.kind === "defasync" && i.result_kind === "proven_async").length,
  model: coverage?.summary.async_model ?? null,
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every assumption of every inventoried proof, deduplicated and sorted (kind, subject, digest, certifiable). */
export const collectAssumptions = (inventory: ReadonlyArray<InventoryEntry>): ProofAssumption[] => {
  const seen = new Map<string, ProofAssumption>();
  for (const e of inventory)
    for (const a of e.summary?.assumptions ?? []) {
      const norm: ProofAssumption = { kind: a.kind, subject: a.subject, ...(a.digest != null ? { digest: a.digest } : {}), certifiable: a.certifiable };
      seen.set(JSON.stringify([norm.kind, norm.subject, norm.digest ?? null, norm.certifiable]), norm);
    }
  return [...seen.values()].sort(
    (a, b) => cmp(a.kind, b.kind) || cmp(a.subject, b.subject) || cmp(a.digest ?? "", b.digest ?? "") || Number(a.certifiable) - Number(b.certifiable),
  );
};

/** The checks that run on the derived facts (coverage-only imports, async coverage, bounded and dev-only proofs). */
export const postDiagnostics = (
  profile: TrustProfileDoc | undefined,
  facts: {
    readonly importedSummaries: number;
    readonly asyncProof: TrustCertificate["async_proof"];
    readonly dependsOnBounded: boolean;
    readonly dependsOnDevOnly: boolean;
    readonly devOnlySubjects: ReadonlyArray<string>;
  },
): Diagnostic[] => {
  if (profile === undefined) return [];
  const strong = isStrongProfile(profile);
  const out: Diagnostic[] = [];
  if (!profile.evidence_requirements.allow_coverage_summary_imports && facts.importedSummaries > 0)
    out.push(certDiag("X07TC_ECOVERAGE_ONLY", "the profile rejects imported summaries on the coverage-only evidence path"));
  if (profile.evidence_requirements.require_async_proof_coverage && facts.asyncProof.proved < facts.asyncProof.reachable)
    out.push(certDiag("X07TC_EASYNC_PROOF", `async proof coverage is incomplete: proved ${facts.asyncProof.proved} of ${facts.asyncProof.reachable} reachable defasync symbol(s)`));
  if (strong && facts.dependsOnBounded) out.push(certDiag("X07TC_EBOUNDED_PROOF_FORBIDDEN", "strong trust profiles reject accepted proofs that depend on bounded recursion"));
  if (strong && facts.dependsOnDevOnly)
    out.push(certDiag("X07TC_EDEV_ONLY_ASSUMPTION", `strong trust profiles reject developer-only proof assumptions: ${summarizeSymbols(facts.devOnlySubjects)}`, { subjects: [...facts.devOnlySubjects] }));
  return out;
};
