/**
 * Assembles the certificate from what the chain collected. Pure: the same outcome gives the same certificate.
 * The verdict is `accepted` exactly when no diagnostic was collected (the chain's plus the post-checks here).
 */
import type { Diagnostic } from "../../diag/index.ts";
import type { TrustProfileDoc } from "../chain/project.ts";
import { asyncProof, collectAssumptions, postDiagnostics, realizedClaims, recursiveSummary, scopeSummary } from "./rules.ts";
import type { InventoryEntry } from "./rules.ts";
import type { CertificateEvidence, CertificateTcb, CoverageFacts, ImportedSummary, TrustCertificate } from "./types.ts";

/** The certificate's schema version. */
export const TRUST_CERTIFICATE_SCHEMA_VERSION = "x07.trust.certificate@0.7.0";

/** Everything the chain collected, in the shape the derivation reads. */
export interface ChainOutcome {
  /** The resolved profile; undefined when it could not be loaded (then `profileLabel` is what was asked for). */
  readonly profile: TrustProfileDoc | undefined;
  readonly profileLabel: string;
  readonly entry: string;
  /** The project's operational entry (or `entry` when the project names none). */
  readonly operationalEntry: string;
  /** The output directory as the caller named it. */
  readonly outDir: string;
  readonly projectRoot: string;
  /** Diagnostics the steps collected, in step order. */
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly coverage: CoverageFacts | undefined;
  readonly inventory: ReadonlyArray<InventoryEntry>;
  readonly importedSummaries: ReadonlyArray<ImportedSummary>;
  readonly evidence: CertificateEvidence;
  readonly tcb: CertificateTcb;
}

/** Derives the certificate (`x07.trust.certificate@0.7.0`). */
export const deriveCertificate = (o: ChainOutcome): TrustCertificate => {
  const items = o.inventory.map((e) => e.item);
  const scope = scopeSummary(items, o.coverage, o.operationalEntry, false);
  const recursive = recursiveSummary(o.inventory, o.coverage);
  const assumptions = collectAssumptions(o.inventory);
  const devOnly = assumptions.filter((a) => !a.certifiable);
  const asyncFacts = asyncProof(items, o.coverage, o.profile, o.projectRoot);
  const diagnostics = [
    ...o.diagnostics,
    ...postDiagnostics(o.profile, {
      importedSummaries: o.importedSummaries.length,
      asyncProof: asyncFacts,
      dependsOnBounded: recursive.accepted_depends_on_bounded_proof,
      dependsOnDevOnly: devOnly.length > 0,
      devOnlySubjects: devOnly.map((a) => a.subject),
    }),
  ];
  const accepted = diagnostics.length === 0;
  return {
    schema_version: TRUST_CERTIFICATE_SCHEMA_VERSION,
    verdict: accepted ? "accepted" : "rejected",
    profile: o.profile?.id ?? o.profileLabel,
    entry: o.entry,
    operational_entry_symbol: o.operationalEntry,
    out_dir: o.outDir,
    claims: realizedClaims(o.profile?.claims ?? [], accepted, scope.proved_symbol_count, scope.entry_body_formally_proved),
    ...scope,
    async_proof: asyncFacts,
    proof_inventory: [...items],
    proof_assumptions: assumptions,
    capsules: { count: 0, ids: [], attestations: [] },
    network_capsules: { count: 0, ids: [] },
    runtime: null,
    recursive_proof_summary: recursive,
    imported_summary_inventory: [...o.importedSummaries],
    accepted_depends_on_bounded_proof: recursive.accepted_depends_on_bounded_proof,
    accepted_depends_on_dev_only_assumption: devOnly.length > 0,
    package_set_digest: null,
    dependency_closure: null,
    tcb: o.tcb,
    evidence: o.evidence,
    diagnostics: diagnostics as TrustCertificate["diagnostics"] & object,
  };
};
