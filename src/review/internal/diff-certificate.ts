/**
 * The trust-certificate differ: new proof assumptions and imported summaries, bounded-proof
 * dependence, and the certified vs operational entry.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { asArray, asBool, asStr, asU64, byteCompare, canonCompact, get, jsonEq, orNull, pointer } from "./json.ts";
import type { Maybe } from "./json.ts";
import { pushSimple } from "./model.ts";
import type { DiffCtx } from "./model.ts";

/** Entries of `list` in `after` that are not in `before` (by canonical JSON), in canonical-text order. */
const addedEntries = (before: Maybe, after: Maybe, list: string): JsonValue[] => {
  const keyed = (doc: Maybe) => new Map((asArray(get(doc, list)) ?? []).map((x) => [canonCompact(x), x] as const));
  const b = keyed(before);
  const a = keyed(after);
  return [...a.keys()].filter((k) => !b.has(k)).sort(byteCompare).map((k) => a.get(k)!);
};

const boundedAcceptance = (doc: Maybe): boolean =>
  (asBool(get(doc, "accepted_depends_on_bounded_proof")) ?? false) || (asBool(pointer(doc, "/recursive_proof_summary/accepted_depends_on_bounded_proof")) ?? false);

export const diffTrustCertificate = (ctx: DiffCtx): void => {
  const { before, after, sink, highlights, path } = ctx;
  if (jsonEq(before, after)) return;
  let severity = "warn";
  for (const assumption of addedEntries(before, after, "proof_assumptions")) {
    const certifiable = asBool(get(assumption, "certifiable")) ?? true;
    const kind = certifiable ? (asStr(get(assumption, "kind")) ?? "proof_assumption") : "dev_only_assumption";
    const changeSeverity = certifiable ? "warn" : "high";
    if (changeSeverity === "high") severity = "high";
    sink.push(highlights.assumption_changes, {
      kind,
      severity: changeSeverity,
      subject: `proof assumption ${asStr(get(assumption, "subject")) ?? "<unknown>"}`,
      path,
      before: null,
      after: assumption,
    });
  }
  for (const imported of addedEntries(before, after, "imported_summary_inventory")) {
    severity = "high";
    sink.push(highlights.assumption_changes, {
      kind: "coverage_summary_import",
      severity: "high",
      subject: `coverage summary import ${asStr(get(imported, "path")) ?? "<unknown>"}`,
      path,
      before: null,
      after: imported,
    });
  }
  if (!boundedAcceptance(before) && boundedAcceptance(after)) {
    severity = "high";
    sink.push(highlights.boundedness_changes, {
      kind: "bounded_proof",
      severity: "high",
      subject: "certificate acceptance depends on bounded proof",
      path,
      before: orNull(get(before, "recursive_proof_summary")),
      after: orNull(get(after, "recursive_proof_summary")),
    });
  }
  const bBounded = asU64(pointer(before, "/recursive_proof_summary/bounded_recursive_defn")) ?? 0;
  const aBounded = asU64(pointer(after, "/recursive_proof_summary/bounded_recursive_defn")) ?? 0;
  if (aBounded > bBounded) {
    severity = "high";
    sink.push(highlights.boundedness_changes, {
      kind: "bounded_recursive_defn",
      severity: "high",
      subject: "accepted bounded recursive definitions",
      path,
      before: bBounded,
      after: aBounded,
    });
  }
  const bOp = asStr(get(before, "operational_entry_symbol")) ?? null;
  const aOp = asStr(get(after, "operational_entry_symbol")) ?? null;
  const bEntry = asStr(get(before, "entry")) ?? null;
  const aEntry = asStr(get(after, "entry")) ?? null;
  if (bOp !== aOp || bEntry !== aEntry || aOp !== aEntry) {
    const changeSeverity = aOp !== aEntry ? "high" : "warn";
    if (changeSeverity === "high") severity = "high";
    sink.push(highlights.operational_entry_changes, {
      kind: "operational_entry",
      severity: changeSeverity,
      subject: "certificate operational entry",
      path,
      before: { entry: bEntry, operational_entry_symbol: bOp },
      after: { entry: aEntry, operational_entry_symbol: aOp },
    });
  }
  pushSimple(ctx, "trust_certificate_changed", severity, "trust certificate changed");
};
