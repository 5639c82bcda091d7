/**
 * The live services: each certify dependency wired to the SDK's own stage. Every layer needs only effect's
 * `FileSystem`; the std modules (and the solver, for proofs) are provided inside. A stage that fails in its
 * Effect error channel becomes a {@link StepFailure} (certify then rejects with that step's code).
 */
import { Effect, Layer } from "effect";
import type { Context, FileSystem } from "effect";
import type { JsonValue } from "../core/json/index.ts";
import { archCheck } from "../arch/index.ts";
import { isReviewGate, renderReviewText, reviewDiff } from "../review/index.ts";
import { layerStd } from "../std/index.ts";
import { layerNodeFileSystem } from "../services/index.ts";
import { test } from "../test/index.ts";
import * as nodePath from "node:path";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { FileSystem as Fs } from "effect";
import { readJson } from "../core/json/index.ts";
import { layerZ3, proveCheck, verifyCoverageRun, verifyProve, PRIMITIVE_MANIFEST_DIGEST, VERIFY_ENGINE } from "../prove/index.ts";
import type { Z3 } from "../prove/index.ts";
import { profileDiagnostics, readProjectFacts, resolveTrustProfile } from "./profiles/index.ts";
import type { ProfileSource, TrustProfile } from "./profiles/index.ts";
import { isTrustFailOn, trustReport } from "./trust-report/index.ts";
import { attestCompile } from "./attest/compile.ts";
import type { TrustProfileDoc } from "./chain/project.ts";
import { CertifyArch, CertifyCompile, CertifyCoverage, CertifyProfiles, CertifyProver, CertifyReview, CertifyTests, CertifyTrustReport, StepFailure } from "./chain/services.ts";

const failure = (e: unknown) => new StepFailure({ message: e instanceof Error ? e.message : String(e) });

/** Captures the layer's context so each service call runs with it. */
const withContext = <R>() => Effect.map(Effect.context<R>(), (ctx: Context.Context<R>) => <A, E>(eff: Effect.Effect<A, E, R>): Effect.Effect<A, E> => Effect.provideContext(eff, ctx));

/**
 * The compile attestation over the SDK's checker and JS backend.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyCompile: Layer.Layer<CertifyCompile, never, FileSystem.FileSystem> = Layer.effect(CertifyCompile)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    attest: (project, entry) => run(attestCompile(project, entry).pipe(Effect.provide(layerStd))),
  })),
);

/**
 * Tests through the `test` stage (`x07 test --manifest M [--all]`).
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyTests: Layer.Layer<CertifyTests, never, FileSystem.FileSystem> = Layer.effect(CertifyTests)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    run: (project, o) =>
      run(
        test({ manifest: o.manifest, all: o.all, noFailFast: o.noFailFast, cwd: project.root }).pipe(
          Effect.provide(layerStd),
          Effect.map((r) => ({ exitCode: r.exitCode, report: r.report as unknown as JsonValue })),
          Effect.mapError(failure),
        ),
      ),
  })),
);

/**
 * Arch check through the `arch` stage.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyArch: Layer.Layer<CertifyArch, never, FileSystem.FileSystem> = Layer.effect(CertifyArch)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    check: (project) =>
      run(
        archCheck({ project: project.manifestPath }).pipe(
          Effect.map((r) => ({ exitCode: r.exitCode as number, report: r.report as unknown as JsonValue })),
          Effect.mapError(failure),
        ),
      ),
  })),
);

/**
 * Review diff through the `review` stage.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyReview: Layer.Layer<CertifyReview, never, FileSystem.FileSystem> = Layer.effect(CertifyReview)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    diff: (baseline, root, gates) => {
      const unknown = gates.filter((g) => !isReviewGate(g));
      if (unknown.length > 0) return Effect.fail(new StepFailure({ message: `unknown review gates: ${unknown.join(", ")}` }));
      const known = gates.filter(isReviewGate);
      return run(
        reviewDiff(baseline, root, known, { mode: "project" }).pipe(
          Effect.map((r) => ({ exitCode: r.exitCode as number, report: JSON.parse(r.json) as JsonValue, html: r.html, text: renderReviewText(r.report, known) })),
          Effect.mapError(failure),
        ),
      );
    },
  })),
);

/**
 * Trust profiles through `certify/profiles`: resolution (path, project `arch/trust/profiles/<id>.json`, then
 * the public profiles) and the strength + project checks `x07 trust profile check` makes.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyProfiles: Layer.Layer<CertifyProfiles, never, FileSystem.FileSystem> = Layer.effect(CertifyProfiles)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => {
    const sources = new WeakMap<object, ProfileSource>();
    return {
      resolve: (ref, project) =>
        run(
          Effect.gen(function* () {
            const op = project.manifest.operational_entry_symbol;
            const r = yield* resolveTrustProfile(ref, { root: project.root, ...(op !== undefined ? { operationalEntry: op } : {}) });
            if (!r.ok) return yield* Effect.fail(new StepFailure({ message: `${r.diagnostic.code}: ${r.diagnostic.message}` }));
            sources.set(r.profile, r.source);
            return { profile: r.profile as TrustProfileDoc, path: r.source.kind === "builtin" ? `builtin:${r.profile.id}` : ((r.source as { path?: string }).path ?? r.profile.id) };
          }),
        ),
      check: (profile, project, entry) =>
        run(
          Effect.map(readProjectFacts(project.manifestPath), (facts) => profileDiagnostics(profile as TrustProfile, facts, entry, sources.get(profile))),
        ),
    };
  }),
);

/** A scratch directory for one stage run (under the OS temp dir), removed afterwards. */
const scratch = <A, E, R>(use: (dir: string) => Effect.Effect<A, E, R>) =>
  Effect.scoped(
    Effect.gen(function* () {
      const fs = yield* Fs.FileSystem;
      const dir = nodePath.join(tmpdir(), `x07-certify-${randomUUID()}`);
      yield* Effect.acquireRelease(fs.makeDirectory(dir, { recursive: true }).pipe(Effect.mapError(failure)), () => Effect.ignore(fs.remove(dir, { recursive: true, force: true })));
      return yield* use(dir);
    }),
  );

const readFileMaybe = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* Fs.FileSystem;
    return yield* fs.readFile(path).pipe(Effect.orElseSucceed(() => undefined));
  });

/**
 * Coverage through the prove stage (`x07 verify --coverage`): the report and its `verify.summary.json`.
 * Work files go to a scratch directory, never into the project.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyCoverage: Layer.Layer<CertifyCoverage, never, FileSystem.FileSystem> = Layer.effect(CertifyCoverage)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    coverage: (project, entry, budgets) =>
      run(
        scratch((dir) =>
          Effect.gen(function* () {
            const r = yield* verifyCoverageRun({
              cwd: project.root,
              project: project.manifestPath,
              entry,
              artifactDir: dir,
              ...(budgets.unwind !== undefined ? { unwind: budgets.unwind } : {}),
              ...(budgets.maxBytesLen !== undefined ? { maxBytesLen: budgets.maxBytesLen } : {}),
            });
            const report = r.report as unknown as JsonValue;
            const summaryPath = (report as { artifacts?: { verify_coverage_summary_path?: string } }).artifacts?.verify_coverage_summary_path;
            const bytes = summaryPath !== undefined ? yield* readFileMaybe(nodePath.resolve(project.root, summaryPath)) : undefined;
            const j = bytes !== undefined ? readJson(bytes) : undefined;
            return { report, ...(j?.ok === true ? { summary: j.value } : {}) };
          }),
        ).pipe(Effect.provide(layerStd)),
      ),
  })),
);

/** The files of an emitted proof bundle certify copies (the check report is re-made by certify's own replay). */
const BUNDLE_FILES = ["verify.proof-summary.json", "proof.json", "verify.smt2", "z3.out.txt"] as const;

const z3Version = (): string => {
  try {
    return (createRequire(import.meta.url)("z3-solver/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
};

/** The prover service, needing a solver. */
const proverOverZ3: Layer.Layer<CertifyProver, never, FileSystem.FileSystem | Z3> = Layer.effect(CertifyProver)(
  Effect.map(withContext<FileSystem.FileSystem | Z3>(), (run) => ({
    engine: VERIFY_ENGINE,
    engineDescription: `z3-solver ${z3Version()}`,
    primitiveManifestDigest: PRIMITIVE_MANIFEST_DIGEST,
    prove: (project, symbol, budgets) =>
      run(
        scratch((dir) =>
          Effect.gen(function* () {
            const fs = yield* Fs.FileSystem;
            const proofPath = nodePath.join(dir, "bundle", "proof.json");
            const r = yield* verifyProve({
              cwd: project.root,
              project: project.manifestPath,
              entry: symbol,
              artifactDir: nodePath.join(dir, "artifacts"),
              emitProof: proofPath,
              useCache: false,
              ...(budgets.unwind !== undefined ? { unwind: budgets.unwind } : {}),
              ...(budgets.maxBytesLen !== undefined ? { maxBytesLen: budgets.maxBytesLen } : {}),
              ...(budgets.z3TimeoutSeconds !== undefined ? { timeoutMs: budgets.z3TimeoutSeconds * 1000 } : {}),
              ...(budgets.z3MemoryMb !== undefined ? { memoryMb: budgets.z3MemoryMb } : {}),
            });
            const report = r.report as unknown as JsonValue;
            const artifacts = ((report as { artifacts?: Record<string, string> }).artifacts ?? {}) as Record<string, string>;
            const files: Array<{ name: string; bytes: Uint8Array }> = [];
            const add = (name: string, path: string | undefined) =>
              Effect.gen(function* () {
                if (path === undefined) return;
                const b = yield* readFileMaybe(nodePath.resolve(project.root, path));
                if (b !== undefined) files.push({ name, bytes: b });
              });
            if (r.report.result.kind === "proven") {
              for (const f of BUNDLE_FILES) yield* add(f, nodePath.join(dir, "bundle", f));
              const imported = nodePath.join(dir, "bundle", "imported_proof_summaries");
              const names = yield* fs.readDirectory(imported).pipe(Effect.orElseSucceed(() => [] as string[]));
              for (const n of [...names].sort()) yield* add(`imported_proof_summaries/${n}`, nodePath.join(imported, n));
            } else {
              yield* add("verify.smt2", artifacts["smt2_path"]);
              yield* add("z3.out.txt", artifacts["z3_out_path"]);
              yield* add("cex.json", artifacts["cex_path"]);
            }
            const cex = r.proof?.counterexample;
            const counterexampleInputs = cex?.inputs.map((v) => ({ name: v.name, value: "value" in v ? String(v.value) : `0x${Buffer.from(v.bytes).toString("hex")}` }));
            return { report, files, ...(counterexampleInputs !== undefined ? { counterexampleInputs } : {}) };
          }),
        ).pipe(Effect.provide(layerStd)),
      ),
    check: (project, proofPath) => run(proveCheck(proofPath, { cwd: project.root }).pipe(Effect.map((r) => r.report as unknown as JsonValue), Effect.provide(layerStd))),
  })),
);

/**
 * {@link layerCertifyProver} over a given solver layer (e.g. `layerZ3With({ api })` for a z3 already starting).
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyProverWith = (z3: Layer.Layer<Z3>): Layer.Layer<CertifyProver, never, FileSystem.FileSystem> => proverOverZ3.pipe(Layer.provide(z3));

/**
 * The prover through the prove stage: `x07 verify --prove --emit-proof` into a scratch directory (no proof
 * cache: every certification proves afresh) and `x07 prove check` on the copy certify writes. Starts the
 * solver once per layer.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyProver: Layer.Layer<CertifyProver, never, FileSystem.FileSystem> = layerCertifyProverWith(layerZ3);

/**
 * The trust report through `certify/trust-report` (nothing written by it: certify writes the JSON, HTML and
 * CycloneDX SBOM into the output directory, the SBOM path recorded relative to it).
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyTrustReport: Layer.Layer<CertifyTrustReport, never, FileSystem.FileSystem> = Layer.effect(CertifyTrustReport)(
  Effect.map(withContext<FileSystem.FileSystem>(), (run) => ({
    report: (project, o) => {
      const unknown = o.failOn.filter((g) => !isTrustFailOn(g));
      if (unknown.length > 0) return Effect.fail(new StepFailure({ message: `unknown trust report gates: ${unknown.join(", ")}` }));
      return run(
        trustReport(project.manifestPath, { out: "trust.report.json", htmlOut: "trust.report.html", failOn: o.failOn.filter(isTrustFailOn), sbomFormat: "cyclonedx", write: false }).pipe(
          Effect.map((r) => ({ exitCode: r.exitCode as number, report: r.report, html: r.html, ...(r.sbom !== null ? { sbom: r.sbom } : {}) })),
          Effect.mapError(failure),
        ),
      );
    },
  })),
);

/**
 * {@link layerCertifyLive} over a given solver layer (the `x07` CLI passes the z3 its launcher started).
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyLiveWith = (z3: Layer.Layer<Z3>) =>
  Layer.mergeAll(layerCertifyProfiles, layerCertifyArch, layerCertifyCoverage, layerCertifyProverWith(z3), layerCertifyTests, layerCertifyTrustReport, layerCertifyCompile, layerCertifyReview);

/**
 * Every certify service wired to the SDK's stages (needs only effect's `FileSystem`).
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyLive = layerCertifyLiveWith(layerZ3);

/**
 * {@link layerCertifyLive} over the Node file system: everything a Node script needs to run `certify`.
 * @since 0.1.0
 * @category layers
 */
export const layerCertifyNode = Layer.provideMerge(layerCertifyLive, layerNodeFileSystem);
