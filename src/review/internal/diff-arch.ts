/**
 * Differs for files under `arch/`: the boundary index, capsules, trust profiles, the arch manifest
 * (node worlds and trust zones) and the budgets index. Anything else there is a plain change.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { allowlistEntries, asArray, asBool, asStr, byteCompare, get, isSubset, jsonEq, orNull, pointer } from "./json.ts";
import type { JsonObject, Maybe } from "./json.ts";
import { pushChange, pushSimple } from "./model.ts";
import type { DiffCtx } from "./model.ts";
import { pbtRequirementRank, proofCoverageRank, trustZoneRank, verifyModeRank } from "./ranks.ts";

const unionSorted = (a: Map<string, unknown>, b: Map<string, unknown>): string[] => [...new Set([...a.keys(), ...b.keys()])].sort(byteCompare);

/** `id` → a string field of each node of the manifest. */
const nodeField = (v: Maybe, field: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const node of asArray(get(v, "nodes")) ?? []) {
    const id = asStr(get(node, "id"));
    const val = asStr(get(node, field));
    if (id !== undefined && val !== undefined) out.set(id, val);
  }
  return out;
};

const diffManifest = (ctx: DiffCtx): void => {
  const { before, after, sink, highlights, path } = ctx;
  const bw = nodeField(before, "world");
  const aw = nodeField(after, "world");
  for (const node of unionSorted(bw, aw)) {
    const b = bw.get(node) ?? null;
    const a = aw.get(node) ?? null;
    if (b === a) continue;
    const severity = a === "run-os" || a === "run-os-sandboxed" ? "high" : "warn";
    sink.push(highlights.world_changes, { kind: "arch_node_world", severity, subject: node, path, before: b, after: a, notes: [] });
    pushChange(ctx, "arch_node_world_changed", severity, "arch node world changed", { entity: { arch_node_id: node }, before: b, after: a });
  }
  const bz = nodeField(before, "trust_zone");
  const az = nodeField(after, "trust_zone");
  for (const node of unionSorted(bz, az)) {
    const b = bz.get(node) ?? null;
    const a = az.get(node) ?? null;
    if (b === a) continue;
    if (trustZoneRank(a) > trustZoneRank(b)) {
      sink.push(highlights.subset_changes, { kind: "trusted_subset", severity: "high", subject: `arch trust zone ${node}`, path, before: b, after: a });
    }
    if (a === "certified_capsule" || b === "certified_capsule") {
      sink.push(highlights.capsule_changes, { kind: "capsule_set", severity: "high", subject: `arch trust zone ${node}`, path, before: b, after: a });
    }
  }
};

const budgetProfiles = (v: Maybe): Map<string, JsonValue> => {
  const out = new Map<string, JsonValue>();
  for (const p of asArray(get(v, "profiles")) ?? []) {
    const id = asStr(get(p, "id"));
    if (id !== undefined) out.set(id, { enforce: orNull(get(p, "enforce")), worlds_allowed: get(p, "worlds_allowed") ?? [] });
  }
  return out;
};

const diffBudgets = (ctx: DiffCtx): void => {
  const bp = budgetProfiles(ctx.before);
  const ap = budgetProfiles(ctx.after);
  for (const id of unionSorted(bp, ap)) {
    const b = bp.get(id);
    const a = ap.get(id);
    if (jsonEq(b, a)) continue;
    ctx.sink.push(ctx.highlights.budget_changes, {
      kind: "arch_profile",
      severity: "warn",
      subject: id,
      path: ctx.path,
      ptr_before: null,
      ptr_after: null,
      before: orNull(b),
      after: orNull(a),
      notes: [],
    });
  }
};

// ---- boundary index ----

const boundaryMap = (v: Maybe): Map<string, JsonValue> => {
  const out = new Map<string, JsonValue>();
  for (const b of asArray(get(v, "boundaries")) ?? []) {
    const id = asStr(get(b, "id"));
    if (id !== undefined) out.set(id, b);
  }
  return out;
};

/** true → false. */
const boolRelaxed = (b: Maybe, a: Maybe): boolean => asBool(b) === true && asBool(a) === false;
const fieldRemoved = (b: Maybe, a: Maybe): boolean => b !== undefined && a === undefined;
/** A test list lost a member. */
const testListRelaxed = (b: Maybe, a: Maybe): boolean => !isSubset(allowlistEntries(b ?? []), allowlistEntries(a ?? []));

const paramMap = (v: Maybe): Map<string, JsonValue> => {
  const out = new Map<string, JsonValue>();
  (asArray(pointer(v, "/input/params")) ?? []).forEach((p, i) => out.set(asStr(get(p, "name")) ?? String(i), p));
  return out;
};

const paramRelaxed = (b: Maybe, a: Maybe): boolean => {
  if (b === undefined) return false;
  if (a === undefined) return get(b, "brand") !== undefined || get(b, "schema") !== undefined;
  return fieldRemoved(get(b, "brand"), get(a, "brand")) || fieldRemoved(get(b, "schema"), get(a, "schema"));
};

const outputRelaxed = (b: Maybe, a: Maybe): boolean => {
  if (b === undefined) return false;
  if (a === undefined) return get(b, "brand") !== undefined || get(b, "schema") !== undefined || get(b, "error_space") !== undefined;
  return fieldRemoved(get(b, "brand"), get(a, "brand")) || fieldRemoved(get(b, "schema"), get(a, "schema")) || fieldRemoved(get(b, "error_space"), get(a, "error_space"));
};

/** Whether a boundary's contract got weaker (see the README's gate table). */
export const boundaryRelaxed = (b: Maybe, a: Maybe): boolean => {
  if (a === undefined) return b !== undefined;
  if (b === undefined) return false;
  if (boolRelaxed(pointer(b, "/verify/required"), pointer(a, "/verify/required"))) return true;
  if (verifyModeRank(pointer(a, "/verify/mode")) < verifyModeRank(pointer(b, "/verify/mode"))) return true;
  if (boolRelaxed(pointer(b, "/pbt/required"), pointer(a, "/pbt/required"))) return true;
  if (!isSubset(allowlistEntries(pointer(a, "/worlds_allowed") ?? []), allowlistEntries(pointer(b, "/worlds_allowed") ?? []))) return true;
  if (testListRelaxed(pointer(b, "/smoke/tests"), pointer(a, "/smoke/tests"))) return true;
  if (testListRelaxed(pointer(b, "/pbt/tests"), pointer(a, "/pbt/tests"))) return true;
  const bEntry = pointer(b, "/smoke/entry");
  if (bEntry !== undefined && !jsonEq(bEntry, pointer(a, "/smoke/entry"))) return true;
  if (trustZoneRank(pointer(a, "/from_zone")) < trustZoneRank(pointer(b, "/from_zone"))) return true;
  if (trustZoneRank(pointer(a, "/to_zone")) < trustZoneRank(pointer(b, "/to_zone"))) return true;
  if (outputRelaxed(pointer(b, "/output"), pointer(a, "/output"))) return true;
  const ap = paramMap(a);
  for (const [k, bp] of paramMap(b)) if (paramRelaxed(bp, ap.get(k))) return true;
  return false;
};

const diffBoundaryIndex = (ctx: DiffCtx): void => {
  const bm = boundaryMap(ctx.before);
  const am = boundaryMap(ctx.after);
  for (const id of unionSorted(bm, am)) {
    const b = bm.get(id);
    const a = am.get(id);
    if (jsonEq(b, a)) continue;
    if (boundaryRelaxed(b, a)) {
      ctx.sink.push(ctx.highlights.boundary_changes, { kind: "boundary_contract", severity: "high", subject: id, path: ctx.path, before: orNull(b), after: orNull(a) });
    }
  }
  pushSimple(ctx, "boundary_changed", ctx.highlights.boundary_changes.length === 0 ? "info" : "high", "boundary catalog changed");
};

// ---- capsules ----

const diffCapsule = (ctx: DiffCtx): void => {
  const { before, after, path, sink, highlights } = ctx;
  if (jsonEq(before, after)) return;
  const kind = path.endsWith("index.x07capsule.json") ? "capsule_set" : "capsule_contract";
  sink.push(highlights.capsule_changes, { kind, severity: "high", subject: path, path, before: orNull(before), after: orNull(after) });
  const bn = get(before, "network");
  const an = get(after, "network");
  if (!jsonEq(bn, an)) sink.push(highlights.capsule_network_changes, { kind: "capsule_network", severity: "high", subject: path, path, before: orNull(bn), after: orNull(an) });
  pushSimple(ctx, "capsule_changed", "high", kind === "capsule_set" ? "capsule index changed" : "capsule contract changed");
};

// ---- trust profiles ----

/** Where each compared trust-profile field lives and its default when absent. */
const SUBSET_FIELDS: ReadonlyArray<readonly [name: string, ptr: string, dflt: JsonValue]> = [
  ["claims", "/claims", []],
  ["entrypoints", "/entrypoints", []],
  ["worlds_allowed", "/worlds_allowed", []],
  ...(["allow_defasync", "allow_recursion", "allow_extern", "allow_unsafe", "allow_ffi", "allow_dynamic_dispatch"] as const).map(
    (k) => [k, `/language_subset/${k}`, false] as const,
  ),
  ["manifest_min_version", "/arch_requirements/manifest_min_version", null],
  ...(["require_deny_cycles", "require_deny_orphans", "require_visibility", "require_world_caps", "require_brand_boundaries"] as const).map(
    (k) => [k, `/arch_requirements/${k}`, false] as const,
  ),
  ["require_proof_coverage", "/evidence_requirements/require_proof_coverage", null],
  ...(
    [
      "require_async_proof_coverage",
      "require_per_symbol_prove_reports_defn",
      "require_per_symbol_prove_reports_async",
      "allow_coverage_summary_imports",
      "require_capsule_attestations",
      "require_runtime_attestation",
      "require_effect_log_digests",
      "require_peer_policies",
      "require_network_capsules",
      "require_dependency_closure_attestation",
    ] as const
  ).map((k) => [k, `/evidence_requirements/${k}`, false] as const),
  ["require_proof_mode", "/evidence_requirements/require_proof_mode", null],
  ["require_pbt", "/evidence_requirements/require_pbt", null],
  ...(
    [
      "require_compile_attestation",
      "require_boundary_index",
      "require_schema_derive_check",
      "require_smoke_harnesses",
      "require_unit_tests",
      "require_trust_report_clean",
      "require_sbom",
    ] as const
  ).map((k) => [k, `/evidence_requirements/${k}`, false] as const),
  ["sandbox_backend", "/sandbox_requirements/sandbox_backend", null],
  ["forbid_weaker_isolation", "/sandbox_requirements/forbid_weaker_isolation", false],
  ["network_mode", "/sandbox_requirements/network_mode", null],
  ["network_enforcement", "/sandbox_requirements/network_enforcement", null],
  ["require_allowlist_mode", "/arch_requirements/require_allowlist_mode", false],
];

/** The posture-relevant subset of a trust profile, absent fields defaulted. */
export const trustProfileSubset = (v: Maybe): JsonObject => {
  const out: Record<string, JsonValue> = {};
  for (const [name, ptr, dflt] of SUBSET_FIELDS) {
    const got = v === undefined ? undefined : pointer(v, ptr);
    out[name] = got === undefined ? dflt : got;
  }
  return out;
};

const EXPANDING_ALLOWS = ["allow_defasync", "allow_recursion", "allow_extern", "allow_unsafe", "allow_ffi", "allow_dynamic_dispatch", "allow_coverage_summary_imports"];
const WEAKENING_REQUIRES = [
  "require_deny_cycles",
  "require_deny_orphans",
  "require_visibility",
  "require_world_caps",
  "require_brand_boundaries",
  "require_async_proof_coverage",
  "require_per_symbol_prove_reports_defn",
  "require_per_symbol_prove_reports_async",
  "require_capsule_attestations",
  "require_runtime_attestation",
  "require_effect_log_digests",
  "require_peer_policies",
  "require_network_capsules",
  "require_dependency_closure_attestation",
  "require_compile_attestation",
  "require_boundary_index",
  "require_schema_derive_check",
  "require_smoke_harnesses",
  "require_unit_tests",
  "require_trust_report_clean",
  "require_sbom",
  "require_allowlist_mode",
  "forbid_weaker_isolation",
];
/** String fields whose strong value must not be dropped. */
const KEPT_STRONG_VALUES: ReadonlyArray<readonly [string, string]> = [
  ["sandbox_backend", "vm"],
  ["network_mode", "none"],
  ["network_enforcement", "vm_boundary_allowlist"],
];

/** Whether the trusted subset grew (README: trusted-subset-expansion). */
export const trustSubsetExpanded = (b: JsonObject, a: JsonObject): boolean =>
  ["claims", "entrypoints", "worlds_allowed"].some((k) => !isSubset(allowlistEntries(a[k] ?? null), allowlistEntries(b[k] ?? null))) ||
  EXPANDING_ALLOWS.some((k) => b[k] === false && a[k] === true) ||
  WEAKENING_REQUIRES.some((k) => b[k] === true && a[k] === false) ||
  KEPT_STRONG_VALUES.some(([k, strong]) => b[k] === strong && a[k] !== strong) ||
  pbtRequirementRank(a["require_pbt"]) < pbtRequirementRank(b["require_pbt"]) ||
  proofCoverageRank(a["require_proof_coverage"]) < proofCoverageRank(b["require_proof_coverage"]);

const diffTrustProfile = (ctx: DiffCtx): void => {
  const b = trustProfileSubset(ctx.before);
  const a = trustProfileSubset(ctx.after);
  if (jsonEq(b, a)) return;
  if (trustSubsetExpanded(b, a)) {
    ctx.sink.push(ctx.highlights.subset_changes, { kind: "trusted_subset", severity: "high", subject: "trust profile relaxation", path: ctx.path, before: b, after: a });
  }
  pushSimple(ctx, "trust_profile_changed", ctx.highlights.subset_changes.length === 0 ? "info" : "high", "trust profile changed");
};

/** Routes an `arch/` file to its differ. */
export const diffArch = (ctx: DiffCtx): void => {
  const p = ctx.path;
  if (p.endsWith("index.x07boundary.json")) return diffBoundaryIndex(ctx);
  if (p.includes("/capsules/") || p.startsWith("arch/capsules/")) return diffCapsule(ctx);
  if (p.includes("/trust/profiles/") || p.startsWith("arch/trust/profiles/")) return diffTrustProfile(ctx);
  if (p.endsWith("manifest.x07arch.json")) return diffManifest(ctx);
  if (p.endsWith("index.x07budgets.json")) return diffBudgets(ctx);
  pushSimple(ctx, "arch_changed", "info", "architecture JSON changed");
};
