/**
 * The `certify` stage (`x07-sdk/certify`): `x07 trust certify` as a library.
 *
 * {@link certify} runs upstream's certification chain on a project for one entry under a trust profile:
 * profile strength and project checks, the operational-entry rules of strong profiles (a surrogate
 * `certification_entry_symbol` is rejected), arch check and boundaries, coverage of the entry, a proof with
 * an emitted proof object and a replayed `prove check` for every in-scope symbol, the tests the boundaries
 * require (smoke + PBT, all passing, in allowed worlds), the trust report with its SBOM, a compile
 * attestation (the entry program built twice from scratch to a byte-identical JS evaluator artifact) and,
 * with a baseline, a review diff. Every artifact lands in the output directory; the
 * `x07.trust.certificate@0.7.0` binds them by digest and is `accepted` only when no diagnostic was raised.
 * `summary.html` is the same verdict for a person.
 *
 * Each stage is a service ({@link CertifyProfiles}, {@link CertifyArch}, {@link CertifyCoverage},
 * {@link CertifyProver}, {@link CertifyTests}, {@link CertifyTrustReport}, {@link CertifyCompile},
 * {@link CertifyReview}); {@link layerCertifyLive} wires the SDK's own stages, and a caller may swap any.
 *
 * @packageDocumentation
 */
import * as nodePath from "node:path";
import { Data, Effect, FileSystem } from "effect";
import { validateByVersion } from "../core/contracts/written.ts";
import type { FileWriteError } from "../core/io/errors.ts";
import { SDK_VERSION } from "../version.ts";
import { TRUST_CERTIFICATE_SCHEMA_VERSION } from "./certificate/derive.ts";
import type { TrustCertificate } from "./certificate/types.ts";
import { jsonText, makeArtifactWriter } from "./chain/artifacts.ts";
import type { SummaryFacts } from "./chain/facts.ts";
import { runChain } from "./chain/run.ts";
import type { ChainOptions } from "./chain/run.ts";
import type { CertifyServices, ProverShape } from "./chain/services.ts";
import { renderSummaryHtml } from "./summary-html/render.ts";

export { CertifyArch, CertifyCompile, CertifyCoverage, CertifyProfiles, CertifyProver, CertifyReview, CertifyTests, CertifyTrustReport, StepFailure } from "./chain/services.ts";
export type { ArchShape, CertifyServices, CompileShape, CoverageShape, ProfilesShape, ProveBudgets, ProveRun, ProverShape, ReviewShape, TestsShape, TrustReportShape } from "./chain/services.ts";
export type { CertifyProject, ProjectManifest, TrustProfileDoc } from "./chain/project.ts";
export type { TrustCertificate, EvidenceRef, ProofInventoryItem, ProofAssumption } from "./certificate/types.ts";
export type { SummaryFacts, ProofFact, TestFact } from "./chain/facts.ts";
export { TRUST_CERTIFICATE_SCHEMA_VERSION } from "./certificate/derive.ts";
export { isStrongProfile, realizedClaims, scopeSummary } from "./certificate/rules.ts";
export { renderSummaryHtml } from "./summary-html/render.ts";
export { attestCompile, COMPILER_LANG_ID } from "./attest/compile.ts";
export { layerCertifyNode, layerCertifyLive, layerCertifyLiveWith, layerCertifyProverWith, layerCertifyProfiles, layerCertifyArch, layerCertifyCoverage, layerCertifyProver, layerCertifyTests, layerCertifyTrustReport, layerCertifyCompile, layerCertifyReview } from "./live.ts";

/**
 * Options of {@link certify} (upstream's `x07 trust certify` flags).
 * @since 0.1.0
 * @category models
 */
export interface CertifyOptions {
  /** A profile id (`verified_core_pure_v1`, …, or one under `arch/trust/profiles/`) or a profile file path. */
  readonly profile: string;
  /** The entry symbol to certify (`module.fn`). */
  readonly entry: string;
  /** The output directory (created; existing files of the same names are replaced). */
  readonly outDir: string;
  /** A baseline project directory: adds a review diff (review.diff.{json,html,txt}). */
  readonly baseline?: string;
  /** The tests manifest, relative to the project root (default `tests/tests.json`). */
  readonly testsManifest?: string;
  readonly budgets?: ChainOptions["budgets"];
  readonly noFailFast?: boolean;
  /** Trust-report gates (`--fail-on`). */
  readonly failOn?: ReadonlyArray<string>;
  /** Review-diff gates (`--review-fail-on`; default proof-coverage-decrease, boundary-relaxation, trusted-subset-expansion). */
  readonly reviewFailOn?: ReadonlyArray<string>;
  /** Skip summary.html. */
  readonly noHtml?: boolean;
  /** Directory relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string;
}

/**
 * A finished certification: the typed certificate, the exit code upstream's CLI uses (0 accepted, 20
 * rejected), and the absolute paths of the certificate, the summary page and every other artifact.
 * @since 0.1.0
 * @category models
 */
export interface CertifyResult {
  readonly certificate: TrustCertificate;
  readonly verdict: "accepted" | "rejected";
  readonly exitCode: 0 | 20;
  readonly outDir: string;
  readonly paths: {
    readonly certificate: string;
    readonly summaryHtml?: string;
    /** Every other artifact written, by output-relative path → absolute path. */
    readonly artifacts: Readonly<Record<string, string>>;
  };
  /** What summary.html shows besides the certificate. */
  readonly facts: SummaryFacts;
}

/**
 * The derived certificate does not validate against `x07.trust.certificate@0.7.0`: an SDK bug; nothing is written.
 * @since 0.1.0
 * @category errors
 */
export class CertificateInvalidError extends Data.TaggedError("CertificateInvalidError")<{ readonly pointer: string; readonly reason: string }> {
  override get message(): string {
    return `internal error: the certificate does not validate at ${this.pointer}: ${this.reason}`;
  }
}

/** The trusted computing base: this SDK, the runtime it runs on, the proof engine and its primitive catalog. */
const tcbOf = (prover: Pick<ProverShape, "engine" | "engineDescription" | "primitiveManifestDigest">): TrustCertificate["tcb"] => ({
  x07_version: `x07-sdk ${SDK_VERSION}`,
  host_compiler: `x07-sdk ${SDK_VERSION} on Node.js ${process.versions.node}; verify engine ${prover.engine} (${prover.engineDescription})`,
  trusted_primitive_manifest_digest: prover.primitiveManifestDigest,
});

/**
 * Certifies `entry` of the project at `project` (an `x07.json` or its directory) under `options.profile`,
 * writing every artifact into `options.outDir`. Problems with the project are diagnostics in a rejected
 * certificate, never failures; the Effect fails only when the output cannot be written.
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { certify, layerCertifyNode } from "x07-sdk/certify";
 * const r = await Effect.runPromise(
 *   certify("examples/orders", { profile: "verified_core_pure_v1", entry: "orders.core.compute_total_v1", outDir: "target/cert" })
 *     .pipe(Effect.provide(layerCertifyNode)),
 * );
 * console.log(r.verdict, r.paths.summaryHtml);
 * ```
 * @since 0.1.0
 * @category stages
 */
export const certify = (project: string, options: CertifyOptions): Effect.Effect<CertifyResult, FileWriteError | CertificateInvalidError, FileSystem.FileSystem | CertifyServices> =>
  Effect.gen(function* () {
    const cwd = options.cwd ?? process.cwd();
    const chain = yield* runChain(
      {
        project,
        profile: options.profile,
        entry: options.entry,
        outDir: options.outDir,
        cwd,
        ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
        ...(options.testsManifest !== undefined ? { testsManifest: options.testsManifest } : {}),
        ...(options.budgets !== undefined ? { budgets: options.budgets } : {}),
        ...(options.noFailFast !== undefined ? { noFailFast: options.noFailFast } : {}),
        ...(options.failOn !== undefined ? { failOn: options.failOn } : {}),
        ...(options.reviewFailOn !== undefined ? { reviewFailOn: options.reviewFailOn } : {}),
      },
      tcbOf,
    );
    const valid = yield* Effect.promise(() => validateByVersion(chain.certificate));
    if (!valid.ok || chain.certificate.schema_version !== TRUST_CERTIFICATE_SCHEMA_VERSION) return yield* Effect.fail(new CertificateInvalidError({ pointer: valid.ok ? "/schema_version" : valid.pointer, reason: valid.ok ? "wrong schema_version" : valid.message }));
    const fs = yield* FileSystem.FileSystem;
    const w = makeArtifactWriter(fs, chain.outDir);
    yield* w.bytes("certificate.json", jsonText(chain.certificate));
    if (options.noHtml !== true) yield* w.bytes("summary.html", renderSummaryHtml(chain.certificate, chain.facts));
    const artifacts = Object.fromEntries(chain.facts.artifacts.map((a) => [a.ref.path, nodePath.join(chain.outDir, ...a.ref.path.split("/"))]));
    return {
      certificate: chain.certificate,
      verdict: chain.certificate.verdict,
      exitCode: chain.certificate.verdict === "accepted" ? 0 : 20,
      outDir: chain.outDir,
      paths: { certificate: w.abs("certificate.json"), ...(options.noHtml !== true ? { summaryHtml: w.abs("summary.html") } : {}), artifacts },
      facts: chain.facts,
    } satisfies CertifyResult;
  });

/** Trust profiles: the public profiles as data, resolution, and `x07 trust profile check` as a library call. */
export { checkTrustProfile, checkProfile, resolveTrustProfile } from "./profiles/index.ts";
export type { TrustProfileCheckOptions, TrustProfileCheck } from "./profiles/index.ts";
