/**
 * `prove check --proof P`: replays a proof object against the current sources, independently of the run
 * that made it. In upstream's order: the object's schema; the bundled proof summary's digest; the project
 * manifest's digest (x07.json found upwards from the cwd, then from the proof's directory); the primitive
 * catalog's digest; the bundled imported summaries' digests; the declaration (kind, `decl_sha256_hex`);
 * prove-mode coverage over the bundled summaries; the rebuilt proof summary's digest; the obligations
 * regenerated with the engine's `encodeSymbol` and hashed; every obligation re-solved, each of which must
 * answer `unsat`. The first mismatch rejects with upstream's `X07PROOF_*` code. A solver that fails or gives
 * no answer is a rejection, never read as `unsat`.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import type { StdModules } from "../../../check/index.ts";
import { validateByVersion } from "../../../core/contracts/written.ts";
import { readJson } from "../../../core/json/index.ts";
import { makeDiagnostic } from "../../../diag/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../../diag/index.ts";
import { computeCoverage } from "../coverage.ts";
import { encodeSymbol } from "../engine/index.ts";
import type { SolverResult } from "../outcome.ts";
import { Z3 } from "../z3-service.ts";
import { canonicalPrettyText, prefixedSha256 } from "../artifacts/canon.ts";
import { PROOF_OBJECT_SCHEMA_VERSION, proofCheckReportDoc, proofSummaryDoc, renderObligations, semanticsOfEngineId } from "../artifacts/documents.ts";
import { PRIMITIVE_MANIFEST_DIGEST, PRIMITIVES } from "../artifacts/primitives.ts";
import { findManifestUp, loadChecked, resolveProject } from "../artifacts/project.ts";
import { loadDeclSources, originsOf } from "../artifacts/sources.ts";
import { jsonFilesIn, loadSummaries } from "../artifacts/summaries.ts";

const ZERO = `sha256:${"0".repeat(64)}`;
/** Default per-obligation timeout of a replay (upstream's prove timeout). */
const REPLAY_TIMEOUT_MS = 60_000;

/** Bundle file names next to a proof object (upstream's layout). */
export const BUNDLE = {
  summary: "verify.proof-summary.json",
  obligations: "verify.smt2",
  transcript: "z3.out.txt",
  imported: "imported_proof_summaries",
} as const;

/** `<stem>.check.json` next to the proof object. */
export const checkReportPathOf = (proofPath: string): string => {
  const base = nodePath.basename(proofPath);
  const stem = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base;
  return nodePath.join(nodePath.dirname(proofPath), `${stem}.check.json`);
};

/** The proof object fields the checker reads. */
interface ProofObject {
  readonly project_manifest_digest: string;
  readonly entry_symbol: string;
  readonly symbol: string;
  readonly kind: "defn" | "defasync";
  readonly decl_sha256_hex: string;
  readonly verify_engine: string;
  readonly primitive_manifest_digest: string;
  readonly imported_proof_summary_digests: ReadonlyArray<string>;
  readonly proof_summary_digest: string;
  readonly obligation_digest: string;
  readonly expected_solver_result: SolverResult;
  readonly recursion_kind: "none" | "self_recursive" | "mutual";
  readonly recursion_bound_kind: "none" | "bounded_by_unwind" | "unbounded";
  readonly unwind: number;
  readonly max_bytes_len: number;
}

/** The outcome: the report document and whether the proof was accepted. */
export interface ProofCheckOutcome {
  readonly accepted: boolean;
  readonly report: ReturnType<typeof proofCheckReportDoc>;
}

const sortedUnique = (xs: ReadonlyArray<string>): string[] => [...new Set(xs)].sort();
const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const SUMMARY_CODES = new Set(["X07V_SUMMARY_MISMATCH", "X07V_COVERAGE_SUMMARY_FORBIDDEN", "X07V_COVERAGE_NOT_PROOF", "X07V_SUMMARY_MISSING", "X07V_PROOF_SUMMARY_REQUIRED"]);

/**
 * Replays the proof object at `proofPath` (relative paths against `cwd`).
 */
export const checkProof = (
  proofPath: string,
  options: { readonly cwd: string; readonly timeoutMs?: number },
): Effect.Effect<ProofCheckOutcome, never, FileSystem.FileSystem | StdModules | Z3> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const file = nodePath.resolve(options.cwd, proofPath);
    const bytes = yield* fs.readFile(file).pipe(Effect.orElseSucceed(() => undefined));
    const proofDigest = bytes !== undefined ? prefixedSha256(bytes) : ZERO;
    const invalid = (message: string): ProofCheckOutcome => ({
      accepted: false,
      report: proofCheckReportDoc({
        accepted: false,
        proofObjectDigest: proofDigest,
        symbol: "unknown",
        entrySymbol: "unknown",
        engine: "unknown",
        expectedObligationDigest: ZERO,
        replayedObligationDigest: ZERO,
        expectedSolverResult: "unknown",
        replayedSolverResult: "unknown",
        validatedImported: [],
        diagnostics: [makeDiagnostic("X07PROOF_EOBJECT_INVALID", message)],
      }),
    });
    if (bytes === undefined) return invalid(`cannot read proof object ${proofPath}`);
    const parsed = readJson(bytes);
    if (!parsed.ok) return invalid(`proof object ${proofPath} is not JSON`);
    const doc = parsed.value as { schema_version?: unknown };
    if (typeof doc !== "object" || doc === null || doc.schema_version !== PROOF_OBJECT_SCHEMA_VERSION) return invalid(`${proofPath} is not a ${PROOF_OBJECT_SCHEMA_VERSION} document`);
    const valid = yield* Effect.promise(() => validateByVersion(doc));
    if (!valid.ok) return invalid(`proof object does not match its schema at ${valid.pointer}: ${valid.message}`);
    const obj = doc as unknown as ProofObject;

    let validatedImported: string[] = [];
    const reject = (code: DiagnosticCode, message: string, replayed: { obligation?: string; solver?: string } = {}): ProofCheckOutcome => ({
      accepted: false,
      report: proofCheckReportDoc({
        accepted: false,
        proofObjectDigest: proofDigest,
        symbol: obj.symbol,
        entrySymbol: obj.entry_symbol,
        engine: obj.verify_engine,
        expectedObligationDigest: obj.obligation_digest,
        replayedObligationDigest: replayed.obligation ?? obj.obligation_digest,
        expectedSolverResult: obj.expected_solver_result,
        replayedSolverResult: replayed.solver ?? obj.expected_solver_result,
        validatedImported,
        diagnostics: [makeDiagnostic(code, message)],
      }),
    });
    const SRC = "X07PROOF_ESOURCE_REPLAY_FAILED" as const;
    const bundleDir = nodePath.dirname(file);

    // 2. the bundled proof summary
    const summaryBytes = yield* fs.readFile(nodePath.join(bundleDir, BUNDLE.summary)).pipe(Effect.orElseSucceed(() => undefined));
    if (summaryBytes === undefined) return reject(SRC, `cannot read the bundled proof summary ${BUNDLE.summary}`);
    if (prefixedSha256(summaryBytes) !== obj.proof_summary_digest)
      return reject(SRC, `bundled proof summary digest mismatch: expected ${obj.proof_summary_digest} got ${prefixedSha256(summaryBytes)}`);

    // 3. the project manifest
    const manifest = (yield* findManifestUp(fs, options.cwd)) ?? (yield* findManifestUp(fs, bundleDir));
    if (manifest === undefined) return reject(SRC, `could not find x07.json for proof replay from ${options.cwd} or ${bundleDir}`);
    const manifestBytes = yield* fs.readFile(manifest).pipe(Effect.orElseSucceed(() => undefined));
    if (manifestBytes === undefined) return reject(SRC, `cannot read ${manifest}`);
    if (prefixedSha256(manifestBytes) !== obj.project_manifest_digest)
      return reject(SRC, `project manifest digest mismatch: expected ${obj.project_manifest_digest} got ${prefixedSha256(manifestBytes)}`);

    // 4. the primitive catalog
    if (obj.primitive_manifest_digest !== PRIMITIVE_MANIFEST_DIGEST)
      return reject(SRC, `trusted primitive manifest digest mismatch: expected ${obj.primitive_manifest_digest} got ${PRIMITIVE_MANIFEST_DIGEST}`);

    // 5. the bundled imported summaries
    const importedFiles = yield* jsonFilesIn(nodePath.join(bundleDir, BUNDLE.imported));
    const bundled: string[] = [];
    for (const f of importedFiles) {
      const b = yield* fs.readFile(f).pipe(Effect.orElseSucceed(() => undefined));
      if (b === undefined) return reject("X07PROOF_EIMPORTED_SUMMARY_MISMATCH", `cannot read imported proof summary ${f}`);
      bundled.push(prefixedSha256(b));
    }
    const bundledSorted = sortedUnique(bundled);
    validatedImported = bundledSorted;
    const expectedImported = sortedUnique(obj.imported_proof_summary_digests);
    if (!sameList(bundledSorted, expectedImported))
      return reject("X07PROOF_EIMPORTED_SUMMARY_MISMATCH", `bundled imported proof-summary digests mismatch: expected ${JSON.stringify(expectedImported)} got ${JSON.stringify(bundledSorted)}`);

    // the engine and its semantics options
    const semantics = semanticsOfEngineId(obj.verify_engine);
    if (semantics === undefined) return reject(SRC, `the proof was made by engine ${JSON.stringify(obj.verify_engine)}; this checker replays ts_z3_v1 proofs`);

    // 6. the declaration
    const root = nodePath.dirname(manifest);
    const project = yield* Effect.result(resolveProject({ cwd: root, project: manifest }));
    if (project._tag === "Failure") return reject(SRC, project.failure.message);
    const checked = yield* Effect.result(loadChecked(project.success, obj.entry_symbol));
    if (checked._tag === "Failure") return reject(SRC, checked.failure.message);
    const program = checked.success;
    const fn = program.functions.get(obj.entry_symbol);
    const sources = yield* loadDeclSources(program, program.functions.keys(), { cwd: root, root });
    const entrySrc = sources.get(obj.entry_symbol);
    if (fn === undefined || entrySrc === undefined) return reject(SRC, `cannot load the declaration of ${obj.entry_symbol}`);
    if (obj.symbol !== obj.entry_symbol || obj.kind !== fn.decl.kind || obj.decl_sha256_hex !== entrySrc.decl_sha256_hex)
      return reject(SRC, `replayed declaration mismatch for ${JSON.stringify(obj.entry_symbol)}: kind=${fn.decl.kind} decl_sha256_hex=${entrySrc.decl_sha256_hex}`);

    // 7. prove-mode coverage over the bundled summaries
    const current = (s: string) => {
      const src = sources.get(s);
      const f = program.functions.get(s);
      return src !== undefined && f !== undefined ? { sha: src.decl_sha256_hex, kind: f.decl.kind } : undefined;
    };
    const summaries = yield* Effect.result(loadSummaries(importedFiles, [], root, current));
    if (summaries._tag === "Failure") return reject("X07PROOF_EIMPORTED_SUMMARY_MISMATCH", summaries.failure[0]?.message ?? "imported proof-summary replay failed");
    const coverage = computeCoverage(program, obj.entry_symbol, {
      origins: originsOf(sources),
      imported: summaries.success,
      primitiveNotes: new Map([...PRIMITIVES].map(([k, p]) => [k, p.note])),
      proofSummariesRequired: true,
    });
    if (coverage === undefined) return reject(SRC, `cannot compute coverage of ${obj.entry_symbol}`);
    const firstDiag = coverage.diagnostics[0];
    if (firstDiag !== undefined) return reject(SUMMARY_CODES.has(firstDiag.code) ? "X07PROOF_EIMPORTED_SUMMARY_MISMATCH" : SRC, firstDiag.message);

    // 8. the proof summary
    const recursionKind = coverage.functions.find((r) => r.symbol === obj.entry_symbol)?.support_summary?.recursion_kind ?? "none";
    if (recursionKind !== obj.recursion_kind) return reject(SRC, `replayed recursion kind ${recursionKind} differs from ${obj.recursion_kind}`);
    const summaryDoc = proofSummaryDoc(coverage, fn, entrySrc.decl_sha256_hex, obj.verify_engine, recursionKind, obj.recursion_bound_kind);
    const replayedSummaryDigest = prefixedSha256(canonicalPrettyText(summaryDoc));
    if (replayedSummaryDigest !== obj.proof_summary_digest)
      return reject(SRC, `replayed proof summary digest mismatch: expected ${obj.proof_summary_digest} got ${replayedSummaryDigest}`);

    // 10. the obligations
    const z3 = yield* Z3;
    const proveOptions = { entry: obj.entry_symbol, unwind: obj.unwind, maxBytesLen: obj.max_bytes_len, allowTraps: semantics.allowTraps, parity: semantics.parity };
    const enc = yield* Effect.tryPromise(() => encodeSymbol(program, z3, proveOptions)).pipe(Effect.result);
    if (enc._tag === "Failure") return reject(SRC, `regenerating the obligations failed: ${String(enc.failure)}`);
    if (enc.success.kind === "unsupported") return reject(SRC, `the engine no longer encodes ${obj.entry_symbol}: ${enc.success.diagnostics[0]?.message ?? "unsupported"}`);
    const obligations = enc.success.obligations;
    const text = renderObligations(obligations, { entry: obj.entry_symbol, engine: obj.verify_engine, unwind: obj.unwind, maxBytesLen: obj.max_bytes_len });
    const replayedObligation = prefixedSha256(text);
    if (replayedObligation !== obj.obligation_digest)
      return reject("X07PROOF_EOBLIGATION_MISMATCH", `replayed SMT obligation digest mismatch: expected ${obj.obligation_digest} got ${replayedObligation}`, { obligation: replayedObligation });

    // 11. re-solve: every obligation must answer exactly the expected result
    const timeoutMs = options.timeoutMs ?? REPLAY_TIMEOUT_MS;
    let replayed: string = obj.expected_solver_result;
    for (const [i, ob] of obligations.entries()) {
      const answer = yield* Effect.tryPromise(() => z3.solve(ob.smt2, { timeoutMs })).pipe(Effect.result);
      if (answer._tag === "Failure")
        return reject("X07PROOF_ESOLVER_REPLAY_FAILED", `the solver failed on obligation ${i + 1}: ${String(answer.failure)}`, { obligation: replayedObligation, solver: "unknown" });
      const kind: unknown = (answer.success as { kind?: unknown } | undefined)?.kind;
      if (kind !== "unsat" && kind !== "sat" && kind !== "unknown")
        return reject("X07PROOF_ESOLVER_REPLAY_FAILED", `the solver gave no answer on obligation ${i + 1}`, { obligation: replayedObligation, solver: "unknown" });
      if (kind !== obj.expected_solver_result)
        return reject("X07PROOF_ESOLVER_REPLAY_FAILED", `replayed solver result mismatch on obligation ${i + 1} (${ob.clause.kind} at ${ob.clause.ptr}): expected ${obj.expected_solver_result} got ${kind}`, {
          obligation: replayedObligation,
          solver: kind,
        });
      replayed = kind;
    }
    const diagnostics: Diagnostic[] = [];
    return {
      accepted: true,
      report: proofCheckReportDoc({
        accepted: true,
        proofObjectDigest: proofDigest,
        symbol: obj.symbol,
        entrySymbol: obj.entry_symbol,
        engine: obj.verify_engine,
        expectedObligationDigest: obj.obligation_digest,
        replayedObligationDigest: replayedObligation,
        expectedSolverResult: obj.expected_solver_result,
        replayedSolverResult: replayed,
        validatedImported,
        diagnostics,
      }),
    };
  });
