/**
 * Small in-test fakes of the stages certify chains. Each returns the documents the real stage would (only the
 * fields certify reads, plus schema_version), configurable per test, so the certificate rules are tested on
 * certify's own logic. The project on disk is the committed fixture (x07.json, arch, boundaries, tests).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { Effect, Layer } from "effect";
import {
  CertifyArch,
  CertifyCompile,
  CertifyCoverage,
  CertifyProfiles,
  CertifyProver,
  CertifyReview,
  CertifyTests,
  CertifyTrustReport,
  StepFailure,
} from "../../src/certify/index.ts";
import type { TrustProfileDoc } from "../../src/certify/index.ts";
import type { JsonValue } from "../../src/core/json/index.ts";
import { canonicalJsonPretty, sha256Hex } from "../../src/core/json/index.ts";
import { layerNodeFileSystem } from "../../src/services/index.ts";

export const FIXTURE = fileURLToPath(new URL("./fixtures/orders-bounded", import.meta.url));
export const ENTRY = "orders.core.compute_total_v1";
export const HELPER = "orders.core.helper";

/** A fresh copy of the fixture project in a temp dir, optionally with x07.json edited. */
export const fixtureCopy = (edit?: (project: Record<string, unknown>) => void): string => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), "x07-certify-"));
  cpSync(FIXTURE, dir, { recursive: true });
  if (edit !== undefined) {
    const p = nodePath.join(dir, "x07.json");
    const doc = JSON.parse(readFileSync(p, "utf8")) as Record<string, unknown>;
    edit(doc);
    writeFileSync(p, JSON.stringify(doc, null, 2) + "\n");
  }
  return dir;
};

const enc = (s: string) => new TextEncoder().encode(s);
const text = (v: unknown) => `${canonicalJsonPretty(v as JsonValue)}\n`;

export interface CoverageRowSpec {
  readonly symbol: string;
  readonly kind?: string;
  readonly status: string;
  readonly recursion?: string;
  readonly details?: string;
  readonly source_path?: string;
}

/** What one fake proof run returns for a symbol. */
export type ProofSpec =
  | { readonly kind: "proven"; readonly recursion?: "none" | "self_recursive"; readonly bound?: "none" | "bounded_by_unwind" | "unbounded"; readonly assumptions?: ReadonlyArray<{ kind: string; subject: string; certifiable: boolean; digest?: string }>; readonly check?: "accepted" | "rejected" | "invalid" | "other-engine" | "fail"; readonly noObject?: boolean }
  | { readonly kind: "counterexample_found" }
  | { readonly kind: "inconclusive" | "unsupported"; readonly codes?: ReadonlyArray<string> }
  | { readonly kind: "fail" };

export interface FakeConfig {
  readonly profile?: (p: TrustProfileDoc) => TrustProfileDoc;
  readonly profileDiagnostics?: ReadonlyArray<{ code: string; message: string }>;
  readonly archExit?: number;
  readonly archNoBoundaries?: boolean;
  readonly archFail?: boolean;
  readonly missingSmoke?: number;
  readonly coverage?: ReadonlyArray<CoverageRowSpec>;
  readonly coverageSummary?: Record<string, unknown>;
  readonly importedSummaries?: ReadonlyArray<{ path: string; sha256_hex: string; symbols?: string[] }>;
  readonly proofs?: Readonly<Record<string, ProofSpec>>;
  readonly testStatuses?: Readonly<Record<string, string>>;
  readonly testsExit?: number;
  readonly trustFlags?: ReadonlyArray<string>;
  readonly sbom?: boolean;
  readonly compileMatch?: boolean;
  readonly compileFail?: boolean;
  readonly reviewHighlights?: Readonly<Record<string, number>>;
  readonly reviewExit?: number;
}

const ENGINE = "ts_z3_v1";
const PRIMS = `sha256:${"a".repeat(64)}`;

const proveRun = (symbol: string, spec: ProofSpec) => {
  const bounds = { unwind: 8, max_bytes_len: 16, input_len_bytes: 12 };
  const base = { schema_version: "x07.verify.report@0.8.0", mode: "prove", entry: symbol, bounds, diagnostics_count: 0, exit_code: 0 };
  if (spec.kind === "fail") return Effect.fail(new StepFailure({ message: "solver crashed" }));
  if (spec.kind === "counterexample_found") {
    const contract = { contract_kind: "ensures", fn: symbol, clause_id: "total_non_negative", clause_index: 0, clause_ptr: "/decls/1/ensures/0/expr", witness: [] };
    const cex = {
      schema_version: "x07.verify.cex@0.2.0",
      entry: symbol,
      bounds,
      input_bytes_b64: "AAABAACAAAAAAAAA",
      contract: { ...contract, witness: [{ ty: "i32", name: "item_count", value: 65536 }, { ty: "i32", name: "unit_price", value: 32768 }, { ty: "i32", name: "discount_pct", value: 0 }] },
    };
    return Effect.succeed({
      report: { ...base, ok: false, exit_code: 10, diagnostics_count: 1, result: { kind: "counterexample_found", contract }, diagnostics: [{ code: "X07V_SMT_SAT", severity: "error", stage: "run", message: "sat" }] } as JsonValue,
      files: [{ name: "cex.json", bytes: enc(text(cex)) }, { name: "verify.smt2", bytes: enc("(check-sat)\n") }, { name: "z3.out.txt", bytes: enc("sat\n") }],
    });
  }
  if (spec.kind !== "proven")
    return Effect.succeed({
      report: { ...base, ok: false, exit_code: 2, result: { kind: spec.kind, details: `the symbol is ${spec.kind}` }, diagnostics: (spec.codes ?? []).map((code) => ({ code, severity: "error", stage: "run", message: code })) } as JsonValue,
      files: [],
    });
  const summary = {
    schema_version: "x07.verify.proof_summary@0.2.0",
    summary_kind: "proof",
    symbol,
    kind: "defn",
    decl_sha256_hex: sha256Hex(symbol),
    result_kind: "proven",
    engine: ENGINE,
    recursion_kind: spec.recursion ?? "none",
    recursion_bound_kind: spec.bound ?? "none",
    dependency_symbols: [],
    assumptions: spec.assumptions ?? [],
  };
  const summaryBytes = enc(text(summary));
  const object = { schema_version: "x07.verify.proof_object@0.2.0", entry_symbol: symbol, symbol, unwind: 8, max_bytes_len: 16, proof_summary_digest: `sha256:${sha256Hex(summaryBytes)}` };
  return Effect.succeed({
    report: { ...base, ok: true, result: { kind: "proven" } } as JsonValue,
    files: [
      { name: "verify.proof-summary.json", bytes: summaryBytes },
      ...(spec.noObject === true ? [] : [{ name: "proof.json", bytes: enc(text(object)) }]),
      { name: "verify.smt2", bytes: enc("(assert false)\n(check-sat)\n") },
      { name: "z3.out.txt", bytes: enc("unsat\n") },
    ],
  });
};

const checkReport = (symbol: string, proofPath: string, spec: ProofSpec) => {
  const mode = spec.kind === "proven" ? (spec.check ?? "accepted") : "accepted";
  if (mode === "fail") return Effect.fail(new StepFailure({ message: "checker crashed" }));
  if (mode === "invalid") return Effect.succeed({ schema_version: "x07.verify.proof_check.report@0.2.0", ok: true } as JsonValue);
  const accepted = mode !== "rejected";
  const d = `sha256:${sha256Hex(readFileSync(proofPath))}`;
  return Effect.succeed({
    schema_version: "x07.verify.proof_check.report@0.2.0",
    ok: accepted,
    proof_object_digest: d,
    checker: "x07.proof_replay_checker",
    result: accepted ? "accepted" : "rejected",
    symbol,
    entry_symbol: symbol,
    verify_engine: mode === "other-engine" ? "cbmc_z3" : ENGINE,
    expected_obligation_digest: `sha256:${"b".repeat(64)}`,
    replayed_obligation_digest: `sha256:${"b".repeat(64)}`,
    expected_solver_result: "unsat",
    replayed_solver_result: accepted ? "unsat" : "sat",
    validated_imported_proof_summary_digests: [],
    diagnostics: accepted ? [] : [{ code: "X07PROOF_EOBLIGATION_MISMATCH", severity: "error", stage: "run", message: "obligation mismatch" }],
  } as JsonValue);
};

/** The fake stages as one layer (plus the Node file system). */
export const fakeLayer = (cfg: FakeConfig = {}) => {
  const rows = cfg.coverage ?? [{ symbol: ENTRY, status: "supported" }];
  const proofs = cfg.proofs ?? {};
  const specOf = (s: string): ProofSpec => proofs[s] ?? { kind: "proven" };
  const symbolOfProof = new Map<string, string>();
  return Layer.mergeAll(
    Layer.succeed(CertifyProfiles)({
      resolve: (id, project) =>
        Effect.try({
          try: () => {
            const doc = JSON.parse(readFileSync(nodePath.join(project.root, "arch", "trust", "profiles", `${id}.json`), "utf8")) as TrustProfileDoc;
            return { profile: cfg.profile !== undefined ? cfg.profile(doc) : doc, path: `arch/trust/profiles/${id}.json` };
          },
          catch: () => new StepFailure({ message: `unknown trust profile ${id}` }),
        }),
      check: () => Effect.succeed((cfg.profileDiagnostics ?? []).map((d) => ({ ...d, severity: "error" as const, stage: "run" as const }))),
    }),
    Layer.succeed(CertifyArch)({
      check: () =>
        cfg.archFail === true
          ? Effect.fail(new StepFailure({ message: "arch unavailable" }))
          : Effect.succeed({
              exitCode: cfg.archExit ?? 0,
              report: {
                schema_version: "x07.arch.report@0.1.0",
                diags: cfg.archExit !== undefined && cfg.archExit !== 0 ? [{ code: "E_ARCH_LAYERS_VIOLATION", message: "layer violation" }] : [],
                ...(cfg.archNoBoundaries === true
                  ? {}
                  : {
                      boundaries_report: {
                        schema_version: "x07.arch.boundaries.report@0.1.0",
                        ok: true,
                        summary: { boundaries_total: 1, public_exports_scanned: 1, missing_boundaries: 0, missing_smoke: cfg.missingSmoke ?? 0, missing_pbt: 0, missing_verify: 0 },
                        boundaries: [{ id: "orders.compute_total_v1", symbol: ENTRY, node_id: "orders_core", status: "ok" }],
                        diagnostics: [],
                      },
                    }),
              } as JsonValue,
            }),
    }),
    Layer.succeed(CertifyCoverage)({
      coverage: (_p, entry) =>
        Effect.succeed({
          report: {
            schema_version: "x07.verify.report@0.8.0",
            mode: "coverage",
            ok: true,
            entry,
            result: { kind: "coverage_report" },
            coverage: {
              schema_version: "x07.verify.coverage@0.4.0",
              entry,
              summary: { reachable_defn: rows.length, recursive_defn: rows.filter((r) => r.recursion !== undefined && r.recursion !== "none").length, async_model: null, ...(cfg.coverageSummary ?? {}) },
              functions: rows.map((r) => ({
                symbol: r.symbol,
                kind: r.kind ?? "defn",
                status: r.status,
                ...(r.recursion !== undefined ? { support_summary: { recursion_kind: r.recursion } } : {}),
                ...(r.details !== undefined ? { details: r.details } : {}),
                ...(r.source_path !== undefined ? { source_path: r.source_path } : {}),
              })),
            },
          } as JsonValue,
          summary: { schema_version: "x07.verify.summary@0.2.0", summary_kind: "coverage_support", ...(cfg.importedSummaries !== undefined ? { imported_summaries: cfg.importedSummaries } : {}) } as unknown as JsonValue,
        }),
    }),
    Layer.succeed(CertifyProver)({
      engine: ENGINE,
      engineDescription: "fake",
      primitiveManifestDigest: PRIMS,
      prove: (_p, symbol) => proveRun(symbol, specOf(symbol)),
      check: (_p, proofPath) => {
        const obj = JSON.parse(readFileSync(proofPath, "utf8")) as { symbol: string };
        symbolOfProof.set(proofPath, obj.symbol);
        return checkReport(obj.symbol, proofPath, specOf(obj.symbol));
      },
    }),
    Layer.succeed(CertifyTests)({
      run: () => {
        const statuses = { "smoke/compute_total": "pass", "pbt/total_within_subtotal": "pass", ...(cfg.testStatuses ?? {}) };
        const tests = Object.entries(statuses).map(([id, status]) => ({ id, status, world: "solve-pure", expect: "pass", duration_ms: 17, entry_kind: "defn" }));
        const failed = tests.filter((t) => t.status === "fail").length;
        return Effect.succeed({
          exitCode: cfg.testsExit ?? (failed > 0 ? 10 : 0),
          report: { schema_version: "x07.x07test@0.4.0", summary: { passed: tests.length - failed, failed, skipped: 0, errors: 0, xfail_passed: 0, xfail_failed: 0, duration_ms: 33 }, tests } as JsonValue,
        });
      },
    }),
    Layer.succeed(CertifyTrustReport)({
      report: () =>
        Effect.succeed({
          exitCode: 0,
          report: { schema_version: "x07.trust.report@0.1.0", nondeterminism: { flags: (cfg.trustFlags ?? []).map((kind) => ({ kind, severity: "high", summary: kind })) }, sbom: { format: "cyclonedx", generated: cfg.sbom ?? true } } as JsonValue,
          html: "<!doctype html><title>trust</title>",
          ...(cfg.sbom === false ? {} : { sbom: { bomFormat: "CycloneDX", specVersion: "1.5", components: [] } as JsonValue }),
        }),
    }),
    Layer.succeed(CertifyCompile)({
      attest: () =>
        cfg.compileFail === true
          ? Effect.fail(new StepFailure({ message: "no compiler" }))
          : Effect.succeed({
              attestation: { schema_version: "x07.compile.attest@0.1.0", artifacts: { binary_sha256: sha256Hex("artifact") }, rebuild: { deterministic_match: cfg.compileMatch ?? true } } as JsonValue,
              artifact: enc("artifact"),
            }),
    }),
    Layer.succeed(CertifyReview)({
      diff: () =>
        Effect.succeed({
          exitCode: cfg.reviewExit ?? 0,
          report: { schema_version: "x07.review.diff@0.5.0", highlights: Object.fromEntries(Object.entries(cfg.reviewHighlights ?? {}).map(([k, n]) => [k, Array.from({ length: n }, (_, i) => ({ i }))])), diags: [] } as JsonValue,
          html: "<!doctype html><title>review</title>",
          text: `x07 review diff\n${Object.entries(cfg.reviewHighlights ?? {}).map(([k, n]) => `- ${k}: ${n}`).join("\n")}\n`,
        }),
    }),
    layerNodeFileSystem,
  );
};
