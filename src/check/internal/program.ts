/**
 * Whole-program checking: collect every function's signature (entry + imported modules), check call
 * visibility (the callee's module must be imported by the caller, and export the function), type each
 * body, its contracts and the entry's /solve.
 */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { WORLDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import type { DefasyncDecl, DefnDecl, X07AstDocument } from "../../parse/index.ts";
import { lintDocument } from "../../authoring/index.ts";
import type { CheckedFunction, CheckedProgram, TExpr, Ty } from "../ir.ts";
import type { BuiltinSig } from "./builtins.ts";
import { checkClauses } from "./contracts.ts";
import { Scopes } from "./env.ts";
import { ANY_BRAND, LocalBrands } from "./brands.ts";
import { expect } from "./infer.ts";
import type { FnSig, FunctionTable, HeadInfo, InferContext } from "./infer.ts";
import type { LoadedProgram } from "./resolve.ts";
import { BOUND_ADMITS, NEVER, UNKNOWN, tyOf } from "./types.ts";

export interface BuiltinLookup {
  readonly get: (head: string) => BuiltinSig | undefined;
  readonly names: () => Iterable<string>;
}

interface FnEntry {
  readonly sig: FnSig;
  readonly decl: DefnDecl | DefasyncDecl;
  readonly module: string;
  readonly doc: X07AstDocument;
  readonly paramTys: ReadonlyArray<Ty | undefined>;
  readonly resultTy: Ty | undefined;
}

/** A bound on generic instances per program (polymorphic recursion would otherwise not terminate). */
const MAX_INSTANCES = 10_000;

/** Calling a defasync yields a task handle whose kind follows the declared result. */
const taskHandleOf = (result: Ty | undefined): Ty => (result === "result_bytes" ? "task_handle_result_bytes_v1" : "task_handle_bytes_v1");

const fileOf = (doc: X07AstDocument) => (doc.file !== undefined ? { file: doc.file } : {});

/** A function's signature; every key is always present (one object shape for every signature). */
const makeSig = (name: string, params: ReadonlyArray<Ty>, result: Ty, d: DefnDecl | DefasyncDecl, module: string, file: string | undefined): FnSig => {
  let paramBrands: Array<string | undefined> | undefined;
  for (let i = 0; i < d.params.length; i++) {
    if (d.params[i]!.brand === undefined) continue;
    paramBrands = d.params.map((p) => p.brand);
    break;
  }
  // A defasync's result brand is its task's payload; calls yield a task handle, which carries none.
  const resultBrand = d.kind === "defn" ? d.resultBrand : undefined;
  return { name, module, params, result, paramBrands, resultBrand, ptr: d.ptr, file, callSig: undefined, head: undefined };
};

/** Collects the function signatures of a document (generic ones are instantiated on demand by `tapp`). */
const collect = (doc: X07AstDocument, out: Map<string, FnEntry>, diagnostics: Diagnostic[]): void => {
  for (const d of doc.decls) {
    if (d.kind !== "defn" && d.kind !== "defasync") continue;
    const paramTys: Array<Ty | undefined> = new Array(d.params.length);
    let known = true;
    for (let i = 0; i < d.params.length; i++) {
      const t = tyOf(d.params[i]!.ty);
      paramTys[i] = t;
      if (t === undefined) known = false;
    }
    const resultTy = tyOf(d.result);
    if (d.typeParams.length === 0) {
      d.params.forEach((p, i) => {
        if (paramTys[i] === undefined) diagnostics.push(makeDiagnostic("X07-TYPE-0002", `unknown type for parameter ${p.name}`, { ptr: `${p.ptr}/ty`, ...fileOf(doc) }));
      });
      if (resultTy === undefined) diagnostics.push(makeDiagnostic("X07-TYPE-0002", `unknown result type for ${d.name}`, { ptr: d.result.ptr, ...fileOf(doc) }));
    }
    const params = known ? (paramTys as Ty[]) : paramTys.map((t) => t ?? UNKNOWN);
    const result = d.kind === "defasync" ? taskHandleOf(resultTy) : (resultTy ?? UNKNOWN);
    out.set(d.name, { sig: makeSig(d.name, params, result, d, doc.moduleId, doc.file), decl: d, module: doc.moduleId, doc, paramTys, resultTy });
  }
};

/**
 * Calls into another module need that module imported and the function exported (upstream `compile.rs`).
 * Loop bodies are typed twice: each call site is reported once per checked function (`cx.reportedCalls`,
 * created only when there is something to report).
 */
const visibilityCheck =
  (cx: InferContext, doc: X07AstDocument, fns: ReadonlyMap<string, FnEntry>, exports: ReadonlyMap<string, ReadonlySet<string>>, diagnostics: Diagnostic[]) =>
  (callee: string, listPtr: string, calleeModule?: string): void => {
    if (calleeModule === doc.moduleId) return; // a call within the module (the caller knew the callee's module)
    const f = fns.get(callee);
    if (f === undefined || f.module === doc.moduleId) return;
    const imported = doc.imports.some((i) => i.module === f.module);
    if (imported && (exports.get(f.module)?.has(callee) ?? false)) return;
    const seen = (cx.reportedCalls ??= new Set());
    if (seen.has(listPtr)) return;
    seen.add(listPtr);
    if (!imported) {
      diagnostics.push(
        makeDiagnostic("X07-TYPE-CALL-0001", `calling ${callee} needs an import of ${f.module} in ${doc.moduleId}`, {
          ptr: `${listPtr}/0`,
          ...fileOf(doc),
          quickfix: { kind: "json_patch", patch: [{ op: "add", path: "/imports/-", value: f.module }], note: `Import ${f.module}` },
        }),
      );
    } else {
      diagnostics.push(makeDiagnostic("X07-TYPE-CALL-0001", `${callee} is not exported by module ${f.module}`, { ptr: `${listPtr}/0`, ...fileOf(doc), notes: [`add ${callee} to the export declaration of ${f.module}`] }));
    }
  };

/**
 * The callable signatures: the declared non-generic functions (read from the declaration table, no copy) and the
 * generic instances made so far. Instance names (`f<T…>`) never spell a declared name (symbols have no `<`), and
 * `keys` lists declarations first, then instances in the order they were made.
 */
interface FnTable extends FunctionTable {
  readonly set: (name: string, sig: FnSig) => void;
}

const fnTable = (fns: ReadonlyMap<string, FnEntry>): FnTable => {
  const instances = new Map<string, FnSig>();
  const get = (name: string): FnSig | undefined => {
    const f = fns.get(name);
    if (f !== undefined) return f.decl.typeParams.length === 0 ? f.sig : undefined;
    return instances.get(name);
  };
  return {
    get,
    has: (name) => get(name) !== undefined,
    set: (name, sig) => void instances.set(name, sig),
    *keys() {
      for (const [k, f] of fns) if (f.decl.typeParams.length === 0) yield k;
      yield* instances.keys();
    },
  };
};

/** What stays the same for every function of a program: the signatures, the builtins, the world, generics. */
interface ProgramScope {
  readonly sigs: FnTable;
  readonly fns: ReadonlyMap<string, FnEntry>;
  readonly exports: ReadonlyMap<string, ReadonlySet<string>>;
  readonly builtins: BuiltinLookup;
  readonly diagnostics: Diagnostic[];
  readonly generics: GenericSupport;
  readonly world: WorldId;
  readonly heads: Map<string, HeadInfo>;
}

/**
 * One inference context per document, made once and reset for each function body (a context per function was a
 * tenth of the checker's allocations). Checking is synchronous and never re-entrant: `instantiate` only queues.
 */
const makeContext = (doc: X07AstDocument, p: ProgramScope): InferContext => {
  const caps = WORLDS[p.world];
  const cx: InferContext = {
    localBrands: new LocalBrands(),
    resultBrandOf: (fn) => p.sigs.get(fn)?.resultBrand,
    asyncContext: false,
    worldHas: (cap) => (cap === "os" ? !caps.eval : caps[cap]),
    taskScopeDepth: 0,
    file: doc.file,
    fnResult: UNKNOWN,
    functions: p.sigs,
    builtin: p.builtins.get,
    builtinNames: p.builtins.names,
    heads: p.heads,
    diagnostics: p.diagnostics,
    seen: undefined,
    reportedCalls: undefined,
    scopes: new Scopes(),
    onUserCall: () => undefined,
    records: p.generics.records,
    enums: p.generics.enums,
    subst: NO_SUBST,
    isGeneric: p.generics.isGeneric,
    typeParamCount: p.generics.typeParamCount,
    instantiate: (callee, tys, ptr) => p.generics.instantiate(doc, callee, tys, ptr),
  };
  cx.onUserCall = visibilityCheck(cx, doc, p.fns, p.exports, p.diagnostics);
  return cx;
};

/** Readies a document's context for one function body (or /solve). */
const resetContext = (cx: InferContext, fnResult: Ty, subst: ReadonlyMap<string, Ty>, asyncContext: boolean): InferContext => {
  cx.fnResult = fnResult;
  cx.subst = subst;
  cx.asyncContext = asyncContext;
  cx.taskScopeDepth = 0;
  cx.seen = undefined;
  cx.reportedCalls = undefined;
  cx.scopes.reset();
  cx.localBrands.reset();
  return cx;
};

const NO_SUBST: ReadonlyMap<string, Ty> = new Map();

interface GenericSupport {
  readonly records: ReadonlyMap<string, ReadonlyArray<{ readonly name: string }>>;
  readonly enums: ReadonlyMap<string, ReadonlyArray<{ readonly name: string; readonly payload?: string }>>;
  readonly isGeneric: (name: string) => boolean;
  readonly typeParamCount: (name: string) => number | undefined;
  readonly instantiate: (caller: X07AstDocument, callee: string, tys: ReadonlyArray<Ty>, listPtr: string) => FnSig | undefined;
}

/**
 * A function returning bytes_view must not return a view of its own locals or owned parameters (they are
 * dropped on return). The body's tail positions (and `return` values) are inspected structurally: a
 * view-making head over a local, or a local bound to one, escapes. Views of `input` or view parameters are fine.
 */
const checkEscape = (cx: InferContext, body: import("../../parse/index.ts").Expr, doc: X07AstDocument, diagnostics: Diagnostic[]): void => {
  const owners = new Map<string, string>(); // view local -> owner local
  const viewHeads = (e: import("../../parse/index.ts").Expr): string | undefined => {
    if (e.kind !== "list") return undefined;
    const sig = cx.builtin(e.head);
    const i = sig?.params.findIndex((p) => p.mode === "owner") ?? -1;
    const a = i >= 0 ? e.args[i] : undefined;
    return a?.kind === "atom" && a.name !== "input" ? a.name : undefined;
  };
  const tails: Array<import("../../parse/index.ts").Expr> = [];
  const visit = (e: import("../../parse/index.ts").Expr, tail: boolean): void => {
    if (e.kind !== "list") {
      if (tail) tails.push(e);
      return;
    }
    if (e.head === "let" && e.args[0]?.kind === "atom" && e.args[1] !== undefined) {
      const o = viewHeads(e.args[1]) ?? (e.args[1].kind === "atom" ? owners.get(e.args[1].name) : undefined);
      if (o !== undefined) owners.set(e.args[0].name, o);
    }
    if (e.head === "return" && e.args[0] !== undefined) tails.push(e.args[0]);
    if (e.head === "begin" || e.head === "unsafe") e.args.forEach((a, i) => visit(a, tail && i === e.args.length - 1));
    else if (e.head === "if") e.args.forEach((a, i) => visit(a, tail && i > 0));
    else {
      if (tail) tails.push(e);
      e.args.forEach((a) => visit(a, false));
    }
  };
  visit(body, true);
  for (const t of tails) {
    const owner = t.kind === "atom" ? owners.get(t.name) : viewHeads(t);
    if (owner === undefined) continue;
    diagnostics.push(makeDiagnostic("X07-BORROW-0002", `the returned bytes_view borrows from local ${owner}, which is dropped when the function returns`, { ptr: t.ptr, ...fileOf(doc), notes: ["return owned bytes (view.to_bytes) instead, or take the owner as a bytes_view parameter"], data: { owner } }));
  }
};

/**
 * A CheckedFunction with its optional keys present only when set, in one key order (no object spreads: this runs
 * once per function).
 */
const checkedFunction = (
  name: string,
  typeArgs: Ty[] | undefined,
  module: string,
  file: string | undefined,
  decl: DefnDecl | DefasyncDecl,
  params: CheckedFunction["params"],
  result: Ty,
  body: TExpr,
  requires: CheckedFunction["requires"],
  ensures: CheckedFunction["ensures"],
): CheckedFunction => {
  if (typeArgs === undefined) {
    return file === undefined ? { name, module, decl, params, result, body, requires, ensures } : { name, module, file, decl, params, result, body, requires, ensures };
  }
  return file === undefined ? { name, typeArgs, module, decl, params, result, body, requires, ensures } : { name, typeArgs, module, file, decl, params, result, body, requires, ensures };
};

/** Checks a loaded program. */
export const checkLoadedProgram = (loaded: LoadedProgram, builtins: BuiltinLookup): { program: CheckedProgram; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const docs = [...loaded.modules.map((m) => m.document), loaded.entry];
  for (const doc of docs) diagnostics.push(...lintDocument(doc, { world: loaded.world }));
  const fns = new Map<string, FnEntry>();
  for (const doc of docs) collect(doc, fns, diagnostics);
  // One pass over every declaration for exports, records and enums (these maps keep declaration order).
  const exports = new Map<string, Set<string>>();
  const records = new Map<string, ReadonlyArray<{ readonly name: string }>>();
  const enums = new Map<string, ReadonlyArray<{ readonly name: string; readonly payload?: string }>>();
  for (const d of docs) {
    const names = new Set<string>();
    for (const x of d.decls) {
      if (x.kind === "export") for (const n of x.names) names.add(n);
      else if (x.kind === "defrecord") records.set(x.name, x.fields);
      else if (x.kind === "defenum") enums.set(x.name, x.variants);
    }
    exports.set(d.moduleId, names);
  }
  // Generic functions are reachable only through tapp (instances get their own `name<T…>` signature).
  const sigs = fnTable(fns);
  const isUserFn = (n: string) => fns.has(n) || sigs.has(n);

  const heads = new Map<string, HeadInfo>();
  const functions = new Map<string, CheckedFunction>();
  const queue: Array<{ f: FnEntry; name: string; subst: Map<string, Ty>; typeArgs: Ty[] }> = [];

  const generics: GenericSupport = {
    records,
    enums,
    isGeneric: (name) => (fns.get(name)?.decl.typeParams.length ?? 0) > 0,
    typeParamCount: (name) => fns.get(name)?.decl.typeParams.length,
    instantiate: (caller, callee, tys, listPtr) => {
      const f = fns.get(callee);
      const at = { ptr: listPtr, ...fileOf(caller) };
      if (f === undefined || f.decl.typeParams.length === 0) {
        diagnostics.push(makeDiagnostic("X07-TAPP-ELAB-0001", f === undefined ? `unknown generic function ${callee}` : `${callee} is not generic; call it without tapp`, { ...at, data: { callee } }));
        return undefined;
      }
      const tps = f.decl.typeParams;
      if (tps.length !== tys.length) {
        diagnostics.push(makeDiagnostic("X07-TAPP-ELAB-0001", `${callee} has ${tps.length} type parameter${tps.length === 1 ? "" : "s"} (${tps.map((t) => t.name).join(", ")}); got ${tys.length} type argument${tys.length === 1 ? "" : "s"}`, { ...at, data: { callee, want: tps.length, got: tys.length } }));
        return undefined;
      }
      for (const [i, tp] of tps.entries()) {
        const admits = BOUND_ADMITS[tp.bound ?? "any"];
        if (admits !== undefined && admits !== "any" && !admits.has(tys[i]!)) {
          diagnostics.push(makeDiagnostic("X07-GENERICS-0001", `type argument ${tys[i]} for ${tp.name} of ${callee} does not satisfy its bound ${tp.bound} (${[...admits].join(", ")})`, { ...at, data: { callee, param: tp.name, bound: tp.bound ?? "any", got: tys[i] } }));
          return undefined;
        }
      }
      const name = `${callee}<${tys.join(",")}>`;
      const existing = sigs.get(name);
      if (existing !== undefined) return existing;
      const subst = new Map(tps.map((tp, i) => [tp.name, tys[i]!] as const));
      const paramTys = f.decl.params.map((p) => tyOf(p.ty, subst));
      const resultTy = tyOf(f.decl.result, subst);
      if (resultTy === undefined || paramTys.some((t) => t === undefined)) {
        diagnostics.push(makeDiagnostic("X07-TYPE-0002", `${name}: a parameter or the result of ${callee} has no concrete type after substitution`, { ...at, data: { callee } }));
        return undefined;
      }
      const sig = makeSig(name, paramTys as Ty[], f.decl.kind === "defasync" ? taskHandleOf(resultTy) : resultTy, f.decl, f.module, f.doc.file);
      sigs.set(name, sig);
      heads.delete(name); // a head spelled like the instance now names it
      queue.push({ f: { ...f, paramTys, resultTy }, name, subst, typeArgs: [...tys] });
      return sig;
    },
  };

  const scope: ProgramScope = { sigs, fns, exports, builtins, diagnostics, generics, world: loaded.world, heads };
  const contexts = new Map<X07AstDocument, InferContext>();
  const contextFor = (doc: X07AstDocument, fnResult: Ty, subst: ReadonlyMap<string, Ty>, asyncContext: boolean): InferContext => {
    let cx = contexts.get(doc);
    if (cx === undefined) {
      cx = makeContext(doc, scope);
      contexts.set(doc, cx);
    }
    return resetContext(cx, fnResult, subst, asyncContext);
  };

  const checkFunction = (f: FnEntry, name: string, subst: ReadonlyMap<string, Ty>, typeArgs: Ty[] | undefined): void => {
    const d = f.decl;
    const paramTys = f.paramTys;
    for (let i = 0; i < paramTys.length; i++) if (paramTys[i] === undefined) return;
    if (f.resultTy === undefined) return;
    // A defasync call yields a task handle (f.sig.result); its body produces the declared result.
    const result = f.resultTy;
    const cx = contextFor(f.doc, result, subst, d.kind === "defasync");
    cx.scopes.push();
    // An unbranded parameter is brand-unknown inside the body (brands.ts explains why).
    const params: Array<{ readonly name: string; readonly ty: Ty }> = new Array(d.params.length);
    for (let i = 0; i < d.params.length; i++) {
      const p = d.params[i]!;
      const ty = paramTys[i]!;
      cx.scopes.bind(p.name, ty, undefined, p.brand ?? (ty.includes("bytes") ? ANY_BRAND : undefined));
      params[i] = { name: p.name, ty };
    }
    const hasContracts = d.requires.length + d.ensures.length + d.invariant.length > 0;
    let requires: ReturnType<typeof checkClauses> = [];
    let ensures: ReturnType<typeof checkClauses> = [];
    if (hasContracts) {
      if (typeArgs === undefined) {
        for (const p of d.params) if (p.name === "__result") diagnostics.push(makeDiagnostic("X07-CONTRACT-0004", "__result is reserved in functions with contracts", { ptr: `${p.ptr}/name`, ...fileOf(f.doc) }));
      }
      // `__result` is bound for every clause so a misplaced use gets one diagnostic (X07-CONTRACT-0003), not two.
      cx.scopes.push();
      cx.scopes.bind("__result", result);
      requires = checkClauses(cx, d.requires, false, builtins.get, isUserFn);
      checkClauses(cx, d.invariant, false, builtins.get, isUserFn);
      ensures = checkClauses(cx, d.ensures, true, builtins.get, isUserFn);
      cx.scopes.pop();
    }
    const body = expect(cx, d.body, result, (got) =>
      diagnostics.push(makeDiagnostic("X07-TYPE-RET-0001", `the body of ${name} has type ${got}; the function returns ${result}`, { ptr: d.body.ptr, ...fileOf(f.doc), data: { expected: result, got } })),
    );
    if (result === "bytes_view") checkEscape(cx, d.body, f.doc, diagnostics);
    functions.set(name, checkedFunction(name, typeArgs, f.module, f.doc.file, d, params, result, body, requires, ensures));
  };

  fns.forEach((f) => {
    if (f.decl.typeParams.length === 0) checkFunction(f, f.decl.name, NO_SUBST, undefined);
  });

  let solve: TExpr | undefined;
  const entry = loaded.entry;
  if (entry.solve !== undefined) {
    const cx = contextFor(entry, "bytes", NO_SUBST, true);
    solve = expect(cx, entry.solve, "bytes", (got) =>
      diagnostics.push(makeDiagnostic("X07-TYPE-0003", `/solve must produce bytes, got ${got}`, { ptr: "/solve", ...fileOf(entry), data: { got } })),
    );
    if (solve.ty === NEVER) solve = { ...solve, ty: "bytes" };
  }
  // Instances requested by tapp (in bodies or in /solve) are checked last; checking one may request more.
  for (let i = 0; i < queue.length && i < MAX_INSTANCES; i++) {
    const q = queue[i]!;
    checkFunction(q.f, q.name, q.subst, q.typeArgs);
  }
  if (queue.length > MAX_INSTANCES) {
    diagnostics.push(makeDiagnostic("X07-TAPP-ELAB-0001", `more than ${MAX_INSTANCES} generic instances (unbounded polymorphic recursion?)`, { ptr: "", ...fileOf(entry) }));
  }
  const documents = new Map(loaded.modules.map((m) => [m.moduleId, m.document] as const));
  return { program: { world: loaded.world, entry, solve, functions, modules: loaded.modules.map((m) => m.moduleId), documents }, diagnostics };
};
