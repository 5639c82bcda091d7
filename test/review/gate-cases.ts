/**
 * One case per `--fail-on` gate over our own fixture project (test/review/fixtures/before): an edit
 * that must fire the gate and an edit of the same area that must not. Edits mutate parsed JSON files of
 * a copy of the baseline; `reformat` rewrites a file with other whitespace (bytes change, JSON does not).
 */
import type { ReviewGate } from "../../src/review/index.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Doc = any;

/** Edits to a project tree: file path → mutation of its parsed JSON (return a value to replace it). */
export type Edit = Readonly<Record<string, (doc: Doc) => Doc | void>>;

export const reformat = (doc: Doc): Doc => ({ __reformat: true, doc });

export interface GateCase {
  readonly gate: ReviewGate;
  readonly fires: Edit;
  readonly quiet: Edit;
  /** The X07RD code the gate adds, when it has one. */
  readonly code?: string;
}

const CERT = "arch/evidence/certificate.json";
const COV = "arch/verify.coverage.json";
const POLICY = ".x07/policies/ops.policy.json";
const PROFILE = "arch/trust/profiles/ledger_core_v1.json";
const BOUNDARY = "arch/boundaries/index.x07boundary.json";
const CAPSULE_INDEX = "arch/capsules/index.x07capsule.json";
const CAPSULE = "arch/capsules/clock.contract.json";
const RUNTIME = "runtime-attest/ops.runtime.attest.json";
const PEER = "arch/peers/ledger-api.peer.json";
const LOCK = "x07.lock.json";
const CLOSURE = "arch/evidence/dep.closure.attest.json";

const fn = (d: Doc, sym: string): Doc => d.functions.find((f: Doc) => f.symbol === sym);

export const GATE_CASES: ReadonlyArray<GateCase> = [
  {
    gate: "world-capability",
    fires: { "src/ledger/core.x07.json": (d) => void (d.decls[1].body = ["begin", ["std.os.time.now_unix_ms_v1"], ["/", "amount", 50]]) },
    quiet: { "src/ledger/core.x07.json": (d) => void (d.decls[1].body = ["/", "amount", 25]) },
  },
  {
    gate: "budget-increase",
    fires: { "x07.json": (d) => void (d.profiles.ci.solve_fuel = 500000) },
    quiet: { "x07.json": (d) => void (d.profiles.ci.solve_fuel = 100000) },
  },
  {
    gate: "allow-unsafe",
    fires: { [POLICY]: (d) => void (d.language.allow_unsafe = true) },
    quiet: { [POLICY]: (d) => void (d.language.allow_ffi = true) },
  },
  {
    gate: "allow-ffi",
    fires: { [POLICY]: (d) => void (d.language.allow_ffi = true) },
    quiet: { [POLICY]: (d) => void (d.language.allow_unsafe = true) },
  },
  {
    gate: "proof-coverage-decrease",
    fires: { [COV]: (d) => void (d.summary.supported_defn = 1) },
    quiet: { [COV]: (d) => void ((d.summary.supported_defn = 3), (d.summary.uncovered_defn = 0)) },
  },
  {
    gate: "recursion-proof-coverage-decrease",
    code: "X07RD_RECURSION_PROOF_COVERAGE_DECREASE",
    fires: { [COV]: (d) => void ((d.summary.supported_recursive_defn = 0), (d.summary.unsupported_recursive_defn = 1)) },
    quiet: { [COV]: (d) => void ((d.summary.recursive_defn = 2), (d.summary.supported_recursive_defn = 2)) },
  },
  {
    gate: "async-proof-coverage-decrease",
    code: "X07RD_ASYNC_PROOF_COVERAGE_DECREASE",
    fires: { [COV]: (d) => void (fn(d, "ledger.core.poll").status = "unsupported") },
    quiet: { [COV]: (d) => void (fn(d, "ledger.core.tick").status = "supported_async") },
  },
  {
    gate: "summary-downgrade",
    code: "X07RD_SUMMARY_DOWNGRADE",
    fires: { [COV]: (d) => void (fn(d, "ledger.core.walk").support_summary.has_decreases = false) },
    quiet: { [COV]: (d) => void (fn(d, "ledger.core.fee").status = "supported") },
  },
  {
    gate: "assumption-surface-widen",
    code: "X07RD_ASSUMPTION_SURFACE_WIDEN",
    fires: { [CERT]: (d) => void d.proof_assumptions.push({ kind: "trusted_primitive", subject: "bytes.slice", certifiable: true }) },
    quiet: { [CERT]: (d) => void (d.proof_assumptions = []) },
  },
  {
    gate: "dev-only-assumption-introduced",
    code: "X07RD_DEV_ONLY_ASSUMPTION_INTRODUCED",
    fires: { [CERT]: (d) => void d.proof_assumptions.push({ kind: "imported_stub", subject: "ledger.core.fee", certifiable: false }) },
    quiet: { [CERT]: (d) => void d.proof_assumptions.push({ kind: "trusted_primitive", subject: "bytes.slice", certifiable: true }) },
  },
  {
    gate: "bounded-proof-introduced",
    code: "X07RD_BOUNDED_PROOF_INTRODUCED",
    fires: { [CERT]: (d) => void (d.accepted_depends_on_bounded_proof = true) },
    quiet: { [CERT]: (d) => void (d.recursive_proof_summary.bounded_recursive_defn = 0) },
  },
  {
    gate: "coverage-summary-imported",
    code: "X07RD_COVERAGE_SUMMARY_IMPORTED",
    fires: { [CERT]: (d) => void d.imported_summary_inventory.push({ path: "summaries/hexfmt.verify.summary.json", symbol: "ext.hexfmt.encode" }) },
    quiet: { [CERT]: (d) => void d.proof_assumptions.push({ kind: "trusted_primitive", subject: "bytes.slice", certifiable: true }) },
  },
  {
    gate: "operational-entry-diverges",
    code: "X07RD_OPERATIONAL_ENTRY_DIVERGES",
    fires: { [CERT]: (d) => void (d.entry = "ledger.core.settle_surrogate") },
    quiet: { [CERT]: (d) => void (d.proved_symbol_count = 3) },
  },
  {
    gate: "boundary-relaxation",
    fires: { [BOUNDARY]: (d) => void delete d.boundaries[0].input.params[1].brand },
    quiet: { [BOUNDARY]: (d) => void d.boundaries[0].smoke.tests.push("smoke/settle_zero") },
  },
  {
    gate: "capsule-contract-relaxation",
    code: "X07RD_CAPSULE_CONTRACT_RELAXATION",
    fires: { [CAPSULE]: (d) => void (d.effect_log.replay_safe = false) },
    quiet: { [CAPSULE_INDEX]: (d) => void (d.capsules[0].capabilities = ["time", "fs"]) },
  },
  {
    gate: "capsule-set-change",
    code: "X07RD_CAPSULE_SET_CHANGE",
    fires: { "arch/manifest.x07arch.json": (d) => void (d.nodes[1].trust_zone = "certified_capsule") },
    quiet: { [CAPSULE]: (d) => void (d.capabilities = ["time", "net"]) },
  },
  {
    gate: "sandbox-policy-widen",
    code: "X07RD_SANDBOX_POLICY_WIDEN",
    fires: { [POLICY]: (d) => void d.net.allow_hosts.push({ host: "metrics.example", ports: [443] }) },
    quiet: { [POLICY]: (d) => void d.net.allow_hosts.pop() },
  },
  {
    gate: "runtime-attestation-regression",
    code: "X07RD_RUNTIME_ATTEST_REGRESSION",
    fires: { [RUNTIME]: (d) => void (d.guest_image_digest = `sha256:${"a".repeat(64)}`) },
    quiet: { [RUNTIME]: reformat },
  },
  {
    gate: "weaker-isolation-enabled",
    code: "X07RD_SANDBOX_POLICY_WIDEN",
    fires: { [RUNTIME]: (d) => void (d.weaker_isolation = true) },
    quiet: { [RUNTIME]: (d) => void (d.sandbox_backend = "os") },
  },
  {
    gate: "trusted-subset-expansion",
    fires: { [PROFILE]: (d) => void (d.language_subset.allow_recursion = true) },
    quiet: { [PROFILE]: (d) => void (d.evidence_requirements.require_pbt = "all") },
  },
  {
    gate: "network-allowlist-widen",
    code: "X07RD_NETWORK_ALLOWLIST_WIDEN",
    fires: { [POLICY]: (d) => void d.net.allow_hosts.push({ host: "metrics.example", ports: [443] }) },
    quiet: { [POLICY]: (d) => void ((d.net.allow_hosts = d.net.allow_hosts.slice(0, 1)), (d.limits.cpu_ms = 400)) },
  },
  {
    gate: "peer-policy-relaxation",
    code: "X07RD_PEER_POLICY_RELAXATION",
    fires: { [PEER]: (d) => void (d.tls_mode = "tls") },
    quiet: { [PEER]: reformat },
  },
  {
    gate: "capsule-network-surface-widen",
    code: "X07RD_CAPSULE_NETWORK_SURFACE_WIDEN",
    fires: { [CAPSULE]: (d) => void d.network.allow_hosts.push({ host: "time.example", ports: [123] }) },
    quiet: { [CAPSULE]: (d) => void (d.conformance.tests = ["clock_smoke", "clock_skew"]) },
  },
  {
    gate: "package-set-change",
    code: "X07RD_PACKAGE_SET_CHANGE",
    fires: { [LOCK]: (d) => void (d.dependencies[0].version = "0.4.0") },
    quiet: { [LOCK]: (d) => void (d.dependencies[0].package_manifest_sha256 = "b".repeat(64)) },
  },
  {
    gate: "lockfile-hash-change",
    code: "X07RD_LOCKFILE_HASH_CHANGE",
    fires: { [CLOSURE]: (d) => void (d.lockfile_digest = `sha256:${"c".repeat(64)}`) },
    quiet: { [LOCK]: reformat },
  },
  {
    gate: "advisory-allowance-enabled",
    code: "X07RD_ADVISORY_ALLOWANCE_ENABLED",
    fires: { [LOCK]: (d) => void (d.dependencies[0].yanked = true) },
    quiet: { [LOCK]: (d) => void (d.dependencies[0].package_manifest_sha256 = "b".repeat(64)) },
  },
];
