/**
 * Typed AST → JSON value. With `canonical`, the layout upstream's formatter writes: imports sorted and
 * de-duplicated; declarations ordered export (modules only), externs, defns, defasyncs (each sorted by
 * name), then records and enums; empty optional fields and an empty `meta` omitted; loop-contract
 * pointers renumbered to the declaration's new index.
 */
import type { JsonValue } from "../../core/json/index.ts";
import type { ContractClause, Decl, Expr, LoopContract, Param, TypeRef, X07AstDocument } from "../ast.ts";

type Obj = { [key: string]: JsonValue };

export const exprToJson = (e: Expr): JsonValue => {
  switch (e.kind) {
    case "int":
      return e.value;
    case "atom":
      return e.name;
    case "text":
      return e.value;
    case "list":
      return [e.head, ...e.args.map(exprToJson)];
  }
};

export const typeRefToJson = (t: TypeRef): JsonValue =>
  t.kind === "named" ? t.name : t.kind === "var" ? ["t", t.name] : [t.head, ...t.args.map(typeRefToJson)];

const clauses = (cs: ReadonlyArray<ContractClause>): JsonValue[] =>
  cs.map((c) => ({
    ...(c.id !== undefined ? { id: c.id } : {}),
    expr: exprToJson(c.expr),
    ...(c.witness.length > 0 ? { witness: c.witness.map(exprToJson) } : {}),
  }));

const params = (ps: ReadonlyArray<Param>): JsonValue[] =>
  ps.map((p) => ({ name: p.name, ty: typeRefToJson(p.ty), ...(p.brand !== undefined ? { brand: p.brand } : {}) }));

const put = (o: Obj, key: string, cs: ReadonlyArray<ContractClause>): void => {
  if (cs.length > 0) o[key] = clauses(cs);
};

const loopContracts = (lcs: ReadonlyArray<LoopContract>, retarget: (p: string) => string): JsonValue[] =>
  lcs.map((lc) => {
    const o: Obj = { ptr: retarget(lc.target) };
    if (lc.invariant.length > 0) o["invariant"] = clauses(lc.invariant);
    if (lc.decreases.length > 0) o["decreases"] = clauses(lc.decreases);
    return o;
  });

const docOf = (doc: string | undefined, canonical: boolean): string | undefined => {
  if (doc === undefined) return undefined;
  const d = canonical ? doc.trim() : doc;
  return d === "" ? undefined : d;
};

const declToJson = (d: Decl, canonical: boolean, retarget: (p: string) => string): Obj => {
  switch (d.kind) {
    case "export":
      return { kind: "export", names: canonical ? [...new Set(d.names)].sort() : [...d.names] };
    case "extern":
      return {
        kind: "extern",
        abi: d.abi,
        name: d.name,
        ...(d.linkName !== undefined ? { link_name: d.linkName } : {}),
        params: params(d.params),
        result: typeRefToJson(d.result),
      };
    case "defrecord": {
      const doc = docOf(d.doc, canonical);
      return { kind: "defrecord", name: d.name, ...(doc !== undefined ? { doc } : {}), fields: d.fields.map((f) => ({ name: f.name, ty: f.ty })) };
    }
    case "defenum": {
      const doc = docOf(d.doc, canonical);
      return {
        kind: "defenum",
        name: d.name,
        ...(doc !== undefined ? { doc } : {}),
        variants: d.variants.map((v) => ({ name: v.name, ...(v.payload !== undefined ? { payload: v.payload } : {}) })),
      };
    }
    case "defn":
    case "defasync": {
      const o: Obj = { kind: d.kind, name: d.name };
      const doc = docOf(d.doc, canonical);
      if (doc !== undefined) o["doc"] = doc;
      if (d.typeParams.length > 0) o["type_params"] = d.typeParams.map((t) => ({ name: t.name, ...(t.bound !== undefined ? { bound: t.bound } : {}) }));
      put(o, "requires", d.requires);
      put(o, "ensures", d.ensures);
      put(o, "invariant", d.invariant);
      if (d.kind === "defn") put(o, "decreases", d.decreases);
      if (d.kind === "defasync" && d.protocol !== undefined) {
        const p: Obj = {};
        put(p, "await_invariant", d.protocol.awaitInvariant);
        put(p, "scope_invariant", d.protocol.scopeInvariant);
        put(p, "cancellation_ensures", d.protocol.cancellationEnsures);
        o["protocol"] = p;
      }
      if (d.loopContracts.length > 0) o["loop_contracts"] = loopContracts(d.loopContracts, retarget);
      o["params"] = params(d.params);
      o["result"] = typeRefToJson(d.result);
      if (d.resultBrand !== undefined) o["result_brand"] = d.resultBrand;
      o["body"] = exprToJson(d.body);
      return o;
    }
  }
};

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The declarations in canonical order (upstream's formatter order). */
export const canonicalDeclOrder = (doc: X07AstDocument): Decl[] => {
  const of = <K extends Decl["kind"]>(k: K) => doc.decls.filter((d): d is Extract<Decl, { kind: K }> => d.kind === k);
  const exportNames = of("export").flatMap((e) => e.names);
  const exports: Decl[] =
    doc.kind === "module" && exportNames.length > 0 ? [{ kind: "export", names: [...new Set(exportNames)].sort(), ptr: of("export")[0]!.ptr }] : [];
  return [
    ...exports,
    ...of("extern").sort(byName),
    ...of("defn").sort(byName),
    ...of("defasync").sort(byName),
    ...of("defrecord"),
    ...of("defenum"),
  ];
};

/** Converts a document back to JSON; `canonical` applies the formatter's layout. */
export const x07AstToJson = (doc: X07AstDocument, options: { readonly canonical?: boolean } = {}): JsonValue => {
  const canonical = options.canonical ?? true;
  const decls = canonical ? canonicalDeclOrder(doc) : [...doc.decls];
  const out: Obj = {
    schema_version: doc.schemaVersion,
    kind: doc.kind,
    module_id: doc.moduleId,
    imports: canonical ? [...new Set(doc.imports.map((i) => i.module))].sort() : doc.imports.map((i) => i.module),
    decls: decls.map((d, i) => {
      const oldBody = `${d.ptr}/body`;
      const newBody = `/decls/${i}/body`;
      const retarget = (p: string) => (p === oldBody || p.startsWith(oldBody + "/") ? newBody + p.slice(oldBody.length) : p);
      return declToJson(d, canonical, retarget);
    }),
  };
  if (doc.solve !== undefined) out["solve"] = exprToJson(doc.solve);
  if (doc.meta !== undefined && (!canonical || Object.keys(doc.meta).length > 0)) out["meta"] = doc.meta;
  return out;
};
