/**
 * `contracts_v1.boundaries`: validates the boundaries index (x07.arch.boundaries.index@0.1.0) and the
 * coverage of public exports, producing upstream's emitted `x07.arch.boundaries.report@0.1.0` shape
 * (summary counters `boundaries_total`, `public_exports_scanned`, `missing_*`; a status per boundary).
 *
 * `enforce` sets the severity of what reaches the arch report (`error`, `warn` → warning, `off` → dropped);
 * the boundaries report itself keeps error severity, so its `ok` is false whenever a rule failed.
 * Differs from upstream on purpose: a missing or unreadable index is also recorded in the boundaries
 * report (upstream leaves that report `ok: true` with zero counters).
 */
import { canonicalJson, sha256Hex } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { ContractDoc } from "./contract-doc.ts";
import { archDiag, withSeverity } from "./diag.ts";
import type { ArchGraph, ContractIndexRef, TrustZone } from "./model.ts";
import { cmpStr } from "./model.ts";

/** x07.arch.boundaries.report@0.1.0 as upstream emits it. */
export interface BoundariesReport {
  readonly schema_version: "x07.arch.boundaries.report@0.1.0";
  readonly ok: boolean;
  readonly index_path: string;
  readonly summary: {
    readonly boundaries_total: number;
    readonly public_exports_scanned: number;
    readonly missing_boundaries: number;
    readonly missing_smoke: number;
    readonly missing_pbt: number;
    readonly missing_verify: number;
  };
  readonly boundaries: ReadonlyArray<{ readonly id: string; readonly symbol: string; readonly node_id: string; readonly status: BoundaryStatus }>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/** A boundary's status; later findings overwrite earlier ones as upstream does (verify only when still ok). */
export type BoundaryStatus = "ok" | "invalid" | "missing_smoke" | "missing_pbt" | "missing_verify";

interface BoundaryParam {
  readonly name: string;
  readonly ty: string;
  readonly brand?: string;
  readonly schema?: string;
}
interface BoundaryEntry {
  readonly id: string;
  readonly symbol: string;
  readonly node_id: string;
  readonly input: { readonly params: ReadonlyArray<BoundaryParam> };
  readonly output: { readonly ty: string; readonly brand?: string; readonly schema?: string; readonly error_space?: string };
  readonly smoke: { readonly entry: string; readonly tests: ReadonlyArray<string> };
  readonly pbt: { readonly required: boolean; readonly tests: ReadonlyArray<string> };
  readonly verify: { readonly required: boolean; readonly mode: string };
}

const BYTESISH = new Set(["bytes", "bytes_view", "option_bytes", "option_bytes_view", "result_bytes", "result_bytes_view", "result_result_bytes"]);
/** A boundary type string that carries bytes. */
export const boundaryTyIsBytesish = (ty: string): boolean => BYTESISH.has(ty);
/** A boundary type string that is a result. */
export const boundaryTyIsResultish = (ty: string): boolean => ty.startsWith("result_");

const ZONES_NEEDING_BOUNDARIES: ReadonlySet<TrustZone> = new Set(["verified_core", "certified_capsule"]);

/** The boundaries outcome: the report, what goes into the arch report, and the index's lock entry. */
export interface BoundariesOutcome {
  readonly report: BoundariesReport;
  readonly archDiags: ReadonlyArray<Diagnostic>;
  /** JCS sha256 of the index when it was read and valid. */
  readonly jcsSha256Hex?: string;
}

const enforced = (enforce: ContractIndexRef["enforce"], ds: ReadonlyArray<Diagnostic>): Diagnostic[] =>
  enforce === "off" ? [] : enforce === "warn" ? ds.map((d) => withSeverity(d, "warning")) : [...ds];

const emptySummary = () => ({ boundaries_total: 0, public_exports_scanned: 0, missing_boundaries: 0, missing_smoke: 0, missing_pbt: 0, missing_verify: 0 });

/** Checks one boundaries index against the graph. */
export const checkBoundaries = (cfg: ContractIndexRef, doc: ContractDoc, g: ArchGraph): BoundariesOutcome => {
  const file = cfg.index_path;
  const finish = (summary: BoundariesReport["summary"], statuses: BoundariesReport["boundaries"], diags: ReadonlyArray<Diagnostic>, jcs?: string): BoundariesOutcome => ({
    report: {
      schema_version: "x07.arch.boundaries.report@0.1.0",
      ok: diags.every((d) => d.severity !== "error"),
      index_path: cfg.index_path,
      summary,
      boundaries: [...statuses].sort((a, b) => cmpStr(a.node_id, b.node_id) || cmpStr(a.symbol, b.symbol) || cmpStr(a.id, b.id) || cmpStr(a.status, b.status)),
      diagnostics: diags,
    },
    archDiags: enforced(cfg.enforce, diags),
    ...(jcs !== undefined ? { jcsSha256Hex: jcs } : {}),
  });

  switch (doc.status) {
    case "missing":
      return finish(emptySummary(), [], [archDiag("E_ARCH_BOUNDARY_INDEX_INVALID", "contract file is missing", { file, ptr: "", data: { path: doc.relPath } })]);
    case "unreadable":
      return finish(emptySummary(), [], [archDiag("E_ARCH_BOUNDARY_INDEX_INVALID", `read contract file: ${doc.message}`, { file, ptr: "" })]);
    case "bad_json":
      return finish(emptySummary(), [], [archDiag("E_ARCH_BOUNDARY_INDEX_INVALID", `parse contract JSON: ${doc.message}`, { file, ptr: "" })]);
    case "invalid":
      return finish(
        emptySummary(),
        [],
        doc.issues.map((i) => archDiag("E_ARCH_BOUNDARY_INDEX_INVALID", i.message, { file, ptr: i.pointer, data: { instance_path: i.pointer } })),
      );
    case "ok":
      break;
  }
  const entries = (doc.value as unknown as { boundaries: ReadonlyArray<BoundaryEntry> }).boundaries;
  const summary = { ...emptySummary(), boundaries_total: entries.length };
  const diags: Diagnostic[] = [];
  const statuses: Array<BoundariesReport["boundaries"][number]> = [];

  entries.forEach((e, i) => {
    const base = `/boundaries/${i}`;
    const who = { boundary_id: e.id, symbol: e.symbol };
    let status: BoundaryStatus = "ok";
    e.input.params.forEach((p, j) => {
      if (boundaryTyIsBytesish(p.ty) && p.brand === undefined && p.schema === undefined) {
        diags.push(archDiag("E_ARCH_BOUNDARY_BRAND_OR_SCHEMA_REQUIRED", "bytes-like boundary params require a brand or schema", { file, ptr: `${base}/input/params/${j}`, data: { ...who, param: p.name } }));
        status = "invalid";
      }
    });
    if (boundaryTyIsBytesish(e.output.ty) && e.output.brand === undefined && e.output.schema === undefined) {
      diags.push(archDiag("E_ARCH_BOUNDARY_BRAND_OR_SCHEMA_REQUIRED", "bytes-like boundary outputs require a brand or schema", { file, ptr: `${base}/output`, data: who }));
      status = "invalid";
    }
    if (boundaryTyIsResultish(e.output.ty) && e.output.error_space === undefined) {
      diags.push(archDiag("E_ARCH_BOUNDARY_ERROR_SPACE_REQUIRED", "result-like boundary outputs require an error_space", { file, ptr: `${base}/output`, data: who }));
      status = "invalid";
    }
    if (e.smoke.tests.length === 0) {
      summary.missing_smoke += 1;
      status = "missing_smoke";
    }
    if (e.pbt.required && e.pbt.tests.length === 0) {
      summary.missing_pbt += 1;
      status = "missing_pbt";
    }
    if (!e.verify.required || e.verify.mode !== "prove") {
      summary.missing_verify += 1;
      diags.push(archDiag("E_ARCH_BOUNDARY_VERIFY_REQUIRED", "boundaries must require prove-mode verification", { file, ptr: `${base}/verify`, data: who }));
      if (status === "ok") status = "missing_verify";
    }
    statuses.push({ id: e.id, symbol: e.symbol, node_id: e.node_id, status });
  });

  const declared = new Set(entries.map((e) => e.symbol));
  for (const [moduleId, m] of g.modules) {
    const nodeId = g.moduleToNode.get(moduleId);
    const node = nodeId === undefined ? undefined : g.nodes.get(nodeId)?.node;
    if (nodeId === undefined || node === undefined || node.visibility.mode !== "public" || !ZONES_NEEDING_BOUNDARIES.has(node.trust_zone)) continue;
    for (const f of [...m.functions.filter((x) => x.kind === "defn"), ...m.functions.filter((x) => x.kind === "defasync")]) {
      if (!m.exports.has(f.name)) continue;
      summary.public_exports_scanned += 1;
      if (declared.has(f.name)) continue;
      summary.missing_boundaries += 1;
      diags.push(
        archDiag("E_ARCH_BOUNDARY_MISSING", "public verified_core/certified_capsule export is missing from boundaries index", {
          file: m.relPath,
          ptr: f.ptr,
          data: { symbol: f.name, node_id: nodeId, module_path: m.relPath },
        }),
      );
    }
  }
  return finish(summary, statuses, diags, sha256Hex(canonicalJson(doc.value)));
};
