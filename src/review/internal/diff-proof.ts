/**
 * The proof-coverage differ (verify.coverage.json / verify.summary.json): the coverage counters, the
 * recursive and async sub-summaries, and each function row's posture.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { asArray, asBool, asStr, asU64, byteCompare, get, jsonEq, orElse, pointer } from "./json.ts";
import type { JsonObject, Maybe } from "./json.ts";
import { pushSimple } from "./model.ts";
import type { DiffCtx } from "./model.ts";
import { proofStatusRank, recursionKindRank } from "./ranks.ts";

const n = (v: Maybe): number => asU64(v) ?? 0;
const first = (...vs: Maybe[]): JsonValue => vs.find((v) => v !== undefined) ?? 0;

/** The coverage counters (legacy `proven_*` names accepted), absent ones 0. */
export const proofSummary = (doc: Maybe): JsonObject => {
  const s = get(doc, "summary") ?? {};
  return {
    reachable_defn: first(get(s, "reachable_defn")),
    supported_defn: first(get(s, "supported_defn"), get(s, "proven_defn")),
    recursive_defn: first(get(s, "recursive_defn")),
    supported_recursive_defn: first(get(s, "supported_recursive_defn"), get(s, "proven_recursive_defn")),
    imported_proof_summary_defn: first(get(s, "imported_proof_summary_defn")),
    termination_proven_defn: first(get(s, "termination_proven_defn")),
    unsupported_recursive_defn: first(get(s, "unsupported_recursive_defn")),
    uncovered_defn: first(get(s, "uncovered_defn")),
    unsupported_defn: first(get(s, "unsupported_defn")),
  };
};

const recursiveSummary = (s: JsonObject): JsonObject => ({
  recursive_defn: first(s["recursive_defn"]),
  supported_recursive_defn: first(s["supported_recursive_defn"]),
  unsupported_recursive_defn: first(s["unsupported_recursive_defn"]),
});

/** Counts of defasync rows by status. */
const asyncSummary = (doc: Maybe): JsonObject => {
  let reachable = 0;
  let proven = 0;
  let uncovered = 0;
  let unsupported = 0;
  for (const f of asArray(get(doc, "functions")) ?? []) {
    if (get(f, "kind") !== "defasync") continue;
    reachable += 1;
    const st = asStr(get(f, "status")) ?? "";
    if (st === "supported_async" || st === "proven_async") proven += 1;
    else if (st === "uncovered") uncovered += 1;
    else if (st === "unsupported") unsupported += 1;
  }
  return { reachable_async: reachable, proven_async: proven, uncovered_async: uncovered, unsupported_async: unsupported };
};

/** symbol → {kind, status, support_summary} for each function row. */
const functionSummaries = (doc: Maybe): Map<string, JsonValue> => {
  const out = new Map<string, JsonValue>();
  for (const f of asArray(get(doc, "functions")) ?? []) {
    const sym = asStr(get(f, "symbol"));
    if (sym === undefined) continue;
    out.set(sym, { kind: get(f, "kind") ?? null, status: get(f, "status") ?? null, support_summary: orElse(get(f, "support_summary"), get(f, "proof_summary")) ?? null });
  }
  return out;
};

const summaryField = (v: JsonValue, key: string): Maybe => orElse(pointer(v, `/support_summary/${key}`), pointer(v, `/proof_summary/${key}`));

/** Whether a function row regressed (README: summary-downgrade). A removed row regresses; a new one does not. */
export const functionSummaryRegressed = (b: JsonValue, a: JsonValue): boolean => {
  if (b === null) return false;
  if (a === null) return true;
  if (proofStatusRank(asStr(get(a, "status")) ?? "") < proofStatusRank(asStr(get(b, "status")) ?? "")) return true;
  if ((asBool(summaryField(b, "prove_supported")) ?? false) && !(asBool(summaryField(a, "prove_supported")) ?? false)) return true;
  if ((asBool(summaryField(b, "has_decreases")) ?? false) && !(asBool(summaryField(a, "has_decreases")) ?? false)) return true;
  return recursionKindRank(asStr(summaryField(a, "recursion_kind")) ?? "none") < recursionKindRank(asStr(summaryField(b, "recursion_kind")) ?? "none");
};

const fell = (b: JsonObject, a: JsonObject, k: string): boolean => n(a[k]) < n(b[k]);
const rose = (b: JsonObject, a: JsonObject, k: string): boolean => n(a[k]) > n(b[k]);

export const diffProof = (ctx: DiffCtx): void => {
  const { before, after, sink, highlights, path } = ctx;
  const bs = proofSummary(before);
  const as = proofSummary(after);
  const decreased = fell(bs, as, "supported_defn") || rose(bs, as, "unsupported_defn") || rose(bs, as, "uncovered_defn");
  if (!jsonEq(bs, as) && decreased) {
    sink.push(highlights.proof_changes, { kind: "proof_coverage", severity: "high", subject: "proof coverage summary", path, before: bs, after: as });
  }
  const br = recursiveSummary(bs);
  const ar = recursiveSummary(as);
  const recursiveRegressed = fell(br, ar, "supported_recursive_defn") || rose(br, ar, "unsupported_recursive_defn");
  if (!jsonEq(br, ar) && recursiveRegressed) {
    sink.push(highlights.recursive_proof_changes, { kind: "recursive_proof", severity: "high", subject: "recursive proof coverage summary", path, before: br, after: ar });
  }
  const ba = asyncSummary(before);
  const aa = asyncSummary(after);
  const asyncRegressed = fell(ba, aa, "proven_async") || rose(ba, aa, "unsupported_async") || rose(ba, aa, "uncovered_async");
  if (!jsonEq(ba, aa) && asyncRegressed) {
    sink.push(highlights.async_proof_changes, { kind: "async_proof", severity: "high", subject: "async proof coverage summary", path, before: ba, after: aa });
  }
  const bf = functionSummaries(before);
  const af = functionSummaries(after);
  for (const sym of [...new Set([...bf.keys(), ...af.keys()])].sort(byteCompare)) {
    const b = bf.get(sym) ?? null;
    const a = af.get(sym) ?? null;
    if (jsonEq(b, a)) continue;
    const downgraded = functionSummaryRegressed(b, a);
    sink.push(highlights.summary_changes, { kind: "proof_summary", severity: downgraded ? "high" : "info", subject: `proof summary for ${sym}`, path, before: b, after: a });
  }
  pushSimple(ctx, "proof_changed", decreased || recursiveRegressed || asyncRegressed ? "high" : "info", "proof coverage changed");
};
