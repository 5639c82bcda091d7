/**
 * The verify documents as plain data: the report (`x07.verify.report@0.8.0`), the counterexample
 * (`x07.verify.cex@0.2.0`), the proof summary, the proof object, the proof-check report, and the two text
 * artifacts (the obligations as one SMT-LIB2 script, the solver transcript). Pure builders: no clocks, no
 * paths resolved here, so the same inputs always give the same bytes.
 */
import type { CheckedFunction } from "../../../check/index.ts";
import type { Diagnostic } from "../../../diag/index.ts";
import { SDK_VERSION } from "../../../version.ts";
import type { Coverage, RecursionKind } from "../coverage.ts";
import type { BoundKind, ClauseRef, Encoding, ObligationKind, SolverResult } from "../outcome.ts";
import { VERIFY_ENGINE } from "../outcome.ts";
import { PRIMITIVES } from "./primitives.ts";

export const VERIFY_REPORT_SCHEMA_VERSION = "x07.verify.report@0.8.0";
export const VERIFY_CEX_SCHEMA_VERSION = "x07.verify.cex@0.2.0";
export const PROOF_OBJECT_SCHEMA_VERSION = "x07.verify.proof_object@0.2.0";
export const PROOF_CHECK_REPORT_SCHEMA_VERSION = "x07.verify.proof_check.report@0.2.0";
export const PROOF_CHECKER = "x07.proof_replay_checker";

/** The bounds block of reports and counterexamples. */
export interface ReportBounds {
  readonly unwind: number;
  readonly max_bytes_len: number;
  readonly input_len_bytes: number;
}

/** Encoded input size of one parameter type (upstream's input layout). */
export const paramInputBytes = (ty: string, maxBytesLen: number): number =>
  ty === "i32" || ty === "u32"
    ? 4
    : ty === "option_i32" || ty === "result_i32"
      ? 5
      : ty.startsWith("option_") || ty.startsWith("result_")
        ? 1 + 4 + maxBytesLen
        : 4 + maxBytesLen;

/** `input_len_bytes` of a function: the sum over its parameters. */
export const inputLenBytes = (fn: CheckedFunction, maxBytesLen: number): number => fn.params.reduce((n, p) => n + paramInputBytes(p.ty, maxBytesLen), 0);

/** The options a proof's meaning depends on beyond its bounds. */
export interface SemanticsOptions {
  readonly allowTraps: boolean;
  readonly parity: "sound" | "upstream";
}

/**
 * The engine id recorded in summaries and proof objects: `ts_z3_v1` for the default (sound) semantics, with
 * `+parity_upstream` / `+allow_traps` appended when those weaker readings were asked for, so a certificate can
 * tell them apart and `prove check` replays the same obligations.
 */
export const engineIdOf = (o: SemanticsOptions): string => `${VERIFY_ENGINE}${o.parity === "upstream" ? "+parity_upstream" : ""}${o.allowTraps ? "+allow_traps" : ""}`;

/** The options an engine id names; undefined for a foreign engine (e.g. upstream's `cbmc_z3`). */
export const semanticsOfEngineId = (id: string): SemanticsOptions | undefined => {
  const [base, ...flags] = id.split("+");
  if (base !== VERIFY_ENGINE || flags.some((f) => f !== "parity_upstream" && f !== "allow_traps")) return undefined;
  const o = { allowTraps: flags.includes("allow_traps"), parity: flags.includes("parity_upstream") ? ("upstream" as const) : ("sound" as const) };
  return engineIdOf(o) === id ? o : undefined;
};

/** Maps the engine's bound kind onto the schema's `recursion_bound_kind` (an inductive loop proof holds for every iteration count). */
export const schemaBoundKind = (k: BoundKind): "none" | "bounded_by_unwind" | "unbounded" => (k === "inductive" ? "unbounded" : k);

/** The contract kind an obligation is reported as, when upstream's vocabulary has one. */
const CONTRACT_KIND: Partial<Record<ObligationKind, "requires" | "ensures" | "invariant_exit">> = {
  ensures: "ensures",
  invariant: "invariant_exit",
  callee_requires: "requires",
};

/** The clause-id kind of an obligation (for the `c_` hash). */
export const clauseHashKind = (k: ObligationKind): "requires" | "ensures" | "invariant" | undefined =>
  k === "ensures" ? "ensures" : k === "invariant" ? "invariant" : k === "callee_requires" ? "requires" : undefined;

/**
 * The `contract` object of a report/cex for a failing clause, or undefined for obligations that are not
 * contract clauses (traps, measures, loop contracts). A function invariant is `invariant_entry` or
 * `invariant_exit` by the engine's `phase` (exit when absent).
 */
export const contractViolation = (c: ClauseRef, clauseId: string) => {
  const phase = (c as ClauseRef & { readonly phase?: "entry" | "exit" }).phase;
  const kind = c.kind === "invariant" && phase === "entry" ? "invariant_entry" : CONTRACT_KIND[c.kind];
  return kind === undefined ? undefined : { contract_kind: kind, fn: c.fn, clause_id: clauseId, clause_index: c.index, clause_ptr: c.ptr, witness: [] as never[] };
};

/** The report, with `ok` derived from the exit code. */
export const verifyReport = (r: {
  readonly mode: "prove" | "coverage";
  readonly entry: string;
  readonly bounds: ReportBounds;
  readonly result: { readonly kind: string; readonly contract?: object; readonly details?: string };
  readonly proofSummary?: object;
  readonly coverage?: object;
  readonly artifacts?: Readonly<Record<string, string>>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly exitCode: number;
}) => ({
  schema_version: VERIFY_REPORT_SCHEMA_VERSION,
  mode: r.mode,
  ok: r.exitCode === 0,
  entry: r.entry,
  bounds: r.bounds,
  result: r.result,
  ...(r.proofSummary !== undefined ? { proof_summary: r.proofSummary } : {}),
  ...(r.coverage !== undefined ? { coverage: r.coverage } : {}),
  ...(r.artifacts !== undefined && Object.keys(r.artifacts).length > 0 ? { artifacts: r.artifacts } : {}),
  diagnostics_count: r.diagnostics.length,
  ...(r.diagnostics.length > 0 ? { diagnostics: r.diagnostics } : {}),
  exit_code: r.exitCode,
});

/** Every reachable symbol other than the entry, sorted. */
export const dependencySymbols = (c: Coverage): string[] => [...new Set(c.functions.map((f) => f.symbol).filter((s) => s !== c.entry))].sort();

/** The report's `proof_summary` block. */
export const reportProofSummary = (c: Coverage, fn: CheckedFunction, engine: string, recursionKind: RecursionKind, bound: "none" | "bounded_by_unwind" | "unbounded") => {
  const decreases = fn.decl.kind === "defn" ? fn.decl.decreases.length : 0;
  return {
    engine,
    recursion_kind: recursionKind,
    has_decreases: decreases > 0,
    decreases_count: decreases,
    bounded_by_unwind: bound === "bounded_by_unwind",
    recursion_bound_kind: bound,
    dependency_symbols: dependencySymbols(c),
  };
};

/** What the proof trusts (upstream's inventory): catalog primitives, imported summaries; sorted, deduplicated. */
export const assumptionsOf = (c: Coverage) => {
  const digestOf = (sym: string) => {
    const u = c.importedSummaries.find((s) => s.symbols.includes(sym));
    return u !== undefined ? `sha256:${u.sha256_hex}` : null;
  };
  const out: Array<{ kind: string; subject: string; digest?: string | null; certifiable: boolean }> = [];
  for (const f of c.functions) {
    if (f.symbol === c.entry) continue;
    if (f.status === "trusted_primitive") {
      const p = PRIMITIVES.get(f.symbol);
      if (p !== undefined)
        out.push({
          kind: p.kind === "builtin" ? "trusted_builtin" : p.assumption_class === "dev_stub" ? "imported_stub" : "trusted_builtin",
          subject: f.symbol,
          certifiable: p.certification_policy === "allowed",
        });
    } else if (f.status === "imported_proof_summary") out.push({ kind: "imported_proof_summary", subject: f.symbol, digest: digestOf(f.symbol), certifiable: true });
  }
  const key = (a: (typeof out)[number]) => JSON.stringify([a.kind, a.subject, a.digest ?? "", a.certifiable]);
  return [...new Map(out.map((a) => [key(a), a])).values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};

/** The proof summary (`x07.verify.proof_summary@0.2.0`). */
export const proofSummaryDoc = (c: Coverage, fn: CheckedFunction, declSha: string, engine: string, recursionKind: RecursionKind, bound: "none" | "bounded_by_unwind" | "unbounded") => ({
  schema_version: "x07.verify.proof_summary@0.2.0",
  summary_kind: "proof",
  symbol: c.entry,
  kind: fn.decl.kind,
  decl_sha256_hex: declSha,
  result_kind: fn.decl.kind === "defasync" ? "proven_async" : "proven",
  engine,
  recursion_kind: recursionKind,
  recursion_bound_kind: bound,
  dependency_symbols: dependencySymbols(c),
  assumptions: assumptionsOf(c),
});

/** The proof object (`x07.verify.proof_object@0.2.0`). */
export const proofObjectDoc = (o: {
  readonly manifestDigest: string;
  readonly entry: string;
  readonly kind: "defn" | "defasync";
  readonly declSha: string;
  readonly engine: string;
  readonly primitiveDigest: string;
  readonly importedDigests: ReadonlyArray<string>;
  readonly summaryDigest: string;
  readonly obligationDigest: string;
  readonly recursionKind: RecursionKind;
  readonly bound: "none" | "bounded_by_unwind" | "unbounded";
  readonly unwind: number;
  readonly maxBytesLen: number;
}) => ({
  schema_version: PROOF_OBJECT_SCHEMA_VERSION,
  project_manifest_digest: o.manifestDigest,
  entry_symbol: o.entry,
  symbol: o.entry,
  kind: o.kind,
  decl_sha256_hex: o.declSha,
  verify_engine: o.engine,
  primitive_manifest_digest: o.primitiveDigest,
  imported_proof_summary_digests: [...new Set(o.importedDigests)].sort(),
  proof_summary_digest: o.summaryDigest,
  obligation_digest: o.obligationDigest,
  expected_solver_result: "unsat",
  recursion_kind: o.recursionKind,
  recursion_bound_kind: o.bound,
  unwind: o.unwind,
  max_bytes_len: o.maxBytesLen,
});

/** One obligation as the artifacts see it. */
export interface RenderedObligation {
  readonly clause: ClauseRef;
  readonly encoding: Encoding;
  readonly smt2: string;
}

const headerOf = (o: RenderedObligation, i: number, n: number): string =>
  `; obligation ${i + 1}/${n}: kind=${o.clause.kind} fn=${o.clause.fn} index=${o.clause.index}${o.clause.id !== undefined ? ` id=${JSON.stringify(o.clause.id)}` : ""} ptr=${o.clause.ptr} encoding=${o.encoding}`;

/**
 * All obligations of a symbol as one SMT-LIB2 script (`verify.smt2`): a header naming the entry, engine and
 * bounds, then each obligation under a comment naming its clause and encoding, ending in `(check-sat)`,
 * separated by `(reset)`. The z3 binary answers it with one line per obligation. Its sha256 is the
 * `obligation_digest`.
 */
export const renderObligations = (obs: ReadonlyArray<RenderedObligation>, h: { readonly entry: string; readonly engine: string; readonly unwind: number; readonly maxBytesLen: number }): string => {
  const lines = [`; x07 verify obligations: entry=${h.entry} engine=${h.engine} unwind=${h.unwind} max_bytes_len=${h.maxBytesLen} count=${obs.length}`];
  obs.forEach((o, i) => {
    if (i > 0) lines.push("(reset)");
    lines.push(headerOf(o, i, obs.length));
    const body = o.smt2.endsWith("\n") ? o.smt2.slice(0, -1) : o.smt2;
    lines.push(body);
    if (!/\(check-sat\)\s*$/.test(body)) lines.push("(check-sat)");
  });
  return `${lines.join("\n")}\n`;
};

/** Obligation headers back from a rendered script (for reports rebuilt from a cached bundle). */
export const parseObligationHeaders = (text: string): Array<{ kind: string; fn: string; index: number; id?: string; ptr: string; encoding: string }> => {
  const out = [];
  for (const line of text.split("\n")) {
    const m = /^; obligation \d+\/\d+: kind=(\S+) fn=(\S+) index=(\d+)(?: id=("(?:[^"\\]|\\.)*"))? ptr=(\S*) encoding=(\S+)$/.exec(line);
    if (m !== null) out.push({ kind: m[1] as string, fn: m[2] as string, index: Number(m[3]), ...(m[4] !== undefined ? { id: JSON.parse(m[4]) as string } : {}), ptr: m[5] as string, encoding: m[6] as string });
  }
  return out;
};

/** The solver transcript (`z3.out.txt`): one answer per obligation, as the z3 binary prints for `verify.smt2`. */
export const renderTranscript = (answers: ReadonlyArray<SolverResult>): string => answers.map((a) => `${a}\n`).join("");

/** The per-obligation line of a report's details: clause, encoding, answer. Deterministic (no timings). */
export const obligationLine = (o: { readonly clause: ClauseRef; readonly encoding: string }, answer: string): string =>
  `${o.clause.kind} ${o.clause.fn}[${o.clause.index}]${o.clause.id !== undefined ? ` (${o.clause.id})` : ""} at ${o.clause.ptr}: ${answer} via ${o.encoding}`;

/** The counterexample file (`x07.verify.cex@0.2.0`); the `cbmc` block names our in-process solver run. */
export const cexDoc = (o: {
  readonly entry: string;
  readonly bounds: ReportBounds;
  readonly inputBytes: Uint8Array;
  readonly contract: object;
  readonly engine: string;
  readonly transcriptPath: string;
  readonly transcriptSha256: string;
}) => ({
  schema_version: VERIFY_CEX_SCHEMA_VERSION,
  tool: { x07_version: SDK_VERSION, x07c_version: SDK_VERSION },
  entry: o.entry,
  bounds: o.bounds,
  input_bytes_b64: Buffer.from(o.inputBytes).toString("base64"),
  contract: o.contract,
  cbmc: { version: `x07-sdk ${SDK_VERSION} ${o.engine} (z3-solver, in-process; no CBMC)`, argv: [o.engine, "verify.smt2"], exit_code: 0, stdout_json_path: o.transcriptPath, stdout_json_sha256: o.transcriptSha256 },
});

/** The proof-check report. */
export const proofCheckReportDoc = (o: {
  readonly accepted: boolean;
  readonly proofObjectDigest: string;
  readonly symbol: string;
  readonly entrySymbol: string;
  readonly engine: string;
  readonly expectedObligationDigest: string;
  readonly replayedObligationDigest: string;
  readonly expectedSolverResult: string;
  readonly replayedSolverResult: string;
  readonly validatedImported: ReadonlyArray<string>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}) => ({
  schema_version: PROOF_CHECK_REPORT_SCHEMA_VERSION,
  ok: o.accepted,
  proof_object_digest: o.proofObjectDigest,
  checker: PROOF_CHECKER,
  result: o.accepted ? "accepted" : "rejected",
  symbol: o.symbol,
  entry_symbol: o.entrySymbol,
  verify_engine: o.engine,
  expected_obligation_digest: o.expectedObligationDigest,
  replayed_obligation_digest: o.replayedObligationDigest,
  expected_solver_result: o.expectedSolverResult,
  replayed_solver_result: o.replayedSolverResult,
  ...(o.validatedImported.length > 0 ? { validated_imported_proof_summary_digests: [...o.validatedImported] } : {}),
  ...(o.diagnostics.length > 0 ? { diagnostics: o.diagnostics } : {}),
});
