/**
 * The services certify chains, one Context service per stage it depends on. Each takes the resolved project
 * and returns plain documents (the JSON the stage's CLI command would print); certify writes them into the
 * output directory, hashes them and derives the certificate from them. Keeping the stages behind these
 * interfaces lets the certificate rules be tested with small fakes and lets a caller swap any stage.
 *
 * A service that cannot run at all fails with {@link StepFailure}; certify turns that into the step's
 * `X07TC_*` diagnostic and a stub artifact (`{ok:false, artifact, message}`) at the step's path: it fails
 * closed and never aborts the certificate.
 */
import { Context, Data } from "effect";
import type { Effect } from "effect";
import type { JsonValue } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { CertifyProject, TrustProfileDoc } from "./project.ts";

/**
 * A stage could not run (a missing tool, an unreadable input); `message` says why.
 * @since 0.1.0
 * @category errors
 */
export class StepFailure extends Data.TaggedError("StepFailure")<{ readonly message: string }> {}

/**
 * Proof budgets forwarded to coverage and prove (`--unwind`, `--max-bytes-len`, …); unset = the stage's default.
 * @since 0.1.0
 * @category models
 */
export interface ProveBudgets {
  readonly unwind?: number;
  readonly maxBytesLen?: number;
  readonly inputLenBytes?: number;
  readonly z3TimeoutSeconds?: number;
  readonly z3MemoryMb?: number;
}

/**
 * Trust profiles: resolve `--profile` (an id or a path) and run the strength and project checks (`X07TP_*`).
 * @since 0.1.0
 * @category models
 */
export interface ProfilesShape {
  readonly resolve: (profile: string, project: CertifyProject) => Effect.Effect<{ readonly profile: TrustProfileDoc; readonly path: string }, StepFailure>;
  readonly check: (profile: TrustProfileDoc, project: CertifyProject, entry: string) => Effect.Effect<ReadonlyArray<Diagnostic>, StepFailure>;
}
/**
 * The Profiles service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyProfiles extends Context.Service<CertifyProfiles, ProfilesShape>()("@x07/sdk/certify/Profiles") {}

/**
 * `x07 arch check` on the project: its exit code and the `x07.arch.report@0.1.0` (with `boundaries_report`).
 * @since 0.1.0
 * @category models
 */
export interface ArchShape {
  readonly check: (project: CertifyProject) => Effect.Effect<{ readonly exitCode: number; readonly report: JsonValue }, StepFailure>;
}
/**
 * The Arch service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyArch extends Context.Service<CertifyArch, ArchShape>()("@x07/sdk/certify/Arch") {}

/**
 * `x07 verify --coverage --entry E`: the `x07.verify.report@0.8.0` and the `x07.verify.summary@0.2.0` it wrote, if any.
 * @since 0.1.0
 * @category models
 */
export interface CoverageShape {
  readonly coverage: (project: CertifyProject, entry: string, budgets: ProveBudgets) => Effect.Effect<{ readonly report: JsonValue; readonly summary?: JsonValue }, StepFailure>;
}
/**
 * The Coverage service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyCoverage extends Context.Service<CertifyCoverage, CoverageShape>()("@x07/sdk/certify/Coverage") {}

/**
 * The bundle of one `x07 verify --prove --emit-proof`: the report plus the exact bytes of every file written
 * next to the proof object, by name relative to the item directory: `verify.proof-summary.json` and
 * `proof.json` when proven (the proof object hashes the summary's bytes, so they are written verbatim),
 * `verify.smt2`, `z3.out.txt`, `cex.json` when a counterexample was found, `imported_proof_summaries/<sha>.json`.
 * @since 0.1.0
 * @category models
 */
export interface ProveRun {
  /** The `x07.verify.report@0.8.0` (mode prove); certify points its `artifacts` at the item directory. */
  readonly report: JsonValue;
  readonly files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** The counterexample's inputs by parameter (as text), when the prover found one and knows them. */
  readonly counterexampleInputs?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/**
 * The prover: proves one symbol and replays a written proof object (`x07 prove check`).
 * @since 0.1.0
 * @category models
 */
export interface ProverShape {
  /** The engine id recorded in proof summaries and the certificate's tcb (`ts_z3_v1`). */
  readonly engine: string;
  /** What the engine is built from (solver and version), for the certificate's tcb. */
  readonly engineDescription: string;
  /** `sha256:<hex>` of the trusted-primitive catalog the prover assumes. */
  readonly primitiveManifestDigest: string;
  readonly prove: (project: CertifyProject, symbol: string, budgets: ProveBudgets) => Effect.Effect<ProveRun, StepFailure>;
  /** Replays the proof object at `proofPath` (inside `dir`, next to its bundle); returns the `x07.verify.proof_check.report@0.2.0`. */
  readonly check: (project: CertifyProject, proofPath: string) => Effect.Effect<JsonValue, StepFailure>;
}
/**
 * The Prover service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyProver extends Context.Service<CertifyProver, ProverShape>()("@x07/sdk/certify/Prover") {}

/**
 * `x07 test --manifest M [--all]`: the exit code and the `x07.x07test@0.4.0` report.
 * @since 0.1.0
 * @category models
 */
export interface TestsShape {
  readonly run: (
    project: CertifyProject,
    options: { readonly manifest: string; readonly all: boolean; readonly noFailFast: boolean },
  ) => Effect.Effect<{ readonly exitCode: number; readonly report: JsonValue }, StepFailure>;
}
/**
 * The Tests service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyTests extends Context.Service<CertifyTests, TestsShape>()("@x07/sdk/certify/Tests") {}

/**
 * `x07 trust report`: the `x07.trust.report@0.1.0`, its HTML and the CycloneDX SBOM.
 * @since 0.1.0
 * @category models
 */
export interface TrustReportShape {
  readonly report: (
    project: CertifyProject,
    options: { readonly profile?: TrustProfileDoc; readonly failOn: ReadonlyArray<string> },
  ) => Effect.Effect<{ readonly exitCode: number; readonly report: JsonValue; readonly html: string; readonly sbom?: JsonValue }, StepFailure>;
}
/**
 * The TrustReport service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyTrustReport extends Context.Service<CertifyTrustReport, TrustReportShape>()("@x07/sdk/certify/TrustReport") {}

/**
 * The compile attestation: the `x07.compile.attest@0.1.0` and the artifact it attests (our rebuild check).
 * @since 0.1.0
 * @category models
 */
export interface CompileShape {
  readonly attest: (project: CertifyProject, entry: string) => Effect.Effect<{ readonly attestation: JsonValue; readonly artifact?: Uint8Array }, StepFailure>;
}
/**
 * The Compile service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyCompile extends Context.Service<CertifyCompile, CompileShape>()("@x07/sdk/certify/Compile") {}

/**
 * `x07 review diff --from BASELINE --to PROJECT --mode project --fail-on G…`: exit code, `x07.review.diff@0.5.0`, HTML, text summary.
 * @since 0.1.0
 * @category models
 */
export interface ReviewShape {
  readonly diff: (
    baseline: string,
    projectRoot: string,
    failOn: ReadonlyArray<string>,
  ) => Effect.Effect<{ readonly exitCode: number; readonly report: JsonValue; readonly html: string; readonly text: string }, StepFailure>;
}
/**
 * The Review service certify calls (see its shape).
 * @since 0.1.0
 * @category services
 */
export class CertifyReview extends Context.Service<CertifyReview, ReviewShape>()("@x07/sdk/certify/Review") {}

/**
 * Every service certify needs.
 * @since 0.1.0
 * @category services
 */
export type CertifyServices = CertifyProfiles | CertifyArch | CertifyCoverage | CertifyProver | CertifyTests | CertifyTrustReport | CertifyCompile | CertifyReview;
