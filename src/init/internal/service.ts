/**
 * The five service archetype scaffolds. Each writes the canonical service tree: x07.json (sandbox profile
 * over policy/run-os.json), lockfile, a starter domain kernel wired into src/main.x07.json, the arch manifest
 * (kernel / shell / tests nodes), the boundaries index, the service manifest (one cell with the archetype's
 * ingress, runtime and scale class, bindings, topology group and runtime hints), the run-os policy, tests and
 * a README. The domain kernels are solve-pure so `x07 test` runs them in-process; the service's OS side is
 * described by the manifests, not exercised by tests.
 */
import type { ServiceManifest } from "../../service/index.ts";
import { archetypeById } from "../../service/index.ts";
import type { CellKind } from "../../service/index.ts";
import { archManifest, ARCH_MANIFEST_PATH, boundariesIndex, BOUNDARIES_INDEX_PATH } from "./arch.ts";
import { gitignore, json, lockJson, projectJson } from "./files.ts";
import type { TemplateFile } from "./files.ts";
import { clamp, kernelBoundary, kernelFiles, kernelSymbols, modulePath } from "./kernel.ts";
import type { KernelSpec } from "./kernel.ts";

type Cell = ServiceManifest["cells"][number];
type Binding = NonNullable<ServiceManifest["resource_bindings"]>[number];

/** What differs between archetypes: the kernel, the cell's key, group and runtime hints, and the bindings. */
interface ArchetypeTemplate {
  readonly serviceId: string;
  readonly displayName: string;
  readonly kernel: KernelSpec;
  readonly cellKey: string;
  readonly topologyGroup: string;
  readonly bindings: ReadonlyArray<Binding>;
  readonly runtime: NonNullable<Cell["runtime"]>;
  readonly about: string;
}

const SECRET: Binding = { name: "secret.app", kind: "secret", required: true };
const OTLP: Binding = { name: "obs.otlp", kind: "otlp", required: false };
type Probes = NonNullable<NonNullable<Cell["runtime"]>["probes"]>;
const httpProbes: Probes = {
  readiness: { probe_kind: "http", path: "/readyz", port: 8080, period_seconds: 5, failure_threshold: 3 },
  liveness: { probe_kind: "http", path: "/livez", port: 8080, period_seconds: 10, failure_threshold: 3 },
};
const execProbes = (tool: string): Probes => ({
  readiness: { probe_kind: "exec", command: [tool, "--ready"], period_seconds: 10 },
  liveness: { probe_kind: "exec", command: [tool, "--alive"], period_seconds: 20 },
});

const TEMPLATES: Record<CellKind & ("api-cell" | "event-consumer" | "scheduled-job" | "policy-service" | "workflow-service"), ArchetypeTemplate> = {
  "api-cell": {
    serviceId: "quote_api",
    displayName: "Quote API",
    cellKey: "api",
    topologyGroup: "frontdoor",
    about: "prices one order line: quantity times unit price in cents",
    kernel: {
      module: "quote.core",
      fn: "line_total_v1",
      doc: "The price of one order line in cents: qty clamped to 0..1000 times unit_cents clamped to 0..100000.",
      params: ["qty", "unit_cents"],
      body: ["begin", ["let", "q", clamp("qty", 0, 1000)], ["let", "u", clamp("unit_cents", 0, 100000)], ["*", "q", "u"]],
      ensures: [
        [">=", "__result", 0],
        ["<=", "__result", 100000000],
      ],
      cases: [
        { args: [3, 250], expect: 750 },
        { args: [0, 999], expect: 0 },
        { args: [5000, 2], expect: 2000 },
        { args: [-4, 100], expect: 0 },
      ],
      gens: [
        { min: -100, max: 5000 },
        { min: -100, max: 500000 },
      ],
    },
    bindings: [{ name: "db.primary", kind: "postgres", required: true }, { name: "obj.documents", kind: "s3", required: false }, SECRET, OTLP],
    runtime: { probes: httpProbes, rollout: { strategy: "rolling", max_unavailable: "25%", max_surge: "25%" }, autoscaling: { min_replicas: 2, max_replicas: 6, target_cpu_utilization: 70 } },
  },
  "event-consumer": {
    serviceId: "ledger_consumer",
    displayName: "Ledger Consumer",
    cellKey: "consumer",
    topologyGroup: "async",
    about: "applies one balance change from a payment event",
    kernel: {
      module: "ledger.core",
      fn: "apply_delta_v1",
      doc: "The balance after one event: balance clamped to 0..1000000000 plus delta clamped to -1000000..1000000, floored at 0.",
      params: ["balance", "delta"],
      body: ["begin", ["let", "b", clamp("balance", 0, 1000000000)], ["let", "d", clamp("delta", -1000000, 1000000)], ["let", "s", ["+", "b", "d"]], ["if", ["<", "s", 0], 0, "s"]],
      ensures: [
        [">=", "__result", 0],
        ["<=", "__result", 1001000000],
      ],
      cases: [
        { args: [100, -30], expect: 70 },
        { args: [10, -30], expect: 0 },
        { args: [0, 5000000], expect: 1000000 },
      ],
      gens: [
        { min: -1000, max: 2000000000 },
        { min: -3000000, max: 3000000 },
      ],
    },
    bindings: [{ name: "msg.payments", kind: "amqp", required: true }, { name: "db.primary", kind: "postgres", required: true }, SECRET, OTLP],
    runtime: {
      event: { binding_ref: "msg.payments", topic: "payments.settled", consumer_group: "ledger-consumer", ack_mode: "manual", max_in_flight: 32, drain_timeout_seconds: 30 },
      probes: execProbes("/bin/ledger-consumer-health"),
      rollout: { strategy: "rolling", max_unavailable: "1" },
      autoscaling: { min_replicas: 1, max_replicas: 8, target_inflight: 64 },
    },
  },
  "scheduled-job": {
    serviceId: "sweep_job",
    displayName: "Sweep Job",
    cellKey: "sweeper",
    topologyGroup: "batch",
    about: "sizes the next batch of a periodic clean-up run",
    kernel: {
      module: "sweep.core",
      fn: "batch_size_v1",
      doc: "How many pending items the next run takes: pending (at least 0) capped by max_batch clamped to 1..10000.",
      params: ["pending", "max_batch"],
      body: ["begin", ["let", "p", ["if", ["<", "pending", 0], 0, "pending"]], ["let", "m", clamp("max_batch", 1, 10000)], ["if", ["<", "p", "m"], "p", "m"]],
      ensures: [
        [">=", "__result", 0],
        ["<=", "__result", 10000],
      ],
      cases: [
        { args: [25, 10], expect: 10 },
        { args: [3, 10], expect: 3 },
        { args: [-5, 10], expect: 0 },
        { args: [50000, 0], expect: 1 },
      ],
      gens: [
        { min: -1000, max: 1000000 },
        { min: -100, max: 50000 },
      ],
    },
    bindings: [{ name: "db.primary", kind: "postgres", required: true }, SECRET, OTLP],
    runtime: { schedule: { cron: "*/15 * * * *", timezone: "UTC", concurrency_policy: "forbid", retry_limit: 3, start_deadline_seconds: 300 } },
  },
  "policy-service": {
    serviceId: "access_policy",
    displayName: "Access Policy",
    cellKey: "decider",
    topologyGroup: "frontdoor",
    about: "decides whether a role may perform an action",
    kernel: {
      module: "access.core",
      fn: "decide_v1",
      doc: "1 (allow) when role (0 viewer, 1 editor, 2 admin) is at least action (0 read, 1 write, 2 delete) and both are known, else 0 (deny).",
      params: ["role", "action"],
      body: ["if", ["&&", ["&&", [">=", "role", 0], ["<=", "role", 2]], ["&&", [">=", "action", 0], ["<=", "action", 2]]], ["if", [">=", "role", "action"], 1, 0], 0],
      ensures: [
        [">=", "__result", 0],
        ["<=", "__result", 1],
      ],
      cases: [
        { args: [2, 2], expect: 1 },
        { args: [0, 1], expect: 0 },
        { args: [1, 0], expect: 1 },
        { args: [3, 0], expect: 0 },
      ],
      gens: [
        { min: -3, max: 5 },
        { min: -3, max: 5 },
      ],
    },
    bindings: [{ name: "db.policy", kind: "postgres", required: true }, SECRET, OTLP],
    runtime: { probes: httpProbes, rollout: { strategy: "canary-lite", canary_percent: 10 }, autoscaling: { min_replicas: 2, max_replicas: 4, target_cpu_utilization: 60 } },
  },
  "workflow-service": {
    serviceId: "job_workflow",
    displayName: "Job Workflow",
    cellKey: "orchestrator",
    topologyGroup: "control",
    about: "steps a job through pending, running, done and failed",
    kernel: {
      module: "flow.core",
      fn: "next_state_v1",
      doc: "The next job state (0 pending, 1 running, 2 done, 3 failed) after an event (0 start, 1 succeed, 2 fail); an unknown state becomes failed, other pairs keep the state.",
      params: ["state", "event"],
      body: [
        "if",
        ["||", ["<", "state", 0], [">", "state", 3]],
        3,
        ["if", ["&&", ["=", "state", 0], ["=", "event", 0]], 1, ["if", ["=", "state", 1], ["if", ["=", "event", 1], 2, ["if", ["=", "event", 2], 3, 1]], "state"]],
      ],
      ensures: [
        [">=", "__result", 0],
        ["<=", "__result", 3],
      ],
      cases: [
        { args: [0, 0], expect: 1 },
        { args: [1, 1], expect: 2 },
        { args: [1, 2], expect: 3 },
        { args: [2, 0], expect: 2 },
        { args: [9, 0], expect: 3 },
      ],
      gens: [
        { min: -3, max: 6 },
        { min: -3, max: 6 },
      ],
    },
    bindings: [{ name: "msg.jobs", kind: "amqp", required: true }, { name: "db.primary", kind: "postgres", required: true }, SECRET, OTLP],
    runtime: { probes: execProbes("/bin/job-workflow-health"), rollout: { strategy: "recreate" } },
  },
};

/** The archetype template ids, in catalog order. */
export const ARCHETYPE_TEMPLATE_IDS = Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>;

/**
 * Where archetype scaffolds write the service manifest.
 * @since 0.1.0
 * @category models
 */
export const SERVICE_MANIFEST_PATH = "arch/service/index.x07service.json";
/**
 * Where archetype scaffolds write the sandbox policy.
 * @since 0.1.0
 * @category models
 */
export const POLICY_PATH = "policy/run-os.json";

const serviceManifest = (id: keyof typeof TEMPLATES, t: ArchetypeTemplate): ServiceManifest => {
  const a = archetypeById(id)!;
  const domain = t.kernel.module.split(".")[0]!;
  return {
    schema_version: "x07.service.manifest@0.1.0",
    service_id: t.serviceId,
    display_name: t.displayName,
    domain_pack: { id: domain, display_name: t.displayName },
    cells: [
      {
        cell_key: t.cellKey,
        cell_kind: a.cell_kind,
        entry_symbol: kernelSymbols(t.kernel).handler,
        ingress_kind: a.ingress_kind,
        runtime_class: a.runtime_class,
        scale_class: a.scale_class,
        binding_refs: t.bindings.map((b) => b.name),
        topology_group: t.topologyGroup,
        runtime: t.runtime as NonNullable<Cell["runtime"]>,
      },
    ],
    topology_profiles: [
      { id: "dev", target_kind: "hosted", placement: "co-located", notes: "one deployable for local and hosted development" },
      { id: "prod", target_kind: "k8s", placement: "split-by-cell", notes: "each topology group deploys and scales on its own" },
    ],
    resource_bindings: [...t.bindings],
  };
};

/**
 * The sandbox policy (format x07.run-os-policy@0.1.0): deny-by-default. Nothing is opened yet because the
 * scaffold's code is pure; widen fs/net/env as bindings get wired.
 */
const runOsPolicy = (t: ArchetypeTemplate) => ({
  schema_version: "x07.run-os-policy@0.1.0",
  policy_id: t.serviceId,
  limits: { cpu_ms: 2000, wall_ms: 4000, mem_bytes: 67108864, fds: 32, procs: 4 },
  fs: { enabled: false, read_roots: [], write_roots: [], deny_hidden: true },
  net: { enabled: false, allow_dns: false, allow_tcp: false, allow_udp: false, allow_hosts: [] },
  env: { enabled: false, allow_keys: [], deny_keys: [] },
  time: { enabled: false, allow_monotonic: false, allow_wall_clock: false, allow_sleep: false, max_sleep_ms: 0, allow_local_tzid: false },
  language: { allow_unsafe: false, allow_ffi: false },
  process: { enabled: false, allow_spawn: false, max_live: 0, max_spawns: 0, allow_exec: false, allow_exit: false },
});

const readme = (id: keyof typeof TEMPLATES, t: ArchetypeTemplate): string => {
  const a = archetypeById(id)!;
  const s = kernelSymbols(t.kernel);
  const binds = t.bindings.map((b) => `\`${b.name}\` (${b.kind}${b.required === true ? "" : ", optional"})`).join(", ");
  return `# ${t.displayName} (${id})

Created by \`x07 init --template ${id}\`. ${a.summary}

One operational cell, \`${t.cellKey}\`: ${a.cell_kind}, ${a.ingress_kind} ingress, ${a.runtime_class} runtime, ${a.scale_class}
scaling, topology group \`${t.topologyGroup}\`, bindings ${binds}.${a.scaffold_only ? " This archetype is scaffold-only: the manifest describes the cell, but no runtime ships for it yet." : ""}

Pure kernel, thin shell: the domain logic is a solve-pure kernel you can test, prove and certify; the
service's OS side (ingress, bindings, probes, rollout, scaling) is declared in the manifests.

- \`${modulePath(t.kernel.module)}\` — \`${s.kernel}\` ${t.about}; \`${s.handler}\` decodes two u32 LE words
  from a request, calls the kernel and encodes its answer. \`${s.handler}\` is the cell's entry symbol.
- \`src/main.x07.json\` — the entry: \`${s.handler}\` on the program input.
- \`arch/service/index.x07service.json\` — the service manifest (cell, topology profiles \`dev\` and \`prod\`, bindings).
- \`arch/manifest.x07arch.json\` — kernel (solve-pure), shell (run-os-sandboxed) and tests nodes;
  \`arch/boundaries/index.x07boundary.json\` declares the kernel as a public boundary.
- \`x07.json\` — world and default profile \`pure\` (solve-pure: the code is pure today) and operational entry
  \`${s.kernel}\`, so the kernel certifies under \`verified_core_pure_v1\` as scaffolded; the \`sandbox\`
  profile (run-os-sandboxed over \`policy/run-os.json\`) is for the shell once it does I/O.
- \`policy/run-os.json\` — the sandbox policy of the \`sandbox\` profile; it opens nothing yet.
- \`tests/core.x07.json\` — kernel unit cases, a handler round trip and a property test of the kernel's
  \`ensures\` clauses; \`tests/tests.json\` lists them.

Commands:

    x07 service validate --manifest arch/service/index.x07service.json
    x07 check --project x07.json
    x07 test --all --manifest tests/tests.json
    x07 arch check
    x07 verify --prove --entry ${s.kernel}
    x07 trust certify --project x07.json --profile verified_core_pure_v1 --entry ${s.kernel} --out-dir target/cert
`;
};

/** The files of one archetype scaffold. */
export const archetypeFiles = (id: keyof typeof TEMPLATES): TemplateFile[] => {
  const t = TEMPLATES[id];
  const k = t.kernel;
  const s = kernelSymbols(k);
  const domain = k.module.split(".")[0]!;
  return [
    { path: "README.md", text: readme(id, t) },
    {
      path: "x07.json",
      // The code is pure today, so the project world and default profile are solve-pure and the certifiable
      // operational entry is the kernel; the `sandbox` profile is where the OS shell runs once it does I/O.
      text: projectJson({
        world: "solve-pure",
        moduleRoots: ["src"],
        operationalEntry: s.kernel,
        defaultProfile: "pure",
        profiles: { pure: { world: "solve-pure" }, sandbox: { world: "run-os-sandboxed", policy: POLICY_PATH } },
      }),
    },
    { path: "x07.lock.json", text: lockJson() },
    { path: ".gitignore", text: gitignore() },
    ...kernelFiles(k),
    {
      path: ARCH_MANIFEST_PATH,
      text: archManifest({
        repoId: t.serviceId,
        externals: ["std.test"],
        boundariesIndex: BOUNDARIES_INDEX_PATH,
        nodes: [
          { id: "kernel", globs: [`src/${domain}/*.x07.json`, `src/${domain}/**/*.x07.json`], world: "solve-pure", zone: "verified_core", visibleTo: ["kernel", "shell", "tests"], allow: [`${domain}.`, "std."] },
          { id: "shell", globs: ["src/main.x07.json"], world: "run-os-sandboxed", zone: "untrusted", allow: [`${domain}.`, "std."], deny: ["ext."] },
          { id: "tests", globs: ["tests/*.x07.json", "tests/**/*.x07.json"], world: "solve-pure", zone: "test_only", visibleTo: [], allow: [`${domain}.`, "std.", "tests."] },
        ],
      }),
    },
    { path: BOUNDARIES_INDEX_PATH, text: boundariesIndex([kernelBoundary(k, "kernel")]) },
    { path: SERVICE_MANIFEST_PATH, text: json(serviceManifest(id, t)) },
    { path: POLICY_PATH, text: json(runOsPolicy(t)) },
  ];
};
