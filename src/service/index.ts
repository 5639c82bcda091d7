/**
 * Service manifests (`x07-sdk/service`): the fixed service vocabulary, the built-in archetypes, and
 * validation of `arch/service/index.x07service.json` (`x07.service.manifest@0.1.0`).
 *
 * Consumes a manifest file (and, to resolve entry symbols, the project's `x07.json` and module files);
 * produces diagnostics with JSON Pointers into the manifest. Needs effect's `FileSystem`. Codes: `X07SVC_*`.
 *
 * @packageDocumentation
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { validateByVersion } from "../core/contracts/written.ts";
import { InvalidInputError, readBytes } from "../core/io/index.ts";
import { makeDiagnostic } from "../diag/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import { readJsonText } from "../parse/index.ts";
import { archetypeById } from "./archetypes.ts";
import type { ServiceArchetype } from "./archetypes.ts";
import { archetypeForManifest, archetypeMismatches } from "./internal/archetype-match.ts";
import { entryDiagnostics, findUp, projectRoots } from "./internal/entries.ts";
import { manifestRuleDiagnostics } from "./internal/rules.ts";
import type { ServiceManifest } from "./internal/rules.ts";
import { BINDING_KINDS, CELL_KINDS, INGRESS_KINDS, RUNTIME_CLASSES, SCALE_CLASSES } from "./vocabulary.ts";

export * from "./vocabulary.ts";
export { SERVICE_ARCHETYPES, SERVICE_ARCHETYPES_SCHEMA_VERSION, archetypeById, archetypeCatalog } from "./archetypes.ts";
export type { ServiceArchetype } from "./archetypes.ts";
export { cronError, CRON_FIELDS, CRON_MACROS } from "./cron.ts";
export { manifestRuleDiagnostics } from "./internal/rules.ts";
export type { ServiceManifest } from "./internal/rules.ts";
export { archetypeForManifest, archetypeMismatches } from "./internal/archetype-match.ts";

/**
 * The `schema_version` of a service manifest.
 * @since 0.1.0
 * @category models
 */
export const SERVICE_MANIFEST_SCHEMA_VERSION = "x07.service.manifest@0.1.0";

/**
 * The conventional manifest path, relative to the project root.
 * @since 0.1.0
 * @category models
 */
export const DEFAULT_SERVICE_MANIFEST = "arch/service/index.x07service.json";

/**
 * Options of {@link validateServiceManifest}.
 * @since 0.1.0
 * @category models
 */
export interface ServiceValidateOptions {
  /** Check the manifest against this archetype instead of the one its shape matches. */
  readonly archetype?: string;
  /** The project file used to resolve entry symbols (default: the nearest `x07.json` above the manifest). */
  readonly project?: string;
}

/**
 * What `x07 service validate` reports (upstream's result shape, plus our diagnostics).
 * @since 0.1.0
 * @category models
 */
export interface ServiceValidation {
  readonly ok: boolean;
  readonly manifest: string;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  /** Present when the manifest validated against its schema. */
  readonly document?: ServiceManifest;
  readonly archetype?: ServiceArchetype;
}

/** Vocabulary fields, so a schema failure on one of them lists the allowed values. */
const VOCAB: ReadonlyArray<readonly [RegExp, ReadonlyArray<string>]> = [
  [/^\/cells\/\d+\/cell_kind$/, Object.keys(CELL_KINDS)],
  [/^\/cells\/\d+\/ingress_kind$/, Object.keys(INGRESS_KINDS)],
  [/^\/cells\/\d+\/runtime_class$/, Object.keys(RUNTIME_CLASSES)],
  [/^\/cells\/\d+\/scale_class$/, Object.keys(SCALE_CLASSES)],
  [/^\/resource_bindings\/\d+\/kind$/, Object.keys(BINDING_KINDS)],
];

const schemaDiagnostic = (pointer: string, message: string, file: string): Diagnostic => {
  const allowed = VOCAB.find(([re]) => re.test(pointer))?.[1];
  const detail = allowed !== undefined ? `${message} (one of: ${allowed.join(", ")})` : message;
  return makeDiagnostic("X07SVC_SCHEMA", `${pointer === "" ? "manifest" : pointer}: ${detail}`, { ptr: pointer, file });
};

/** Widens a result to the public type (the generator's return type is the union of its returns). */
const done = (v: ServiceValidation): ServiceValidation => v;

const hasError = (ds: ReadonlyArray<Diagnostic>): boolean => ds.some((d) => d.severity === "error");

/** The archetype diagnostics: against the requested archetype, else against the one the shape matches. */
const archetypeDiagnostics = (m: ServiceManifest, requested: string | undefined, file: string): { archetype?: ServiceArchetype; diagnostics: Diagnostic[] } => {
  if (requested !== undefined) {
    const a = archetypeById(requested);
    if (a === undefined) return { diagnostics: [makeDiagnostic("X07SVC_ARCHETYPE_UNKNOWN", `unknown service archetype ${JSON.stringify(requested)}`, { file })] };
    return { archetype: a, diagnostics: archetypeMismatches(m, a, file) };
  }
  const a = archetypeForManifest(m);
  if (a === undefined)
    return {
      diagnostics: [makeDiagnostic("X07SVC_ARCHETYPE_NONE", "the manifest is valid but does not match a single built-in archetype", { severity: "warning", file })],
    };
  return { archetype: a, diagnostics: archetypeMismatches(m, a, file) };
};

/**
 * Validates a service manifest: its schema, the semantic rules (unique keys, declared bindings, ingress per
 * cell kind, event and schedule runtimes, cron, probes, rollout, autoscaling, topology vocabulary), entry
 * symbols against the project's modules, and the archetype. Fails only when the file cannot be read or is
 * not JSON; every other problem is a diagnostic in the result.
 * @since 0.1.0
 * @category stages
 */
export const validateServiceManifest = (path: string, options: ServiceValidateOptions = {}) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(path);
    const json = readJsonText(bytes, { file: path });
    if (!json.ok) return yield* Effect.fail(new InvalidInputError({ diagnostics: json.diagnostics }));
    const doc = json.value as unknown;
    const base = { manifest: path };
    const version = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? (doc as { schema_version?: unknown }).schema_version : undefined;
    if (version !== SERVICE_MANIFEST_SCHEMA_VERSION) {
      const d = makeDiagnostic("X07SVC_SCHEMA", `schema_version must be ${SERVICE_MANIFEST_SCHEMA_VERSION}, got ${JSON.stringify(version ?? null)}`, { ptr: version === undefined ? "" : "/schema_version", file: path });
      return done({ ...base, ok: false, diagnostics: [d] });
    }
    const valid = yield* Effect.promise(() => validateByVersion(doc));
    if (!valid.ok) return done({ ...base, ok: false, diagnostics: [schemaDiagnostic(valid.pointer, valid.message, path)] });
    const m = doc as ServiceManifest;
    const diagnostics: Diagnostic[] = manifestRuleDiagnostics(m, path);
    const fs = yield* FileSystem.FileSystem;
    const projectFile = options.project ?? (yield* findUp(fs, nodePath.dirname(path), "x07.json"));
    if (projectFile === undefined) diagnostics.push(makeDiagnostic("X07SVC_ENTRY_UNCHECKED", "no x07.json found above the manifest; entry symbols were not resolved (pass --project)", { severity: "warning", file: path }));
    else diagnostics.push(...(yield* entryDiagnostics(m, yield* projectRoots(fs, projectFile), path)));
    const arch = archetypeDiagnostics(m, options.archetype, path);
    diagnostics.push(...arch.diagnostics);
    return done({ ...base, ok: !hasError(diagnostics), diagnostics, document: m, ...(arch.archetype !== undefined ? { archetype: arch.archetype } : {}) });
  });

/**
 * Upstream's report body for `x07 service validate` (`ok`, `manifest`, `service_id`, `cell_count`,
 * `topology_profiles`, `binding_names` sorted, `archetype`, `warnings`).
 * @since 0.1.0
 * @category constructors
 */
export const serviceValidateResult = (v: ServiceValidation) => {
  const m = v.document;
  const warnings = v.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
  return {
    ok: v.ok,
    manifest: v.manifest,
    ...(m !== undefined
      ? {
          service_id: m.service_id,
          cell_count: m.cells.length,
          topology_profiles: (m.topology_profiles ?? []).map((p) => p.id),
          binding_names: [...new Set((m.resource_bindings ?? []).map((b) => b.name))].sort(),
        }
      : {}),
    ...(v.archetype !== undefined ? { archetype: v.archetype.id } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
};
