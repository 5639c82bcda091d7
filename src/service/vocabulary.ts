/**
 * The fixed service vocabulary, one table per concept. Each id type is derived from its table's keys, so a
 * value outside the vocabulary is a compile error in our own code. Upstream spells the same ids in
 * `crates/x07/src/service.rs` (enums) and `crates/x07/src/service_genpack.rs` (placement / target enums);
 * the descriptions are ours.
 */

/**
 * Cell kinds: what one operational cell is, and the ingress kind it must use.
 * @since 0.1.0
 * @category models
 */
export const CELL_KINDS = {
  "api-cell": { ingress: "http", summary: "request/response HTTP API" },
  "event-consumer": { ingress: "event", summary: "consumes messages from a topic or queue" },
  "scheduled-job": { ingress: "schedule", summary: "runs on a cron schedule" },
  "policy-service": { ingress: "http", summary: "answers allow/deny decisions over HTTP" },
  "workflow-service": { ingress: "workflow", summary: "drives a long-running workflow" },
  "mcp-tool": { ingress: "mcp", summary: "exposes tools over the Model Context Protocol" },
} as const satisfies Record<string, { readonly ingress: string; readonly summary: string }>;

/**
 * Ingress kinds: how work reaches a cell.
 * @since 0.1.0
 * @category models
 */
export const INGRESS_KINDS = {
  http: { summary: "HTTP requests" },
  event: { summary: "messages from a messaging binding" },
  schedule: { summary: "cron ticks" },
  workflow: { summary: "workflow steps" },
  mcp: { summary: "MCP tool calls" },
} as const;

/**
 * Runtime classes: what kind of process or component runs the cell.
 * @since 0.1.0
 * @category models
 */
export const RUNTIME_CLASSES = {
  "wasm-component": { summary: "a WebAssembly component" },
  "native-http": { summary: "a native process serving HTTP" },
  "native-worker": { summary: "a native background worker" },
  "embedded-kernel": { summary: "a kernel embedded in a host process" },
} as const;

/**
 * Scale classes: how the cell is replicated.
 * @since 0.1.0
 * @category models
 */
export const SCALE_CLASSES = {
  "replicated-http": { summary: "stateless replicas behind a load balancer" },
  "partitioned-consumer": { summary: "one consumer per partition, within a consumer group" },
  "singleton-orchestrator": { summary: "exactly one active instance" },
  "leased-worker": { summary: "workers that take leases on units of work" },
  "burst-batch": { summary: "short-lived batch runs" },
  "embedded-kernel": { summary: "scales with its host" },
} as const;

/**
 * Resource binding kinds: logical dependencies a cell names instead of vendor SDKs. `messaging` marks the
 * kinds an event cell may consume from.
 * @since 0.1.0
 * @category models
 */
export const BINDING_KINDS = {
  postgres: { family: "database", messaging: false },
  mysql: { family: "database", messaging: false },
  sqlite: { family: "database", messaging: false },
  redis: { family: "cache", messaging: false },
  kafka: { family: "messaging", messaging: true },
  amqp: { family: "messaging", messaging: true },
  s3: { family: "object-store", messaging: false },
  secret: { family: "secret", messaging: false },
  otlp: { family: "telemetry", messaging: false },
} as const;

/**
 * Topology placements: how a topology profile groups cells into deployables.
 * @since 0.1.0
 * @category models
 */
export const TOPOLOGY_PLACEMENTS = {
  "co-located": { summary: "all cells in one deployable" },
  "split-by-cell": { summary: "one deployable per topology group" },
  "dedicated-cell": { summary: "one deployable per cell" },
} as const;

/**
 * Target kinds: where a topology profile deploys.
 * @since 0.1.0
 * @category models
 */
export const TARGET_KINDS = {
  hosted: { summary: "a hosted platform" },
  k8s: { summary: "Kubernetes" },
  wasmcloud: { summary: "wasmCloud" },
  oss_remote: { summary: "a self-hosted remote target" },
} as const;

/**
 * A cell kind.
 * @since 0.1.0
 * @category models
 */
export type CellKind = keyof typeof CELL_KINDS;
/**
 * An ingress kind.
 * @since 0.1.0
 * @category models
 */
export type IngressKind = keyof typeof INGRESS_KINDS;
/**
 * A runtime class.
 * @since 0.1.0
 * @category models
 */
export type RuntimeClass = keyof typeof RUNTIME_CLASSES;
/**
 * A scale class.
 * @since 0.1.0
 * @category models
 */
export type ScaleClass = keyof typeof SCALE_CLASSES;
/**
 * A resource binding kind.
 * @since 0.1.0
 * @category models
 */
export type BindingKind = keyof typeof BINDING_KINDS;
/**
 * A topology placement.
 * @since 0.1.0
 * @category models
 */
export type TopologyPlacement = keyof typeof TOPOLOGY_PLACEMENTS;
/**
 * A deployment target kind.
 * @since 0.1.0
 * @category models
 */
export type TargetKind = keyof typeof TARGET_KINDS;

const has = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

/**
 * Whether a string is a topology placement.
 * @since 0.1.0
 * @category guards
 */
export const isTopologyPlacement = (s: string): s is TopologyPlacement => has(TOPOLOGY_PLACEMENTS, s);
/**
 * Whether a string is a target kind.
 * @since 0.1.0
 * @category guards
 */
export const isTargetKind = (s: string): s is TargetKind => has(TARGET_KINDS, s);
/**
 * Whether a string is a binding kind.
 * @since 0.1.0
 * @category guards
 */
export const isBindingKind = (s: string): s is BindingKind => has(BINDING_KINDS, s);

/**
 * The ingress kind a cell kind requires.
 * @since 0.1.0
 * @category models
 */
export const expectedIngress = (kind: CellKind): IngressKind => CELL_KINDS[kind].ingress;
