/**
 * Whole-program checking: collect every function's signature (entry + imported modules), check call
 * visibility (the callee's module must be imported by the caller, and export the function), type each
 * body, its contracts and the entry's /solve.
 */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { DefasyncDecl, DefnDecl, X07AstDocument } from "../../parse/index.ts";
import { lintDocument } from "../../authoring/index.ts";
import type { CheckedFunction, CheckedProgram, TExpr, Ty } from "../ir.ts";
import type { BuiltinSig } from "./builtins.ts";
import { checkClauses } from "./contracts.ts";
import { Scopes } from "./env.ts";
import { expect } from "./infer.ts";
import type { FnSig, InferContext } from "./infer.ts";
import type { LoadedProgram } from "./resolve.ts";
import { NEVER, UNKNOWN, tyOf } from "./types.ts";

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

const fileOf = (doc: X07AstDocument) => (doc.file !== undefined ? { file: doc.file } : {});

/** Collects the function signatures of a document; generic functions are reported as not yet supported. */
const collect = (doc: X07AstDocument, out: Map<string, FnEntry>, diagnostics: Diagnostic[]): void => {
  for (const d of doc.decls) {
    if (d.kind !== "defn" && d.kind !== "defasync") continue;
    const paramTys = d.params.map((p) => tyOf(p.ty));
    const resultTy = tyOf(d.result);
    if (d.typeParams.length > 0) {
      diagnostics.push(makeDiagnostic("X07-CHECK-UNSUPPORTED-0001", `generic function ${d.name} is not checked yet (type parameters are parsed; monomorphization comes with the generics work)`, { ptr: `${d.ptr}/type_params`, severity: "warning", ...fileOf(doc) }));
    } else {
      d.params.forEach((p, i) => {
        if (paramTys[i] === undefined) diagnostics.push(makeDiagnostic("X07-TYPE-0002", `unknown type for parameter ${p.name}`, { ptr: `${p.ptr}/ty`, ...fileOf(doc) }));
      });
      if (resultTy === undefined) diagnostics.push(makeDiagnostic("X07-TYPE-0002", `unknown result type for ${d.name}`, { ptr: d.result.ptr, ...fileOf(doc) }));
    }
    out.set(d.name, {
      sig: { name: d.name, params: paramTys.map((t) => t ?? UNKNOWN), result: d.kind === "defasync" ? "i32" : (resultTy ?? UNKNOWN), ptr: d.ptr, ...fileOf(doc) },
      decl: d,
      module: doc.moduleId,
      doc,
      paramTys,
      resultTy,
    });
  }
};

/** Calls into another module need that module imported and the function exported (upstream `compile.rs`). */
const visibilityCheck =
  (doc: X07AstDocument, fns: ReadonlyMap<string, FnEntry>, exports: ReadonlyMap<string, ReadonlySet<string>>, diagnostics: Diagnostic[]) => {
  // Loop bodies are typed twice; report each call site once.
  const seen = new Set<string>();
  return (callee: string, listPtr: string): void => {
    const f = fns.get(callee);
    if (f === undefined || f.module === doc.moduleId || seen.has(listPtr)) return;
    seen.add(listPtr);
    if (!doc.imports.some((i) => i.module === f.module)) {
      diagnostics.push(
        makeDiagnostic("X07-TYPE-CALL-0001", `calling ${callee} needs an import of ${f.module} in ${doc.moduleId}`, {
          ptr: `${listPtr}/0`,
          ...fileOf(doc),
          quickfix: { kind: "json_patch", patch: [{ op: "add", path: "/imports/-", value: f.module }], note: `Import ${f.module}` },
        }),
      );
    } else if (!(exports.get(f.module)?.has(callee) ?? false)) {
      diagnostics.push(makeDiagnostic("X07-TYPE-CALL-0001", `${callee} is not exported by module ${f.module}`, { ptr: `${listPtr}/0`, ...fileOf(doc), notes: [`add ${callee} to the export declaration of ${f.module}`] }));
    }
  };
};

const makeContext = (
  doc: X07AstDocument,
  fnResult: Ty,
  fns: ReadonlyMap<string, FnSig>,
  builtins: BuiltinLookup,
  diagnostics: Diagnostic[],
  onUserCall: (callee: string, listPtr: string) => void,
): InferContext => ({
  file: doc.file,
  fnResult,
  functions: fns,
  builtin: builtins.get,
  builtinNames: builtins.names,
  diagnostics,
  seen: new Set(),
  scopes: new Scopes(),
  onUserCall,
});

/** Checks a loaded program. */
export const checkLoadedProgram = (loaded: LoadedProgram, builtins: BuiltinLookup): { program: CheckedProgram; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const docs = [...loaded.modules.map((m) => m.document), loaded.entry];
  for (const doc of docs) diagnostics.push(...lintDocument(doc, { world: loaded.world }));
  const fns = new Map<string, FnEntry>();
  for (const doc of docs) collect(doc, fns, diagnostics);
  const exports = new Map<string, Set<string>>(docs.map((d) => [d.moduleId, new Set(d.decls.flatMap((x) => (x.kind === "export" ? x.names : [])))]));
  const sigs = new Map<string, FnSig>([...fns].map(([k, v]) => [k, v.sig]));
  const isUserFn = (n: string) => sigs.has(n);

  const functions = new Map<string, CheckedFunction>();
  for (const f of fns.values()) {
    const d = f.decl;
    if (d.typeParams.length > 0 || f.resultTy === undefined || f.paramTys.some((t) => t === undefined)) continue;
    // A defasync call yields a task handle (f.sig.result); its body produces the declared result.
    const result = f.resultTy;
    const cx = makeContext(f.doc, result, sigs, builtins, diagnostics, visibilityCheck(f.doc, fns, exports, diagnostics));
    cx.scopes.push();
    d.params.forEach((p, i) => cx.scopes.bind(p.name, f.paramTys[i]!));
    const hasContracts = d.requires.length + d.ensures.length + d.invariant.length > 0;
    if (hasContracts) {
      for (const p of d.params) if (p.name === "__result") diagnostics.push(makeDiagnostic("X07-CONTRACT-0004", "__result is reserved in functions with contracts", { ptr: `${p.ptr}/name`, ...fileOf(f.doc) }));
    }
    // `__result` is bound for every clause so a misplaced use gets one diagnostic (X07-CONTRACT-0003), not two.
    cx.scopes.push();
    cx.scopes.bind("__result", result);
    const requires = checkClauses(cx, d.requires, false, builtins.get, isUserFn);
    checkClauses(cx, d.invariant, false, builtins.get, isUserFn);
    const ensures = checkClauses(cx, d.ensures, true, builtins.get, isUserFn);
    cx.scopes.pop();
    const body = expect(cx, d.body, result, (got) =>
      diagnostics.push(makeDiagnostic("X07-TYPE-RET-0001", `the body of ${d.name} has type ${got}; the function returns ${result}`, { ptr: d.body.ptr, ...fileOf(f.doc), data: { expected: result, got } })),
    );
    functions.set(d.name, {
      name: d.name,
      module: f.module,
      ...fileOf(f.doc),
      decl: d,
      params: d.params.map((p, i) => ({ name: p.name, ty: f.paramTys[i]! })),
      result,
      body,
      requires,
      ensures,
    });
  }

  let solve: TExpr | undefined;
  const entry = loaded.entry;
  if (entry.solve !== undefined) {
    const cx = makeContext(entry, "bytes", sigs, builtins, diagnostics, visibilityCheck(entry, fns, exports, diagnostics));
    solve = expect(cx, entry.solve, "bytes", (got) =>
      diagnostics.push(makeDiagnostic("X07-TYPE-0003", `/solve must produce bytes, got ${got}`, { ptr: "/solve", ...fileOf(entry), data: { got } })),
    );
    if (solve.ty === NEVER) solve = { ...solve, ty: "bytes" };
  }
  return { program: { world: loaded.world, entry, solve, functions, modules: loaded.modules.map((m) => m.moduleId) }, diagnostics };
};
