/**
 * The schema registry: every document format we model, keyed by its `schema_version`, with
 * validators compiled lazily from the generated TypeBox modules.
 *
 * This folder is the only importer of `generated/`; the rest of the SDK gets document types and
 * validation from here. Pure: no I/O, no state beyond the validators' compile-once caches.
 */
import type { TSchema } from "typebox";
import { Settings } from "typebox/system";
import { type DocumentTypes, registry } from "../../../generated/index.ts";

export type { DocumentTypes } from "../../../generated/index.ts";
export type { DiagReport, Patchset, X07AstV0_9_0 } from "../../../generated/index.ts";
export type {
  Diagnostic,
  Loc as DiagnosticLoc,
  Quickfix,
  Severity,
  Stage as DiagnosticStage,
} from "../../../generated/x07/x07.x07diag@0.1.0.ts";
export type { Op as JsonPatchOp, Patch as JsonPatch } from "../../../generated/x07/_common/json-patch.ts";
export type { Sexpr, TypeRef, ContractClause } from "../../../generated/x07/_common/x07ast.ts";

/**
 * A `schema_version` this SDK has a schema for.
 * @since 0.1.0
 * @category models
 */
export type SchemaVersion = keyof DocumentTypes;

/**
 * One schema violation: where (RFC 6901 pointer into the document), which keyword failed, and why.
 * @since 0.1.0
 * @category models
 */
export interface ContractError {
  readonly pointer: string;
  readonly message: string;
  readonly keyword: string;
}

/**
 * The outcome of validating a document: the typed value, or the violations in the order found.
 * @since 0.1.0
 * @category models
 */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly ContractError[] };

/**
 * Every known `schema_version`, sorted.
 * @since 0.1.0
 * @category models
 */
export const schemaVersions: readonly SchemaVersion[] = (Object.keys(registry) as SchemaVersion[]).sort();

/**
 * Whether `value` is a `schema_version` this SDK knows.
 * @since 0.1.0
 * @category guards
 */
export function isSchemaVersion(value: unknown): value is SchemaVersion {
  return typeof value === "string" && Object.hasOwn(registry, value);
}

/**
 * The TypeBox schema (a JSON Schema 2020-12 value) for one `schema_version`.
 * @since 0.1.0
 * @category models
 */
export function schemaFor(version: SchemaVersion): TSchema {
  return registry[version].schema;
}

/**
 * The document's `schema_version` when it is one we know, else `undefined`.
 * @since 0.1.0
 * @category guards
 */
export function detect(doc: unknown): SchemaVersion | undefined {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const version: unknown = (doc as { readonly schema_version?: unknown }).schema_version;
  return isSchemaVersion(version) ? version : undefined;
}

/** How many errors to gather for a failed document (TypeBox's default of 8 can cut off the errors of a later `oneOf` branch). */
const MAX_ERRORS = 64;

/**
 * Runs a synchronous error-gathering call with a higher error cap, restoring TypeBox's process-wide
 * setting afterwards (the cap is a TypeBox global; nothing else runs between set and restore).
 */
const collectErrors = <T>(f: () => T): T => {
  const prev = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_ERRORS });
  try {
    return f();
  } finally {
    Settings.Set({ maxErrors: prev });
  }
};

/**
 * Validates `doc` against the schema for `version`.
 * @since 0.1.0
 * @category guards
 */
export function validateAs<V extends SchemaVersion>(version: V, doc: unknown): ValidationResult<DocumentTypes[V]> {
  const validator = registry[version].validator();
  if (validator.Check(doc)) return { ok: true, value: doc };
  const errors = collectErrors(() => validator.Errors(doc)).map((e) => ({ pointer: e.instancePath, message: e.message, keyword: e.keyword }));
  return { ok: false, errors };
}

/**
 * Validates `doc` against the schema named by its own `schema_version` field.
 * @since 0.1.0
 * @category guards
 */
export function validate(doc: unknown): ValidationResult<DocumentTypes[SchemaVersion]> {
  const version = detect(doc);
  if (version === undefined) {
    const given: unknown = typeof doc === "object" && doc !== null ? (doc as { schema_version?: unknown }).schema_version : undefined;
    const message = given === undefined ? "document has no schema_version" : `unknown schema_version ${JSON.stringify(given)}`;
    return { ok: false, errors: [{ pointer: given === undefined ? "" : "/schema_version", message, keyword: "schema_version" }] };
  }
  return validateAs(version, doc);
}
