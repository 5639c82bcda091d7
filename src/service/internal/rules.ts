/**
 * The semantic rules of a service manifest, run after it validates against x07.service.manifest@0.1.0.
 * Every rule reports with its own code and a JSON Pointer to the offending value, and all problems are
 * reported (upstream's `validate_service_manifest` stops at the first one). Pure: no I/O.
 */
import type { DocumentTypes } from "../../core/contracts/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../diag/index.ts";
import { cronError } from "../cron.ts";
import { BINDING_KINDS, expectedIngress, isTargetKind, isTopologyPlacement, TARGET_KINDS, TOPOLOGY_PLACEMENTS } from "../vocabulary.ts";

/**
 * A service manifest (`x07.service.manifest@0.1.0`).
 * @since 0.1.0
 * @category models
 */
export type ServiceManifest = DocumentTypes["x07.service.manifest@0.1.0"];
type Cell = ServiceManifest["cells"][number];
type Probe = NonNullable<NonNullable<NonNullable<Cell["runtime"]>["probes"]>["startup"]>;

/** A diagnostic sink bound to a file. */
type Report = (code: DiagnosticCode, message: string, ptr: string, data?: Record<string, unknown>) => void;

const blank = (s: string | undefined): boolean => s !== undefined && s.trim() === "";

/** Blank names and references that the schema lets through (fields typed plain `string`). */
const blankFields = (m: ServiceManifest, report: Report): void => {
  if (blank(m.default_trust_profile)) report("X07SVC_FIELD_EMPTY", "default_trust_profile must not be blank when given", "/default_trust_profile");
  m.cells.forEach((c, i) => {
    if (blank(c.entry_symbol)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(c.cell_key)}: entry_symbol must not be blank`, `/cells/${i}/entry_symbol`);
    if (blank(c.topology_group)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(c.cell_key)}: topology_group must not be blank`, `/cells/${i}/topology_group`);
    (c.binding_refs ?? []).forEach((r, j) => {
      if (blank(r)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(c.cell_key)}: binding_refs entries must not be blank`, `/cells/${i}/binding_refs/${j}`);
    });
  });
};

/** Reports every later occurrence of a key already seen. */
const duplicates = <T>(items: ReadonlyArray<T>, key: (t: T) => string, onDup: (k: string, index: number, first: number) => void): void => {
  const seen = new Map<string, number>();
  items.forEach((t, i) => {
    const k = key(t);
    const first = seen.get(k);
    if (first !== undefined) onDup(k, i, first);
    else seen.set(k, i);
  });
};

const uniqueness = (m: ServiceManifest, report: Report): void => {
  duplicates(m.cells, (c) => c.cell_key, (k, i, first) => report("X07SVC_CELL_KEY_DUP", `duplicate cell_key ${JSON.stringify(k)} (first at /cells/${first})`, `/cells/${i}/cell_key`));
  duplicates(m.resource_bindings ?? [], (b) => b.name, (k, i, first) =>
    report("X07SVC_BINDING_DUP", `duplicate resource binding ${JSON.stringify(k)} (first at /resource_bindings/${first})`, `/resource_bindings/${i}/name`),
  );
  duplicates(m.topology_profiles ?? [], (p) => p.id, (k, i, first) =>
    report("X07SVC_TOPOLOGY_DUP", `duplicate topology profile id ${JSON.stringify(k)} (first at /topology_profiles/${first})`, `/topology_profiles/${i}/id`),
  );
};

const topology = (m: ServiceManifest, report: Report): void => {
  (m.topology_profiles ?? []).forEach((p, i) => {
    if (!isTopologyPlacement(p.placement))
      report("X07SVC_TOPOLOGY_VOCAB", `topology profile ${JSON.stringify(p.id)}: unknown placement ${JSON.stringify(p.placement)} (known: ${Object.keys(TOPOLOGY_PLACEMENTS).join(", ")})`, `/topology_profiles/${i}/placement`);
    if (p.target_kind !== undefined && !isTargetKind(p.target_kind))
      report("X07SVC_TOPOLOGY_VOCAB", `topology profile ${JSON.stringify(p.id)}: unknown target_kind ${JSON.stringify(p.target_kind)} (known: ${Object.keys(TARGET_KINDS).join(", ")})`, `/topology_profiles/${i}/target_kind`);
  });
};

const bindingRefs = (m: ServiceManifest, cell: Cell, i: number, report: Report): void => {
  const declared = new Set((m.resource_bindings ?? []).map((b) => b.name));
  const seen = new Set<string>();
  (cell.binding_refs ?? []).forEach((r, j) => {
    if (blank(r)) return;
    if (seen.has(r)) report("X07SVC_BINDING_REF_DUP", `cell ${JSON.stringify(cell.cell_key)} lists binding ${JSON.stringify(r)} twice`, `/cells/${i}/binding_refs/${j}`);
    seen.add(r);
    if (!declared.has(r))
      report("X07SVC_BINDING_REF_UNKNOWN", `cell ${JSON.stringify(cell.cell_key)} references binding ${JSON.stringify(r)}, which resource_bindings does not declare`, `/cells/${i}/binding_refs/${j}`, {
        declared: [...declared].sort(),
      });
  });
};

const eventRuntime = (m: ServiceManifest, cell: Cell, i: number, report: Report): void => {
  const ev = cell.runtime?.event;
  const at = `/cells/${i}`;
  if (cell.ingress_kind !== "event") {
    if (ev !== undefined) report("X07SVC_EVENT_RUNTIME", `cell ${JSON.stringify(cell.cell_key)} declares runtime.event but its ingress_kind is ${cell.ingress_kind}`, `${at}/runtime/event`);
    return;
  }
  if (ev === undefined) {
    report("X07SVC_EVENT_RUNTIME", `cell ${JSON.stringify(cell.cell_key)} has event ingress and needs runtime.event (binding_ref, topic, consumer_group)`, cell.runtime === undefined ? at : `${at}/runtime`);
    return;
  }
  const kind = (m.resource_bindings ?? []).find((b) => b.name === ev.binding_ref)?.kind;
  if (blank(ev.binding_ref)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.binding_ref must not be blank`, `${at}/runtime/event/binding_ref`);
  else if (!(cell.binding_refs ?? []).includes(ev.binding_ref))
    report("X07SVC_EVENT_BINDING", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.binding_ref ${JSON.stringify(ev.binding_ref)} must also appear in the cell's binding_refs`, `${at}/runtime/event/binding_ref`);
  else if (kind === undefined)
    report("X07SVC_EVENT_BINDING", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.binding_ref ${JSON.stringify(ev.binding_ref)} names no declared binding`, `${at}/runtime/event/binding_ref`);
  else if (!BINDING_KINDS[kind].messaging)
    report("X07SVC_EVENT_BINDING", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.binding_ref ${JSON.stringify(ev.binding_ref)} is a ${kind} binding; an event cell consumes from amqp or kafka`, `${at}/runtime/event/binding_ref`, { kind });
  if (blank(ev.topic)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.topic must not be blank`, `${at}/runtime/event/topic`);
  if (blank(ev.consumer_group)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(cell.cell_key)}: runtime.event.consumer_group must not be blank`, `${at}/runtime/event/consumer_group`);
};

const scheduleRuntime = (cell: Cell, i: number, report: Report): void => {
  const sc = cell.runtime?.schedule;
  const at = `/cells/${i}`;
  if (cell.ingress_kind !== "schedule") {
    if (sc !== undefined) report("X07SVC_SCHEDULE_RUNTIME", `cell ${JSON.stringify(cell.cell_key)} declares runtime.schedule but its ingress_kind is ${cell.ingress_kind}`, `${at}/runtime/schedule`);
    return;
  }
  if (sc === undefined) {
    report("X07SVC_SCHEDULE_RUNTIME", `cell ${JSON.stringify(cell.cell_key)} has schedule ingress and needs runtime.schedule with a cron expression`, cell.runtime === undefined ? at : `${at}/runtime`);
    return;
  }
  const e = cronError(sc.cron);
  if (e !== undefined) report("X07SVC_CRON_INVALID", `cell ${JSON.stringify(cell.cell_key)}: runtime.schedule.cron ${JSON.stringify(sc.cron)}: ${e}`, `${at}/runtime/schedule/cron`);
  if (blank(sc.timezone)) report("X07SVC_FIELD_EMPTY", `cell ${JSON.stringify(cell.cell_key)}: runtime.schedule.timezone must not be blank when given`, `${at}/runtime/schedule/timezone`);
};

const probeError = (p: Probe): { field: string; message: string } | undefined => {
  if (p.probe_kind === "http") {
    if (p.path === undefined) return { field: "", message: "an http probe needs a path" };
    if (!p.path.startsWith("/")) return { field: "/path", message: "an http probe path must start with '/'" };
    if ((p.command ?? []).length > 0) return { field: "/command", message: "an http probe must not set command" };
    return undefined;
  }
  const cmd = p.command ?? [];
  if (cmd.length === 0 || cmd.some((x) => x.trim() === "")) return { field: "/command", message: "an exec probe needs a command of non-blank words" };
  if (p.path !== undefined) return { field: "/path", message: "an exec probe must not set path" };
  if (p.port !== undefined) return { field: "/port", message: "an exec probe must not set port" };
  return undefined;
};

const probes = (cell: Cell, i: number, report: Report): void => {
  const ps = cell.runtime?.probes;
  if (ps === undefined) return;
  for (const label of ["startup", "readiness", "liveness"] as const) {
    const p = ps[label];
    if (p === undefined) continue;
    const e = probeError(p);
    if (e !== undefined) report("X07SVC_PROBE_INVALID", `cell ${JSON.stringify(cell.cell_key)}: runtime.probes.${label}: ${e.message}`, `/cells/${i}/runtime/probes/${label}${e.field}`);
  }
};

const STEP = /^(?:[0-9]+|[0-9]+%)$/;
const httpOrEvent = (cell: Cell): boolean => cell.ingress_kind === "http" || cell.ingress_kind === "event";

const rollout = (cell: Cell, i: number, report: Report): void => {
  const r = cell.runtime?.rollout;
  if (r === undefined) return;
  const at = `/cells/${i}/runtime/rollout`;
  const name = JSON.stringify(cell.cell_key);
  if (r.strategy === "canary-lite" && !httpOrEvent(cell)) report("X07SVC_ROLLOUT_INVALID", `cell ${name}: canary-lite rollout needs http or event ingress, not ${cell.ingress_kind}`, `${at}/strategy`);
  for (const k of ["max_unavailable", "max_surge"] as const) {
    const v = r[k];
    if (v !== undefined && !STEP.test(v.trim())) report("X07SVC_ROLLOUT_INVALID", `cell ${name}: runtime.rollout.${k} ${JSON.stringify(v)} must be a count ("1") or a percentage ("25%")`, `${at}/${k}`);
  }
  if (r.canary_percent !== undefined && (r.canary_percent < 1 || r.canary_percent > 100))
    report("X07SVC_ROLLOUT_INVALID", `cell ${name}: runtime.rollout.canary_percent must be between 1 and 100`, `${at}/canary_percent`);
};

const autoscaling = (cell: Cell, i: number, report: Report): void => {
  const a = cell.runtime?.autoscaling;
  if (a === undefined) return;
  const at = `/cells/${i}/runtime/autoscaling`;
  const name = JSON.stringify(cell.cell_key);
  if (!httpOrEvent(cell)) report("X07SVC_AUTOSCALING_INVALID", `cell ${name}: autoscaling hints need http or event ingress, not ${cell.ingress_kind}`, at);
  if (a.min_replicas > a.max_replicas) report("X07SVC_AUTOSCALING_INVALID", `cell ${name}: min_replicas ${a.min_replicas} exceeds max_replicas ${a.max_replicas}`, `${at}/min_replicas`);
  if (a.target_cpu_utilization === undefined && a.target_inflight === undefined)
    report("X07SVC_AUTOSCALING_INVALID", `cell ${name}: autoscaling needs target_cpu_utilization or target_inflight`, at);
  if (a.target_cpu_utilization !== undefined && (a.target_cpu_utilization < 1 || a.target_cpu_utilization > 100))
    report("X07SVC_AUTOSCALING_INVALID", `cell ${name}: target_cpu_utilization must be between 1 and 100`, `${at}/target_cpu_utilization`);
};

const cellRules = (m: ServiceManifest, report: Report): void => {
  m.cells.forEach((cell, i) => {
    const want = expectedIngress(cell.cell_kind);
    if (cell.ingress_kind !== want)
      report("X07SVC_INGRESS_MISMATCH", `cell ${JSON.stringify(cell.cell_key)} is a ${cell.cell_kind}, which takes ${want} ingress, not ${cell.ingress_kind}`, `/cells/${i}/ingress_kind`, {
        expected: want,
      });
    bindingRefs(m, cell, i, report);
    eventRuntime(m, cell, i, report);
    scheduleRuntime(cell, i, report);
    probes(cell, i, report);
    rollout(cell, i, report);
    autoscaling(cell, i, report);
  });
};

/**
 * The semantic problems of a schema-valid manifest, in document order per rule family.
 * @since 0.1.0
 * @category diagnostics
 */
export const manifestRuleDiagnostics = (m: ServiceManifest, file?: string): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const report: Report = (code, message, ptr, data) => out.push(makeDiagnostic(code, message, { ptr, ...(file !== undefined ? { file } : {}), ...(data !== undefined ? { data } : {}) }));
  blankFields(m, report);
  uniqueness(m, report);
  topology(m, report);
  cellRules(m, report);
  return out;
};
