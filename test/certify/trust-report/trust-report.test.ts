import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { trustReport, writeTrustReportBundle } from "../../../src/certify/trust-report/index.ts";
import type { TrustReportOptions, TrustReportResult } from "../../../src/certify/trust-report/index.ts";
import { validateAs } from "../../../src/core/contracts/index.ts";
import { layerNodeFileSystemAt } from "../../../src/services/index.ts";
import { tempTree } from "../../_helpers/cli.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
const run = (cwd: string, project: string | undefined, options: TrustReportOptions): Promise<TrustReportResult> =>
  Effect.runPromise(Effect.provide(trustReport(project, options), layerNodeFileSystemAt(cwd)));
const fail = (cwd: string, project: string | undefined, options: TrustReportOptions) =>
  Effect.runPromise(Effect.provide(Effect.flip(trustReport(project, options)), layerNodeFileSystemAt(cwd)));
const read = (dir: string, rel: string): any => JSON.parse(readFileSync(path.join(dir, rel), "utf8"));
const j = (v: unknown): string => JSON.stringify(v, null, 2);

const entry = (solve: unknown) => j({ schema_version: "x07.x07ast@0.5.0", kind: "entry", module_id: "main", imports: [], decls: [], solve });

/** A sandboxed policy; `open` turns on every switch a flag is raised for. */
const policy = (open: boolean) =>
  j({
    schema_version: "x07.run-os-policy@0.1.0",
    policy_id: "gate",
    limits: { cpu_ms: 100, wall_ms: 300, mem_bytes: 1048576, fds: 4, procs: 0 },
    fs: { enabled: false, read_roots: [], write_roots: [] },
    net: { enabled: open, allow_dns: false, allow_tcp: open, allow_udp: false, allow_hosts: open ? [{ host: "feeds.internal", ports: [443] }] : [] },
    env: { enabled: open, allow_keys: [], deny_keys: [] },
    time: { enabled: true, allow_monotonic: true, allow_wall_clock: open, allow_sleep: false, max_sleep_ms: 0, allow_local_tzid: false },
    language: { allow_unsafe: open, allow_ffi: open },
    process: { enabled: open, allow_spawn: false, allow_exec: false, allow_exit: false, allow_execs: [], allow_exec_prefixes: [] },
  });

const sandboxProject = (open = true) =>
  tempTree({
    "x07.json": j({
      schema_version: "x07.project@0.5.0",
      world: "solve-pure",
      entry: "src/main.x07.json",
      module_roots: ["src"],
      default_profile: "sandbox",
      profiles: { sandbox: { world: "run-os-sandboxed", policy: ".x07/policies/gate.policy.json", solve_fuel: 8192, max_memory_bytes: 4194304 } },
    }),
    ".x07/policies/gate.policy.json": policy(open),
    "src/main.x07.json": entry(["begin", ["budget.scope_v1", { label: "tick", mode: "strict", limits: { fuel: 64 } }], ["std.os.time.now_unix_ms_v1"], ["bytes.lit", "ok"]]),
    "src/feed/poll.x07.json": j({
      schema_version: "x07.x07ast@0.5.0",
      kind: "module",
      module_id: "feed.poll",
      imports: [],
      decls: [{ kind: "defn", name: "feed.poll.fetch", params: [], result: "bytes", body: ["begin", ["budget.scope_from_arch_v1", "poll_budget"], ["std.os.net.http_get_v1", ["bytes.lit", "x"]]] }],
    }),
    "arch/manifest.x07arch.json": j({ nodes: [{ id: "z_feed", world: "run-os-sandboxed" }, { id: "core", world: "solve-pure" }] }),
    "arch/budgets/index.x07budgets.json": j({ profiles: [{ id: "poll_budget", enforce: "warn", worlds_allowed: ["run-os-sandboxed"] }] }),
  });

describe("trust report", () => {
  it("flags policy switches, the world and wall-clock use; finds scopes and namespaces; is schema-valid and byte-identical across runs", async () => {
    const dir = sandboxProject();
    const a = await run(dir, "x07.json", { out: "out/trust.json", htmlOut: "out/trust.html" });
    const first = { json: readFileSync(path.join(dir, "out/trust.json"), "utf8"), sbom: readFileSync(path.join(dir, "out/trust.sbom.cdx.json"), "utf8"), html: a.html };
    const b = await run(dir, "x07.json", { out: "out/trust.json", htmlOut: "out/trust.html" });
    expect(readFileSync(path.join(dir, "out/trust.json"), "utf8")).toBe(first.json);
    expect(readFileSync(path.join(dir, "out/trust.sbom.cdx.json"), "utf8")).toBe(first.sbom);
    expect(b.html).toBe(first.html);
    expect(a.exitCode).toBe(0);
    const r = read(dir, "out/trust.json");
    expect(validateAs("x07.trust.report@0.1.0", r).ok).toBe(true);
    expect(r.nondeterminism.flags.map((f: any) => f.kind)).toEqual(["allow_ffi", "allow_unsafe", "net_enabled", "os_env", "os_time", "process_enabled", "world_non_deterministic"]);
    expect(r.project).toMatchObject({ root: "", world: "run-os-sandboxed", runner: "os", module_roots: ["src"], policy_effective_path: ".x07/policies/gate.policy.json", arch_root: "arch" });
    expect(r.budgets.caps).toEqual({
      run_profile: { solve_fuel: 8192, max_memory_bytes: 4194304, max_output_bytes: null, cpu_time_limit_seconds: null },
      policy_limits: { cpu_ms: 100, wall_ms: 300, mem_bytes: 1048576, fds: 4, procs: 0 },
    });
    expect(r.budgets.scopes.map((s: any) => [s.kind, s.module_id, s.fn, s.ptr, s.label ?? s.arch_profile_id])).toEqual([
      ["from_arch_v1", "feed.poll", "feed.poll.fetch", "/decls/0/body/1", "poll_budget"],
      ["inline_v1", "main", "solve", "/solve/1", "tick"],
    ]);
    expect(r.budgets.scopes[1].limits).toMatchObject({ fuel: 64, alloc_bytes: null });
    expect(r.budgets.arch_profiles).toEqual([{ id: "poll_budget", enforce: "warn", worlds_allowed: ["run-os-sandboxed"] }]);
    expect(r.capabilities.used.namespaces).toEqual(["std.os.net.", "std.os.time."]);
    expect(r.capabilities.used.details["budget.scope_v1"]).toBe(1);
    expect(r.capabilities.declared.arch_world_assignments.map((x: any) => x.node_id)).toEqual(["core", "z_feed"]);
    expect(r.capabilities.declared.policy.net.allow_hosts).toEqual([{ host: "feeds.internal", ports: [443] }]);
    expect(r.capabilities.observed).toBeNull();
    expect(r.sbom).toMatchObject({ format: "cyclonedx", generated: true, path: "out/trust.sbom.cdx.json", cyclonedx: { spec_version: "1.5" }, spdx: null });
    expect(r.invocation).toEqual({ argv: [], cwd: "", started_at_unix_ms: 0, project_path: "x07.json", profile: null });
    expect(a.html).not.toMatch(/<script|<link|src=|href=/i);
  });

  it("--fail-on: each policy condition, nondeterminism and sbom-missing exit 20; a closed policy passes the policy gates", async () => {
    const dir = sandboxProject();
    for (const g of ["allow-unsafe", "allow-ffi", "net-enabled", "process-enabled", "nondeterminism"] as const) {
      const r = await run(dir, "x07.json", { out: `g/${g}.json`, failOn: [g] });
      expect(r.exitCode, g).toBe(20);
      expect(r.firedGates).toEqual([g]);
    }
    const none = await run(dir, "x07.json", { out: "n/trust.json", sbomFormat: "none", failOn: ["sbom-missing"] });
    expect(none.exitCode).toBe(20);
    expect(existsSync(path.join(dir, "n/trust.json"))).toBe(true);
    expect(existsSync(path.join(dir, "n/trust.sbom.cdx.json"))).toBe(false);
    expect(none.diagnostics.map((d) => d.code)).toEqual(["E_SBOM_GENERATION_FAILED"]);

    const closed = sandboxProject(false);
    const c = await run(closed, "x07.json", { out: "t.json", failOn: ["allow-unsafe", "allow-ffi", "net-enabled", "process-enabled", "sbom-missing"] });
    expect(c.exitCode).toBe(0);
    // The world itself is still a nondeterminism source.
    expect((await run(closed, "x07.json", { out: "t.json", failOn: ["nondeterminism"] })).exitCode).toBe(20);
  });

  it("a solve-pure project: host runner, default caps, deterministic-eval, no flags; SPDX when asked", async () => {
    const dir = tempTree({
      "x07.json": j({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/main.x07.json": entry(["bytes.lit", "hi"]),
      "stdlib.lock": j({ packages: [{ name: "std-core", version: "0.9.1" }, { name: "std-text", version: "0.2.0" }, { name: "std-core", version: "0.9.1" }] }),
    });
    const r = await run(dir, "x07.json", { out: "trust.json", sbomFormat: "spdx", failOn: ["nondeterminism"] });
    expect(r.exitCode).toBe(0);
    const doc = r.report as any;
    expect(doc.project.runner).toBe("host");
    expect(doc.budgets.caps).toEqual({ run_profile: { solve_fuel: 50000000, max_memory_bytes: 67108864, max_output_bytes: null, cpu_time_limit_seconds: null }, policy_limits: null });
    expect(doc.capabilities.observed).toEqual({ mode: "deterministic-eval" });
    expect(doc.sbom.components.map((c: any) => `${c.kind}:${c.name}`)).toEqual(["stdlib:std-core", "stdlib:std-text", "toolchain:x07-sdk"]);
    expect(doc.sbom.path).toBe("trust.sbom.spdx.json");
    const spdx = read(dir, "trust.sbom.spdx.json");
    expect(spdx).toMatchObject({ spdxVersion: "SPDX-2.3", creationInfo: { created: "2000-01-01T00:00:00Z" } });
    expect(spdx.packages).toHaveLength(3);
  });

  it("observed usage from run and x07test reports", async () => {
    const mem = { alloc_calls: 3, realloc_calls: 0, free_calls: 3, bytes_alloc_total: 96, bytes_freed_total: 96, live_bytes: 0, peak_live_bytes: 64, live_allocs: 0, peak_live_allocs: 2, memcpy_bytes: 8 };
    const dir = tempTree({
      "x07.json": j({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/main.x07.json": entry(["bytes.lit", "hi"]),
      "r1.json": j({ report: { solve: { fuel_used: 120, heap_used: 64, mem_stats: mem, fs_read_file_calls: 2 } } }),
      "r2.json": j({ solve: { fuel_used: 90, heap_used: 80, mem_stats: mem } }),
      "t.json": j({ tests: [{ world: "solve-pure", run: { fuel_used: 300 } }, { world: "solve-fs" }] }),
    });
    const r = (await run(dir, "x07.json", { out: "o.json", runReports: ["r1.json", "r2.json"], x07testReports: ["t.json"] })).report as any;
    expect(r.budgets.observed).toEqual({ fuel_used: 300, heap_used: 80, mem_stats: mem });
    expect(r.capabilities.observed).toEqual({ fs_read_file_calls: 2, x07test_worlds: ["solve-fs", "solve-pure"] });
    const missing = await fail(dir, "x07.json", { out: "o.json", runReports: ["nope.json"] });
    expect(missing.diagnostics[0]!.code).toBe("X07TR_EPROJECT");
  });

  describe("dependency capability policy", () => {
    const withDep = (extra: Record<string, string> = {}) =>
      tempTree({
        "x07.json": j({
          schema_version: "x07.project@0.5.0",
          world: "solve-pure",
          entry: "src/main.x07.json",
          module_roots: ["src"],
          dependencies: [{ name: "ext-feeds", version: "1.2.0", path: "deps/ext-feeds" }],
        }),
        "x07.lock.json": j({ schema_version: "x07.lock@0.4.0", dependencies: [{ name: "ext-feeds", version: "1.2.0", path: "deps/ext-feeds", module_root: "modules" }] }),
        "src/main.x07.json": entry(["bytes.lit", "hi"]),
        "deps/ext-feeds/modules/ext/feeds.x07.json": j({
          schema_version: "x07.x07ast@0.5.0",
          kind: "module",
          module_id: "ext.feeds",
          imports: [],
          decls: [{ kind: "defn", name: "ext.feeds.get", params: [], result: "bytes", body: ["std.os.net.http_get_v1", ["bytes.lit", "u"]] }],
        }),
        ...extra,
      });

    it("a denied namespace in a dependency is E_DEPS_CAP_POLICY_DENY and fails --fail-on deps-capability", async () => {
      const dir = withDep({ "x07.deps.capability-policy.json": j({ schema_version: "x07.deps.capability_policy@0.1.0", policy_id: "no-net", default: { deny_sensitive_namespaces: ["std.os.net"] } }) });
      const r = await run(dir, "x07.json", { out: "o.json", failOn: ["deps-capability"] });
      expect(r.exitCode).toBe(20);
      const d = r.diagnostics.find((x) => x.code === "E_DEPS_CAP_POLICY_DENY")!;
      expect(d.data).toMatchObject({ offending_namespaces: ["std.os.net."], package: { name: "ext-feeds", version: "1.2.0" }, policy: { policy_id: "no-net" } });
      expect((r.report as any).sbom.components.map((c: any) => `${c.kind}:${c.name}@${c.version}`)).toEqual(["package:ext-feeds@1.2.0", "toolchain:x07-sdk@0.1.0"]);
      // Without the gate the violation is reported but does not fail; under --strict it does.
      expect((await run(dir, "x07.json", { out: "o.json" })).exitCode).toBe(0);
      expect((await run(dir, "x07.json", { out: "o.json", strict: true })).exitCode).toBe(20);
    });

    it("a package allowance re-allows the namespace", async () => {
      const dir = withDep({
        "pol/deps.json": j({ policy_id: "allow-feeds", default: { deny_sensitive_namespaces: ["std.os.net."] }, packages: [{ name: "ext-feeds", allow_sensitive_namespaces: ["std.os.net"] }] }),
      });
      const r = await run(dir, "x07.json", { out: "o.json", failOn: ["deps-capability"], depsCapPolicy: "pol/deps.json" });
      expect(r.diagnostics).toEqual([]);
      expect(r.exitCode).toBe(0);
      const unsafe = await fail(dir, "x07.json", { out: "o.json", depsCapPolicy: "../pol/deps.json" });
      expect(unsafe.diagnostics[0]!.message).toContain("safe relative path");
    });

    it("a missing policy is a warning, an error only under --fail-on deps-capability", async () => {
      const dir = withDep();
      const soft = await run(dir, "x07.json", { out: "o.json" });
      expect(soft.exitCode).toBe(0);
      expect(soft.diagnostics.map((d) => [d.code, d.severity])).toEqual([["W_DEPS_CAP_POLICY_MISSING", "warning"]]);
      const hard = await run(dir, "x07.json", { out: "o.json", failOn: ["deps-capability"] });
      expect(hard.exitCode).toBe(20);
      expect(hard.diagnostics.map((d) => [d.code, d.severity])).toEqual([["W_DEPS_CAP_POLICY_MISSING", "error"]]);
    });
  });

  it("--strict: no lockfile is an issue; no project is an issue", async () => {
    const dir = tempTree({
      "x07.json": j({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/main.x07.json": entry(["bytes.lit", "hi"]),
    });
    const r = await run(dir, "x07.json", { out: "o.json", strict: true });
    expect(r.exitCode).toBe(20);
    expect(r.strictIssues).toEqual(["strict mode: lockfile missing"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["X07TR_ESTRICT"]);
    const bare = await run(dir, undefined, { out: "p.json", strict: true });
    expect(bare.strictIssues).toEqual(["strict mode requires a project manifest"]);
    expect((bare.report as any).project.root).toBe("");
  });

  it("project errors: unknown profile, missing policy file, sandboxed profile without a policy", async () => {
    const dir = sandboxProject();
    expect((await fail(dir, "x07.json", { out: "o.json", profile: "prod" })).diagnostics[0]!.message).toContain('unknown profile "prod" (available: sandbox)');
    expect((await fail(dir, "missing.json", { out: "o.json" })).diagnostics[0]!.code).toBe("X07TR_EPROJECT");
    const noPolicyFile = tempTree({
      "x07.json": j({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "m.x07.json", module_roots: ["."], profiles: { dev: { world: "run-os-sandboxed", policy: "p.json" } } }),
    });
    expect((await fail(noPolicyFile, "x07.json", { out: "o.json" })).diagnostics[0]!.message).toBe("missing policy file: p.json");
    const noPolicy = tempTree({
      "x07.json": j({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "m.x07.json", module_roots: ["."], profiles: { os: { world: "run-os-sandboxed" } } }),
    });
    expect((await fail(noPolicy, "x07.json", { out: "o.json" })).diagnostics[0]!.message).toContain('profiles["os"].policy is required');
  });

  it("a policy without every limit gives a schema-invalid report: exit 20, X07TR_ESCHEMA, nothing written to --out", async () => {
    const dir = sandboxProject(false);
    const p = path.join(dir, ".x07/policies/gate.policy.json");
    const doc = JSON.parse(readFileSync(p, "utf8"));
    delete doc.limits.procs;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(p, JSON.stringify(doc));
    const r = await run(dir, "x07.json", { out: "bad.json" });
    expect(r.valid).toBe(false);
    expect(r.exitCode).toBe(20);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["X07TR_ESCHEMA"]);
    expect(existsSync(path.join(dir, "bad.json"))).toBe(false);
  });

  it("writeTrustReportBundle writes trust.report.json, trust.report.html and the CycloneDX SBOM into the out dir", async () => {
    const dir = sandboxProject(false);
    const r = await Effect.runPromise(Effect.provide(writeTrustReportBundle("x07.json", "cert"), layerNodeFileSystemAt(dir)));
    expect(r.paths).toEqual({ out: "cert/trust.report.json", html: "cert/trust.report.html", sbom: "cert/trust.report.sbom.cdx.json" });
    for (const f of Object.values(r.paths)) expect(existsSync(path.join(dir, f!))).toBe(true);
    const cdx = read(dir, "cert/trust.report.sbom.cdx.json");
    expect(cdx).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.5", version: 1 });
    expect(cdx.components[0]["bom-ref"]).toMatch(/^x07:[0-9a-f]{64}$/);
    expect(read(dir, "cert/trust.report.json").sbom.path).toBe("cert/trust.report.sbom.cdx.json");
  });

  it("write: false returns the report, HTML and SBOM without writing (the certify service shape)", async () => {
    const dir = sandboxProject(false);
    const r = await run(dir, "x07.json", { out: "trust.report.json", htmlOut: "trust.report.html", write: false });
    expect(r.paths).toEqual({ out: null, html: null, sbom: null });
    expect(existsSync(path.join(dir, "trust.report.json"))).toBe(false);
    expect(existsSync(path.join(dir, "trust.report.sbom.cdx.json"))).toBe(false);
    expect((r.report as any).sbom).toMatchObject({ generated: true, path: "trust.report.sbom.cdx.json" });
    expect(r.sbom).toMatchObject({ bomFormat: "CycloneDX" });
    expect(r.html).toContain("<h1>x07 trust report</h1>");
  });
});
