/**
 * The certificate derivation rules, exercised through the whole chain with fake stages (test/certify/_fakes.ts):
 * verdict, claims, scope, inventory, assumptions, the bounded / dev-only flags, the operational-entry rules and
 * the X07TC_* code of every failing step. Every certificate is schema-valid (certify validates before writing)
 * and every digest it names is re-hashed from the file.
 */
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { Effect } from "effect";
import { certify } from "../../src/certify/index.ts";
import type { CertifyOptions, CertifyResult, EvidenceRef, TrustCertificate } from "../../src/certify/index.ts";
import { sha256Hex } from "../../src/core/json/index.ts";
import { validateByVersion } from "../../src/core/contracts/written.ts";
import { ENTRY, FIXTURE, HELPER, fakeLayer, fixtureCopy } from "./_fakes.ts";
import type { FakeConfig } from "./_fakes.ts";

const run = async (cfg: FakeConfig = {}, opts: Partial<CertifyOptions> & { project?: string } = {}): Promise<CertifyResult> => {
  const outDir = opts.outDir ?? mkdtempSync(nodePath.join(tmpdir(), "x07-cert-out-"));
  const { project, ...rest } = opts;
  return Effect.runPromise(certify(project ?? FIXTURE, { profile: "verified_core_pure_v1", entry: ENTRY, ...rest, outDir }).pipe(Effect.provide(fakeLayer(cfg))));
};
const codes = (c: TrustCertificate) => (c.diagnostics ?? []).map((d) => d.code);

/** Every ref the certificate names, with the file it points at. */
const refsOf = (c: TrustCertificate): EvidenceRef[] => {
  const e = c.evidence;
  return [
    e.boundaries_report,
    e.coverage_report,
    ...(e.verify_summary_report != null ? [e.verify_summary_report] : []),
    ...e.prove_reports,
    ...(e.schema_derive_reports ?? []),
    e.tests_report,
    e.trust_report,
    e.compile_attestation,
    ...(e.review_diff != null ? [e.review_diff] : []),
    ...c.operational_entry_proof_inventory_refs,
    ...c.proof_inventory.flatMap((i) => [i.verify_report, i.proof_summary, ...(i.proof_object != null ? [i.proof_object] : []), ...(i.proof_check_report != null ? [i.proof_check_report] : [])]),
  ];
};

const assertDigests = (r: CertifyResult) => {
  for (const ref of refsOf(r.certificate)) {
    const abs = nodePath.join(r.outDir, ...ref.path.split("/"));
    expect(existsSync(abs), ref.path).toBe(true);
    expect(sha256Hex(readFileSync(abs)), ref.path).toBe(ref.sha256_hex);
  }
};

describe("accepted certificate (all stages green)", () => {
  it("derives verdict, claims, scope, inventory and evidence exactly", async () => {
    const r = await run();
    const c = r.certificate;
    expect(c.diagnostics).toEqual([]);
    expect(c.verdict).toBe("accepted");
    expect(r.exitCode).toBe(0);
    expect(c.entry).toBe(ENTRY);
    expect(c.operational_entry_symbol).toBe(ENTRY);
    expect(c.profile).toBe("verified_core_pure_v1");
    expect(c.claims).toEqual(["human_can_review_certificate_not_source", "certificate_includes_formal_proof", "operational_entry_formally_proved"]);
    expect(c.formal_verification_scope).toBe("whole_certifiable_graph");
    expect([c.proved_symbol_count, c.proved_defn_count, c.proved_defasync_count]).toEqual([1, 1, 0]);
    expect(c.entry_body_formally_proved).toBe(true);
    expect(c.proof_inventory).toHaveLength(1);
    const item = c.proof_inventory[0]!;
    expect(item.symbol).toBe(ENTRY);
    expect(item.result_kind).toBe("proven");
    expect(item.proof_check_result).toBe("accepted");
    expect(item.proof_check_checker).toBe("x07.proof_replay_checker");
    expect(item.proof_object_digest).toBe(`sha256:${item.proof_object!.sha256_hex}`);
    expect(item.proof_object!.path).toBe(`prove/id_${sha256Hex(ENTRY)}/proof.json`);
    expect(c.operational_entry_proof_inventory_refs).toEqual([item.proof_object]);
    expect(c.evidence.prove_reports).toEqual([item.verify_report]);
    expect(c.accepted_depends_on_bounded_proof).toBe(false);
    expect(c.accepted_depends_on_dev_only_assumption).toBe(false);
    expect(c.tcb.x07_version).toMatch(/^x07-sdk /);
    expect(c.tcb.host_compiler).toContain("ts_z3_v1");
    expect(c.runtime).toBeNull();
    expect(c.evidence.bundle_path).toBe(`bundle/id_${sha256Hex(ENTRY)}`);
    expect((await validateByVersion(JSON.parse(readFileSync(r.paths.certificate, "utf8")))).ok).toBe(true);
    assertDigests(r);
  });

  it("writes the certificate as canonical pretty JSON and the summary page", async () => {
    const r = await run();
    const text = readFileSync(r.paths.certificate, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(r.certificate);
    const html = readFileSync(r.paths.summaryHtml!, "utf8");
    expect(html).toContain("ACCEPTED");
    expect(html).toContain(ENTRY);
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    for (const a of r.facts.artifacts) expect(html).toContain(a.ref.sha256_hex);
  });

  it("zeroes test durations in tests.report.json (times are not evidence)", async () => {
    const r = await run();
    const t = JSON.parse(readFileSync(nodePath.join(r.outDir, "tests.report.json"), "utf8")) as { summary: { duration_ms: number }; tests: Array<{ duration_ms: number }> };
    expect(t.summary.duration_ms).toBe(0);
    expect(t.tests.every((x) => x.duration_ms === 0)).toBe(true);
  });

  it("is deterministic: two runs into the same directory give byte-identical certificate and summary", async () => {
    const out = mkdtempSync(nodePath.join(tmpdir(), "x07-cert-det-"));
    const a = await run({}, { outDir: out });
    const c1 = readFileSync(a.paths.certificate);
    const h1 = readFileSync(a.paths.summaryHtml!);
    const b = await run({}, { outDir: out });
    expect(readFileSync(b.paths.certificate).equals(c1)).toBe(true);
    expect(readFileSync(b.paths.summaryHtml!).equals(h1)).toBe(true);
  });
});

describe("rerunning into the same directory", () => {
  it("leaves no stale file of the earlier run in a proof directory (cex.json of a rejected run)", async () => {
    const out = mkdtempSync(nodePath.join(tmpdir(), "x07-cert-rerun-"));
    const rejected = await run({ proofs: { [ENTRY]: { kind: "counterexample_found" } } }, { outDir: out });
    const cex = nodePath.join(out, "prove", `id_${sha256Hex(ENTRY)}`, "cex.json");
    expect(existsSync(cex)).toBe(true);
    const accepted = await run({}, { outDir: out });
    expect([rejected.verdict, accepted.verdict]).toEqual(["rejected", "accepted"]);
    expect(existsSync(cex)).toBe(false);
  });
});

describe("rejected certificates name the failing clause", () => {
  it("a counterexample rejects with X07TC_EPROVE, the clause and the inputs; no inventory item", async () => {
    const r = await run({ proofs: { [ENTRY]: { kind: "counterexample_found" } } });
    const c = r.certificate;
    expect(c.verdict).toBe("rejected");
    expect(r.exitCode).toBe(20);
    expect(codes(c)).toEqual(["X07TC_EPROVE"]);
    const d = c.diagnostics![0]!;
    expect(d.message).toContain("total_non_negative");
    expect(d.message).toContain("item_count = 65536");
    const data = d.data as { clause: { id: string; kind: string; index: number }; counterexample: { inputs: Array<{ name: string; value: string }>; input_bytes_b64: string }; cex_path: string };
    expect(data.clause).toMatchObject({ id: "total_non_negative", kind: "ensures", index: 0 });
    expect(data.counterexample.inputs).toEqual([{ name: "item_count", value: "65536" }, { name: "unit_price", value: "32768" }, { name: "discount_pct", value: "0" }]);
    expect(existsSync(nodePath.join(r.outDir, data.cex_path))).toBe(true);
    expect(c.proof_inventory).toEqual([]);
    expect(c.formal_verification_scope).toBe("none");
    expect(c.entry_body_formally_proved).toBe(false);
    expect(c.claims).toEqual([]);
    expect(c.evidence.prove_reports).toHaveLength(1);
    const html = readFileSync(r.paths.summaryHtml!, "utf8");
    expect(html).toContain("REJECTED");
    expect(html).toContain("total_non_negative");
    expect(html).toContain("65536");
    expect(html).toContain("X07TC_EPROVE");
    assertDigests(r);
  });

  it.each([
    ["inconclusive", [], "X07TC_EPROVE"],
    ["unsupported", [], "X07TC_EPROVE_UNSUPPORTED"],
    ["unsupported", ["X07V_RECURSIVE_DECREASES_REQUIRED"], "X07TC_EUNSUPPORTED_RECURSION"],
    ["unsupported", ["X07V_UNSUPPORTED_DEFASYNC_FORM"], "X07TC_EUNSUPPORTED_DEFASYNC"],
  ] as const)("a %s proof (%j) rejects with %s", async (kind, cs, code) => {
    const r = await run({ proofs: { [ENTRY]: { kind, codes: cs } } });
    expect(codes(r.certificate)).toEqual([code]);
    expect(r.certificate.proof_inventory).toEqual([]);
  });

  it("a prover that cannot run leaves a stub report and X07TC_EPROVE_REPORT_MISSING", async () => {
    const r = await run({ proofs: { [ENTRY]: { kind: "fail" } } });
    expect(codes(r.certificate)).toEqual(["X07TC_EPROVE_REPORT_MISSING"]);
    const stub = JSON.parse(readFileSync(nodePath.join(r.outDir, r.certificate.evidence.prove_reports[0]!.path), "utf8")) as { ok: boolean; artifact: string };
    expect(stub).toMatchObject({ ok: false, artifact: "prove_report" });
  });
});

describe("proof check evidence", () => {
  it("a rejected check keeps the item (result rejected) but the entry is not formally proved", async () => {
    const r = await run({ proofs: { [ENTRY]: { kind: "proven", check: "rejected" } } });
    const c = r.certificate;
    expect(codes(c)).toEqual(["X07TC_EPROOF_CHECK_REJECTED"]);
    expect(c.proof_inventory[0]!.proof_check_result).toBe("rejected");
    expect(c.entry_body_formally_proved).toBe(false);
    expect(c.claims).toEqual([]);
  });
  it.each([
    ["invalid", "X07TC_EPROOF_CHECK_SCHEMA_INVALID"],
    ["other-engine", "X07TC_EPROOF_CHECK_ENGINE_MISMATCH"],
    ["fail", "X07TC_EPROOF_CHECK_MISSING"],
  ] as const)("check %s → %s", async (check, code) => {
    const r = await run({ proofs: { [ENTRY]: { kind: "proven", check } } });
    expect(codes(r.certificate)).toEqual([code]);
  });
  it("no proof object → X07TC_EPROOF_OBJECT_MISSING and no check report", async () => {
    const r = await run({ proofs: { [ENTRY]: { kind: "proven", noObject: true } } });
    expect(codes(r.certificate)).toEqual(["X07TC_EPROOF_OBJECT_MISSING"]);
    expect(r.certificate.proof_inventory[0]!.proof_object).toBeNull();
    expect(r.certificate.operational_entry_proof_inventory_refs).toEqual([]);
  });
});

describe("operational entry rules (strong profile)", () => {
  it("a surrogate certification_entry_symbol → X07TC_ESURROGATE_ENTRY_FORBIDDEN", async () => {
    const dir = fixtureCopy((p) => (p["certification_entry_symbol"] = "orders.core.surrogate"));
    const r = await run({}, { project: dir });
    expect(r.certificate.verdict).toBe("rejected");
    expect(codes(r.certificate)).toEqual(["X07TC_ESURROGATE_ENTRY_FORBIDDEN"]);
    expect(readFileSync(r.paths.summaryHtml!, "utf8")).toContain("X07TC_ESURROGATE_ENTRY_FORBIDDEN");
  });
  it("a certification_entry_symbol equal to the operational entry is fine", async () => {
    const dir = fixtureCopy((p) => (p["certification_entry_symbol"] = ENTRY));
    expect((await run({}, { project: dir })).certificate.verdict).toBe("accepted");
  });
  it("--entry other than the operational entry → X07TC_EOP_ENTRY_MISMATCH; the certificate records both", async () => {
    const r = await run({ coverage: [{ symbol: HELPER, status: "supported" }] }, { entry: HELPER });
    expect(codes(r.certificate)).toEqual(["X07TC_EOP_ENTRY_MISMATCH"]);
    expect(r.certificate.entry).toBe(HELPER);
    expect(r.certificate.operational_entry_symbol).toBe(ENTRY);
    expect(r.certificate.entry_body_formally_proved).toBe(false);
    expect(r.certificate.formal_verification_scope).toBe("whole_certifiable_graph");
  });
  it("no operational_entry_symbol → X07TC_EOP_ENTRY_REQUIRED", async () => {
    const dir = fixtureCopy((p) => delete p["operational_entry_symbol"]);
    expect(codes((await run({}, { project: dir })).certificate)).toEqual(["X07TC_EOP_ENTRY_REQUIRED"]);
  });
  it("a weak profile (coverage imports allowed) does not pin the entry", async () => {
    const dir = fixtureCopy((p) => (p["certification_entry_symbol"] = "orders.core.surrogate"));
    const r = await run({ profile: (p) => ({ ...p, evidence_requirements: { ...p.evidence_requirements, allow_coverage_summary_imports: true } }) }, { project: dir });
    expect(codes(r.certificate)).toEqual([]);
  });
});

describe("coverage rules", () => {
  it("uncovered / unsupported / recursive rows reject with their codes, grouped and listed", async () => {
    const r = await run({
      coverage: [
        { symbol: ENTRY, status: "supported" },
        { symbol: "a.uncovered", status: "uncovered" },
        { symbol: "a.unsupported", status: "unsupported", details: "X07V_UNSUPPORTED_HEAP_EFFECT: bytes.set_u8" },
        { symbol: "a.rec", status: "unsupported", details: "X07V_UNSUPPORTED_RECURSION: recursive" },
        { symbol: "a.prim", status: "trusted_primitive" },
        { symbol: "a.caps", status: "capsule_boundary" },
      ],
    });
    expect(codes(r.certificate)).toEqual(["X07TC_EPROOF_COVERAGE", "X07TC_EPROVE_UNSUPPORTED", "X07TC_EUNSUPPORTED_RECURSION"]);
    const unsupported = r.certificate.diagnostics!.find((d) => d.code === "X07TC_EPROVE_UNSUPPORTED")!;
    expect((unsupported.data as { symbols: string[] }).symbols).toEqual(["a.unsupported"]);
    expect(r.certificate.capsule_boundary_only_symbol_count).toBe(1);
  });
  it("recursion forbidden by the profile → X07TC_ERECURSION_FORBIDDEN", async () => {
    const r = await run({ coverage: [{ symbol: ENTRY, status: "supported" }, { symbol: "a.r", status: "supported_recursive", recursion: "self_recursive" }] });
    expect(codes(r.certificate)).toEqual(["X07TC_ERECURSION_FORBIDDEN"]);
  });
  it("a coverage summary with imported summaries → X07TC_ECOVERAGE_ONLY and the inventory lists them sorted", async () => {
    const r = await run({ importedSummaries: [{ path: "z.json", sha256_hex: "c".repeat(64), symbols: ["b", "a", "a"] }, { path: "a.json", sha256_hex: "d".repeat(64) }] });
    expect(codes(r.certificate)).toEqual(["X07TC_ECOVERAGE_ONLY"]);
    expect(r.certificate.imported_summary_inventory).toEqual([{ path: "a.json", sha256_hex: "d".repeat(64), symbols: [] }, { path: "z.json", sha256_hex: "c".repeat(64), symbols: ["a", "b"] }]);
  });
  it("user-only scope ignores rows outside the project and under .x07/deps", async () => {
    const r = await run({
      profile: (p) => ({ ...p, evidence_requirements: { ...p.evidence_requirements, require_proof_coverage: "all_reachable_user_defn" } }),
      coverage: [
        { symbol: ENTRY, status: "supported", source_path: "src/orders/core.x07.json" },
        { symbol: "dep.f", status: "uncovered", source_path: ".x07/deps/pkg/f.x07.json" },
        { symbol: "std.f", status: "uncovered" },
      ],
    });
    expect(codes(r.certificate)).toEqual([]);
    expect(r.certificate.proof_inventory.map((i) => i.symbol)).toEqual([ENTRY]);
  });
});

describe("scope and claims", () => {
  it("the entry proved but a helper failing → entry_body scope, claims dropped (rejected)", async () => {
    const r = await run({ coverage: [{ symbol: ENTRY, status: "supported" }, { symbol: HELPER, status: "supported" }], proofs: { [HELPER]: { kind: "inconclusive" } } });
    expect(r.certificate.formal_verification_scope).toBe("entry_body");
    expect(r.certificate.proved_symbol_count).toBe(1);
    expect(r.certificate.claims).toEqual([]);
  });
  it("a helper proved but the entry failing → partial", async () => {
    const r = await run({ coverage: [{ symbol: ENTRY, status: "supported" }, { symbol: HELPER, status: "supported" }], proofs: { [ENTRY]: { kind: "inconclusive" } } });
    expect(r.certificate.formal_verification_scope).toBe("partial");
    expect(r.certificate.entry_body_formally_proved).toBe(false);
  });
  it("two proved symbols → whole_certifiable_graph, proved_symbol_count 2", async () => {
    const r = await run({ coverage: [{ symbol: ENTRY, status: "supported" }, { symbol: HELPER, status: "supported" }] });
    expect(r.certificate.verdict).toBe("accepted");
    expect(r.certificate.formal_verification_scope).toBe("whole_certifiable_graph");
    expect(r.certificate.proved_symbol_count).toBe(2);
    expect(r.certificate.operational_entry_proof_inventory_refs).toHaveLength(1);
  });
});

describe("assumptions and the bounded / dev-only flags", () => {
  it("assumptions are deduplicated and sorted across proofs", async () => {
    const a = [
      { kind: "trusted_builtin", subject: "view.slice", certifiable: true },
      { kind: "imported_proof_summary", subject: "x.f", certifiable: true, digest: `sha256:${"e".repeat(64)}` },
    ];
    const r = await run({ coverage: [{ symbol: ENTRY, status: "supported" }, { symbol: HELPER, status: "supported" }], proofs: { [ENTRY]: { kind: "proven", assumptions: a }, [HELPER]: { kind: "proven", assumptions: [a[0]!, { kind: "trusted_builtin", subject: "bytes.empty", certifiable: true }] } } });
    expect(r.certificate.proof_assumptions).toEqual([
      { kind: "imported_proof_summary", subject: "x.f", digest: `sha256:${"e".repeat(64)}`, certifiable: true },
      { kind: "trusted_builtin", subject: "bytes.empty", certifiable: true },
      { kind: "trusted_builtin", subject: "view.slice", certifiable: true },
    ]);
    expect(r.certificate.accepted_depends_on_dev_only_assumption).toBe(false);
    expect(r.certificate.verdict).toBe("accepted");
  });
  it("a dev-only assumption sets the flag and rejects under a strong profile", async () => {
    const r = await run({ proofs: { [ENTRY]: { kind: "proven", assumptions: [{ kind: "imported_stub", subject: "std.x.stub", certifiable: false }] } } });
    expect(r.certificate.accepted_depends_on_dev_only_assumption).toBe(true);
    expect(codes(r.certificate)).toEqual(["X07TC_EDEV_ONLY_ASSUMPTION"]);
  });
  it("a bounded recursive proof sets the flag and rejects under a strong profile", async () => {
    const r = await run({
      profile: (p) => ({ ...p, language_subset: { ...p.language_subset, allow_recursion: true } }),
      coverage: [{ symbol: ENTRY, status: "supported_recursive", recursion: "self_recursive" }],
      coverageSummary: { recursive_defn: 1, unsupported_recursive_defn: 0 },
      proofs: { [ENTRY]: { kind: "proven", recursion: "self_recursive", bound: "bounded_by_unwind" } },
    });
    expect(r.certificate.recursive_proof_summary).toEqual({ reachable_recursive_defn: 1, accepted_recursive_defn: 1, bounded_recursive_defn: 1, unbounded_recursive_defn: 0, imported_proof_summary_defn: 0, rejected_recursive_defn: 0, accepted_depends_on_bounded_proof: true });
    expect(r.certificate.accepted_depends_on_bounded_proof).toBe(true);
    expect(codes(r.certificate)).toEqual(["X07TC_EBOUNDED_PROOF_FORBIDDEN"]);
  });
});

describe("each evidence step fails closed with its code", () => {
  it.each<[string, FakeConfig, string[]]>([
    ["arch exit 2", { archExit: 2 }, ["X07TC_EARCH_STRICT"]],
    ["arch cannot run", { archFail: true }, ["X07TC_EARCH_STRICT"]],
    ["no boundaries report", { archNoBoundaries: true }, ["X07TC_EBOUNDARY_MISSING"]],
    ["missing smoke declarations", { missingSmoke: 1 }, ["X07TC_ETESTS"]],
    ["a failing PBT test", { testStatuses: { "pbt/total_within_subtotal": "fail" } }, ["X07TC_ETESTS", "X07TC_ETESTS", "X07TC_EPBT"]],
    ["a skipped boundary PBT test", { testStatuses: { "pbt/total_within_subtotal": "skip" } }, ["X07TC_EPBT"]],
    ["trust report nondeterminism", { trustFlags: ["os_time"] }, ["X07TC_ENONDET"]],
    ["no SBOM", { sbom: false }, ["X07TC_ETRUST_REPORT"]],
    ["rebuild mismatch", { compileMatch: false }, ["X07TC_ECOMPILE_ATTEST"]],
    ["compile cannot run", { compileFail: true }, ["X07TC_ECOMPILE_ATTEST"]],
    ["profile check diagnostics pass through", { profileDiagnostics: [{ code: "X07TP_WORLD", message: "world" }] }, ["X07TP_WORLD"]],
  ])("%s", async (_name, cfg, expected) => {
    const r = await run(cfg);
    expect(codes(r.certificate)).toEqual(expected);
    expect(r.certificate.verdict).toBe(expected.length === 0 ? "accepted" : "rejected");
    assertDigests(r);
  });

  it("a vm-sandbox profile fails closed naming the missing runtime evidence", async () => {
    const r = await run({ profile: (p) => ({ ...p, evidence_requirements: { ...p.evidence_requirements, require_runtime_attestation: true }, sandbox_requirements: { sandbox_backend: "vm", forbid_weaker_isolation: true, network_mode: "none", network_enforcement: "none" } }) });
    expect(codes(r.certificate)).toEqual(["X07TC_ERUNTIME_ATTEST", "X07TC_ESANDBOX_PROFILE"]);
    expect(r.certificate.diagnostics![0]!.message).toContain("VM runtime attestation");
  });

  it("an unknown profile → X07TC_EPROFILE (profile recorded as asked)", async () => {
    const r = await run({}, { profile: "no_such_profile" });
    expect(codes(r.certificate)[0]).toBe("X07TC_EPROFILE");
    expect(r.certificate.profile).toBe("no_such_profile");
  });

  it("a missing project → X07TC_EPROJECT with stub artifacts (still a schema-valid certificate)", async () => {
    const r = await run({}, { project: nodePath.join(tmpdir(), "no-such-x07-project") });
    expect(codes(r.certificate)).toEqual(["X07TC_EPROJECT"]);
    for (const f of ["boundaries.report.json", "verify.coverage.json", "tests.report.json", "trust.report.json", "compile.attest.json"])
      expect(JSON.parse(readFileSync(nodePath.join(r.outDir, f), "utf8"))).toMatchObject({ ok: false });
    assertDigests(r);
  });
});

describe("baseline review diff", () => {
  it("writes review.diff.{json,html,txt} and maps highlights to codes", async () => {
    const base = fixtureCopy();
    const r = await run({ reviewHighlights: { proof_changes: 1, boundary_changes: 2, network_policy_changes: 1 }, reviewExit: 20 }, { baseline: base });
    expect(codes(r.certificate)).toEqual(["X07TC_EDIFF_POSTURE", "X07TC_EDIFF_POSTURE", "X07TC_EBOUNDARY_RELAXED", "X07TC_ENET_POLICY"]);
    for (const f of ["review.diff.json", "review.diff.html", "review.diff.txt"]) expect(existsSync(nodePath.join(r.outDir, f))).toBe(true);
    expect(r.certificate.evidence.review_diff?.path).toBe("review.diff.json");
    expect(readFileSync(nodePath.join(r.outDir, "review.diff.txt"), "utf8")).toContain("- boundary_changes: 2");
  });
  it("a clean diff keeps the certificate accepted", async () => {
    const r = await run({}, { baseline: fixtureCopy() });
    expect(r.certificate.verdict).toBe("accepted");
  });
  it("a missing baseline → X07TC_EDIFF_POSTURE", async () => {
    const r = await run({}, { baseline: nodePath.join(tmpdir(), "no-such-baseline-x07") });
    expect(codes(r.certificate)).toContain("X07TC_EDIFF_POSTURE");
  });
});
