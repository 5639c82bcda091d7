/**
 * The review diff's data model (the `x07.review.diff@0.5.0` shape) and the change collector that
 * enforces `--max-changes` and counts high-severity entries, in the order changes are emitted.
 */
import type { JsonValue } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { get } from "./json.ts";
import type { JsonObject } from "./json.ts";

/** The highlight lists, in the order the report and HTML list them. */
export const HIGHLIGHT_KEYS = [
  "world_changes",
  "budget_changes",
  "summary_changes",
  "policy_changes",
  "network_policy_changes",
  "capability_changes",
  "proof_changes",
  "assumption_changes",
  "boundedness_changes",
  "operational_entry_changes",
  "recursive_proof_changes",
  "boundary_changes",
  "subset_changes",
  "async_proof_changes",
  "capsule_changes",
  "peer_policy_changes",
  "capsule_network_changes",
  "dependency_closure_changes",
  "runtime_attestation_changes",
  "sandbox_policy_changes",
] as const;

export type HighlightKey = (typeof HIGHLIGHT_KEYS)[number];

/** A change entry (a JSON object with at least kind and severity). */
export type Change = JsonObject;

export type Highlights = Record<HighlightKey, Change[]>;

export const emptyHighlights = (): Highlights => Object.fromEntries(HIGHLIGHT_KEYS.map((k) => [k, []])) as unknown as Highlights;

/** One file's diff. */
export interface FileDiff {
  readonly path: string;
  readonly kind: string;
  readonly status: "unchanged" | "changed" | "added" | "removed";
  readonly before_sha256_hex: string | null;
  readonly after_sha256_hex: string | null;
  changes: Change[];
  module: JsonValue | undefined;
  truncated: boolean;
}

export interface Summary {
  files_total: number;
  files_changed: number;
  modules_changed: number;
  decls_added: number;
  decls_removed: number;
  decls_changed: number;
  high_severity_changes: number;
  truncated: boolean;
}

export interface Snapshot {
  readonly kind: "file" | "dir";
  readonly path: string;
  readonly sha256_hex: string | null;
  readonly note: string;
}

/** The review diff report (`x07.review.diff@0.5.0`). */
export interface ReviewDiffReport {
  readonly schema_version: "x07.review.diff@0.5.0";
  readonly mode: "project" | "ast-only";
  readonly from: Snapshot;
  readonly to: Snapshot;
  readonly summary: Summary;
  readonly highlights: Highlights;
  readonly files: FileDiff[];
  readonly diags: Diagnostic[];
}

/**
 * Collects changes: once `limit` entries have been pushed (across every list), further pushes are
 * dropped and `truncated` is set; every kept entry with severity "high" is counted.
 */
export class ChangeSink {
  emitted = 0;
  truncated = false;
  highSeverity = 0;
  constructor(readonly limit: number | undefined) {}
  push(out: Change[], value: Change): void {
    if (this.limit !== undefined && this.emitted >= this.limit) {
      this.truncated = true;
      return;
    }
    if (get(value, "severity") === "high") this.highSeverity += 1;
    out.push(value);
    this.emitted += 1;
  }
}

/** What each per-kind differ receives. */
export interface DiffCtx {
  readonly path: string;
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
  readonly file: FileDiff;
  readonly sink: ChangeSink;
  readonly highlights: Highlights;
}

/** A file-level change entry: the given fields over empty defaults (`push_simple_file_change` when none). */
export const simpleFileChange = (kind: string, severity: string, title: string, fields: Partial<Omit<Change, "kind" | "severity" | "title">> = {}): Change => ({
  kind,
  severity,
  title,
  entity: {},
  ptr_before: null,
  ptr_after: null,
  before: null,
  after: null,
  ops: [],
  notes: [],
  meta: {},
  ...fields,
});

/** Records a file-level change with the given fields. */
export const pushChange = (ctx: DiffCtx, kind: string, severity: string, title: string, fields: Partial<Omit<Change, "kind" | "severity" | "title">> = {}): void =>
  ctx.sink.push(ctx.file.changes, simpleFileChange(kind, severity, title, fields));

export const pushSimple = (ctx: DiffCtx, kind: string, severity: string, title: string): void => pushChange(ctx, kind, severity, title);
