/** The parser's working state: where diagnostics go, which version's rules apply, and shape helpers. */
import type { JsonValue } from "../../core/json/index.ts";
import { child } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, DiagnosticCode, Quickfix } from "../../diag/index.ts";
import type { Expr, ListExpr } from "../ast.ts";
import type { X07AstFeatures } from "../versions.ts";

export type JsonObject = { readonly [key: string]: JsonValue };

export interface ParseContext {
  readonly features: X07AstFeatures;
  readonly versionLabel: string;
  readonly diagnostics: Diagnostic[];
  readonly maxDepth: number;
  readonly file: string | undefined;
  /** The rule sites of the root expression being read, in pre-order (a slot is reserved before the list's items are read). */
  sites: Array<ListExpr | undefined>;
  /** The rule sites of every root read so far (sites.ts). */
  readonly rootSites: Map<Expr, ReadonlyArray<ListExpr>>;
}

export const report = (
  ctx: ParseContext,
  code: DiagnosticCode,
  message: string,
  ptr: string,
  extra: { notes?: string[]; quickfix?: Quickfix; data?: Record<string, unknown> } = {},
): void => {
  ctx.diagnostics.push(
    makeDiagnostic(code, message, { ptr, ...extra, ...(ctx.file !== undefined ? { file: ctx.file } : {}) }),
  );
};

/** Schema-shape violation. */
export const schemaError = (ctx: ParseContext, message: string, ptr: string, notes?: string[]): void =>
  report(ctx, "X07-SCHEMA-0001", message, ptr, notes !== undefined ? { notes } : {});

/** x07AST rule violation beyond the schema. */
export const ruleError = (ctx: ParseContext, message: string, ptr: string): void =>
  report(ctx, "X07-X07AST-PARSE-0001", message, ptr);

export const isObject = (v: JsonValue | undefined): v is JsonObject =>
  v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);

export const describe = (v: JsonValue | undefined): string =>
  v === undefined ? "nothing" : v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v === "string" ? "a string" : typeof v === "number" ? "a number" : "a boolean";

/** A short rendering of a user value for messages: never walks into arrays/objects, so any input is safe. */
export const preview = (v: JsonValue | undefined): string =>
  typeof v === "string"
    ? JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v)
    : typeof v === "number" || typeof v === "boolean" || v === null
      ? String(v)
      : describe(v);

/** Reports keys not in `allowed` (the schema's additionalProperties: false). */
export const checkKeys = (
  ctx: ParseContext,
  obj: JsonObject,
  ptr: string,
  allowed: ReadonlySet<string>,
  what: string,
  gated: ReadonlyMap<string, string> = new Map(),
): void => {
  for (const key of Object.keys(obj)) {
    if (allowed.has(key)) continue;
    const since = gated.get(key);
    if (since !== undefined) ruleError(ctx, `${key} is not allowed in ${ctx.versionLabel}; it needs ${since} or later`, child(ptr, key));
    else schemaError(ctx, `unknown field ${JSON.stringify(key)} in ${what}`, child(ptr, key));
  }
};

/** Reads a required field, reporting its absence at the object's pointer. */
export const required = (ctx: ParseContext, obj: JsonObject, ptr: string, key: string, what: string): JsonValue | undefined => {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) {
    schemaError(ctx, `missing required field ${JSON.stringify(key)} in ${what}`, ptr);
    return undefined;
  }
  return obj[key];
};

export interface StringRule {
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly label: string;
}

/** Checks a string against a rule; returns it when valid. */
export const readString = (ctx: ParseContext, v: JsonValue | undefined, ptr: string, rule: StringRule): string | undefined => {
  if (typeof v !== "string") {
    if (v !== undefined) schemaError(ctx, `${rule.label} must be a string, got ${describe(v)}`, ptr);
    return undefined;
  }
  if (rule.minLength !== undefined && v.length < rule.minLength) {
    schemaError(ctx, `${rule.label} must not be empty`, ptr);
    return undefined;
  }
  if (rule.maxLength !== undefined && v.length > rule.maxLength) {
    schemaError(ctx, `${rule.label} is longer than ${rule.maxLength} characters`, ptr);
    return undefined;
  }
  if (rule.pattern !== undefined && !rule.pattern.test(v)) {
    schemaError(ctx, `${rule.label} ${JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v)} does not match ${rule.pattern.source}`, ptr);
    return undefined;
  }
  return v;
};

/** The string shapes of the x07AST schema. */
export const MODULE_ID: StringRule = { label: "module id", minLength: 1, maxLength: 128, pattern: /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/ };
export const SYMBOL: StringRule = { label: "symbol", minLength: 1, maxLength: 256, pattern: /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/ };
export const LOCAL_NAME: StringRule = { label: "local name", minLength: 1, maxLength: 64, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/ };
export const TYPE_NAME: StringRule = { label: "type name", minLength: 1, maxLength: 64, pattern: /^[a-z][a-z0-9_]*$/ };
export const TPARAM_NAME: StringRule = { label: "type parameter name", minLength: 1, maxLength: 32, pattern: /^[A-Z][A-Za-z0-9_]*$/ };
export const DOC: StringRule = { label: "doc", minLength: 1, maxLength: 4096 };
export const CLAUSE_ID: StringRule = { label: "clause id", maxLength: 4096 };
export const LOOP_PTR: StringRule = { label: "loop contract ptr", minLength: 1, maxLength: 2048, pattern: /^\/decls\/\d+\/body(?:\/.*)?$/ };

/** Reads an array field (absent → empty), reporting a wrong type. */
export const readArray = (ctx: ParseContext, v: JsonValue | undefined, ptr: string, label: string): ReadonlyArray<JsonValue> => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    schemaError(ctx, `${label} must be an array, got ${describe(v)}`, ptr);
    return [];
  }
  return v;
};

/** Reports duplicates in a list of strings (the schema's uniqueItems). */
export const checkUnique = (ctx: ParseContext, items: ReadonlyArray<JsonValue>, ptr: string, label: string): void => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    // Only scalars and shallow objects can be duplicates of interest; a container too deep to
    // stringify is reported by the item's own checks, so it is skipped here rather than thrown on.
    let key: string;
    try {
      key = JSON.stringify(item);
    } catch {
      return;
    }
    if (seen.has(key)) schemaError(ctx, `${label} has a duplicate item ${key.length > 80 ? key.slice(0, 80) + "…" : key}`, child(ptr, i));
    seen.add(key);
  });
};
