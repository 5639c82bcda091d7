/**
 * `x07 verify --coverage` and `x07 verify --prove` as library runs: resolve the project, check the entry's
 * module, compute coverage, prove with the engine, and write upstream's artifact layout:
 *
 * - `<artifacts>/verify/coverage/id_<sha(entry)>/verify.summary.json`
 * - `<artifacts>/verify/prove/id_<sha(entry)>/`: `verify.summary.json`, `verify.smt2`, `z3.out.txt`,
 *   `cex.json` (on a counterexample), `verify.proof-summary.json` (when proven without `--emit-proof`)
 * - with `--emit-proof P`, next to P: `verify.proof-summary.json`, `verify.smt2`, `z3.out.txt`,
 *   `imported_proof_summaries/<sha>.json`, P (the proof object), `<stem(P)>.check.json` (an immediate replay)
 * - caches under `<project>/.x07/cache/verify/`: `proof_summaries/id_<sha(entry)>.json` and
 *   `proofs/id_<sha(entry)>/key_<closure digest>/` (the bundle). The key covers every declaration of the
 *   reachable closure, the bounds, the engine and semantics options, the manifest, the primitive catalog and
 *   the imported summaries, so editing any helper misses the cache.
 *
 * Every JSON artifact is schema-checked and written canonically; none holds a timing, so two runs on the
 * same inputs write the same bytes. Timings (solver start-up, per-obligation solve time) are returned to
 * the caller, never written into artifacts.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { CheckedProgram, StdModules } from "../../../check/index.ts";
import { getAt, sha256Hex } from "../../../core/json/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";
import { isDiagnosticCode, makeDiagnostic } from "../../../diag/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../../diag/index.ts";
import { computeCoverage } from "../coverage.ts";
import type { Coverage, CoverageRow } from "../coverage.ts";
import { coverageDocument, coverageSummaryDocument } from "../coverage-doc.ts";
import { proveSymbol } from "../engine/index.ts";
import type { ObligationResult, ProveDiag, SymbolProof } from "../outcome.ts";
import { checkProof, checkReportPathOf, BUNDLE } from "../proof-check/check.ts";
import { Z3 } from "../z3-service.ts";
import { artifactDirName, clauseIdOf, prefixedSha256 } from "./canon.ts";
import {
  cexDoc,
  clauseHashKind,
  contractViolation,
  engineIdOf,
  inputLenBytes,
  obligationLine,
  parseObligationHeaders,
  proofObjectDoc,
  proofSummaryDoc,
  renderObligations,
  renderTranscript,
  reportProofSummary,
  schemaBoundKind,
  verifyReport,
} from "./documents.ts";
import type { ReportBounds } from "./documents.ts";
import { copyFile, readMaybe, removeTree, shownPath, writeDocument, writeText } from "./io.ts";
import type { ArtifactError } from "./io.ts";
import { PRIMITIVE_MANIFEST_DIGEST, PRIMITIVES } from "./primitives.ts";
import { loadChecked, resolveProject } from "./project.ts";
import type { SetupFailure, VerifyProject } from "./project.ts";
import { closureDigest, loadDeclSources, originsOf } from "./sources.ts";
import type { DeclSource } from "./sources.ts";
import { jsonFilesIn, loadSummaries, summaryCacheDir } from "./summaries.ts";
import type { LoadedSummary } from "./summaries.ts";

/** Inputs of a verify run (the CLI's flags). Relative paths resolve against `cwd`. */
export interface VerifyRunOptions {
  readonly cwd: string;
  readonly entry: string;
  readonly project?: string;
  readonly moduleRoots?: ReadonlyArray<string>;
  readonly program?: string;
  readonly unwind?: number;
  readonly maxBytesLen?: number;
  readonly allowTraps?: boolean;
  readonly parity?: "sound" | "upstream";
  readonly timeoutMs?: number;
  readonly memoryMb?: number;
  readonly artifactDir?: string;
  readonly proofSummaries?: ReadonlyArray<string>;
  readonly allowImportedStubs?: boolean;
  readonly emitProof?: string;
  /** `--input-len-bytes`: must be at least the signature's encoded size; reported in `bounds` when larger. */
  readonly inputLenBytes?: number;
  /** Read and refresh the proof cache (default true). */
  readonly useCache?: boolean;
}

/** Per-obligation facts for the caller (timings included; never written to artifacts). */
export interface ObligationTiming {
  readonly kind: string;
  readonly fn: string;
  readonly ptr: string;
  readonly encoding: string;
  readonly result: string;
  readonly solveMs: number;
}

/** What a run produced: the report document, its exit code, and facts that stay out of artifacts. */
export interface VerifyRunResult {
  readonly report: ReturnType<typeof verifyReport>;
  readonly exitCode: number;
  /** The engine's result, when the engine ran (not on a cache hit or an early stop). */
  readonly proof?: SymbolProof;
  /** True when a cached proof bundle answered. */
  readonly cached: boolean;
  readonly solverStartupMs?: number;
  readonly obligations: ReadonlyArray<ObligationTiming>;
}

const DEFAULT_UNWIND = 8;
const DEFAULT_MAX_BYTES = 16;

const diagOf = (code: DiagnosticCode, message: string, ptr?: string): Diagnostic => makeDiagnostic(code, message, ptr !== undefined ? { ptr } : {});

/** An engine diagnostic as an x07diag diagnostic (codes outside our table keep their code, stage run). */
const fromEngine = (d: ProveDiag): Diagnostic =>
  isDiagnosticCode(d.code)
    ? diagOf(d.code, d.message, d.ptr)
    : { code: d.code, severity: "error", stage: "run", message: d.message, ...(d.ptr !== undefined ? { loc: { kind: "x07ast" as const, ptr: d.ptr } } : {}) };

const boundsOf = (o: VerifyRunOptions, inputLen: number): ReportBounds => ({
  unwind: o.unwind ?? DEFAULT_UNWIND,
  max_bytes_len: o.maxBytesLen ?? DEFAULT_MAX_BYTES,
  input_len_bytes: inputLen,
});

const primitiveNotes = new Map([...PRIMITIVES].map(([k, p]) => [k, p.note]));

/** A setup failure as an error report (exit 1), with the checker's error diagnostics after it. */
const setupReport = (mode: "prove" | "coverage", o: VerifyRunOptions, f: SetupFailure): VerifyRunResult => ({
  report: verifyReport({
    mode,
    entry: o.entry,
    bounds: boundsOf(o, 0),
    result: { kind: "error", details: f.message },
    diagnostics: [diagOf(f.code, f.message), ...(f.diagnostics ?? []).filter((d) => d.severity === "error").slice(0, 20)],
    exitCode: 1,
  }),
  exitCode: 1,
  cached: false,
  obligations: [],
});

/** An SDK bug writing an artifact: error report, exit 1. */
const internalReport = (mode: "prove" | "coverage", o: VerifyRunOptions, e: ArtifactError): VerifyRunResult => ({
  report: verifyReport({
    mode,
    entry: o.entry,
    bounds: boundsOf(o, 0),
    result: { kind: "error", details: `${e._tag}: ${e.path}: ${e.message}` },
    diagnostics: [diagOf("X07V_INTERNAL", `${e._tag === "ArtifactInvalid" ? "an artifact does not validate against its schema" : "cannot write an artifact"} (${e.path}): ${e.message}`)],
    exitCode: 1,
  }),
  exitCode: 1,
  cached: false,
  obligations: [],
});

interface Loaded {
  readonly project: VerifyProject;
  readonly program: CheckedProgram;
  readonly sources: ReadonlyMap<string, DeclSource>;
  readonly summaries: ReadonlyMap<string, LoadedSummary>;
  readonly coverage: Coverage;
  readonly artifactBase: string;
}

/** Resolution, checking, summaries and coverage: shared by both modes. */
const load = (o: VerifyRunOptions, mode: "prove" | "coverage"): Effect.Effect<Loaded, VerifyRunResult, FileSystem.FileSystem | StdModules> =>
  Effect.gen(function* () {
    const project = yield* resolveProject({
      cwd: o.cwd,
      ...(o.project !== undefined ? { project: o.project } : {}),
      ...(o.moduleRoots !== undefined ? { moduleRoots: o.moduleRoots } : {}),
      ...(o.program !== undefined ? { program: o.program } : {}),
    }).pipe(Effect.mapError((f) => setupReport(mode, o, f)));
    const program = yield* loadChecked(project, o.entry).pipe(Effect.mapError((f) => setupReport(mode, o, f)));
    const sources = yield* loadDeclSources(program, program.functions.keys(), { cwd: o.cwd, root: project.root });
    const current = (s: string) => {
      const src = sources.get(s);
      const f = program.functions.get(s);
      return src !== undefined && f !== undefined ? { sha: src.decl_sha256_hex, kind: f.decl.kind } : undefined;
    };
    const cached = project.manifestPath !== undefined && o.useCache !== false ? yield* jsonFilesIn(summaryCacheDir(project.root)) : [];
    const explicit = (o.proofSummaries ?? []).map((p) => nodePath.resolve(o.cwd, p));
    const summaries = yield* loadSummaries(explicit, cached, project.root, current).pipe(
      Effect.mapError(
        (ds): VerifyRunResult => ({
          report: verifyReport({ mode, entry: o.entry, bounds: boundsOf(o, 0), result: { kind: "error", details: ds.find((d) => d.severity === "error")?.message ?? "imported proof-summary validation failed" }, diagnostics: ds, exitCode: 1 }),
          exitCode: 1,
          cached: false,
          obligations: [],
        }),
      ),
    );
    const coverage = computeCoverage(program, o.entry, { origins: originsOf(sources), imported: summaries, primitiveNotes, proofSummariesRequired: mode === "prove" });
    if (coverage === undefined) return yield* Effect.fail(setupReport(mode, o, { code: "X07V_ETARGET", message: `could not find function ${JSON.stringify(o.entry)}` }));
    const artifactBase = o.artifactDir !== undefined ? nodePath.resolve(o.cwd, o.artifactDir) : nodePath.join(project.root, ".x07", "artifacts");
    return { project, program, sources, summaries, coverage, artifactBase };
  });

/**
 * `verify --coverage`: the coverage report (exit 0 even with findings) and `verify.summary.json`.
 */
export const runCoverage = (o: VerifyRunOptions): Effect.Effect<VerifyRunResult, never, FileSystem.FileSystem | StdModules> =>
  Effect.gen(function* () {
    const l = yield* load(o, "coverage");
    const fn = l.program.functions.get(o.entry);
    const bounds = boundsOf(o, fn !== undefined ? inputLenBytes(fn, o.maxBytesLen ?? DEFAULT_MAX_BYTES) : 0);
    const summaryPath = nodePath.join(l.artifactBase, "verify", "coverage", artifactDirName(o.entry), "verify.summary.json");
    yield* writeDocument(summaryPath, coverageSummaryDocument(l.coverage, [l.project.world]));
    const diagnostics = l.coverage.diagnostics.map((d) => diagOf(d.code, d.message));
    const report = verifyReport({
      mode: "coverage",
      entry: o.entry,
      bounds,
      result: { kind: "coverage_report" },
      coverage: coverageDocument(l.coverage, [l.project.world]),
      artifacts: { verify_coverage_summary_path: shownPath(o.cwd, summaryPath) },
      diagnostics,
      exitCode: 0,
    });
    return { report, exitCode: 0, cached: false, obligations: [] } satisfies VerifyRunResult;
  }).pipe(
    Effect.catch((e: VerifyRunResult | ArtifactError) => Effect.succeed("report" in e ? e : internalReport("coverage", o, e))),
  );

/** The precheck verdict of the entry row (upstream's prove prechecks), or undefined when it may be proved. */
const precheck = (row: CoverageRow | undefined): { code: DiagnosticCode; message: string } | undefined => {
  if (row === undefined) return { code: "X07V_ETARGET", message: "the entry is not in its own coverage" };
  if (row.status === "supported" || row.status === "supported_recursive") return undefined;
  if (row.status === "uncovered") return { code: "X07V_NO_CONTRACTS", message: "target function has no requires/ensures/invariant clauses" };
  const r = row.reasons[0];
  return r !== undefined ? { code: r.code, message: r.detail } : { code: "X07V_PROVE_UNSUPPORTED", message: `the entry's coverage status is ${row.status}` };
};

/** The clause id of an obligation: the explicit id, else the `c_` hash of the raw clause expression. */
const clauseIdFor = (ob: Pick<ObligationResult, "clause">, sources: ReadonlyMap<string, DeclSource>): string => {
  const hk = clauseHashKind(ob.clause.kind);
  if (ob.clause.id !== undefined) return ob.clause.id;
  const doc = sources.get(ob.clause.fn)?.doc;
  const expr = doc !== undefined ? getAt(doc, ob.clause.ptr) : undefined;
  return clauseIdOf(ob.clause.fn, hk ?? "ensures", ob.clause.index, (expr ?? null) as JsonValue);
};

const proofCacheDir = (root: string, entry: string, key: string): string => nodePath.join(root, ".x07", "cache", "verify", "proofs", artifactDirName(entry), `key_${key}`);

/** Copies a proof bundle (summary, obligations, transcript, imported summaries, the object, its check report). */
const copyBundle = (fromDir: string, fromObject: string, toDir: string, toObject: string) =>
  Effect.gen(function* () {
    for (const f of [BUNDLE.summary, BUNDLE.obligations, BUNDLE.transcript]) yield* copyFile(nodePath.join(fromDir, f), nodePath.join(toDir, f));
    yield* removeTree(nodePath.join(toDir, BUNDLE.imported));
    for (const f of yield* jsonFilesIn(nodePath.join(fromDir, BUNDLE.imported))) yield* copyFile(f, nodePath.join(toDir, BUNDLE.imported, nodePath.basename(f)));
    yield* copyFile(fromObject, toObject);
    const check = checkReportPathOf(fromObject);
    if ((yield* readMaybe(check)) !== undefined) yield* copyFile(check, checkReportPathOf(toObject));
  });

/**
 * `verify --prove`: prechecks, coverage in prove mode, the proof (or a cached bundle), the artifacts, the report.
 */
export const runProve = (o: VerifyRunOptions): Effect.Effect<VerifyRunResult, never, FileSystem.FileSystem | StdModules | Z3> =>
  Effect.gen(function* () {
    const l = yield* load(o, "prove");
    const fn = l.program.functions.get(o.entry);
    if (fn === undefined) return setupReport("prove", o, { code: "X07V_ETARGET", message: `could not find function ${JSON.stringify(o.entry)}` });
    const maxBytesLen = o.maxBytesLen ?? DEFAULT_MAX_BYTES;
    const unwind = o.unwind ?? DEFAULT_UNWIND;
    const required = inputLenBytes(fn, maxBytesLen);
    if (o.inputLenBytes !== undefined && o.inputLenBytes < required)
      return setupReport("prove", o, { code: "X07V_EARGS", message: `--input-len-bytes must be >= ${required} for ${JSON.stringify(o.entry)} (got ${o.inputLenBytes})` });
    const bounds = boundsOf(o, Math.max(required, o.inputLenBytes ?? 0));
    const semantics = { allowTraps: o.allowTraps ?? false, parity: o.parity ?? ("sound" as const) };
    const engine = engineIdOf(semantics);
    const base = { mode: "prove" as const, entry: o.entry, bounds };
    const result = (r: Omit<Parameters<typeof verifyReport>[0], "mode" | "entry" | "bounds">, extra: Partial<VerifyRunResult> = {}): VerifyRunResult => ({
      report: verifyReport({ ...base, ...r }),
      exitCode: r.exitCode,
      cached: false,
      obligations: [],
      ...extra,
    });

    if (o.emitProof !== undefined && l.project.manifestPath === undefined)
      return result({ result: { kind: "error" }, diagnostics: [diagOf("X07V_EPROJECT", "--emit-proof needs a project manifest (--project or an x07.json above the working directory)")], exitCode: 1 });

    const entryRow = l.coverage.functions.find((r) => r.symbol === o.entry);
    const pre = precheck(entryRow);
    if (pre !== undefined) return result({ result: { kind: "unsupported", details: pre.message }, diagnostics: [diagOf(pre.code, pre.message, fn.decl.ptr)], exitCode: 2 });

    const workDir = nodePath.join(l.artifactBase, "verify", "prove", artifactDirName(o.entry));
    const shown = (p: string) => shownPath(o.cwd, p);
    const artifacts: Record<string, string> = {};
    const recursionKind = entryRow?.support_summary?.recursion_kind ?? "none";

    if (l.coverage.diagnostics.length > 0)
      return result({ result: { kind: "error", details: l.coverage.diagnostics[0]?.message ?? "" }, diagnostics: l.coverage.diagnostics.map((d) => diagOf(d.code, d.message)), exitCode: 2 });

    const coverageSummaryPath = nodePath.join(workDir, "verify.summary.json");
    yield* writeDocument(coverageSummaryPath, coverageSummaryDocument(l.coverage, [l.project.world]));
    artifacts["verify_coverage_summary_path"] = shown(coverageSummaryPath);

    const declSha = l.sources.get(o.entry)?.decl_sha256_hex;
    if (declSha === undefined) return setupReport("prove", o, { code: "X07V_ETARGET", message: `cannot read the declaration of ${o.entry} from its module file` });
    const usedSummaries = l.coverage.importedSummaries.map((u) => l.summaries.get(u.symbols[0] as string)).filter((s): s is LoadedSummary => s !== undefined);
    const importedDigests = [...new Set(usedSummaries.map((s) => `sha256:${s.sha256_hex}`))].sort();
    const manifestBytes = l.project.manifestPath !== undefined ? yield* readMaybe(l.project.manifestPath) : undefined;
    const manifestDigest = manifestBytes !== undefined ? prefixedSha256(manifestBytes) : undefined;
    const closureSyms = l.coverage.functions.filter((r) => r.kind === "defn" || r.kind === "defasync").map((r) => r.symbol);
    const cacheKey = closureDigest(l.program, closureSyms, l.sources, {
      engine,
      unwind,
      max_bytes_len: maxBytesLen,
      manifest: manifestDigest ?? null,
      primitives: PRIMITIVE_MANIFEST_DIGEST,
      imported: importedDigests,
    });
    const cacheDir = manifestDigest !== undefined && o.useCache !== false ? proofCacheDir(l.project.root, o.entry, cacheKey) : undefined;
    const cacheObject = cacheDir !== undefined ? nodePath.join(cacheDir, "proof.object.json") : undefined;
    const smt2Path = nodePath.join(workDir, BUNDLE.obligations);
    const transcriptPath = nodePath.join(workDir, BUNDLE.transcript);

    // The proven path's tail: summary, bundle, caches, report.
    const finishProven = (bound: "none" | "bounded_by_unwind" | "unbounded", details: string, extra: Partial<VerifyRunResult>) =>
      Effect.gen(function* () {
        const summary = proofSummaryDoc(l.coverage, fn, declSha, engine, recursionKind, bound);
        if (o.emitProof !== undefined) {
          const proofPath = nodePath.resolve(o.cwd, o.emitProof);
          const dir = nodePath.dirname(proofPath);
          if (extra.cached === true && cacheDir !== undefined && cacheObject !== undefined) {
            yield* copyBundle(cacheDir, cacheObject, dir, proofPath);
            // a bundle cached without --emit-proof has no check report yet: replay it once and keep the report
            if ((yield* readMaybe(checkReportPathOf(cacheObject))) === undefined) {
              const checked = yield* checkProof(proofPath, { cwd: o.cwd, ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) });
              yield* writeDocument(checkReportPathOf(proofPath), checked.report);
              if (checked.accepted) yield* copyFile(checkReportPathOf(proofPath), checkReportPathOf(cacheObject));
            }
          } else yield* writeBundle(dir, proofPath, summary, bound);
          artifacts["verify_proof_summary_path"] = shown(nodePath.join(dir, BUNDLE.summary));
          artifacts["proof_object_path"] = shown(proofPath);
          artifacts["proof_check_report_path"] = shown(checkReportPathOf(proofPath));
        } else {
          const p = nodePath.join(workDir, BUNDLE.summary);
          yield* writeDocument(p, summary);
          artifacts["verify_proof_summary_path"] = shown(p);
        }
        if (manifestDigest !== undefined && o.useCache !== false) {
          yield* writeDocument(nodePath.join(summaryCacheDir(l.project.root), `${artifactDirName(o.entry)}.json`), summary);
          if (extra.cached !== true && cacheDir !== undefined && cacheObject !== undefined) {
            yield* writeBundle(cacheDir, cacheObject, summary, bound, false);
            yield* removeTree(checkReportPathOf(cacheObject));
            if (o.emitProof !== undefined) {
              const emitted = checkReportPathOf(nodePath.resolve(o.cwd, o.emitProof));
              const report = yield* readMaybe(emitted);
              if (report !== undefined && (JSON.parse(new TextDecoder().decode(report)) as { ok?: unknown }).ok === true) yield* copyFile(emitted, checkReportPathOf(cacheObject));
            }
          }
        }
        return result(
          { result: { kind: "proven", details }, proofSummary: reportProofSummary(l.coverage, fn, engine, recursionKind, bound), artifacts: { ...artifacts }, diagnostics: [], exitCode: 0 },
          extra,
        );
      });

    // Writes a proof bundle into `dir` (the proof object at `proofPath`), optionally with its check report.
    const writeBundle = (dir: string, proofPath: string, summary: ReturnType<typeof proofSummaryDoc>, bound: "none" | "bounded_by_unwind" | "unbounded", withCheck = true) =>
      Effect.gen(function* () {
        const summaryText = yield* writeDocument(nodePath.join(dir, BUNDLE.summary), summary);
        yield* copyFile(smt2Path, nodePath.join(dir, BUNDLE.obligations));
        yield* copyFile(transcriptPath, nodePath.join(dir, BUNDLE.transcript));
        yield* removeTree(nodePath.join(dir, BUNDLE.imported));
        for (const s of usedSummaries) yield* writeText(nodePath.join(dir, BUNDLE.imported, `${s.sha256_hex}.json`), s.bytes);
        const smt2 = (yield* readMaybe(smt2Path)) ?? new Uint8Array();
        yield* writeDocument(
          proofPath,
          proofObjectDoc({
            manifestDigest: manifestDigest as string,
            entry: o.entry,
            kind: fn.decl.kind,
            declSha,
            engine,
            primitiveDigest: PRIMITIVE_MANIFEST_DIGEST,
            importedDigests,
            summaryDigest: prefixedSha256(summaryText),
            obligationDigest: prefixedSha256(smt2),
            recursionKind,
            bound,
            unwind,
            maxBytesLen,
          }),
        );
        if (withCheck) {
          const checked = yield* checkProof(proofPath, { cwd: o.cwd, ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) });
          yield* writeDocument(checkReportPathOf(proofPath), checked.report);
        }
      });

    // A cached bundle for exactly this closure answers without solving.
    if (cacheDir !== undefined && cacheObject !== undefined) {
      const obj = yield* readMaybe(cacheObject);
      const smt2 = yield* readMaybe(nodePath.join(cacheDir, BUNDLE.obligations));
      const transcript = yield* readMaybe(nodePath.join(cacheDir, BUNDLE.transcript));
      const parsed = obj !== undefined ? (JSON.parse(new TextDecoder().decode(obj)) as { obligation_digest?: string; recursion_bound_kind?: string; decl_sha256_hex?: string }) : undefined;
      if (parsed !== undefined && smt2 !== undefined && transcript !== undefined && parsed.obligation_digest === prefixedSha256(smt2) && parsed.decl_sha256_hex === declSha) {
        yield* writeText(smt2Path, smt2);
        yield* writeText(transcriptPath, transcript);
        artifacts["smt2_path"] = shown(smt2Path);
        artifacts["z3_out_path"] = shown(transcriptPath);
        const answers = new TextDecoder().decode(transcript).split("\n").filter((x) => x !== "");
        const headers = parseObligationHeaders(new TextDecoder().decode(smt2));
        const details = headers
          .map((h, i) => obligationLine({ clause: { kind: h.kind as ObligationResult["clause"]["kind"], fn: h.fn, index: h.index, ptr: h.ptr, ...(h.id !== undefined ? { id: h.id } : {}) }, encoding: h.encoding }, answers[i] ?? "?"))
          .join("\n");
        const bound = (parsed.recursion_bound_kind ?? "none") as "none" | "bounded_by_unwind" | "unbounded";
        return yield* finishProven(bound, details, { cached: true, obligations: headers.map((h, i) => ({ kind: h.kind, fn: h.fn, ptr: h.ptr, encoding: h.encoding, result: answers[i] ?? "?", solveMs: 0 })) });
      }
    }

    const z3 = yield* Z3;
    const proved = yield* Effect.tryPromise(() =>
      proveSymbol(l.program, z3, {
        entry: o.entry,
        unwind,
        maxBytesLen,
        allowTraps: semantics.allowTraps,
        parity: semantics.parity,
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
        ...(o.memoryMb !== undefined ? { memoryMb: o.memoryMb } : {}),
      }),
    ).pipe(Effect.result);
    if (proved._tag === "Failure") {
      const cause = (proved.failure as { cause?: unknown }).cause ?? proved.failure;
      const message = `the prover failed: ${String((cause as Error)?.message ?? cause)}`;
      return result({ result: { kind: "error", details: message }, diagnostics: [diagOf("X07V_INTERNAL", message)], exitCode: 1 });
    }
    const proof = proved.success;
    const timings = proof.obligations.map((ob) => ({ kind: ob.clause.kind, fn: ob.clause.fn, ptr: ob.clause.ptr, encoding: ob.encoding, result: ob.result, solveMs: ob.solveMs }));
    const extra = { proof, solverStartupMs: z3.startupMs, obligations: timings };
    const bound = schemaBoundKind(proof.recursion.boundKind);
    const proofSummary = reportProofSummary(l.coverage, fn, engine, recursionKind, bound);
    const diagnostics = proof.diagnostics.map(fromEngine);

    if (proof.kind === "unsupported" || (proof.kind === "error" && proof.obligations.length === 0)) {
      const first = diagnostics[0];
      const kind = proof.kind === "unsupported" ? "unsupported" : "error";
      return result({ result: { kind, ...(first !== undefined ? { details: first.message } : {}) }, diagnostics, exitCode: kind === "unsupported" ? 2 : 1 }, extra);
    }

    const text = renderObligations(proof.obligations, { entry: o.entry, engine, unwind, maxBytesLen });
    yield* writeText(smt2Path, text);
    const transcriptText = renderTranscript(proof.obligations.map((ob) => ob.result));
    yield* writeText(transcriptPath, transcriptText);
    artifacts["smt2_path"] = shown(smt2Path);
    artifacts["z3_out_path"] = shown(transcriptPath);
    const lines = proof.obligations.map((ob) => obligationLine(ob, ob.unknownReason !== undefined ? `${ob.result} (${ob.unknownReason})` : ob.result));

    if (proof.kind === "error")
      return result({ result: { kind: "error", details: [...diagnostics.map((d) => d.message), ...lines].join("\n") }, proofSummary, artifacts: { ...artifacts }, diagnostics, exitCode: 1 }, extra);

    if (proof.kind === "counterexample_found") {
      const cex = proof.counterexample;
      if (cex === undefined || cex.replay.kind !== "violated")
        return result(
          {
            result: { kind: "error", details: "the engine reported a counterexample that does not replay as a violation" },
            proofSummary,
            artifacts: { ...artifacts },
            diagnostics: [diagOf("X07V_INTERNAL", `counterexample ${cex === undefined ? "missing" : `replay: ${cex.replay.kind}: ${cex.replay.detail}`}`)],
            exitCode: 1,
          },
          extra,
        );
      const contract = contractViolation(cex.clause, clauseIdFor(cex, l.sources));
      const inputs = cex.inputs.map((v) => ("value" in v ? `${v.name}=${v.value}` : `${v.name}=0x${Buffer.from(v.bytes).toString("hex")}`)).join(", ");
      const b64 = Buffer.from(cex.inputBytes).toString("base64");
      const details = [`counterexample for ${cex.clause.kind} ${cex.clause.fn}[${cex.clause.index}] at ${cex.clause.ptr}: ${inputs}`, `input_bytes_b64=${b64}`, `replay: ${cex.replay.kind}: ${cex.replay.detail}`, ...lines].join("\n");
      if (contract !== undefined) {
        const cexPath = nodePath.join(workDir, "cex.json");
        yield* writeDocument(cexPath, cexDoc({ entry: o.entry, bounds, inputBytes: cex.inputBytes, contract, engine, transcriptPath: BUNDLE.transcript, transcriptSha256: sha256Hex(transcriptText) }));
        artifacts["cex_path"] = shown(cexPath);
      }
      const satDiag = diagnostics.find((d) => d.code === "X07V_SMT_SAT") ?? diagOf("X07V_SMT_SAT", "solver reported SAT (counterexample found)", cex.clause.ptr);
      return result(
        { result: { kind: "counterexample_found", ...(contract !== undefined ? { contract } : {}), details }, proofSummary, artifacts: { ...artifacts }, diagnostics: [satDiag], exitCode: 10 },
        extra,
      );
    }

    if (proof.kind === "inconclusive") {
      const ds = diagnostics.length > 0 ? diagnostics : [diagOf("X07V_SMT_UNKNOWN", "the solver did not decide every obligation")];
      return result({ result: { kind: "inconclusive", details: [...ds.map((d) => d.message), ...lines].join("\n") }, proofSummary, artifacts: { ...artifacts }, diagnostics: ds, exitCode: 2 }, extra);
    }

    // proven: every obligation must really be unsat (a defensive check on the engine's verdict)
    if (proof.obligations.some((ob) => ob.result !== "unsat"))
      return result({ result: { kind: "error", details: lines.join("\n") }, proofSummary, artifacts: { ...artifacts }, diagnostics: [diagOf("X07V_INTERNAL", "the engine reported proven with an obligation that is not unsat")], exitCode: 1 }, extra);
    return yield* finishProven(bound, lines.join("\n"), { ...extra, cached: false });
  }).pipe(Effect.catch((e: VerifyRunResult | ArtifactError) => Effect.succeed("report" in e ? e : internalReport("prove", o, e))));

/** `prove check`: the replay, written to `--out`-style consumers by the caller; exit 0 accepted, 20 rejected. */
export const runProveCheck = (proofPath: string, options: { readonly cwd: string; readonly timeoutMs?: number }) =>
  Effect.map(checkProof(proofPath, options), (r) => ({ ...r, exitCode: r.accepted ? 0 : 20 }));

export type { FileSystem };
