/** A {@link Coverage} as the `x07.verify.coverage@0.4.0` document and as the `verify.summary.json` posture file. */
import type { WorldId } from "../../core/worlds/table.ts";
import type { Coverage, CoverageRow } from "./coverage.ts";

export const VERIFY_COVERAGE_SCHEMA_VERSION = "x07.verify.coverage@0.4.0";
export const VERIFY_SUMMARY_SCHEMA_VERSION = "x07.verify.summary@0.2.0";

/** A row's details: its precheck reasons ("CODE: detail" lines, in order), else its note. */
const detailsOf = (r: CoverageRow): string | undefined =>
  r.reasons.length > 0 ? r.reasons.map((x) => `${x.code}: ${x.detail}`).join("\n") : r.note;

/** A signature without null brands (upstream omits absent brands). */
const signatureDoc = (sig: NonNullable<CoverageRow["signature"]>) => ({
  params: sig.params.map((p) => ({ ty: p.ty, ...(p.brand !== null ? { brand: p.brand } : {}) })),
  result: sig.result,
  ...(sig.result_brand !== null ? { result_brand: sig.result_brand } : {}),
});

const functionDoc = (r: CoverageRow) => {
  const details = detailsOf(r);
  return {
    symbol: r.symbol,
    kind: r.kind,
    status: r.status,
    ...(r.signature !== undefined ? { signature: signatureDoc(r.signature) } : {}),
    ...(r.support_summary !== undefined ? { support_summary: r.support_summary } : {}),
    ...(r.decl_sha256_hex !== undefined ? { decl_sha256_hex: r.decl_sha256_hex } : {}),
    ...(r.source_path !== undefined ? { source_path: r.source_path } : {}),
    ...(details !== undefined ? { details } : {}),
  };
};

/** The coverage document (the `coverage` object of verify reports). */
export const coverageDocument = (c: Coverage, worlds: ReadonlyArray<WorldId>) => ({
  schema_version: VERIFY_COVERAGE_SCHEMA_VERSION,
  entry: c.entry,
  worlds: [...worlds],
  summary: { ...c.summary },
  functions: c.functions.map(functionDoc),
});

/** `verify.summary.json`: the coverage posture (`summary_kind: coverage_support`), never proof evidence. */
export const coverageSummaryDocument = (c: Coverage, worlds: ReadonlyArray<WorldId>) => ({
  schema_version: VERIFY_SUMMARY_SCHEMA_VERSION,
  summary_kind: "coverage_support" as const,
  entry: c.entry,
  worlds: [...worlds],
  summary: { ...c.summary },
  functions: c.functions.map(functionDoc),
  ...(c.importedSummaries.length > 0 ? { imported_summaries: c.importedSummaries.map((u) => ({ path: u.path, sha256_hex: u.sha256_hex, symbols: [...u.symbols] })) } : {}),
});
