/**
 * The built-in service archetypes: one cell shape each (cell kind, ingress, runtime and scale class) and the
 * binding kinds it supports. The ids, classes, capabilities and binding kinds are upstream's facts
 * (`catalog/service_archetypes.json`, format `x07.service.archetypes@0.1.0`); the summaries are ours, and
 * `x07 init --template <id>` writes the matching scaffold (no packages are locked, so `default_packages`
 * is empty here).
 */
import type { BindingKind, CellKind, IngressKind, RuntimeClass, ScaleClass } from "./vocabulary.ts";

/**
 * One archetype of the catalog.
 * @since 0.1.0
 * @category models
 */
export interface ServiceArchetype {
  readonly id: CellKind;
  readonly summary: string;
  readonly cell_kind: CellKind;
  readonly ingress_kind: IngressKind;
  readonly runtime_class: RuntimeClass;
  readonly scale_class: ScaleClass;
  readonly example_path: string;
  readonly default_capabilities: ReadonlyArray<string>;
  readonly default_packages: ReadonlyArray<{ readonly name: string; readonly version: string }>;
  readonly supported_bindings: ReadonlyArray<BindingKind>;
  readonly scaffold_only: boolean;
}

/**
 * The `schema_version` of the archetype catalog.
 * @since 0.1.0
 * @category models
 */
export const SERVICE_ARCHETYPES_SCHEMA_VERSION = "x07.service.archetypes@0.1.0";

/** Builds a row in upstream's field order. */
const archetype = (a: Omit<ServiceArchetype, "cell_kind" | "example_path" | "default_packages" | "scaffold_only"> & { readonly scaffold_only?: boolean }): ServiceArchetype => ({
  id: a.id,
  summary: a.summary,
  cell_kind: a.id,
  ingress_kind: a.ingress_kind,
  runtime_class: a.runtime_class,
  scale_class: a.scale_class,
  example_path: `x07 init --template ${a.id}`,
  default_capabilities: a.default_capabilities,
  default_packages: [],
  supported_bindings: a.supported_bindings,
  scaffold_only: a.scaffold_only ?? false,
});

/**
 * The five archetypes, in catalog order.
 * @since 0.1.0
 * @category models
 */
export const SERVICE_ARCHETYPES: ReadonlyArray<ServiceArchetype> = [
  archetype({
    id: "api-cell",
    summary: "Replicated HTTP API cell over a Postgres database, with an optional S3 object store.",
    ingress_kind: "http",
    runtime_class: "native-http",
    scale_class: "replicated-http",
    default_capabilities: ["net.http", "data.model", "db.core", "db.postgres", "obj.core", "obj.s3"],
    supported_bindings: ["postgres", "s3", "secret", "otlp"],
  }),
  archetype({
    id: "event-consumer",
    summary: "Partitioned consumer of an AMQP topic that keeps its state in Postgres.",
    ingress_kind: "event",
    runtime_class: "native-worker",
    scale_class: "partitioned-consumer",
    default_capabilities: ["msg.core", "msg.amqp", "data.model", "db.core", "db.postgres"],
    supported_bindings: ["amqp", "postgres", "secret", "otlp"],
  }),
  archetype({
    id: "scheduled-job",
    summary: "Cron-driven batch job over a Postgres database.",
    ingress_kind: "schedule",
    runtime_class: "native-worker",
    scale_class: "burst-batch",
    default_capabilities: ["data.model", "db.core", "db.postgres"],
    supported_bindings: ["postgres", "secret", "otlp"],
  }),
  archetype({
    id: "policy-service",
    summary: "HTTP decision service answering allow/deny questions, with policy data in Postgres.",
    ingress_kind: "http",
    runtime_class: "native-http",
    scale_class: "replicated-http",
    default_capabilities: ["net.http", "data.model", "db.core", "db.postgres"],
    supported_bindings: ["postgres", "secret", "otlp"],
  }),
  archetype({
    id: "workflow-service",
    summary: "Single orchestrator that steps workflows, fed by AMQP and persisted in Postgres (scaffold only).",
    ingress_kind: "workflow",
    runtime_class: "native-worker",
    scale_class: "singleton-orchestrator",
    default_capabilities: ["msg.core", "msg.amqp", "data.model", "db.core", "db.postgres"],
    supported_bindings: ["amqp", "postgres", "secret", "otlp"],
    scaffold_only: true,
  }),
];

/**
 * The archetype with this id.
 * @since 0.1.0
 * @category models
 */
export const archetypeById = (id: string): ServiceArchetype | undefined => SERVICE_ARCHETYPES.find((a) => a.id === id);

/**
 * The catalog document (`x07.service.archetypes@0.1.0`).
 * @since 0.1.0
 * @category constructors
 */
export const archetypeCatalog = () => ({ schema_version: SERVICE_ARCHETYPES_SCHEMA_VERSION, archetypes: SERVICE_ARCHETYPES });
