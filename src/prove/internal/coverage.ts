/**
 * `verify --coverage`: the reachable closure of an entry symbol and each symbol's proof-support status.
 *
 * A breadth-first walk over every function referenced from a body or a contract clause (requires, ensures,
 * invariant, decreases). Builtin heads with a namespace (`bytes.len`) are trusted primitives and are not
 * expanded; operators (`+`, `<u`, …) are part of the encoding, not symbols. Recursion is judged on the
 * call graph of the closure (strongly connected components), not on names.
 */
import type { CheckedFunction, CheckedProgram } from "../../check/index.ts";
import type { DiagnosticCode } from "../../diag/index.ts";
import { resolveHead } from "../../core/heads/table.ts";
import { collectRaw, collectTyped, emptyRefs } from "./refs.ts";
import type { Refs } from "./refs.ts";

/** A symbol's status in the coverage report (upstream's names). */
export type CoverageStatus =
  | "supported"
  | "supported_recursive"
  | "supported_async"
  | "termination_proven"
  | "uncovered"
  | "unsupported"
  | "trusted_primitive"
  | "imported_proof_summary";

/** Why a function is not supported: the X07V code upstream uses for the same precheck, and a detail. */
export interface CoverageReason {
  readonly code: Extract<
    DiagnosticCode,
    "X07V_NO_CONTRACTS" | "X07V_RECURSIVE_DECREASES_REQUIRED" | "X07V_UNSUPPORTED_MUTUAL_RECURSION" | "X07V_UNSUPPORTED_RICH_TYPE" | "X07V_UNSUPPORTED_HEAP_EFFECT" | "X07V_SUMMARY_MISSING"
  >;
  readonly detail: string;
}

/** How a function recurses. */
export type RecursionKind = "none" | "self_recursive" | "mutual";

/** One reached symbol. */
export interface CoverageRow {
  readonly symbol: string;
  readonly kind: "defn" | "defasync" | "builtin" | "imported";
  readonly status: CoverageStatus;
  readonly reasons: ReadonlyArray<CoverageReason>;
  /** Checked parameter and result types, with brands (functions only). */
  readonly signature?: {
    readonly params: ReadonlyArray<{ readonly ty: string; readonly brand: string | null }>;
    readonly result: string;
    readonly result_brand: string | null;
  };
  readonly support_summary?: {
    readonly recursion_kind: RecursionKind;
    readonly has_decreases: boolean;
    readonly decreases_count: number;
    readonly prove_supported: boolean;
  };
  /** sha256 of the canonical declaration, when its source is known. */
  readonly decl_sha256_hex?: string;
  /** The module file, relative to the project root, when known. */
  readonly source_path?: string;
  /** A note that is not a precheck reason (imported summaries, catalog primitives). */
  readonly note?: string;
}

/** Where a declaration came from (computed by the caller, which can read the module files). */
export interface DeclOrigin {
  readonly decl_sha256_hex: string;
  readonly source_path: string;
}

/** A proof summary the caller loaded (from `--proof-summary` or the proof cache). */
export interface ImportedSummary {
  /** The path it was read from, as reported. */
  readonly path: string;
  /** sha256 hex of the file's bytes. */
  readonly sha256_hex: string;
  readonly symbol: string;
  readonly kind: "defn" | "defasync";
  readonly decl_sha256_hex: string;
  readonly recursion_kind: RecursionKind;
}

/** Inputs beyond the program: declaration origins, imported summaries, catalog notes, and the mode. */
export interface CoverageOptions {
  readonly origins?: ReadonlyMap<string, DeclOrigin>;
  readonly imported?: ReadonlyMap<string, ImportedSummary>;
  /** Notes of catalog primitives (shown as details). */
  readonly primitiveNotes?: ReadonlyMap<string, string>;
  /** Prove mode: an unresolvable symbol is X07V_PROOF_SUMMARY_REQUIRED rather than X07V_SUMMARY_MISSING. */
  readonly proofSummariesRequired?: boolean;
}

/** A coverage finding that is not a per-function precheck reason (summary problems). */
export interface CoverageDiag {
  readonly code: "X07V_SUMMARY_MISMATCH" | "X07V_SUMMARY_MISSING" | "X07V_PROOF_SUMMARY_REQUIRED";
  readonly message: string;
}

/** An imported summary the closure used, with the symbols it stood in for. */
export interface UsedSummary {
  readonly path: string;
  readonly sha256_hex: string;
  readonly symbols: ReadonlyArray<string>;
}

/** The `x07.verify.coverage@0.4.0` counters (async model and scheduler counters stay 0 until async proofs exist). */
export interface CoverageSummary {
  readonly reachable_defn: number;
  readonly supported_defn: number;
  readonly recursive_defn: number;
  readonly supported_recursive_defn: number;
  readonly imported_proof_summary_defn: number;
  readonly termination_proven_defn: number;
  readonly unsupported_recursive_defn: number;
  readonly reachable_async: number;
  readonly supported_async: number;
  readonly trusted_primitives: number;
  readonly trusted_scheduler_models: number;
  readonly capsule_boundaries: number;
  readonly uncovered_defn: number;
  readonly unsupported_defn: number;
}

/** The coverage of one entry: rows sorted by symbol, and the counters. */
export interface Coverage {
  readonly entry: string;
  readonly functions: ReadonlyArray<CoverageRow>;
  readonly summary: CoverageSummary;
  /** Summary problems (in prove mode any of these makes the run an error). */
  readonly diagnostics: ReadonlyArray<CoverageDiag>;
  /** Imported summaries the closure used, sorted by path. */
  readonly importedSummaries: ReadonlyArray<UsedSummary>;
}

/** Parameter and result types the prover can carry (upstream's carrier list). */
export const CARRIER_TYPES: ReadonlySet<string> = new Set([
  "i32", "u32", "bytes", "bytes_view", "vec_u8", "option_i32", "option_bytes", "option_bytes_view", "result_i32", "result_bytes", "result_bytes_view",
]);

const refsOf = (fn: CheckedFunction, program: CheckedProgram): Refs => {
  const refs = emptyRefs();
  collectTyped(fn.body, refs);
  for (const c of [...fn.requires, ...fn.ensures]) collectTyped(c.expr, refs);
  const isFn = (n: string) => program.functions.has(n);
  for (const c of fn.decl.invariant) collectRaw(c.expr, isFn, refs);
  if (fn.decl.kind === "defn") for (const c of fn.decl.decreases) collectRaw(c.expr, isFn, refs);
  return refs;
};

/** A builtin head that is a symbol (has a namespace), as opposed to an operator of the encoding. */
const isNamespacedHead = (head: string): boolean => head.includes(".") && !/^[^a-z_]/i.test(head);

/** Heads that write or grow a heap value in place: outside the first proof subset. */
const isHeapEffect = (head: string): boolean => {
  const spec = resolveHead(head)?.spec;
  return spec !== undefined && !spec.pure && spec.params.some((p) => p.mode === "move" || p.mode === "owner");
};

/** Strongly connected components of the closure's call graph (Tarjan, iterative order by sorted symbols). */
const componentOf = (graph: ReadonlyMap<string, ReadonlyArray<string>>): Map<string, number> => {
  let index = 0;
  let next = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      for (;;) {
        const w = stack.pop() as string;
        onStack.delete(w);
        comp.set(w, next);
        if (w === v) break;
      }
      next += 1;
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return comp;
};

/** Computes the coverage of `entry`; undefined when the entry is not a checked function. */
export const computeCoverage = (program: CheckedProgram, entry: string, options: CoverageOptions = {}): Coverage | undefined => {
  if (!program.functions.has(entry)) return undefined;
  const refs = new Map<string, Refs>();
  const primitives = new Set<string>();
  const unresolved = new Set<string>();
  const importedRows = new Map<string, CoverageRow>();
  const diagnostics: CoverageDiag[] = [];
  const used = new Map<string, { path: string; sha256_hex: string; symbols: Set<string> }>();
  const origin = (sym: string) => options.origins?.get(sym);
  const queue = [entry];
  while (queue.length > 0) {
    const sym = queue.shift() as string;
    if (refs.has(sym) || importedRows.has(sym)) continue;
    const fn = program.functions.get(sym) as CheckedFunction;
    const imported = sym === entry ? undefined : options.imported?.get(sym);
    if (imported !== undefined) {
      const o = origin(sym);
      const at = { ...(o !== undefined ? { decl_sha256_hex: o.decl_sha256_hex, source_path: o.source_path } : {}) };
      const signature = signatureOf(fn);
      if (o !== undefined && o.decl_sha256_hex !== imported.decl_sha256_hex) {
        diagnostics.push({ code: "X07V_SUMMARY_MISMATCH", message: `imported proof summary for ${JSON.stringify(sym)} does not match the current declaration` });
        importedRows.set(sym, {
          symbol: sym,
          kind: fn.decl.kind,
          status: "unsupported",
          reasons: [],
          signature,
          support_summary: { recursion_kind: imported.recursion_kind, has_decreases: false, decreases_count: 0, prove_supported: true },
          ...at,
          note: `imported proof summary from ${imported.path} does not match the current declaration`,
        });
        continue;
      }
      const u = used.get(imported.path) ?? { path: imported.path, sha256_hex: imported.sha256_hex, symbols: new Set<string>() };
      u.symbols.add(sym);
      used.set(imported.path, u);
      importedRows.set(sym, {
        symbol: sym,
        kind: imported.kind,
        status: imported.kind === "defasync" ? "supported_async" : "imported_proof_summary",
        reasons: [],
        signature,
        support_summary: { recursion_kind: imported.recursion_kind, has_decreases: false, decreases_count: 0, prove_supported: true },
        ...at,
        note: `proof summary imported from ${imported.path}`,
      });
      continue;
    }
    const r = refsOf(fn, program);
    refs.set(sym, r);
    for (const h of r.builtins) if (isNamespacedHead(h)) primitives.add(h);
    for (const c of [...r.calls].sort()) {
      if (program.functions.has(c)) queue.push(c);
      else if (c.split(".").length === 2) primitives.add(c);
      else unresolved.add(c);
    }
  }
  const graph = new Map([...refs].map(([s, r]) => [s, [...r.calls].filter((c) => refs.has(c)).sort()] as const));
  const comp = componentOf(graph);
  const compSize = new Map<number, number>();
  for (const c of comp.values()) compSize.set(c, (compSize.get(c) ?? 0) + 1);

  const rows: CoverageRow[] = [...importedRows.values()];
  for (const [sym, r] of refs) {
    const fn = program.functions.get(sym) as CheckedFunction;
    const decl = fn.decl;
    const decreases = decl.kind === "defn" ? decl.decreases.length : 0;
    const mutual = (compSize.get(comp.get(sym) as number) ?? 1) > 1;
    const recursion: RecursionKind = mutual ? "mutual" : r.calls.has(sym) ? "self_recursive" : "none";
    const reasons: CoverageReason[] = [];
    const hasContracts = decl.requires.length + decl.ensures.length + decl.invariant.length > 0;
    if (!hasContracts) reasons.push({ code: "X07V_NO_CONTRACTS", detail: "target function has no requires/ensures/invariant clauses" });
    if (recursion === "mutual") reasons.push({ code: "X07V_UNSUPPORTED_MUTUAL_RECURSION", detail: "function is part of a mutually recursive cycle" });
    if (recursion === "self_recursive" && decreases === 0)
      reasons.push({ code: "X07V_RECURSIVE_DECREASES_REQUIRED", detail: "self-recursive function needs a decreases clause" });
    for (const [what, ty] of [...fn.params.map((p) => [`parameter ${p.name}`, p.ty] as const), ["result", fn.result] as const])
      if (!CARRIER_TYPES.has(ty)) reasons.push({ code: "X07V_UNSUPPORTED_RICH_TYPE", detail: `${what} has type ${ty}, outside the proof carriers` });
    for (const h of [...r.builtins].sort()) if (isHeapEffect(h)) reasons.push({ code: "X07V_UNSUPPORTED_HEAP_EFFECT", detail: `uses ${h}` });
    const status: CoverageStatus = !hasContracts
      ? "uncovered"
      : reasons.length > 0
        ? recursion === "self_recursive" && decreases > 0 && reasons.every((x) => x.code === "X07V_UNSUPPORTED_RICH_TYPE" || x.code === "X07V_UNSUPPORTED_HEAP_EFFECT")
          ? "termination_proven"
          : "unsupported"
        : decl.kind === "defasync"
          ? "supported_async"
          : recursion === "self_recursive"
            ? "supported_recursive"
            : "supported";
    const o = origin(sym);
    rows.push({
      symbol: sym,
      kind: decl.kind,
      status,
      reasons: hasContracts ? reasons : [],
      signature: signatureOf(fn),
      support_summary: { recursion_kind: recursion, has_decreases: decreases > 0, decreases_count: decreases, prove_supported: status.startsWith("supported") },
      ...(o !== undefined ? { decl_sha256_hex: o.decl_sha256_hex, source_path: o.source_path } : {}),
      ...(!hasContracts
        ? { note: "target function has no requires/ensures/invariant clauses" }
        : status === "supported_recursive"
          ? { note: `self-recursive target with ${decreases} decreases clause(s)` }
          : {}),
    });
  }
  for (const p of primitives) {
    const note = options.primitiveNotes?.get(p);
    rows.push({ symbol: p, kind: "builtin", status: "trusted_primitive", reasons: [], ...(note !== undefined ? { note } : {}) });
  }
  const missing = options.proofSummariesRequired === true ? "X07V_PROOF_SUMMARY_REQUIRED" : "X07V_SUMMARY_MISSING";
  for (const u of [...unresolved].sort()) {
    diagnostics.push({ code: missing, message: `reachable symbol ${JSON.stringify(u)} could not be resolved and no imported proof summary was supplied` });
    rows.push({ symbol: u, kind: "imported", status: "unsupported", reasons: [{ code: "X07V_SUMMARY_MISSING", detail: "symbol has no checked declaration and no proof summary" }] });
  }
  rows.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const importedSummaries = [...used.values()].map((u) => ({ path: u.path, sha256_hex: u.sha256_hex, symbols: [...u.symbols].sort() })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entry, functions: rows, summary: summarize(rows), diagnostics, importedSummaries };
};

const signatureOf = (fn: CheckedFunction): NonNullable<CoverageRow["signature"]> => ({
  params: fn.params.map((p, i) => ({ ty: p.ty, brand: fn.decl.params[i]?.brand ?? null })),
  result: fn.result,
  result_brand: fn.decl.resultBrand ?? null,
});

const summarize = (rows: ReadonlyArray<CoverageRow>): CoverageSummary => {
  const defn = rows.filter((r) => r.kind === "defn");
  const count = (xs: ReadonlyArray<CoverageRow>, f: (r: CoverageRow) => boolean) => xs.filter(f).length;
  const recursive = (r: CoverageRow) => r.support_summary !== undefined && r.support_summary.recursion_kind !== "none";
  const asyncs = rows.filter((r) => r.kind === "defasync");
  return {
    reachable_defn: defn.length,
    supported_defn: count(defn, (r) => r.status === "supported" || r.status === "supported_recursive" || r.status === "imported_proof_summary"),
    recursive_defn: count(defn, recursive),
    supported_recursive_defn: count(
      defn,
      (r) => (r.status === "supported_recursive" || r.status === "imported_proof_summary") && r.support_summary?.recursion_kind === "self_recursive",
    ),
    imported_proof_summary_defn: count(defn, (r) => r.status === "imported_proof_summary"),
    termination_proven_defn: count(defn, (r) => r.status === "termination_proven"),
    unsupported_recursive_defn: count(defn, (r) => recursive(r) && r.status === "unsupported"),
    reachable_async: asyncs.length,
    supported_async: count(asyncs, (r) => r.status === "supported_async"),
    trusted_primitives: count(rows, (r) => r.status === "trusted_primitive"),
    trusted_scheduler_models: 0,
    capsule_boundaries: 0,
    uncovered_defn: count(defn, (r) => r.status === "uncovered"),
    unsupported_defn: count(defn, (r) => r.status === "unsupported"),
  };
};
