/** The certificate's types, taken from the `x07.trust.certificate@0.7.0` schema, and the documents it is derived from. */
import type { DocumentTypes } from "../../core/contracts/index.ts";

/** The certificate (`x07.trust.certificate@0.7.0`). */
export type TrustCertificate = DocumentTypes["x07.trust.certificate@0.7.0"];
/** `{path, sha256_hex}`: a file in the output directory (path relative to it) and the SHA-256 of its bytes. */
export type EvidenceRef = { readonly path: string; readonly sha256_hex: string };
/** One proven symbol of the inventory. */
export type ProofInventoryItem = TrustCertificate["proof_inventory"][number];
/** One assumption a proof rests on. */
export type ProofAssumption = TrustCertificate["proof_assumptions"][number];
/** The certificate's evidence block. */
export type CertificateEvidence = TrustCertificate["evidence"];
/** The certificate's trusted computing base. */
export type CertificateTcb = TrustCertificate["tcb"];
/** An entry of the imported-summary inventory. */
export type ImportedSummary = TrustCertificate["imported_summary_inventory"][number];

/** The fields of a proof summary (`x07.verify.proof_summary@0.2.0`) the certificate reads. */
export interface ProofSummaryFacts {
  readonly symbol: string;
  readonly kind: "defn" | "defasync";
  readonly result_kind: "proven" | "proven_async";
  readonly engine: string;
  readonly recursion_kind: string;
  readonly recursion_bound_kind: string;
  readonly assumptions: ReadonlyArray<ProofAssumption>;
}

/** One row of a coverage document (`x07.verify.coverage@0.4.0` functions[]), as far as certify reads it. */
export interface CoverageRowFacts {
  readonly symbol: string;
  readonly kind: string;
  readonly status: string;
  readonly support_summary?: { readonly recursion_kind?: string };
  readonly source_path?: string;
  readonly details?: string;
}

/** The coverage document, as far as certify reads it. */
export interface CoverageFacts {
  readonly functions: ReadonlyArray<CoverageRowFacts>;
  readonly summary: {
    readonly recursive_defn?: number;
    readonly imported_proof_summary_defn?: number;
    readonly unsupported_recursive_defn?: number;
    readonly async_model?: string | null;
  };
}
