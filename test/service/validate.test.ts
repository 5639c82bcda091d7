/**
 * `x07 service validate`: every rule with a passing and a failing manifest (code + JSON Pointer), the
 * archetype match, entry-symbol resolution, and the CLI's exit codes and report.
 */
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { templateFiles } from "../../src/init/index.ts";
import type { InitTemplate } from "../../src/init/index.ts";
import { validateServiceManifest } from "../../src/service/index.ts";
import type { ServiceManifest, ServiceValidateOptions } from "../../src/service/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { runCli, tempTree } from "../_helpers/cli.ts";

const MANIFEST = "/p/arch/service/index.x07service.json";

/** The files of a scaffolded project under /p, with the service manifest replaced by `edit(manifest)`. */
const projectWith = (template: InitTemplate, edit: (m: ServiceManifest) => unknown = (m) => m): Record<string, string> => {
  const files = Object.fromEntries(templateFiles(template).map((f) => [`/p/${f.path}`, f.text]));
  const m = JSON.parse(files[MANIFEST]!) as ServiceManifest;
  return { ...files, [MANIFEST]: JSON.stringify(edit(structuredClone(m))) };
};

const run = (files: Record<string, string>, options: ServiceValidateOptions = {}) =>
  Effect.runPromise(Effect.provide(validateServiceManifest(MANIFEST, options), layerMemoryFileSystem(files)));

/** code@pointer of every diagnostic. */
const found = async (files: Record<string, string>, options: ServiceValidateOptions = {}) =>
  (await run(files, options)).diagnostics.map((d) => `${d.code}@${d.loc?.kind === "x07ast" ? d.loc.ptr : ""}`);

/** Validates the api-cell manifest after `edit`. */
const api = (edit: (m: ServiceManifest) => unknown) => found(projectWith("api-cell", edit));
const events = (edit: (m: ServiceManifest) => unknown) => found(projectWith("event-consumer", edit));
const sched = (edit: (m: ServiceManifest) => unknown) => found(projectWith("scheduled-job", edit));

type Cell = ServiceManifest["cells"][number];
const cell0 = (m: ServiceManifest): Cell => m.cells[0]!;
const rt = (m: ServiceManifest) => cell0(m).runtime!;

describe("scaffolded manifests", () => {
  it.each(["api-cell", "event-consumer", "scheduled-job", "policy-service", "workflow-service"] as const)("%s validates clean and matches its archetype", async (t) => {
    const r = await run(projectWith(t));
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.archetype?.id).toBe(t);
  });
});

describe("schema", () => {
  it("a wrong schema_version is X07SVC_SCHEMA at /schema_version; a missing one at the root", async () => {
    expect(await api((m) => ({ ...m, schema_version: "x07.service.manifest@9.0.0" }))).toEqual(["X07SVC_SCHEMA@/schema_version"]);
    expect(await api((m) => ({ ...m, schema_version: undefined }))).toEqual(["X07SVC_SCHEMA@"]);
  });
  it("an unknown vocabulary value names the field and lists the allowed values", async () => {
    const r = await run(projectWith("api-cell", (m) => ((cell0(m) as { scale_class: string }).scale_class = "elastic", m)));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: "X07SVC_SCHEMA", loc: { ptr: "/cells/0/scale_class" } });
    expect(r.diagnostics[0]!.message).toContain("replicated-http, partitioned-consumer, singleton-orchestrator, leased-worker, burst-batch, embedded-kernel");
  });
  it("an unknown field, an empty cells list and a blank service_id are schema errors", async () => {
    expect(await api((m) => ({ ...m, extra: 1 }))).toEqual(["X07SVC_SCHEMA@/extra"]);
    expect(await api((m) => ({ ...m, cells: [] }))).toEqual(["X07SVC_SCHEMA@/cells"]);
    expect(await api((m) => ({ ...m, service_id: "  " }))).toEqual(["X07SVC_SCHEMA@/service_id"]);
  });
});

describe("uniqueness", () => {
  it("cell keys: unique passes, a repeated key is X07SVC_CELL_KEY_DUP at the second cell", async () => {
    const second = (m: ServiceManifest, key: string): ServiceManifest => ({ ...m, cells: [cell0(m), { ...cell0(m), cell_key: key }] });
    const ok = await api((m) => second(m, "api2"));
    expect(ok).toEqual(["X07SVC_ARCHETYPE_NONE@"]); // two cells match no single archetype (a warning)
    expect(await api((m) => second(m, "api"))).toEqual(["X07SVC_CELL_KEY_DUP@/cells/1/cell_key", "X07SVC_ARCHETYPE_NONE@"]);
  });
  it("binding names and topology profile ids", async () => {
    expect(await api((m) => ({ ...m, resource_bindings: [...m.resource_bindings!, { name: "db.primary", kind: "postgres" }] }))).toEqual(["X07SVC_BINDING_DUP@/resource_bindings/4/name"]);
    expect(await api((m) => ({ ...m, topology_profiles: [...m.topology_profiles!, { id: "dev", placement: "co-located" }] }))).toEqual(["X07SVC_TOPOLOGY_DUP@/topology_profiles/2/id"]);
  });
});

describe("bindings", () => {
  it("every binding_refs entry must be declared, once", async () => {
    expect(await api((m) => ((cell0(m).binding_refs = ["db.primary", "cache.x"]), m))).toEqual(["X07SVC_BINDING_REF_UNKNOWN@/cells/0/binding_refs/1"]);
    expect(await api((m) => ((cell0(m).binding_refs = ["db.primary", "db.primary"]), m))).toEqual(["X07SVC_BINDING_REF_DUP@/cells/0/binding_refs/1"]);
    expect(await api((m) => ((cell0(m).binding_refs = []), m))).toEqual([]);
  });
  it("a blank reference is X07SVC_FIELD_EMPTY", async () => {
    expect(await api((m) => ((cell0(m).binding_refs = [" "]), m))).toEqual(["X07SVC_FIELD_EMPTY@/cells/0/binding_refs/0"]);
  });
});

describe("ingress", () => {
  it("the ingress kind must be the one the cell kind takes", async () => {
    const r = await run(projectWith("api-cell", (m) => ((cell0(m).ingress_kind = "event"), m)));
    expect(r.diagnostics[0]).toMatchObject({ code: "X07SVC_INGRESS_MISMATCH", loc: { ptr: "/cells/0/ingress_kind" }, data: { expected: "http" } });
  });
});

describe("event cells", () => {
  it("need runtime.event, and only event cells may have it", async () => {
    expect(await events((m) => (delete rt(m).event, m))).toEqual(["X07SVC_EVENT_RUNTIME@/cells/0/runtime"]);
    expect(await api((m) => ((rt(m).event = { binding_ref: "db.primary", topic: "t", consumer_group: "g" }), m))).toEqual(["X07SVC_EVENT_RUNTIME@/cells/0/runtime/event"]);
  });
  it("consume from a messaging binding that the cell references", async () => {
    const ptr = "X07SVC_EVENT_BINDING@/cells/0/runtime/event/binding_ref";
    expect(await events((m) => ((rt(m).event!.binding_ref = "db.primary"), m))).toEqual([ptr]); // postgres is not messaging
    expect(await events((m) => ((cell0(m).binding_refs = ["db.primary"]), m))).toEqual([ptr]); // not in binding_refs
    // kafka is a messaging kind too (the event-consumer archetype supports amqp only, hence the mismatch)
    expect(await events((m) => ((m.resource_bindings![0]!.kind = "kafka"), m))).toEqual(["X07SVC_ARCHETYPE_MISMATCH@/resource_bindings/0/kind"]);
  });
  it("topic and consumer group must not be blank", async () => {
    expect(await events((m) => ((rt(m).event!.topic = ""), m))).toEqual(["X07SVC_FIELD_EMPTY@/cells/0/runtime/event/topic"]);
    expect(await events((m) => ((rt(m).event!.consumer_group = " "), m))).toEqual(["X07SVC_FIELD_EMPTY@/cells/0/runtime/event/consumer_group"]);
  });
});

describe("schedule cells", () => {
  it("need runtime.schedule, and only schedule cells may have it", async () => {
    expect(await sched((m) => (delete cell0(m).runtime, m))).toEqual(["X07SVC_SCHEDULE_RUNTIME@/cells/0"]);
    expect(await api((m) => ((rt(m).schedule = { cron: "@daily" }), m))).toEqual(["X07SVC_SCHEDULE_RUNTIME@/cells/0/runtime/schedule"]);
  });
  it.each(["0 */6 * * *", "@hourly", "5,35 8-18 * JAN-MAR mon-fri", "0 0 1 */2 7", "*/1 0 31 12 0"])("accepts cron %s", async (cron) => {
    expect(await sched((m) => ((rt(m).schedule!.cron = cron), m))).toEqual([]);
  });
  it.each(["", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "1,,2 * * * *", "@every5m", "a * * * *", "1/2/3 * * * *"])(
    "rejects cron %j with X07SVC_CRON_INVALID",
    async (cron) => {
      expect(await sched((m) => ((rt(m).schedule!.cron = cron), m))).toEqual(["X07SVC_CRON_INVALID@/cells/0/runtime/schedule/cron"]);
    },
  );
  it("a blank timezone is X07SVC_FIELD_EMPTY", async () => {
    expect(await sched((m) => ((rt(m).schedule!.timezone = ""), m))).toEqual(["X07SVC_FIELD_EMPTY@/cells/0/runtime/schedule/timezone"]);
  });
});

describe("runtime hints", () => {
  it("probes: http needs a /path and no command; exec needs a command and no path or port", async () => {
    expect(await api((m) => ((rt(m).probes!.readiness!.path = "readyz"), m))).toEqual(["X07SVC_PROBE_INVALID@/cells/0/runtime/probes/readiness/path"]);
    expect(await api((m) => (delete rt(m).probes!.liveness!.path, m))).toEqual(["X07SVC_PROBE_INVALID@/cells/0/runtime/probes/liveness"]);
    expect(await api((m) => ((rt(m).probes!.startup = { probe_kind: "exec", command: ["/bin/ok"] }), m))).toEqual([]);
    expect(await api((m) => ((rt(m).probes!.startup = { probe_kind: "exec", command: ["/bin/ok"], port: 1 }), m))).toEqual(["X07SVC_PROBE_INVALID@/cells/0/runtime/probes/startup/port"]);
    expect(await api((m) => ((rt(m).probes!.startup = { probe_kind: "exec", command: [] }), m))).toEqual(["X07SVC_PROBE_INVALID@/cells/0/runtime/probes/startup/command"]);
  });
  it("rollout: step values are counts or percentages; canary-lite needs http/event ingress and 1..100", async () => {
    expect(await api((m) => ((rt(m).rollout!.max_surge = "a lot"), m))).toEqual(["X07SVC_ROLLOUT_INVALID@/cells/0/runtime/rollout/max_surge"]);
    expect(await api((m) => ((rt(m).rollout = { strategy: "canary-lite", canary_percent: 0 }), m))).toEqual(["X07SVC_ROLLOUT_INVALID@/cells/0/runtime/rollout/canary_percent"]);
    expect(await api((m) => ((rt(m).rollout = { strategy: "canary-lite", canary_percent: 100 }), m))).toEqual([]);
    expect(await sched((m) => ((rt(m).rollout = { strategy: "canary-lite" }), m))).toEqual(["X07SVC_ROLLOUT_INVALID@/cells/0/runtime/rollout/strategy"]);
  });
  it("autoscaling: http/event only, min <= max, a target, cpu in 1..100", async () => {
    const a = (m: ServiceManifest) => rt(m).autoscaling!;
    expect(await api((m) => ((a(m).min_replicas = 9), m))).toEqual(["X07SVC_AUTOSCALING_INVALID@/cells/0/runtime/autoscaling/min_replicas"]);
    expect(await api((m) => (delete a(m).target_cpu_utilization, m))).toEqual(["X07SVC_AUTOSCALING_INVALID@/cells/0/runtime/autoscaling"]);
    expect(await api((m) => ((a(m).target_cpu_utilization = 101), m))).toEqual(["X07SVC_AUTOSCALING_INVALID@/cells/0/runtime/autoscaling/target_cpu_utilization"]);
    expect(await sched((m) => ((rt(m).autoscaling = { min_replicas: 1, max_replicas: 2, target_inflight: 4 }), m))).toEqual(["X07SVC_AUTOSCALING_INVALID@/cells/0/runtime/autoscaling"]);
  });
});

describe("topology", () => {
  it("placements and target kinds come from the fixed vocabulary", async () => {
    expect(await api((m) => ((m.topology_profiles![0]!.placement = "everywhere"), m))).toEqual(["X07SVC_TOPOLOGY_VOCAB@/topology_profiles/0/placement"]);
    expect(await api((m) => ((m.topology_profiles![1]!.target_kind = "mainframe"), m))).toEqual(["X07SVC_TOPOLOGY_VOCAB@/topology_profiles/1/target_kind"]);
    expect(await api((m) => ((m.topology_profiles = [{ id: "edge", target_kind: "wasmcloud", placement: "dedicated-cell" }]), m))).toEqual([]);
  });
  it("a blank topology group is X07SVC_FIELD_EMPTY", async () => {
    expect(await api((m) => ((cell0(m).topology_group = ""), m))).toEqual(["X07SVC_FIELD_EMPTY@/cells/0/topology_group"]);
  });
});

describe("entry symbols", () => {
  it("must resolve to an exported function of the project", async () => {
    const at = "X07SVC_ENTRY_UNRESOLVED@/cells/0/entry_symbol";
    expect(await api((m) => ((cell0(m).entry_symbol = "quote.core.missing_v1"), m))).toEqual([at]);
    expect(await api((m) => ((cell0(m).entry_symbol = "nowhere.core.main"), m))).toEqual([at]);
    expect(await api((m) => ((cell0(m).entry_symbol = "main"), m))).toEqual([at]);
    expect(await api((m) => ((cell0(m).entry_symbol = "quote.core.line_total_v1"), m))).toEqual([]);
  });
  it("a declared but unexported function is reported as such", async () => {
    const files = projectWith("api-cell");
    const mod = JSON.parse(files["/p/src/quote/core.x07.json"]!);
    mod.decls[0].names = ["quote.core.line_total_v1"];
    const r = await run({ ...files, "/p/src/quote/core.x07.json": JSON.stringify(mod) });
    expect(r.diagnostics[0]!.code).toBe("X07SVC_ENTRY_UNRESOLVED");
    expect(r.diagnostics[0]!.message).toContain("does not export it");
  });
  it("without an x07.json the symbols are not resolved (a warning, still ok)", async () => {
    const files = projectWith("api-cell", (m) => ((cell0(m).entry_symbol = "quote.core.missing_v1"), m));
    delete files["/p/x07.json"];
    const r = await run(files);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["X07SVC_ENTRY_UNCHECKED", "warning"]]);
  });
});

describe("archetypes", () => {
  it("--archetype checks against the named archetype", async () => {
    expect(await found(projectWith("api-cell"), { archetype: "api-cell" })).toEqual([]);
    expect(await found(projectWith("api-cell"), { archetype: "event-consumer" })).toEqual([
      "X07SVC_ARCHETYPE_MISMATCH@/cells/0/cell_kind",
      "X07SVC_ARCHETYPE_MISMATCH@/cells/0/ingress_kind",
      "X07SVC_ARCHETYPE_MISMATCH@/resource_bindings/1/kind",
    ]);
    expect(await found(projectWith("api-cell"), { archetype: "nope" })).toEqual(["X07SVC_ARCHETYPE_UNKNOWN@"]);
  });
  it("the matched archetype's binding kinds are enforced", async () => {
    expect(await api((m) => (m.resource_bindings!.push({ name: "cache", kind: "redis" }), m))).toEqual(["X07SVC_ARCHETYPE_MISMATCH@/resource_bindings/4/kind"]);
  });
});

describe("x07 service validate (CLI)", () => {
  it("exit 0 with upstream's report body, 1 on findings, 2 when the file is missing or not JSON", async () => {
    const files = projectWith("api-cell");
    const dir = tempTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k.slice(3), v])));
    const ok = await runCli(["service", "validate"], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      manifest: "arch/service/index.x07service.json",
      service_id: "quote_api",
      cell_count: 1,
      topology_profiles: ["dev", "prod"],
      binding_names: ["db.primary", "obj.documents", "obs.otlp", "secret.app"],
      archetype: "api-cell",
    });
    const bad = tempTree({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k.slice(3), v])), "arch/service/index.x07service.json": files[MANIFEST]!.replace('"topology_group":"frontdoor"', '"topology_group":""') });
    const r1 = await runCli(["service", "validate", "--json"], bad);
    expect(r1.code).toBe(1);
    const rep = JSON.parse(r1.stdout);
    expect(rep).toMatchObject({ schema_version: "x07.tool.service.validate.report@0.1.0", ok: false, exit_code: 1 });
    expect(rep.diagnostics[0]).toMatchObject({ code: "X07SVC_FIELD_EMPTY", loc: { kind: "x07ast", ptr: "/cells/0/topology_group" }, data: { file: "arch/service/index.x07service.json" } });
    const missing = await runCli(["service", "validate", "--manifest", "nope.json", "--json"], dir);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).diagnostics[0].code).toBe("X07-IO-READ-0001");
    const notJson = tempTree({ "m.json": "{ nope" });
    const r2 = await runCli(["service", "validate", "--manifest", "m.json", "--json"], notJson);
    expect(r2.code).toBe(2);
    expect(JSON.parse(r2.stdout).diagnostics[0].code).toBe("X07-JSON-PARSE-0001");
  });

  it("--project points entry resolution at another x07.json", async () => {
    const files = projectWith("api-cell");
    const dir = tempTree({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [path.posix.join("proj", k.slice(3)), v])), "m.json": files[MANIFEST]! });
    expect((await runCli(["service", "validate", "--manifest", "m.json"], dir)).code).toBe(0); // no x07.json above: warning only
    const r = await runCli(["service", "validate", "--manifest", "m.json", "--project", "proj/x07.json", "--json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });
});
