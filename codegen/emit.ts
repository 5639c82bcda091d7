/**
 * Turns one JSON Schema node into a TypeBox expression.
 *
 * Two rules keep validation exact while the static type stays as precise as TypeBox allows:
 * - Keywords a builder has no parameter for (`if`, `not`, `contains`, `patternProperties`, …) are passed
 *   through the builder's options object verbatim, where TypeBox's 2020-12 engine enforces them.
 * - Where a builder would emit a different keyword than the schema has (`oneOf` → TypeBox only builds
 *   `anyOf`; `prefixItems` → TypeBox tuples emit the older array-form `items`), the node is emitted through
 *   `exact(builder, raw)` or `oneOf(members)` from `generated/_support.ts`: the builder supplies the type,
 *   the raw schema is what gets compiled.
 */
import { type Expr, array, call, ident, json, object } from "./printer.ts";
import { CodegenError, type JsonObject } from "./load.ts";

/** What the emitter needs to know about the place a node sits in. */
export interface EmitContext {
  /** Returns the expression for a `$ref` (an identifier, a namespace member, or `Type.Ref(...)`). */
  readonly ref: (ref: string) => Expr;
  /** For error messages. */
  readonly where: string;
}

/** Keywords that only annotate; they are not emitted. `description` is kept on typed nodes. */
const ANNOTATIONS = new Set([
  "$schema", "$id", "$comment", "$defs", "title", "examples", "default", "deprecated", "readOnly", "writeOnly", "x-upstream",
]);
/** Keywords whose value is one schema. */
const SCHEMA_KEYS = new Set([
  "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
  "unevaluatedItems", "unevaluatedProperties", "additionalItems",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYS = new Set(["prefixItems", "allOf", "anyOf", "oneOf"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYS = new Set(["properties", "patternProperties", "dependentSchemas"]);
/** Keywords this emitter does not support; failing is better than emitting a validator that ignores them. */
const UNSUPPORTED = new Set(["$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$anchor", "dependencies"]);

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

function strip(node: JsonObject, where: string, keepDescription: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (UNSUPPORTED.has(k)) throw new CodegenError(`${where}: keyword ${k} is not supported by codegen`);
    if (ANNOTATIONS.has(k)) continue;
    if (k === "description" && !keepDescription) continue;
    out[k] = v;
  }
  return out;
}

/** Emits a schema as a plain JSON Schema literal (refs become the referenced values). */
export function raw(node: unknown, ctx: EmitContext): Expr {
  if (!isObject(node)) return json(node);
  const k = strip(node, ctx.where, false);
  const ref = k["$ref"];
  if (typeof ref === "string") {
    delete k["$ref"];
    if (Object.keys(k).length === 0) return ctx.ref(ref);
    return rawObject({ ...k, allOf: [...((k["allOf"] as unknown[] | undefined) ?? []), { $ref: ref }] }, ctx);
  }
  return rawObject(k, ctx);
}

function rawObject(k: Record<string, unknown>, ctx: EmitContext): Expr {
  return object(Object.entries(k).map(([key, v]) => [key, rawValue(key, v, ctx)] as const));
}

function rawValue(key: string, v: unknown, ctx: EmitContext): Expr {
  if (SCHEMA_KEYS.has(key)) return raw(v, ctx);
  if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(v)) return array(v.map((s) => raw(s, ctx)));
  if (SCHEMA_MAP_KEYS.has(key) && isObject(v)) return object(Object.entries(v).map(([n, s]) => [n, raw(s, ctx)] as const));
  return json(v);
}

/** Builder options: every remaining keyword, raw. `undefined` when there are none. */
function options(k: Record<string, unknown>, ctx: EmitContext): Expr[] {
  return Object.keys(k).length === 0 ? [] : [rawObject(k, ctx)];
}

const T = (name: string, ...args: Expr[]): Expr => call(`Type.${name}`, ...args);
const exact = (type: Expr, node: Record<string, unknown>, ctx: EmitContext): Expr =>
  call("$support.exact", type, rawObject(node, ctx));

function omit(k: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...k };
  for (const key of keys) delete out[key];
  return out;
}

const isPrimitive = (v: unknown): v is string | number | boolean =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Emits a schema as a TypeBox builder expression with the most precise static type available. */
export function typed(node: unknown, ctx: EmitContext): Expr {
  if (node === true) return T("Unknown");
  if (node === false) return T("Never");
  if (!isObject(node)) throw new CodegenError(`${ctx.where}: a schema must be an object or a boolean`);
  const k = strip(node, ctx.where, true);
  const { description: _description, ...v } = k;
  const keys = Object.keys(v);

  const ref = v["$ref"];
  if (typeof ref === "string") {
    const rest = omit(v, "$ref");
    if (Object.keys(rest).length === 0) return ctx.ref(ref);
    return T("Intersect", array([ctx.ref(ref), typed(rest, ctx)]));
  }
  if (keys.length === 1 && Array.isArray(v["allOf"])) {
    return T("Intersect", array(v["allOf"].map((s) => typed(s, ctx))), ...options(omit(k, "allOf"), ctx));
  }
  for (const union of ["anyOf", "oneOf"] as const) {
    const members = v[union];
    if (keys.length === 1 && Array.isArray(members)) {
      const list = array(members.map((s) => typed(s, ctx)));
      return union === "anyOf"
        ? T("Union", list, ...options(omit(k, "anyOf"), ctx))
        : call("$support.oneOf", list, ...options(omit(k, "oneOf"), ctx));
    }
  }
  if ("const" in v) {
    const c = v["const"];
    if (isPrimitive(c)) return T("Literal", json(c), ...options(omit(k, "const"), ctx));
    if (c === null) return T("Null", ...options(omit(k, "const", "type"), ctx));
    return exact(T("Unknown"), k, ctx);
  }
  const values = v["enum"];
  if (Array.isArray(values)) {
    if (values.every(isPrimitive)) return T("Enum", json(values), ...options(omit(k, "enum"), ctx));
    return exact(T("Union", array(values.map((e) => (e === null ? T("Null") : isPrimitive(e) ? T("Literal", json(e)) : T("Unknown"))))), k, ctx);
  }
  const type = v["type"];
  if (Array.isArray(type)) {
    return T("Union", array(type.map((t) => typed({ ...omit(v, "type"), type: t }, ctx))), ...options(description(k), ctx));
  }
  switch (type) {
    case "string":
      return T("String", ...options(omit(k, "type"), ctx));
    case "integer":
      return T("Integer", ...options(omit(k, "type"), ctx));
    case "number":
      return T("Number", ...options(omit(k, "type"), ctx));
    case "boolean":
      return T("Boolean", ...options(omit(k, "type"), ctx));
    case "null":
      return T("Null", ...options(omit(k, "type"), ctx));
    case "object":
      return typedObject(k, ctx);
    case "array":
      return typedArray(k, ctx);
    case undefined:
      return keys.length === 0 ? T("Unknown", ...options(k, ctx)) : exact(T("Unknown"), k, ctx);
    default:
      throw new CodegenError(`${ctx.where}: unknown type ${JSON.stringify(type)}`);
  }
}

function description(k: Record<string, unknown>): Record<string, unknown> {
  return typeof k["description"] === "string" ? { description: k["description"] } : {};
}

function typedObject(k: Record<string, unknown>, ctx: EmitContext): Expr {
  const props = isObject(k["properties"]) ? k["properties"] : {};
  const required = Array.isArray(k["required"]) ? (k["required"] as unknown[]).filter((r): r is string => typeof r === "string") : [];
  const rest = omit(k, "type", "properties", "required");
  if (Object.keys(props).length === 0 && required.length === 0) {
    const ap = k["additionalProperties"];
    const pattern = k["patternProperties"];
    if (ap === false) return T("Object", object([]), ...options(rest, ctx));
    if (pattern === undefined) {
      // An open map: TypeBox's Record emits patternProperties {"^.*$": value}, which for an object with
      // no declared properties is the same constraint as additionalProperties: value.
      return T("Record", T("String"), typed(ap === undefined ? true : ap, ctx), ...options(omit(rest, "additionalProperties"), ctx));
    }
    const values = [...(isObject(pattern) ? Object.values(pattern) : []), ...(ap === undefined ? [true] : [ap])];
    return exact(T("Record", T("String"), T("Union", array(values.map((s) => typed(s, ctx))))), k, ctx);
  }
  const entries: Array<readonly [string, Expr]> = Object.entries(props).map(([name, s]) => {
    const t = typed(s, ctx);
    return [name, required.includes(name) ? t : T("Optional", t)] as const;
  });
  for (const name of required) if (!(name in props)) entries.push([name, T("Unknown")]);
  return T("Object", object(entries), ...options(rest, ctx));
}

function typedArray(k: Record<string, unknown>, ctx: EmitContext): Expr {
  const prefix = k["prefixItems"];
  if (!Array.isArray(prefix)) {
    return T("Array", typed(k["items"] ?? true, ctx), ...options(omit(k, "type", "items"), ctx));
  }
  const items = k["items"];
  const head = prefix.map((s) => typed(s, ctx));
  const min = typeof k["minItems"] === "number" ? k["minItems"] : 0;
  const fixed = typeof k["maxItems"] === "number" && k["maxItems"] <= prefix.length;
  let type: Expr;
  if (min >= prefix.length) {
    // [a, b, ...rest[]] when the prefix is always present.
    const tail = items === false || fixed ? [] : [T("Rest", T("Array", typed(items ?? true, ctx)))];
    type = T("Tuple", array([...head, ...tail]));
  } else {
    // Some prefix items may be absent: fall back to an array of the union of positions.
    type = T("Array", T("Union", array([...head, ...(items === false ? [] : [typed(items ?? true, ctx)])])));
  }
  return exact(type, omit(k, "description"), ctx);
}
