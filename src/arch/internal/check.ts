/**
 * The architecture check as pure functions over already-read inputs, in two steps so the shell knows what
 * to read next: {@link prepareArch} turns the manifest (and lock) into a plan — or a finished outcome when
 * they are unusable (exit 3) — and {@link checkArch} runs every check on the scanned modules and contract
 * files. Same inputs, same outcome, byte for byte.
 */
import { canonicalJson, sha256Hex } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { checkBoundaries } from "./boundaries.ts";
import type { BoundariesReport } from "./boundaries.ts";
import type { ContractDoc } from "./contract-doc.ts";
import { DiagSink, archDiag, sortArchDiags } from "./diag.ts";
import { compileGlobSet } from "../../core/glob.ts";
import type { GlobSet } from "../../core/glob.ts";
import { assignNodes, walkImports } from "./graph.ts";
import { CONTRACTS_LOCK_VERSION, DEFAULT_SCAN_EXCLUDE, DEFAULT_SCAN_INCLUDE, MANIFEST_LOCK_VERSION, contractsLockIssues } from "./locks.ts";
import type { ContractsLock, ManifestLock } from "./locks.ts";
import type { ArchGraph, ArchManifest, ModuleInfo, NodeInfo } from "./model.ts";
import { cmpStr } from "./model.ts";
import { readModuleInfo } from "./module-info.ts";
import { suggestPatches } from "./patches.ts";
import { ARCH_EXIT, makeReport, zeroStats } from "./report.ts";
import type { ArchExitCode, ArchReport, PatchTarget } from "./report.ts";
import { GRAPH_RULES, missingAllowEdges } from "./rules/index.ts";

/** Budget overrides (CLI `--max-*`); unset ones come from the manifest's `tool_budgets`. */
export interface BudgetOverrides {
  readonly maxModules?: number;
  readonly maxEdges?: number;
  readonly maxDiags?: number;
  readonly maxBytesIn?: number;
}

/** What a finished check produced. */
export interface ArchOutcome {
  readonly report: ArchReport;
  readonly exitCode: ArchExitCode;
  readonly suggestedPatches: ReadonlyArray<PatchTarget>;
  /** The manifest lock to write (only with `writeLock`). */
  readonly manifestLock?: ManifestLock;
  /** The contracts lock to write (only with `writeLock` and `contracts_v1`). */
  readonly contractsLock?: ContractsLock;
}

/** Inputs of the first step. */
export interface PrepareInput {
  /** The manifest path as reported (repo-relative when under the root). */
  readonly manifestPath: string;
  readonly manifest: ContractDoc;
  /** The manifest's path relative to the repo root, or undefined when it lies outside the root. */
  readonly manifestRelToRoot: string | undefined;
  readonly lockPath?: string;
  readonly lock?: ContractDoc;
  readonly writeLock: boolean;
  readonly budgets: BudgetOverrides;
}

/** The plan of the second step: what to scan and read. */
export interface ArchPlan {
  readonly manifestPath: string;
  readonly manifestRelToRoot: string | undefined;
  readonly manifest: ArchManifest;
  readonly jcs: string;
  readonly nodes: ReadonlyArray<NodeInfo>;
  readonly include: GlobSet;
  readonly exclude: GlobSet;
  readonly scanInclude: ReadonlyArray<string>;
  readonly scanExclude: ReadonlyArray<string>;
  readonly budgets: Required<Omit<BudgetOverrides, "maxBytesIn">> & { readonly maxBytesIn?: number; readonly maxContractFiles: number; readonly maxContractBytes: number };
  readonly bytesIn: number;
  readonly lock?: ManifestLock;
  readonly lockPath?: string;
  readonly writeLock: boolean;
  /** The boundaries index to read (repo-relative), when `contracts_v1.boundaries` is set. */
  readonly boundariesIndexPath?: string;
  /** Whether `contracts_v1` is present (then `arch/contracts.lock.json` is read). */
  readonly hasContracts: boolean;
}

/** Where the contracts lock lives. */
export const CONTRACTS_LOCK_PATH = "arch/contracts.lock.json";

const fatal = (p: { manifestPath: string }, jcs: string | null, nodes: number, diags: ReadonlyArray<Diagnostic>, exitCode: ArchExitCode = ARCH_EXIT.invalidInput): ArchOutcome => ({
  report: makeReport(p.manifestPath, jcs, zeroStats(nodes), sortArchDiags(diags)),
  exitCode,
  suggestedPatches: [],
});

const budgetDiag = (message: string, budget: string, extra: Readonly<Record<string, unknown>> = {}): Diagnostic => archDiag("E_ARCH_TOOL_BUDGET_EXCEEDED", message, { data: { budget, ...extra } });

const docFailure = (doc: ContractDoc, codes: { read: "E_ARCH_MANIFEST_READ" | "E_ARCH_LOCK_READ"; json: "E_ARCH_MANIFEST_JSON_PARSE" | "E_ARCH_LOCK_JSON_PARSE"; schema: "E_ARCH_MANIFEST_SCHEMA_INVALID" | "E_ARCH_LOCK_SCHEMA_INVALID" }, what: string): Diagnostic[] => {
  switch (doc.status) {
    case "missing":
      return [archDiag(codes.read, `read ${what}: file not found`, { file: doc.relPath, ptr: "" })];
    case "unreadable":
      return [archDiag(codes.read, `read ${what}: ${doc.message}`, { file: doc.relPath, ptr: "" })];
    case "bad_json":
      return [archDiag(codes.json, `parse ${what} JSON: ${doc.message}`, { file: doc.relPath, ptr: "" })];
    case "invalid":
      return doc.issues.map((i) => archDiag(codes.schema, i.message, { file: doc.relPath, ptr: i.pointer, data: { instance_path: i.pointer } }));
    case "ok":
      return [];
  }
};

const docBytes = (doc: ContractDoc | undefined): number => (doc !== undefined && "bytes" in doc ? doc.bytes : 0);

/** Step 1: the manifest and lock, validated and compiled; or the exit-3/4 outcome when unusable. */
export const prepareArch = (input: PrepareInput): { readonly ok: true; readonly plan: ArchPlan } | { readonly ok: false; readonly outcome: ArchOutcome } => {
  const md = input.manifest;
  let bytesIn = docBytes(md);
  const maxBytesIn = input.budgets.maxBytesIn;
  if (md.status === "missing" || md.status === "unreadable") return { ok: false, outcome: fatal(input, null, 0, docFailure(md, { read: "E_ARCH_MANIFEST_READ", json: "E_ARCH_MANIFEST_JSON_PARSE", schema: "E_ARCH_MANIFEST_SCHEMA_INVALID" }, "manifest")) };
  if (maxBytesIn !== undefined && bytesIn > maxBytesIn)
    return { ok: false, outcome: fatal(input, null, 0, [budgetDiag(`max_bytes_in exceeded while reading manifest (${bytesIn} > ${maxBytesIn})`, "max_bytes_in")], ARCH_EXIT.budget) };
  if (md.status === "bad_json") return { ok: false, outcome: fatal(input, null, 0, docFailure(md, { read: "E_ARCH_MANIFEST_READ", json: "E_ARCH_MANIFEST_JSON_PARSE", schema: "E_ARCH_MANIFEST_SCHEMA_INVALID" }, "manifest")) };
  const jcs = sha256Hex(canonicalJson(md.value));
  if (md.status === "invalid") return { ok: false, outcome: fatal(input, jcs, 0, docFailure(md, { read: "E_ARCH_MANIFEST_READ", json: "E_ARCH_MANIFEST_JSON_PARSE", schema: "E_ARCH_MANIFEST_SCHEMA_INVALID" }, "manifest")) };
  const manifest = md.value as unknown as ArchManifest;
  const nodeCount = manifest.nodes.length;
  const tb = manifest.tool_budgets;
  const budgets = {
    maxModules: input.budgets.maxModules ?? tb.max_modules,
    maxEdges: input.budgets.maxEdges ?? tb.max_edges,
    maxDiags: input.budgets.maxDiags ?? tb.max_diags,
    ...(maxBytesIn !== undefined ? { maxBytesIn } : {}),
    maxContractFiles: tb.contracts_budgets?.max_contract_files ?? 2000,
    maxContractBytes: tb.contracts_budgets?.max_contract_bytes ?? 67_108_864,
  };

  let lock: ManifestLock | undefined;
  const ld = input.lock;
  if (ld !== undefined && !(ld.status === "missing" && input.writeLock)) {
    const lockCodes = { read: "E_ARCH_LOCK_READ", json: "E_ARCH_LOCK_JSON_PARSE", schema: "E_ARCH_LOCK_SCHEMA_INVALID" } as const;
    if (ld.status === "missing" || ld.status === "unreadable") return { ok: false, outcome: fatal(input, jcs, nodeCount, docFailure(ld, lockCodes, "lock")) };
    bytesIn += docBytes(ld);
    if (maxBytesIn !== undefined && bytesIn > maxBytesIn)
      return { ok: false, outcome: fatal(input, jcs, nodeCount, [budgetDiag(`max_bytes_in exceeded while reading lock (${bytesIn} > ${maxBytesIn})`, "max_bytes_in")], ARCH_EXIT.budget) };
    if (ld.status !== "ok") return { ok: false, outcome: fatal(input, jcs, nodeCount, docFailure(ld, lockCodes, "lock")) };
    lock = ld.value as unknown as ManifestLock;
  }

  const ids = manifest.nodes.map((n) => n.id);
  if (new Set(ids).size !== ids.length) return { ok: false, outcome: fatal(input, jcs, nodeCount, [archDiag("E_ARCH_MANIFEST_INVALID", "duplicate node id in manifest.nodes", { file: input.manifestPath, ptr: "/nodes" })]) };
  const nodes: NodeInfo[] = [];
  for (const [index, node] of manifest.nodes.entries()) {
    const g = compileGlobSet(node.match.path_globs);
    if (!g.ok)
      return {
        ok: false,
        outcome: fatal(input, jcs, nodeCount, [
          archDiag("E_ARCH_MANIFEST_INVALID", `invalid node match glob (node=${node.id}): ${g.error} in ${JSON.stringify(g.glob)}`, { file: input.manifestPath, ptr: `/nodes/${index}/match/path_globs/${node.match.path_globs.indexOf(g.glob)}` }),
        ]),
      };
    nodes.push({ index, node, pathGlobs: g.set });
  }
  if (lock !== undefined && input.manifestRelToRoot === undefined)
    return { ok: false, outcome: fatal(input, jcs, nodeCount, [archDiag("E_ARCH_LOCK_INVALID", `lock unusable: manifest path is not under repo root: ${input.manifestPath}`, {})]) };
  const scanInclude = lock?.module_scan.include_globs ?? DEFAULT_SCAN_INCLUDE;
  const scanExclude = lock?.module_scan.exclude_globs ?? DEFAULT_SCAN_EXCLUDE;
  const include = compileGlobSet(scanInclude);
  if (!include.ok) return { ok: false, outcome: fatal(input, jcs, nodeCount, [archDiag("E_ARCH_LOCK_INVALID", `invalid module_scan.include_globs: ${include.error} in ${JSON.stringify(include.glob)}`, { ...(input.lockPath !== undefined ? { file: input.lockPath } : {}), ptr: "/module_scan/include_globs" })]) };
  const exclude = compileGlobSet(scanExclude);
  if (!exclude.ok) return { ok: false, outcome: fatal(input, jcs, nodeCount, [archDiag("E_ARCH_LOCK_INVALID", `invalid module_scan.exclude_globs: ${exclude.error} in ${JSON.stringify(exclude.glob)}`, { ...(input.lockPath !== undefined ? { file: input.lockPath } : {}), ptr: "/module_scan/exclude_globs" })]) };
  const boundaries = manifest.contracts_v1?.boundaries;
  return {
    ok: true,
    plan: {
      manifestPath: input.manifestPath,
      manifestRelToRoot: input.manifestRelToRoot,
      manifest,
      jcs,
      nodes,
      include: include.set,
      exclude: exclude.set,
      scanInclude,
      scanExclude,
      budgets,
      bytesIn,
      ...(lock !== undefined ? { lock } : {}),
      ...(input.lockPath !== undefined ? { lockPath: input.lockPath } : {}),
      writeLock: input.writeLock,
      ...(boundaries !== undefined ? { boundariesIndexPath: boundaries.index_path } : {}),
      hasContracts: manifest.contracts_v1 !== undefined,
    },
  };
};

/** Whether a repo-relative path is a module file the plan scans. */
export const isScanned = (plan: ArchPlan, relPath: string): boolean =>
  relPath.endsWith(".x07.json") && plan.include.matches(relPath) && !plan.exclude.matches(relPath) && !relPath.split("/").some((p) => p === ".DS_Store" || p.startsWith("._"));

/** A scanned file: repo-relative path and bytes. */
export interface ScannedFile {
  readonly relPath: string;
  readonly bytes: Uint8Array;
}

/** Contract files the plan asked for. */
export interface ContractInputs {
  readonly boundariesIndex?: ContractDoc;
  readonly contractsLock?: ContractDoc;
}

const CONTRACT_DOMAINS_CHECKED = new Set(["boundaries", "canonical_json"]);

const lockDiags = (plan: ArchPlan): Diagnostic[] => {
  const lock = plan.lock;
  if (lock === undefined || plan.writeLock) return [];
  const file = plan.lockPath;
  const out: Diagnostic[] = [];
  const expected = plan.manifestRelToRoot ?? "";
  if (lock.manifest_path !== expected)
    out.push(archDiag("E_ARCH_LOCK_MISMATCH", `lock manifest_path mismatch: expected ${JSON.stringify(expected)} got ${JSON.stringify(lock.manifest_path)}`, { ...(file !== undefined ? { file } : {}), ptr: "/manifest_path" }));
  if (lock.jcs_sha256_hex !== plan.jcs)
    out.push(
      archDiag("E_ARCH_LOCK_MISMATCH", "manifest hash does not match lock (use --write-lock)", {
        ...(file !== undefined ? { file } : {}),
        ptr: "/jcs_sha256_hex",
        data: { expected_jcs_sha256_hex: plan.jcs, lock_jcs_sha256_hex: lock.jcs_sha256_hex },
      }),
    );
  return out;
};

/** contracts_v1: canonical JSON mode, unsupported domains, boundaries, and the contracts lock. */
const checkContracts = (
  plan: ArchPlan,
  g: ArchGraph,
  contracts: ContractInputs,
  sink: DiagSink,
): { boundaries?: BoundariesReport; lock?: ContractsLock } => {
  const c = plan.manifest.contracts_v1;
  if (c === undefined) return {};
  if (c.canonical_json.mode.trim() !== "jcs_rfc8785_v1") {
    sink.push(archDiag("E_ARCH_CONTRACTS_CANONICAL_JSON_UNSUPPORTED", "contracts_v1.canonical_json.mode is not supported", { file: plan.manifestPath, ptr: "/contracts_v1/canonical_json/mode", data: { mode: c.canonical_json.mode } }));
    return {};
  }
  for (const domain of Object.keys(c).sort(cmpStr))
    if (!CONTRACT_DOMAINS_CHECKED.has(domain))
      sink.push(
        archDiag("E_ARCH_CONTRACTS_DOMAIN_UNSUPPORTED", `contracts_v1.${domain} is not checked by this SDK (only boundaries is); failing closed`, {
          file: plan.manifestPath,
          ptr: `/contracts_v1/${domain}`,
          data: { domain },
        }),
      );
  let files = 0;
  let bytes = 0;
  const bump = (doc: ContractDoc | undefined): boolean => {
    if (doc === undefined || !("bytes" in doc)) return true;
    files += 1;
    bytes += doc.bytes;
    if (files > plan.budgets.maxContractFiles) {
      sink.exceeded("contracts budget exceeded: too many files", { budget: "tool_budgets.contracts_budgets.max_contract_files", max_contract_files: plan.budgets.maxContractFiles, contract_files: files });
      return false;
    }
    if (bytes > plan.budgets.maxContractBytes) {
      sink.exceeded("contracts budget exceeded: too many bytes", { budget: "tool_budgets.contracts_budgets.max_contract_bytes", max_contract_bytes: plan.budgets.maxContractBytes, contract_bytes: bytes });
      return false;
    }
    return true;
  };
  const indexes: Record<string, { jcs_sha256_hex: string }> = {};
  const lockFiles: Record<string, { jcs_sha256_hex: string }> = {};
  let boundaries: BoundariesReport | undefined;
  if (c.boundaries !== undefined) {
    const doc = contracts.boundariesIndex ?? { status: "missing" as const, relPath: c.boundaries.index_path };
    if (bump(doc)) {
      const out = checkBoundaries(c.boundaries, doc, g);
      for (const d of out.archDiags) sink.push(d);
      boundaries = out.report;
      if (out.jcsSha256Hex !== undefined) {
        indexes["boundaries"] = { jcs_sha256_hex: out.jcsSha256Hex };
        lockFiles[doc.relPath] = { jcs_sha256_hex: out.jcsSha256Hex };
      }
    }
  }
  const lockDoc: ContractsLock = { schema_version: CONTRACTS_LOCK_VERSION, indexes, files: lockFiles };
  if (plan.writeLock) return { ...(boundaries !== undefined ? { boundaries } : {}), lock: lockDoc };
  const got = contracts.contractsLock ?? { status: "missing" as const, relPath: CONTRACTS_LOCK_PATH };
  const file = CONTRACTS_LOCK_PATH;
  const result = { ...(boundaries !== undefined ? { boundaries } : {}), lock: lockDoc };
  switch (got.status) {
    case "missing":
      sink.push(archDiag("W_ARCH_CONTRACTS_LOCK_MISSING", "contracts lock is missing (arch/contracts.lock.json)", { severity: "warning", file, ptr: "" }));
      return result;
    case "unreadable":
    case "bad_json":
      if (!bump(got)) return result;
      sink.push(archDiag("E_ARCH_CONTRACTS_LOCK_JSON_PARSE", `parse contracts lock JSON: ${got.message}`, { file, ptr: "" }));
      return result;
    case "invalid":
    case "ok": {
      if (!bump(got)) return result;
      const issues = contractsLockIssues(got.value);
      for (const i of issues) sink.push(archDiag("E_ARCH_CONTRACTS_LOCK_SCHEMA_INVALID", i.message, { file, ptr: i.pointer, data: { instance_path: i.pointer } }));
      if (issues.length > 0) return result;
      const v = got.value as unknown as ContractsLock;
      if (canonicalJson(v.indexes) !== canonicalJson(indexes) || canonicalJson(v.files) !== canonicalJson(lockFiles))
        sink.push(
          archDiag("E_ARCH_CONTRACTS_LOCK_MISMATCH", "contracts lock does not match current contract files", {
            file,
            ptr: "",
            data: { expected_jcs_sha256_hex: sha256Hex(canonicalJson(lockDoc)), got_jcs_sha256_hex: sha256Hex(canonicalJson(v as unknown as JsonValue)) },
          }),
        );
      return result;
    }
  }
};

/** Step 2: every check over the scanned modules (paths sorted or not; they are sorted here). */
export const checkArch = (plan: ArchPlan, scanned: ReadonlyArray<ScannedFile>, contracts: ContractInputs = {}): ArchOutcome => {
  const { manifest, budgets } = plan;
  const files = [...scanned].sort((a, b) => cmpStr(a.relPath, b.relPath));
  const sink = new DiagSink(budgets.maxDiags);
  for (const d of lockDiags(plan)) sink.push(d);
  const nodeCount = manifest.nodes.length;
  const stop = (stats: ArchReport["stats"]): ArchOutcome => ({
    report: makeReport(plan.manifestPath, plan.jcs, stats, sortArchDiags(sink.diags)),
    exitCode: ARCH_EXIT.budget,
    suggestedPatches: [],
  });

  if (files.length > budgets.maxModules) {
    sink.exceeded("too many modules", { budget: "tool_budgets.max_modules", max_modules: budgets.maxModules, modules_found: files.length });
    return stop({ ...zeroStats(nodeCount), modules: files.length });
  }

  const byId = new Map<string, ModuleInfo>();
  let bytesIn = plan.bytesIn;
  for (const f of files) {
    bytesIn += f.bytes.length;
    if (budgets.maxBytesIn !== undefined && bytesIn > budgets.maxBytesIn) {
      sink.exceeded("max_bytes_in exceeded during module scan", { budget: "max_bytes_in", max_bytes_in: budgets.maxBytesIn, bytes_in_total: bytesIn });
      break;
    }
    const r = readModuleInfo(f.relPath, f.bytes);
    if (!r.ok) {
      sink.push(r.diagnostic);
      continue;
    }
    const existing = byId.get(r.module.moduleId);
    if (existing !== undefined) {
      sink.push(
        archDiag("E_ARCH_DUPLICATE_MODULE_ID", "duplicate module_id across scanned files", {
          file: f.relPath,
          ptr: "/module_id",
          data: { module_id: r.module.moduleId, module_path: f.relPath, module_path_existing: existing.relPath },
        }),
      );
      continue;
    }
    byId.set(r.module.moduleId, r.module);
  }
  if (sink.budgetExceeded) return stop({ ...zeroStats(nodeCount), modules: byId.size });
  const modules = new Map([...byId].sort(([a], [b]) => cmpStr(a, b)));

  const assigned = assignNodes(manifest, plan.nodes, modules);
  for (const d of assigned.diags) sink.push(d);
  const nodesById = new Map(plan.nodes.map((n) => [n.node.id, n] as const));
  const walk = walkImports(manifest, nodesById, modules, assigned.moduleToNode);
  for (const d of walk.diags) sink.push(d);
  const stats = { modules: modules.size, nodes: nodeCount, module_edges: walk.moduleEdgeCount, node_edges: walk.nodeEdges.length };
  if (walk.moduleEdgeCount > budgets.maxEdges) {
    sink.exceeded("too many module edges", { budget: "tool_budgets.max_edges", max_edges: budgets.maxEdges, module_edges: walk.moduleEdgeCount });
    return stop(stats);
  }

  const graph: ArchGraph = {
    manifest,
    manifestPath: plan.manifestPath,
    modules,
    moduleToNode: assigned.moduleToNode,
    nodeToModules: assigned.nodeToModules,
    nodes: new Map([...nodesById].sort(([a], [b]) => cmpStr(a, b))),
    nodeEdges: walk.nodeEdges,
    evidence: walk.evidence,
  };
  for (const rule of GRAPH_RULES) for (const d of rule(graph)) sink.push(d);
  const contractsOut = checkContracts(plan, graph, contracts, sink);

  const patches = suggestPatches({
    manifestPath: plan.manifestPath,
    allowedExact: manifest.externals.allowed_exact,
    externalNotAllowed: walk.externalNotAllowed,
    importsToRemove: walk.importsToRemove,
    modules,
    denyOrphans: manifest.checks.deny_orphans,
    orphans: assigned.orphans,
    missingAllowEdges: missingAllowEdges(graph),
  });
  if (sink.overflowed && !sink.budgetExceeded) sink.exceeded("too many diagnostics", { budget: "tool_budgets.max_diags", max_diags: budgets.maxDiags });
  const diags = sortArchDiags(sink.diags);
  const report = makeReport(plan.manifestPath, plan.jcs, stats, diags, patches, contractsOut.boundaries);
  const exitCode: ArchExitCode = sink.budgetExceeded ? ARCH_EXIT.budget : diags.some((d) => d.severity === "error") ? ARCH_EXIT.errors : ARCH_EXIT.ok;
  const manifestLock: ManifestLock | undefined =
    plan.writeLock && plan.manifestRelToRoot !== undefined
      ? { schema_version: MANIFEST_LOCK_VERSION, manifest_path: plan.manifestRelToRoot, jcs_sha256_hex: plan.jcs, module_scan: { include_globs: plan.scanInclude, exclude_globs: plan.scanExclude } }
      : undefined;
  return {
    report,
    exitCode,
    suggestedPatches: patches,
    ...(manifestLock !== undefined ? { manifestLock } : {}),
    ...(plan.writeLock && contractsOut.lock !== undefined ? { contractsLock: contractsOut.lock } : {}),
  };
};
