/**
 * Trust profiles: the public profiles as data, strength, the fail-closed VM-evidence gate, resolution
 * (file, project, public id bound to the operational entry) and the project checks.
 */
import { rmSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Effect } from "effect";
import { validateByVersion } from "../../../src/core/contracts/written.ts";
import {
  BUILTIN_PROFILES,
  BUILTIN_PROFILE_IDS,
  PURE_FLOOR,
  builtinProfile,
  checkProfileStrength,
  checkTrustProfile,
  vmEvidenceGaps,
} from "../../../src/certify/profiles/index.ts";
import type { TrustProfile, TrustProfileCheckOptions } from "../../../src/certify/profiles/index.ts";
import { layerNodeFileSystemAt } from "../../../src/services/index.ts";
import { copyFixture, editJson, writeFile } from "../../arch/helpers.ts";

const check = (dir: string, o: TrustProfileCheckOptions) => Effect.runPromise(Effect.provide(checkTrustProfile(o), layerNodeFileSystemAt(dir)));
const codesOf = (ds: ReadonlyArray<{ code: string }>) => ds.map((d) => d.code);
const pure = (): TrustProfile => builtinProfile("verified_core_pure_v1", ["app.main"]);
const custom = (f: (p: any) => void): TrustProfile => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const p = structuredClone({ ...pure(), id: "my_profile_v1" }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  f(p);
  return p as TrustProfile;
};

/** The shop fixture turned into a run-os-sandboxed project with a policy and a capsule index. */
const sandboxedProject = (net: boolean): string => {
  const dir = copyFixture("shop");
  editJson(dir, "x07.json", (x) => {
    x.world = "run-os-sandboxed";
    x.default_profile = "os";
    x.profiles = { os: { world: "run-os-sandboxed", policy: "policy/run-os.json" } };
  });
  writeFile(dir, "policy/run-os.json", { schema_version: "x07.run-os-policy@0.1.0", net: net ? { enabled: true, allow_hosts: [{ host: "127.0.0.1", ports: [8080] }] } : { enabled: false } });
  writeFile(dir, "arch/capsules/index.x07capsule.json", { schema_version: "x07.capsule.index@0.1.0", capsules: [] });
  return dir;
};

describe("public trust profiles (data)", () => {
  it.each(BUILTIN_PROFILE_IDS)("%s is a valid x07.trust.profile@0.4.0 once bound to an entry", async (id) => {
    const doc = builtinProfile(id, ["app.main"]);
    expect(await validateByVersion(doc)).toEqual({ ok: true });
    expect(doc.id).toBe(id);
    expect(doc.entrypoints).toEqual(["app.main"]);
  });
  it("all four share the strict arch posture, per-symbol defn proofs and the compile/trust-report/SBOM floor", () => {
    for (const t of Object.values(BUILTIN_PROFILES)) {
      expect(Object.values(t.arch_requirements).filter((v) => v === false)).toEqual([]);
      expect(t.evidence_requirements).toMatchObject({ require_proof_mode: "prove", require_per_symbol_prove_reports_defn: true, allow_coverage_summary_imports: false, require_compile_attestation: true, require_trust_report_clean: true, require_sbom: true, require_pbt: "public_boundaries_only" });
    }
  });
  it("each meets its own strength demands", () => {
    for (const id of BUILTIN_PROFILE_IDS) expect(checkProfileStrength(builtinProfile(id, ["app.main"]))).toEqual([]);
  });
  it("only verified_core_pure_v1 needs no VM evidence", () => {
    expect(vmEvidenceGaps(pure())).toEqual([]);
    for (const id of BUILTIN_PROFILE_IDS.filter((x) => x !== "verified_core_pure_v1")) expect(vmEvidenceGaps(builtinProfile(id, ["app.main"])).length).toBeGreaterThan(0);
    expect(vmEvidenceGaps(builtinProfile("trusted_program_sandboxed_net_v1", ["app.main"])).join(" ")).toContain("effective allowlist");
  });
});

describe("profile strength", () => {
  it("a custom profile below the floor is X07TP_NOT_CERTIFIABLE, naming the failing fields", () => {
    expect(checkProfileStrength(custom(() => undefined))).toEqual([]);
    const d = checkProfileStrength(custom((p) => { p.language_subset.allow_recursion = true; p.evidence_requirements.require_sbom = false; }));
    expect(codesOf(d)).toEqual(["X07TP_NOT_CERTIFIABLE"]);
    expect(d[0]?.data?.["failing_fields"]).toEqual(["language_subset.allow_recursion", "evidence_requirements.require_sbom"]);
  });
  it.each(PURE_FLOOR.map(([field]) => field))("weakening %s alone breaks the floor", (field) => {
    const [section, key] = field.split(".") as [string, string];
    const weakened = custom((p) => {
      const cur = p[section][key];
      p[section][key] = typeof cur === "boolean" ? !cur : key === "require_pbt" ? "none" : key === "require_proof_coverage" ? "entry_only" : key === "manifest_min_version" ? "x07.arch.manifest@0.2.0" : key === "require_proof_mode" ? "runtime" : key === "sandbox_backend" ? "vm" : key === "network_mode" ? "none" : "none";
    });
    expect(codesOf(checkProfileStrength(weakened))).toEqual(["X07TP_NOT_CERTIFIABLE"]);
  });
  it("sandbox and capsule profiles keep their defining demands (by id)", () => {
    const local = { ...builtinProfile("trusted_program_sandboxed_local_v1", ["app.main"]) } as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    local.sandbox_requirements = { ...local.sandbox_requirements, network_mode: "allowlist" };
    local.worlds_allowed = ["run-os-sandboxed", "run-os"];
    expect(codesOf(checkProfileStrength(local))).toEqual(["X07TP_SANDBOX_BACKEND_REQUIRED", "X07TP_NETWORK_MODE_FORBIDDEN"]);
    const net = { ...builtinProfile("trusted_program_sandboxed_net_v1", ["app.main"]) } as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    net.evidence_requirements = { ...net.evidence_requirements, require_peer_policies: false, require_dependency_closure_attestation: false };
    expect(codesOf(checkProfileStrength(net))).toEqual(["X07TP_PEER_POLICY_REQUIRED", "X07TP_DEP_CLOSURE_REQUIRED"]);
    const cap = { ...builtinProfile("certified_capsule_v1", ["app.main"]) } as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    cap.evidence_requirements = { ...cap.evidence_requirements, require_per_symbol_prove_reports_async: true, require_effect_log_digests: false };
    expect(codesOf(checkProfileStrength(cap))).toEqual(["X07TP_CAPSULE_ATTEST_REQUIRED", "X07TP_EFFECT_LOG_REQUIRED"]);
  });
});

describe("trust profile check against a project", () => {
  it("verified_core_pure_v1 passes for the project's operational entry (public profile bound to it)", async () => {
    const r = await check(copyFixture("shop"), { profile: "verified_core_pure_v1", project: "x07.json", entry: "shop.core.total" });
    expect(r.report).toEqual({ schema_version: "x07.trust.profile.check@0.1.0", ok: true, profile: "verified_core_pure_v1", project: "x07.json", entry: "shop.core.total", diagnostics: [], exit_code: 0 });
    expect(r.source).toEqual({ kind: "builtin", id: "verified_core_pure_v1" });
  });
  it("any other entry is X07TP_ENTRY_FORBIDDEN; a project without an operational entry admits none", async () => {
    const dir = copyFixture("shop");
    const other = await check(dir, { profile: "verified_core_pure_v1", project: "x07.json", entry: "shop.util.add" });
    expect(other.report.exit_code).toBe(20);
    expect(codesOf(other.report.diagnostics)).toEqual(["X07TP_ENTRY_FORBIDDEN"]);
    editJson(dir, "x07.json", (x) => delete x.operational_entry_symbol);
    const none = await check(dir, { profile: "verified_core_pure_v1", project: ".", entry: "shop.core.total" });
    expect(codesOf(none.report.diagnostics)).toEqual(["X07TP_ENTRY_FORBIDDEN"]);
    expect(none.report.diagnostics[0]?.message).toContain("declares none");
    expect(none.report.project).toBe("x07.json");
  });
  it("a project profile in arch/trust/profiles wins over the public one, and a file path works too", async () => {
    const dir = copyFixture("shop");
    writeFile(dir, "arch/trust/profiles/verified_core_pure_v1.json", builtinProfile("verified_core_pure_v1", ["shop.util.add"]));
    writeFile(dir, "arch/trust/profiles/other.json", { ...builtinProfile("verified_core_pure_v1", ["shop.core.total"]), id: "shop_strict_v1" });
    const local = await check(dir, { profile: "verified_core_pure_v1", project: "x07.json", entry: "shop.util.add" });
    expect(local.report.ok).toBe(true);
    expect(local.source).toEqual({ kind: "project", path: "arch/trust/profiles/verified_core_pure_v1.json" });
    const byId = await check(dir, { profile: "shop_strict_v1", project: "x07.json", entry: "shop.core.total" });
    expect(byId.report).toMatchObject({ ok: true, profile: "shop_strict_v1" });
    const byPath = await check(dir, { profile: "arch/trust/profiles/other.json", entry: "shop.core.total" });
    expect(byPath.report).toMatchObject({ ok: true, profile: "shop_strict_v1" });
    expect(byPath.source).toEqual({ kind: "file", path: "arch/trust/profiles/other.json" });
  });
  it("unknown or invalid profiles are X07TP_INVALID", async () => {
    const dir = copyFixture("shop");
    expect(codesOf((await check(dir, { profile: "nope_v1", project: "x07.json" })).report.diagnostics)).toEqual(["X07TP_INVALID"]);
    writeFile(dir, "bad.json", { ...pure(), schema_version: "x07.trust.profile@0.3.0" });
    const bad = await check(dir, { profile: "bad.json" });
    expect(codesOf(bad.report.diagnostics)).toEqual(["X07TP_INVALID"]);
    expect(bad.report.profile).toBe("bad.json");
    writeFile(dir, "nul.json", { ...pure(), sandbox_requirements: null });
    expect((await check(dir, { profile: "nul.json" })).report.diagnostics[0]?.message).toContain("sandbox_requirements must be an object");
    expect(codesOf((await check(dir, { profile: "missing/file.json" })).report.diagnostics)).toEqual(["X07TP_INVALID"]);
  });
  it("a missing project is X07TP_PROJECT_MISMATCH", async () => {
    const r = await check(copyFixture("shop"), { profile: "verified_core_pure_v1", project: "elsewhere" });
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_PROJECT_MISMATCH"]);
  });
  it("world, language and arch posture are checked (codes and manifest pointers)", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "x07.json", (x) => (x.world = "solve-fs"));
    writeFile(dir, "src/shop/tasks.x07.json", { schema_version: "x07.x07ast@0.8.0", kind: "module", module_id: "shop.tasks", imports: [], decls: [{ kind: "defasync", name: "shop.tasks.run", params: [], result: "i32", body: 0 }] });
    editJson(dir, "arch/manifest.x07arch.json", (m) => {
      m.checks.deny_cycles = false;
      m.checks.allowlist_mode.enabled = false;
      delete m.contracts_v1;
    });
    const r = await check(dir, { profile: "verified_core_pure_v1", project: "x07.json", entry: "shop.core.total" });
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_WORLD", "X07TP_LANGUAGE", "X07TP_ARCH", "X07TP_ARCH", "X07TP_BOUNDARY"]);
    expect(r.report.diagnostics.filter((d) => d.code === "X07TP_ARCH").map((d) => d.data?.["ptr"])).toEqual(["/checks/allowlist_mode/enabled", "/checks/deny_cycles"]);
    expect(r.report.diagnostics.find((d) => d.code === "X07TP_BOUNDARY")?.data).toMatchObject({ path: "arch/manifest.x07arch.json", ptr: "/contracts_v1/boundaries/index_path" });
  });
  it("an old, missing or unreadable arch manifest is reported", async () => {
    const dir = copyFixture("shop");
    editJson(dir, "arch/manifest.x07arch.json", (m) => (m.schema_version = "x07.arch.manifest@0.2.0"));
    expect((await check(dir, { profile: "verified_core_pure_v1", project: "x07.json" })).report.diagnostics[0]?.message).toContain("schema_version mismatch");
    const none = copyFixture("shop");
    rmSync(path.join(none, "arch/manifest.x07arch.json"));
    const missing = await check(none, { profile: "verified_core_pure_v1", project: "x07.json" });
    expect(codesOf(missing.report.diagnostics)).toEqual(["X07TP_ARCH"]);
    expect(missing.report.diagnostics[0]?.message).toContain("does not expose arch/manifest.x07arch.json");
    writeFile(none, "arch/manifest.x07arch.json", "{");
    const r = await check(none, { profile: "verified_core_pure_v1", project: "x07.json" });
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_PROJECT_MISMATCH", "X07TP_ARCH"]);
  });
});

describe("sandboxed and capsule profiles fail closed", () => {
  it.each([
    ["trusted_program_sandboxed_local_v1", false],
    ["trusted_program_sandboxed_net_v1", true],
    ["certified_capsule_v1", false],
  ] as const)("%s on a fully prepared run-os-sandboxed project: only the missing VM evidence remains", async (id, net) => {
    const dir = sandboxedProject(net);
    const r = await check(dir, { profile: id, project: "x07.json", entry: "shop.core.total" });
    expect(r.report.ok).toBe(false);
    expect(r.report.exit_code).toBe(20);
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_BACKEND_NOT_CERTIFIABLE"]);
    const d = r.report.diagnostics[0];
    expect(d?.message).toContain("cannot produce");
    expect(d?.data?.["missing_evidence"]).toEqual(vmEvidenceGaps(builtinProfile(id, ["shop.core.total"])));
  });
  it("the network posture of the project is still checked", async () => {
    const dir = sandboxedProject(false);
    const r = await check(dir, { profile: "trusted_program_sandboxed_net_v1", project: "x07.json", entry: "shop.core.total" });
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_BACKEND_NOT_CERTIFIABLE", "X07TP_NETWORK_PROFILE_REQUIRED", "X07TP_NETWORK_PROFILE_REQUIRED"]);
    const local = await check(sandboxedProject(true), { profile: "trusted_program_sandboxed_local_v1", project: "x07.json" });
    expect(codesOf(local.report.diagnostics)).toEqual(["X07TP_BACKEND_NOT_CERTIFIABLE", "X07TP_NETWORK_MODE_FORBIDDEN"]);
  });
  it("a custom profile demanding a VM backend fails closed too", async () => {
    const dir = copyFixture("shop");
    writeFile(dir, "vm.json", custom((p) => (p.sandbox_requirements.sandbox_backend = "vm")));
    const r = await check(dir, { profile: "vm.json" });
    expect(codesOf(r.report.diagnostics)).toEqual(["X07TP_NOT_CERTIFIABLE", "X07TP_BACKEND_NOT_CERTIFIABLE"]);
  });
});
