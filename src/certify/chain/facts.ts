/** What the summary page shows besides the certificate: per-proof detail, tests, architecture, compile, review. */
import type { EvidenceRef } from "../certificate/types.ts";

/** One prove target, proven or not. */
export interface ProofFact {
  readonly symbol: string;
  readonly kind: string;
  /** The prove report's result kind (proven, counterexample_found, inconclusive, unsupported, error, missing). */
  readonly result: string;
  readonly engine?: string;
  readonly unwind?: number;
  readonly maxBytesLen?: number;
  readonly recursion?: string;
  readonly checkResult?: string;
  readonly proofObjectDigest?: string;
  /** The failing clause, when a counterexample was found. */
  readonly clause?: { readonly kind: string; readonly fn: string; readonly id: string; readonly index: number; readonly ptr: string };
  /** The counterexample's inputs by parameter, when known. */
  readonly inputs?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly inputBytesB64?: string;
  readonly details?: string;
}

/** One test of the run. */
export interface TestFact {
  readonly id: string;
  readonly status: string;
  readonly world: string;
  /** Declared PBT cases (from the tests manifest); absent for unit tests. */
  readonly pbtCases?: number;
}

/** Everything the summary page needs that the certificate does not hold. */
export interface SummaryFacts {
  readonly projectRoot: string;
  readonly proofs: ReadonlyArray<ProofFact>;
  readonly tests?: {
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
    readonly errors: number;
    readonly tests: ReadonlyArray<TestFact>;
  };
  readonly arch?: {
    readonly exitCode: number;
    readonly diagnostics: ReadonlyArray<{ readonly code: string; readonly message: string }>;
    readonly boundaries: ReadonlyArray<{ readonly id: string; readonly symbol: string; readonly status: string }>;
  };
  readonly compile?: { readonly deterministicMatch: boolean; readonly binarySha256?: string; readonly artifactPath?: string };
  readonly trust?: { readonly flags: ReadonlyArray<string>; readonly sbomGenerated: boolean };
  readonly review?: { readonly exitCode: number; readonly diags: ReadonlyArray<string> };
  /** Every artifact written, with its digest, in writing order (the certificate itself excepted). */
  readonly artifacts: ReadonlyArray<{ readonly label: string; readonly ref: EvidenceRef }>;
}
