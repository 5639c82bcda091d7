/**
 * Codes of `x07 init` and `x07 service validate`. Spread into the one code table in `../codes.ts`.
 *
 * `X07INIT_*` are upstream's names (crates/x07/src/init.rs). Upstream's service validation
 * (crates/x07/src/service.rs) stops at the first problem with a plain error message and no code, so the
 * `X07SVC_*` family is ours: one code per rule, each emitted with a JSON Pointer into the manifest.
 */
import type { CodeInfo } from "./info.ts";

export const INIT_CODES = {
  // x07 init (upstream names)
  X07INIT_EXISTS: { summary: "The target directory is not empty (or a scaffold path already exists); pass --force to write into it.", stage: "lint" },
  X07INIT_ARGS: { summary: "The init arguments are invalid (unknown template, conflicting flags).", stage: "lint" },
  X07INIT_MKDIR: { summary: "The project directory could not be created.", stage: "run" },
  X07INIT_IO: { summary: "A scaffold file could not be written (temp file + rename failed); files already written are listed.", stage: "run" },
  // x07 service validate (ours)
  X07SVC_SCHEMA: { summary: "The service manifest does not match x07.service.manifest@0.1.0 (wrong field, type or vocabulary value).", stage: "parse" },
  X07SVC_FIELD_EMPTY: { summary: "A name or reference in the service manifest is blank.", stage: "lint" },
  X07SVC_CELL_KEY_DUP: { summary: "Two cells share a cell_key; cell keys must be unique.", stage: "lint" },
  X07SVC_BINDING_DUP: { summary: "Two resource bindings share a name.", stage: "lint" },
  X07SVC_BINDING_REF_UNKNOWN: { summary: "A cell's binding_refs entry names no declared resource binding.", stage: "lint" },
  X07SVC_BINDING_REF_DUP: { summary: "A cell lists the same binding twice in binding_refs.", stage: "lint" },
  X07SVC_INGRESS_MISMATCH: { summary: "A cell's ingress_kind is not the one its cell_kind requires.", stage: "lint" },
  X07SVC_EVENT_RUNTIME: { summary: "An event cell lacks runtime.event, or a non-event cell declares it.", stage: "lint" },
  X07SVC_EVENT_BINDING: { summary: "runtime.event.binding_ref is not in the cell's binding_refs or is not a messaging (amqp, kafka) binding.", stage: "lint" },
  X07SVC_SCHEDULE_RUNTIME: { summary: "A schedule cell lacks runtime.schedule, or a non-schedule cell declares it.", stage: "lint" },
  X07SVC_CRON_INVALID: { summary: "runtime.schedule.cron is not a valid five-field cron expression (or @hourly/@daily/… macro).", stage: "lint" },
  X07SVC_PROBE_INVALID: { summary: "A health probe is inconsistent with its probe_kind (http needs a /path and no command; exec needs a command and no path/port).", stage: "lint" },
  X07SVC_ROLLOUT_INVALID: { summary: "A rollout hint is invalid (canary-lite outside http/event ingress, bad step value, canary_percent outside 1..100).", stage: "lint" },
  X07SVC_AUTOSCALING_INVALID: { summary: "An autoscaling hint is invalid (not http/event ingress, min > max, no target, cpu target outside 1..100).", stage: "lint" },
  X07SVC_TOPOLOGY_DUP: { summary: "Two topology profiles share an id.", stage: "lint" },
  X07SVC_TOPOLOGY_VOCAB: { summary: "A topology profile names an unknown placement or target kind.", stage: "lint" },
  X07SVC_ENTRY_UNRESOLVED: { summary: "A cell's entry_symbol does not resolve to an exported function (defn/defasync) of the project.", stage: "lint" },
  X07SVC_ENTRY_UNCHECKED: { summary: "No x07.json was found for the manifest, so entry symbols were not resolved.", stage: "lint" },
  X07SVC_ARCHETYPE_UNKNOWN: { summary: "--archetype names no built-in service archetype.", stage: "lint" },
  X07SVC_ARCHETYPE_MISMATCH: { summary: "The manifest does not fit the requested archetype (cell kind, ingress kind or binding kinds).", stage: "lint" },
  X07SVC_ARCHETYPE_NONE: { summary: "The manifest is valid but does not match a single built-in archetype.", stage: "lint" },
} as const satisfies Record<string, CodeInfo>;
