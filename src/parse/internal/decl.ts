/** Declarations: defn, defasync, extern, export, and (0.9.0) defrecord / defenum. */
import type { JsonValue } from "../../core/json/index.ts";
import type {
  AsyncProtocol,
  ContractClause,
  Decl,
  DefenumDecl,
  DefrecordDecl,
  ExportDecl,
  ExternDecl,
  LoopContract,
  Param,
  TypeBound,
  TypeParam,
} from "../ast.ts";
import type { JsonObject, ParseContext } from "./context.ts";
import {
  CLAUSE_ID,
  DOC,
  LOCAL_NAME,
  LOOP_PTR,
  SYMBOL,
  TPARAM_NAME,
  TYPE_NAME,
  checkKeys,
  checkUnique,
  describe,
  isObject,
  preview,
  readArray,
  readString,
  required,
  ruleError,
  schemaError,
} from "./context.ts";
import { parseExpr } from "./expr.ts";
import { isBytesLike, parseTypeRef } from "./type-ref.ts";

/** Which fields each decl kind accepts, and the version feature that unlocks the gated ones. */
type Gate = "generics" | "contracts" | "loopContracts" | "asyncProtocol" | "decreasesAndDoc";
const FN_FIELDS: ReadonlyArray<readonly [string, Gate | null]> = [
  ["kind", null], ["name", null], ["params", null], ["result", null], ["result_brand", null], ["body", null],
  ["type_params", "generics"], ["requires", "contracts"], ["ensures", "contracts"], ["invariant", "contracts"],
  ["loop_contracts", "loopContracts"], ["doc", "decreasesAndDoc"],
];
const DEFN_ONLY: ReadonlyArray<readonly [string, Gate]> = [["decreases", "decreasesAndDoc"]];
const DEFASYNC_ONLY: ReadonlyArray<readonly [string, Gate]> = [["protocol", "asyncProtocol"]];
const GATE_VERSION: Record<Gate, string> = {
  generics: "x07.x07ast@0.4.0",
  contracts: "x07.x07ast@0.5.0",
  loopContracts: "x07.x07ast@0.6.0",
  asyncProtocol: "x07.x07ast@0.7.0",
  decreasesAndDoc: "x07.x07ast@0.8.0",
};
const BOUNDS: ReadonlySet<string> = new Set<TypeBound>(["any", "bytes_like", "num_like", "value", "hashable", "orderable"]);

const allowedFields = (ctx: ParseContext, fields: ReadonlyArray<readonly [string, Gate | null]>) => {
  const allowed = new Set<string>();
  const gated = new Map<string, string>();
  for (const [name, gate] of fields) {
    if (gate === null || ctx.features[gate]) allowed.add(name);
    else gated.set(name, GATE_VERSION[gate]);
  }
  return { allowed, gated };
};

const parseClauses = (ctx: ParseContext, v: JsonValue | undefined, ptr: string, label: string): ContractClause[] => {
  const out: ContractClause[] = [];
  readArray(ctx, v, ptr, label).forEach((item, i) => {
    const cptr = `${ptr}/${i}`;
    if (!isObject(item)) {
      schemaError(ctx, `a ${label} clause must be an object, got ${describe(item)}`, cptr);
      return;
    }
    checkKeys(ctx, item, cptr, new Set(["id", "expr", "witness"]), `a ${label} clause`);
    const id = item["id"] === undefined ? undefined : readString(ctx, item["id"], `${cptr}/id`, CLAUSE_ID);
    const exprV = required(ctx, item, cptr, "expr", `a ${label} clause`);
    const expr = exprV === undefined ? undefined : parseExpr(ctx, exprV, `${cptr}/expr`);
    const witness = readArray(ctx, item["witness"], `${cptr}/witness`, "witness")
      .map((w, j) => parseExpr(ctx, w, `${cptr}/witness/${j}`))
      .filter((w) => w !== undefined);
    if (expr !== undefined) out.push({ ...(id !== undefined ? { id } : {}), expr, witness, ptr: cptr });
  });
  return out;
};

const parseParams = (ctx: ParseContext, v: JsonValue | undefined, ptr: string): Param[] => {
  const out: Param[] = [];
  readArray(ctx, v, ptr, "params").forEach((item, i) => {
    const pptr = `${ptr}/${i}`;
    if (!isObject(item)) {
      schemaError(ctx, `a parameter must be an object {name, ty}, got ${describe(item)}`, pptr);
      return;
    }
    checkKeys(ctx, item, pptr, new Set(["name", "ty", "brand"]), "a parameter");
    const name = readString(ctx, required(ctx, item, pptr, "name", "a parameter"), `${pptr}/name`, LOCAL_NAME);
    const tyV = required(ctx, item, pptr, "ty", "a parameter");
    const ty = tyV === undefined ? undefined : parseTypeRef(ctx, tyV, `${pptr}/ty`);
    const brand = item["brand"] === undefined ? undefined : readString(ctx, item["brand"], `${pptr}/brand`, SYMBOL);
    // `input` always names the solve input; a parameter of that name would be shadowed by it (upstream rejects it).
    if (name === "input") ruleError(ctx, "parameter name must not be 'input' (reserved for the solve input); rename it, e.g. to 'data', 'payload' or 'buf'", `${pptr}/name`);
    if (name !== undefined && ty !== undefined) out.push({ name, ty, ...(brand !== undefined ? { brand } : {}), ptr: pptr });
  });
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.name)) ruleError(ctx, `duplicate parameter name ${JSON.stringify(p.name)}`, `${p.ptr}/name`);
    seen.add(p.name);
  }
  return out;
};

const parseTypeParams = (ctx: ParseContext, v: JsonValue | undefined, ptr: string): TypeParam[] => {
  const out: TypeParam[] = [];
  const seen = new Set<string>();
  readArray(ctx, v, ptr, "type_params").forEach((item, i) => {
    const tptr = `${ptr}/${i}`;
    if (!isObject(item)) {
      schemaError(ctx, `a type parameter must be an object {name, bound?}, got ${describe(item)}`, tptr);
      return;
    }
    checkKeys(ctx, item, tptr, new Set(["name", "bound"]), "a type parameter");
    const name = readString(ctx, required(ctx, item, tptr, "name", "a type parameter"), `${tptr}/name`, TPARAM_NAME);
    let bound: TypeBound | undefined;
    if (item["bound"] !== undefined) {
      const b = item["bound"];
      if (typeof b === "string" && BOUNDS.has(b)) bound = b as TypeBound;
      else schemaError(ctx, `bound must be one of ${[...BOUNDS].join(", ")}`, `${tptr}/bound`);
    }
    if (name === undefined) return;
    if (seen.has(name)) ruleError(ctx, `duplicate type parameter ${JSON.stringify(name)}`, `${tptr}/name`);
    seen.add(name);
    out.push({ name, ...(bound !== undefined ? { bound } : {}), ptr: tptr });
  });
  return out;
};

const parseLoopContracts = (ctx: ParseContext, v: JsonValue | undefined, ptr: string): LoopContract[] => {
  const out: LoopContract[] = [];
  readArray(ctx, v, ptr, "loop_contracts").forEach((item, i) => {
    const lptr = `${ptr}/${i}`;
    if (!isObject(item)) {
      schemaError(ctx, `a loop contract must be an object, got ${describe(item)}`, lptr);
      return;
    }
    checkKeys(ctx, item, lptr, new Set(["ptr", "invariant", "decreases"]), "a loop contract");
    const target = readString(ctx, required(ctx, item, lptr, "ptr", "a loop contract"), `${lptr}/ptr`, LOOP_PTR);
    const invariant = parseClauses(ctx, item["invariant"], `${lptr}/invariant`, "loop invariant");
    const decreases = parseClauses(ctx, item["decreases"], `${lptr}/decreases`, "loop decreases");
    if (target !== undefined) out.push({ target, invariant, decreases, ptr: lptr });
  });
  return out;
};

const parseProtocol = (ctx: ParseContext, v: JsonValue | undefined, ptr: string): AsyncProtocol | undefined => {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    schemaError(ctx, `protocol must be an object, got ${describe(v)}`, ptr);
    return undefined;
  }
  checkKeys(ctx, v, ptr, new Set(["await_invariant", "scope_invariant", "cancellation_ensures"]), "protocol");
  return {
    awaitInvariant: parseClauses(ctx, v["await_invariant"], `${ptr}/await_invariant`, "await_invariant"),
    scopeInvariant: parseClauses(ctx, v["scope_invariant"], `${ptr}/scope_invariant`, "scope_invariant"),
    cancellationEnsures: parseClauses(ctx, v["cancellation_ensures"], `${ptr}/cancellation_ensures`, "cancellation_ensures"),
    ptr,
  };
};

/** Checks that a declared name is `<module_id>.<rest>`, as upstream requires. */
const checkPrefix = (ctx: ParseContext, kind: string, name: string, moduleId: string | undefined, ptr: string): void => {
  if (moduleId !== undefined && !name.startsWith(`${moduleId}.`)) {
    ruleError(ctx, `${kind} name must start with ${JSON.stringify(moduleId + ".")}, got ${JSON.stringify(name)}`, ptr);
  }
};

/**
 * The fields of a defn/defasync in a version: allowed, gated (with the version that brings them), and `keyable` =
 * allowed plus the other kind's own field (which gets a diagnostic of its own). A pure function of (version, kind):
 * worked out once per pair, not once per declaration.
 */
interface FnFields {
  readonly allowed: ReadonlySet<string>;
  readonly gated: ReadonlyMap<string, string>;
  readonly keyable: ReadonlySet<string>;
}
const FN_FIELD_SETS = new Map<string, FnFields>();
const fnFields = (ctx: ParseContext, kind: "defn" | "defasync", wrongKind: string): FnFields => {
  const key = `${ctx.versionLabel} ${kind}`;
  let f = FN_FIELD_SETS.get(key);
  if (f === undefined) {
    const { allowed, gated } = allowedFields(ctx, [...FN_FIELDS, ...(kind === "defn" ? DEFN_ONLY : DEFASYNC_ONLY)]);
    f = { allowed, gated, keyable: new Set([...allowed, wrongKind]) };
    FN_FIELD_SETS.set(key, f);
  }
  return f;
};

const parseFunction = (ctx: ParseContext, o: JsonObject, ptr: string, kind: "defn" | "defasync", moduleId: string | undefined): Decl | undefined => {
  const wrongKind = kind === "defn" ? "protocol" : "decreases";
  const { allowed, gated, keyable } = fnFields(ctx, kind, wrongKind);
  if (Object.prototype.hasOwnProperty.call(o, wrongKind)) {
    ruleError(ctx, `${wrongKind} is only allowed on ${kind === "defn" ? "defasync" : "defn"} declarations`, `${ptr}/${wrongKind}`);
  }
  checkKeys(ctx, o, ptr, keyable, kind, gated);
  const what = `a ${kind} declaration`;
  const name = readString(ctx, required(ctx, o, ptr, "name", what), `${ptr}/name`, SYMBOL);
  if (name !== undefined) checkPrefix(ctx, kind, name, moduleId, `${ptr}/name`);
  const paramsV = required(ctx, o, ptr, "params", what);
  const params = parseParams(ctx, paramsV, `${ptr}/params`);
  const resultV = required(ctx, o, ptr, "result", what);
  const result = resultV === undefined ? undefined : parseTypeRef(ctx, resultV, `${ptr}/result`);
  const resultBrand = o["result_brand"] === undefined ? undefined : readString(ctx, o["result_brand"], `${ptr}/result_brand`, SYMBOL);
  if (resultBrand !== undefined && result !== undefined && !isBytesLike(result)) {
    ruleError(ctx, "result_brand is only allowed on a bytes-like result type", `${ptr}/result`);
  }
  const bodyV = required(ctx, o, ptr, "body", what);
  const body = bodyV === undefined ? undefined : parseExpr(ctx, bodyV, `${ptr}/body`);
  const doc = allowed.has("doc") && o["doc"] !== undefined ? readString(ctx, o["doc"], `${ptr}/doc`, DOC) : undefined;
  const gate = (key: string) => (allowed.has(key) ? o[key] : undefined);
  const typeParams = parseTypeParams(ctx, gate("type_params"), `${ptr}/type_params`);
  const requires = parseClauses(ctx, gate("requires"), `${ptr}/requires`, "requires");
  const ensures = parseClauses(ctx, gate("ensures"), `${ptr}/ensures`, "ensures");
  const invariant = parseClauses(ctx, gate("invariant"), `${ptr}/invariant`, "invariant");
  const loopContracts = parseLoopContracts(ctx, gate("loop_contracts"), `${ptr}/loop_contracts`);
  if (name === undefined || result === undefined || body === undefined || paramsV === undefined) return undefined;
  const base = {
    name,
    ...(doc !== undefined ? { doc } : {}),
    typeParams,
    params,
    result,
    ...(resultBrand !== undefined ? { resultBrand } : {}),
    requires,
    ensures,
    invariant,
    loopContracts,
    body,
    ptr,
  };
  if (kind === "defn") {
    return { kind, ...base, decreases: parseClauses(ctx, gate("decreases"), `${ptr}/decreases`, "decreases") };
  }
  const protocol = parseProtocol(ctx, gate("protocol"), `${ptr}/protocol`);
  return { kind, ...base, ...(protocol !== undefined ? { protocol } : {}) };
};

const parseExtern = (ctx: ParseContext, o: JsonObject, ptr: string, moduleId: string | undefined): ExternDecl | undefined => {
  checkKeys(ctx, o, ptr, new Set(["kind", "abi", "name", "link_name", "params", "result"]), "extern");
  const what = "an extern declaration";
  const name = readString(ctx, required(ctx, o, ptr, "name", what), `${ptr}/name`, SYMBOL);
  if (name !== undefined) checkPrefix(ctx, "extern", name, moduleId, `${ptr}/name`);
  const abiV = required(ctx, o, ptr, "abi", what);
  if (abiV !== undefined && abiV !== "C") schemaError(ctx, `abi must be "C", got ${preview(abiV)}`, `${ptr}/abi`);
  const linkName = o["link_name"] === undefined ? undefined : readString(ctx, o["link_name"], `${ptr}/link_name`, LOCAL_NAME);
  const paramsV = required(ctx, o, ptr, "params", what);
  const params = parseParams(ctx, paramsV, `${ptr}/params`);
  const resultV = required(ctx, o, ptr, "result", what);
  const result = resultV === undefined ? undefined : parseTypeRef(ctx, resultV, `${ptr}/result`);
  if (name === undefined || result === undefined || abiV !== "C" || paramsV === undefined) return undefined;
  return { kind: "extern", name, abi: "C", ...(linkName !== undefined ? { linkName } : {}), params, result, ptr };
};

const parseExport = (ctx: ParseContext, o: JsonObject, ptr: string): ExportDecl | undefined => {
  checkKeys(ctx, o, ptr, new Set(["kind", "names"]), "export");
  const namesV = required(ctx, o, ptr, "names", "an export declaration");
  if (namesV === undefined) return undefined;
  const items = readArray(ctx, namesV, `${ptr}/names`, "names");
  if (Array.isArray(namesV) && items.length === 0) schemaError(ctx, "an export declaration needs at least one name", `${ptr}/names`);
  checkUnique(ctx, items, `${ptr}/names`, "names");
  const names = items.map((n, i) => readString(ctx, n, `${ptr}/names/${i}`, SYMBOL)).filter((n) => n !== undefined);
  return { kind: "export", names, ptr };
};

const parseRecord = (ctx: ParseContext, o: JsonObject, ptr: string): DefrecordDecl | undefined => {
  checkKeys(ctx, o, ptr, new Set(["kind", "name", "doc", "fields"]), "defrecord");
  const name = readString(ctx, required(ctx, o, ptr, "name", "a defrecord"), `${ptr}/name`, SYMBOL);
  const doc = o["doc"] === undefined ? undefined : readString(ctx, o["doc"], `${ptr}/doc`, DOC);
  const fieldsV = required(ctx, o, ptr, "fields", "a defrecord");
  const items = readArray(ctx, fieldsV, `${ptr}/fields`, "fields");
  if (Array.isArray(fieldsV) && items.length === 0) schemaError(ctx, "a record needs at least one field", `${ptr}/fields`);
  checkUnique(ctx, items, `${ptr}/fields`, "fields");
  const fields: Array<DefrecordDecl["fields"][number]> = [];
  const seen = new Set<string>();
  items.forEach((f, i) => {
    const fptr = `${ptr}/fields/${i}`;
    if (!isObject(f)) return schemaError(ctx, `a record field must be an object {name, ty}, got ${describe(f)}`, fptr);
    checkKeys(ctx, f, fptr, new Set(["name", "ty"]), "a record field");
    const fname = readString(ctx, required(ctx, f, fptr, "name", "a record field"), `${fptr}/name`, LOCAL_NAME);
    const ty = readString(ctx, required(ctx, f, fptr, "ty", "a record field"), `${fptr}/ty`, TYPE_NAME);
    if (ty !== undefined && ty !== "i32" && ty !== "u32") ruleError(ctx, `record fields are i32 or u32 (fixed 32-bit slots); got ${JSON.stringify(ty)}`, `${fptr}/ty`);
    if (fname !== undefined && seen.has(fname)) ruleError(ctx, `duplicate record field ${JSON.stringify(fname)}`, `${fptr}/name`);
    if (fname !== undefined) seen.add(fname);
    if (fname !== undefined && ty !== undefined) fields.push({ name: fname, ty, ptr: fptr });
  });
  if (name === undefined || fieldsV === undefined) return undefined;
  return { kind: "defrecord", name, ...(doc !== undefined ? { doc } : {}), fields, ptr };
};

const parseEnum = (ctx: ParseContext, o: JsonObject, ptr: string): DefenumDecl | undefined => {
  checkKeys(ctx, o, ptr, new Set(["kind", "name", "doc", "variants"]), "defenum");
  const name = readString(ctx, required(ctx, o, ptr, "name", "a defenum"), `${ptr}/name`, SYMBOL);
  const doc = o["doc"] === undefined ? undefined : readString(ctx, o["doc"], `${ptr}/doc`, DOC);
  const variantsV = required(ctx, o, ptr, "variants", "a defenum");
  const items = readArray(ctx, variantsV, `${ptr}/variants`, "variants");
  if (Array.isArray(variantsV) && items.length === 0) schemaError(ctx, "an enum needs at least one variant", `${ptr}/variants`);
  checkUnique(ctx, items, `${ptr}/variants`, "variants");
  const variants: Array<DefenumDecl["variants"][number]> = [];
  const seen = new Set<string>();
  items.forEach((v, i) => {
    const vptr = `${ptr}/variants/${i}`;
    if (!isObject(v)) return schemaError(ctx, `an enum variant must be an object {name, payload?}, got ${describe(v)}`, vptr);
    checkKeys(ctx, v, vptr, new Set(["name", "payload"]), "an enum variant");
    const vname = readString(ctx, required(ctx, v, vptr, "name", "an enum variant"), `${vptr}/name`, LOCAL_NAME);
    const payload = v["payload"] === undefined ? undefined : readString(ctx, v["payload"], `${vptr}/payload`, TYPE_NAME);
    if (vname !== undefined && seen.has(vname)) ruleError(ctx, `duplicate enum variant ${JSON.stringify(vname)}`, `${vptr}/name`);
    if (vname !== undefined) seen.add(vname);
    if (vname !== undefined) variants.push({ name: vname, ...(payload !== undefined ? { payload } : {}), ptr: vptr });
  });
  if (name === undefined || variantsV === undefined) return undefined;
  return { kind: "defenum", name, ...(doc !== undefined ? { doc } : {}), variants, ptr };
};

const KINDS_ALWAYS = ["defn", "defasync", "extern", "export"] as const;
const KINDS_09 = ["defrecord", "defenum"] as const;

/** Parses one declaration object. */
export const parseDecl = (ctx: ParseContext, v: JsonValue, ptr: string, moduleId: string | undefined): Decl | undefined => {
  if (!isObject(v)) {
    schemaError(ctx, `a declaration must be an object, got ${describe(v)}`, ptr);
    return undefined;
  }
  const kindV = required(ctx, v, ptr, "kind", "a declaration");
  if (kindV === undefined) return undefined;
  switch (kindV) {
    case "defn":
    case "defasync":
      return parseFunction(ctx, v, ptr, kindV, moduleId);
    case "extern":
      return parseExtern(ctx, v, ptr, moduleId);
    case "export":
      return parseExport(ctx, v, ptr);
    case "defrecord":
    case "defenum":
      if (!ctx.features.recordsAndEnums) {
        ruleError(ctx, `${kindV} needs x07.x07ast@0.9.0 (this is ${ctx.versionLabel})`, `${ptr}/kind`);
        return undefined;
      }
      return kindV === "defrecord" ? parseRecord(ctx, v, ptr) : parseEnum(ctx, v, ptr);
    default: {
      const known = ctx.features.recordsAndEnums ? [...KINDS_ALWAYS, ...KINDS_09] : [...KINDS_ALWAYS];
      schemaError(ctx, `unknown declaration kind ${preview(kindV)}; expected one of ${known.join(", ")}`, `${ptr}/kind`);
      return undefined;
    }
  }
};
