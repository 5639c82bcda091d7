/**
 * Expression typing for one function body (or the entry's solve): bidirectional, monomorphic, with
 * move tracking for move-only locals. Special forms have one handler each in `FORMS`; every other list
 * is a call to a builtin (signature from the heads table) or to a declared/imported function.
 */
import { arityViolated, capabilityOf, formShapeOf } from "../../core/heads/forms.ts";
import type { FormShape } from "../../core/heads/forms.ts";
import { suggestNames } from "../../core/text/suggest.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { BudgetCfg } from "../ir.ts";
import type { Diagnostic, DiagnosticCode, DiagnosticInit } from "../../diag/index.ts";
import { exprToJson } from "../../parse/index.ts";
import type { Expr, ListExpr } from "../../parse/index.ts";
import type { FormName, TExpr, Ty } from "../ir.ts";
import type { BuiltinParam, BuiltinSig } from "./builtins.ts";
import { Scopes, mergeMoves } from "./env.ts";
import type { Binding, Snapshot } from "./env.ts";
import { MOVE_ONLY, NEVER, TYPE_NAMES, UNKNOWN, applyTy, canonicalTy, coercible, sameTy } from "./types.ts";
import { bind } from "./builtins.ts";
import { brandAccepts, brandIsEnum, brandOf, showBranded } from "./brands.ts";
import type { BrandEnv } from "./brands.ts";

/** A callable user function's signature. */
export interface FnSig {
  readonly name: string;
  /** The module that declares it (for an instance: the generic function's). */
  readonly module: string;
  readonly params: ReadonlyArray<Ty>;
  readonly result: Ty;
  /** Each parameter's `brand` (undefined: unbranded; the array is undefined when none has one), and the `result_brand`. */
  readonly paramBrands: ReadonlyArray<string | undefined> | undefined;
  readonly resultBrand: string | undefined;
  readonly ptr: string;
  readonly file: string | undefined;
  /** The signature as call parameters, made on the first call ({@link userSig}). */
  callSig: BuiltinSig | undefined;
  /** What its name means as a head ({@link headInfo}), worked out on the first call. */
  head: HeadInfo | undefined;
}

/** The signatures a call can name, by symbol (declared functions and generic instances). */
export interface FunctionTable {
  readonly get: (name: string) => FnSig | undefined;
  readonly has: (name: string) => boolean;
  readonly keys: () => Iterable<string>;
}

export interface InferContext extends BrandEnv {
  readonly file: string | undefined;
  fnResult: Ty;
  readonly functions: FunctionTable;
  readonly builtin: (head: string) => BuiltinSig | undefined;
  readonly builtinNames: () => Iterable<string>;
  readonly diagnostics: Diagnostic[];
  /** Diagnostics already reported in this body (created on the first one). */
  seen: Set<string> | undefined;
  /** Cross-module call sites already reported in this body (created on the first one). */
  reportedCalls: Set<string> | undefined;
  readonly scopes: Scopes;
  /** Called for every call to a user function (the program checks cross-module visibility here). */
  onUserCall: (callee: string, listPtr: string, calleeModule?: string) => void;
  /** Type-variable bindings of the generic instance being checked (empty for monomorphic code). */
  subst: ReadonlyMap<string, Ty>;
  /** Whether a symbol names a generic function. */
  readonly isGeneric: (name: string) => boolean;
  /** The number of type parameters of a function (undefined for an unknown one). */
  readonly typeParamCount: (name: string) => number | undefined;
  /** Whether the program's world provides a capability (world-gated calls are typed only where they are allowed). */
  readonly worldHas: (cap: "os" | "fs" | "rr" | "kv") => boolean;
  /** Whether this is async code (the entry's solve or a defasync body), where await and friends are allowed. */
  asyncContext: boolean;
  /** How many task.scope_v1 bodies enclose the expression being checked. */
  taskScopeDepth: number;
  /** Records and enums (0.9) by name. */
  readonly records: ReadonlyMap<string, ReadonlyArray<{ readonly name: string }>>;
  readonly enums: ReadonlyMap<string, ReadonlyArray<{ readonly name: string; readonly payload?: string }>>;
  /** What each head other than a declared function's names, looked up once per program (see {@link headInfo}); an instance's name is dropped when it is added. */
  readonly heads: Map<string, HeadInfo>;
  /** Instantiates a generic function (queued for checking); undefined after reporting why it cannot. */
  readonly instantiate: (callee: string, tys: ReadonlyArray<Ty>, listPtr: string) => FnSig | undefined;
}

/** A type written as an expression (in `tys` or a ty.* argument): `"u32"`, `["t","A"]`, `["option","i32"]`. */
export const typeOfExpr = (cx: InferContext, e: Expr): Ty | undefined => {
  if (e.kind === "atom") return TYPE_NAMES.has(e.name) ? e.name : undefined;
  if (e.kind !== "list") return undefined;
  const [a] = e.args;
  if (e.head === "t") return a?.kind === "atom" ? cx.subst.get(a.name) : undefined;
  if (e.args.length !== 1 || a === undefined) return undefined;
  const inner = typeOfExpr(cx, a);
  if (inner === undefined) return undefined;
  return applyTy(e.head, inner);
};

const emit = (cx: InferContext, code: DiagnosticCode, message: string, init: DiagnosticInit): void => {
  const key = `${code}|${init.ptr ?? ""}|${message}`;
  const seen = (cx.seen ??= new Set());
  if (seen.has(key)) return;
  seen.add(key);
  cx.diagnostics.push(makeDiagnostic(code, message, { ...init, ...(cx.file !== undefined ? { file: cx.file } : {}) }));
};

const unknownOut = (e: Expr): TExpr => ({ kind: "int", value: 0, ty: UNKNOWN, ptr: e.ptr });

/** Infers an expression's type. */
export const infer = (cx: InferContext, e: Expr): TExpr => {
  switch (e.kind) {
    case "int":
      return { kind: "int", value: e.value, ty: "i32", ptr: e.ptr };
    case "text":
      return { kind: "text", value: e.value, ty: "bytes", ptr: e.ptr };
    case "atom":
      return useLocal(cx, e.name, e.ptr);
    case "list": {
      const info = headInfo(cx, e.head);
      if (info.form !== undefined) return info.form(cx, e);
      return inferCall(cx, e, info);
    }
  }
};

/** A typed node where `want` is expected: itself, wrapped in a coercion when one applies, or undefined when it does not fit. */
const fit = (t: TExpr, want: Ty): TExpr | undefined => {
  if (sameTy(t.ty, want)) return t;
  if (coercible(t.ty, want)) return { kind: "coerce", from: t.ty, arg: t, ty: want, ptr: t.ptr };
  return undefined;
};

/** Checks an expression against an expected type, inserting a coercion when one applies. */
export const expect = (cx: InferContext, e: Expr, want: Ty, onMismatch: (got: Ty) => void): TExpr => {
  const t = infer(cx, e);
  const r = fit(t, want);
  if (r !== undefined) return r;
  onMismatch(t.ty);
  return t;
};

const useLocal = (cx: InferContext, name: string, ptr: string): TExpr => {
  if (name === "input") return { kind: "input", ty: "bytes_view", ptr };
  const b = cx.scopes.lookup(name);
  if (b === undefined) {
    const s = suggestNames(name, [...cx.scopes.visibleNames(), "input"]);
    emit(cx, "X07-TYPE-0001", `unknown identifier ${JSON.stringify(name)}`, { ptr, data: { name }, ...(s.length > 0 ? { notes: [`did you mean ${s.join(" or ")}?`] } : {}) });
    return { kind: "local", name, ty: UNKNOWN, ptr };
  }
  if (b.movedAt !== undefined) {
    emit(cx, "X07-MOVE-0001", `${name} is used after it was moved`, {
      ptr,
      related: [{ kind: "x07ast", ptr: b.movedAt }],
      notes: [`the value of ${name} (${b.ty}) was moved at ${b.movedAt}; bind a copy (bytes.copy / view.to_bytes) before moving, or re-assign it with set`],
      data: { name, moved_at: b.movedAt },
    });
  }
  if (b.owner !== undefined && b.owner.binding.movedAt !== undefined) {
    emit(cx, "X07-BORROW-0003", `${name} borrows from ${b.owner.name}, which was moved`, {
      ptr,
      related: [{ kind: "x07ast", ptr: b.owner.binding.movedAt }],
      notes: [`copy the bytes out (view.to_bytes) before ${b.owner.name} is moved`],
      data: { name, owner: b.owner.name, moved_at: b.owner.binding.movedAt },
    });
  }
  const node: TExpr = { kind: "local", name, ty: b.ty, ptr };
  if (b.brand !== undefined) cx.localBrands.set(node, b.brand);
  return node;
};

/**
 * The local a view expression borrows from: `bytes.view x` / `bytes.subview x …` / `vec_u8.as_view x`
 * (owner-mode arguments), or another view local that has an owner.
 */
export const ownerOf = (cx: InferContext, e: Expr, t: TExpr): { binding: Binding; name: string } | undefined => {
  if (t.ty !== "bytes_view") return undefined;
  if (e.kind === "atom") return cx.scopes.lookup(e.name)?.owner;
  if (e.kind !== "list") return undefined;
  const sig = cx.builtin(e.head);
  const i = sig?.params.findIndex((p) => p.mode === "owner") ?? -1;
  const a = i >= 0 ? e.args[i] : undefined;
  if (a?.kind !== "atom") return undefined;
  const b = cx.scopes.lookup(a.name);
  return b === undefined ? undefined : (b.owner ?? { binding: b, name: a.name });
};

/** Marks a local argument of a move-only type as moved (passing it by value consumes it). */
const moveIfLocal = (cx: InferContext, arg: Expr, ty: Ty, at: string): void => {
  if (arg.kind !== "atom" || !MOVE_ONLY.has(ty)) return;
  const b = cx.scopes.lookup(arg.name);
  if (b !== undefined && b.movedAt === undefined) cx.scopes.move(b, at);
};

// The hot handlers below index e.args instead of destructuring it and pass no per-call closures: each runs for
// every node of every body.

const i32Operand = (cx: InferContext, e: Expr, what: string): TExpr => {
  const t = infer(cx, e);
  const r = fit(t, "i32");
  if (r !== undefined) return r;
  emit(cx, "X07-TYPE-0004", `${what} must be i32, got ${t.ty}`, { ptr: e.ptr, data: { expected: "i32", got: t.ty } });
  return t;
};

/** Type of a sequence of statements + tail, in a fresh scope. */
const inferBlock = (cx: InferContext, e: ListExpr, form: FormName): TExpr => {
  cx.scopes.push();
  const n = e.args.length;
  const args: TExpr[] = new Array(n);
  let diverges = false;
  for (let i = 0; i < n; i++) {
    const t = i < n - 1 ? inferStmt(cx, e.args[i]!) : infer(cx, e.args[i]!);
    args[i] = t;
    if (i < n - 1 && t.ty === NEVER) diverges = true;
  }
  cx.scopes.pop();
  const last = args[n - 1];
  const ty = diverges ? NEVER : (last?.ty ?? UNKNOWN);
  return { kind: "form", form, args, ty, ptr: e.ptr };
};

const nameArg = (e: ListExpr): string | undefined => (e.args[0]?.kind === "atom" ? e.args[0].name : undefined);

type FormHandler = (cx: InferContext, e: ListExpr) => TExpr;

/** One handler per special form. Arity errors were reported by lint; here a wrong shape just yields `unknown`. */
const FORMS: Record<FormName, FormHandler> = {
  begin: (cx, e) => (e.args.length === 0 ? unknownOut(e) : inferBlock(cx, e, "begin")),
  unsafe: (cx, e) => (e.args.length === 0 ? unknownOut(e) : inferBlock(cx, e, "unsafe")),
  let: (cx, e) => {
    const name = nameArg(e);
    const init = e.args[1];
    if (e.args.length !== 2 || name === undefined || init === undefined) return unknownOut(e);
    const v = infer(cx, init);
    moveIfLocal(cx, init, v.ty, e.ptr);
    cx.scopes.bind(name, v.ty === NEVER ? UNKNOWN : v.ty, ownerOf(cx, init, v), brandOf(cx, v));
    return { kind: "form", form: "let", name, args: [v], ty: v.ty, ptr: e.ptr };
  },
  set: (cx, e) => assign(cx, e, "set"),
  set0: (cx, e) => assign(cx, e, "set0"),
  if: (cx, e) => inferIf(cx, e, false),
  for: (cx, e) => {
    const name = nameArg(e);
    const start = e.args[1];
    const end = e.args[2];
    const body = e.args[3];
    if (e.args.length !== 4 || name === undefined || start === undefined || end === undefined || body === undefined) return unknownOut(e);
    const s = i32Operand(cx, start, "for start");
    const n = i32Operand(cx, end, "for end");
    cx.scopes.push();
    cx.scopes.bind(name, "i32");
    const b = loopBody(cx, body);
    cx.scopes.pop();
    return { kind: "form", form: "for", name, args: [s, n, b], ty: "i32", ptr: e.ptr };
  },
  while: (cx, e) => {
    const c = e.args[0];
    const body = e.args[1];
    if (e.args.length !== 2 || c === undefined || body === undefined) return unknownOut(e);
    const cond = i32Operand(cx, c, "while condition");
    const b = loopBody(cx, body);
    return { kind: "form", form: "while", args: [cond, b], ty: "i32", ptr: e.ptr };
  },
  return: (cx, e) => {
    const v = e.args[0];
    if (e.args.length !== 1 || v === undefined) return unknownOut(e);
    const got = infer(cx, v);
    let t = fit(got, cx.fnResult);
    if (t === undefined) {
      emit(cx, "X07-TYPE-RET-0001", `return value has type ${got.ty}; the function returns ${cx.fnResult}`, { ptr: v.ptr, data: { expected: cx.fnResult, got: got.ty } });
      t = got;
    }
    moveIfLocal(cx, v, t.ty, e.ptr);
    return { kind: "form", form: "return", args: [t], ty: NEVER, ptr: e.ptr };
  },
  try: (cx, e) => {
    const v = e.args[0];
    if (e.args.length !== 1 || v === undefined) return unknownOut(e);
    const t = infer(cx, v);
    const payload = RESULT_PAYLOAD[t.ty];
    if (t.ty !== UNKNOWN && payload === undefined) {
      emit(cx, "X07-TYPE-0004", `try needs a result_* value, got ${t.ty}`, { ptr: v.ptr, data: { got: t.ty } });
    }
    if (cx.fnResult !== UNKNOWN && RESULT_PAYLOAD[cx.fnResult] === undefined) {
      emit(cx, "X07-TYPE-0004", `try returns the error early, so the enclosing function must return a result_* type (it returns ${cx.fnResult})`, { ptr: e.ptr, data: { fn_result: cx.fnResult } });
    }
    moveIfLocal(cx, v, "bytes", e.ptr);
    return { kind: "form", form: "try", args: [t], ty: payload ?? UNKNOWN, ptr: e.ptr };
  },
  tapp: (cx, e) => {
    const [callee, tysE] = e.args;
    // Two spellings, as upstream's lower_tapp: ["tapp", f, ["tys", T…], args…] and the bare
    // ["tapp", f, T1, …, Tn, args…] where n is f's number of type parameters.
    const bareCount = callee?.kind === "atom" && !(tysE?.kind === "list" && tysE.head === "tys") ? (BUILTIN_TAPP[callee.name]?.params.length ?? cx.typeParamCount(callee.name)) : undefined;
    const typeExprs = bareCount !== undefined ? e.args.slice(1, 1 + bareCount) : tysE?.kind === "list" && tysE.head === "tys" ? tysE.args : undefined;
    const rest = e.args.slice(bareCount !== undefined ? 1 + bareCount : 2);
    if (callee?.kind !== "atom" || typeExprs === undefined || (bareCount !== undefined && e.args.length < 1 + bareCount)) {
      emit(cx, "X07-TAPP-ELAB-0001", 'a generic call is ["tapp", callee, ["tys", T, …], args…]', { ptr: e.ptr });
      rest.forEach((a) => infer(cx, a));
      return unknownOut(e);
    }
    const tys: Ty[] = [];
    for (const t of typeExprs) {
      const ty = typeOfExpr(cx, t);
      if (ty === undefined) {
        emit(cx, "X07-TYPE-0002", `${JSON.stringify(exprText(t))} is not a type (or names an unbound type variable)`, { ptr: t.ptr });
        rest.forEach((a) => infer(cx, a));
        return unknownOut(e);
      }
      tys.push(ty);
    }
    const lowered = lowerBuiltinTapp(cx, callee.name, tys, rest, e);
    if (lowered !== undefined) return lowered;
    const inst = cx.instantiate(callee.name, tys, e.ptr);
    if (inst === undefined) {
      rest.forEach((a) => infer(cx, a));
      return unknownOut(e);
    }
    cx.onUserCall(callee.name, e.ptr);
    if (inst.params.length !== rest.length) {
      emit(cx, "X07-TYPE-CALL-0003", `${inst.name} expects ${inst.params.length} argument${inst.params.length === 1 ? "" : "s"}, got ${rest.length}`, { ptr: e.ptr, data: { callee: inst.name, want: inst.params.length, got: rest.length } });
      rest.forEach((a) => infer(cx, a));
      return { kind: "call", fn: inst.name, args: [], ty: inst.result, ptr: e.ptr, tys };
    }
    const sig = userSig(inst);
    const shifted = { ...e, head: inst.name, ptr: e.ptr };
    const args = rest.map((a, i) => checkArg(cx, shifted, a, i, sig.params[i]!));
    return { kind: "call", fn: inst.name, args, ty: inst.result, ptr: e.ptr, tys };
  },
  match: (cx, e) => inferMatch(cx, e),
  "budget.scope_v1": (cx, e) => {
    const out = scoped("budget.scope_v1")(cx, e);
    const desc = e.args[0];
    if (out.kind !== "form" || desc === undefined) return out;
    const budget = budgetCfg(cx, desc);
    if (budget === undefined) return out;
    if (budget.mode === "yield_v1") checkContext(cx, e, "async");
    if (budget.mode === "result_err_v1" && !out.ty.startsWith("result_") && out.ty !== "never" && out.ty !== "unknown") {
      emit(cx, "X07-BUDGET-0002", `budget mode result_err_v1 needs a result_* body; this body is ${out.ty}`, { ptr: `${e.ptr}/2`, data: { got: out.ty } });
    }
    return { ...out, budget };
  },
  "budget.scope_from_arch_v1": scoped("budget.scope_from_arch_v1"),
  "task.scope_v1": scoped("task.scope_v1", { asyncOnly: true, taskScope: true }),
  try_doc: (cx, e) => {
    const [v] = e.args;
    if (e.args.length !== 1 || v === undefined) return unknownOut(e);
    const t = expect(cx, v, "bytes_view", (got) => emit(cx, "X07-TYPE-0004", `try_doc needs a doc envelope (bytes or bytes_view), got ${got}`, { ptr: v.ptr, data: { got } }));
    return { kind: "form", form: "try_doc", args: [t], ty: "bytes", ptr: e.ptr };
  },
  "&&": (cx, e) => shortCircuit(cx, e, "&&"),
  "||": (cx, e) => shortCircuit(cx, e, "||"),
};

/**
 * The builtin generic container intrinsics upstream's `lower_tapp` rewrites to monomorphic heads (no instance, no
 * export check): vec_value.{with_capacity,push,get,set} over one value type T, map_value.{new,get,set} over K, V
 * and map_value.{contains,remove} over K. Type ids: i32 1, u32 2, bytes 3, bytes_view 4; name suffixes fold u32
 * into i32. Returns undefined for any other callee.
 */
const VALUE_TY_ID: Readonly<Record<string, number>> = { i32: 1, u32: 2, bytes: 3, bytes_view: 4 };
const valueSuffix = (t: Ty): string => (t === "u32" ? "i32" : t);
const BUILTIN_TAPP: Readonly<Partial<Record<string, { readonly params: ReadonlyArray<string>; readonly lower: (tys: ReadonlyArray<Ty>) => { head: string; ids: ReadonlyArray<number> } }>>> = {
  "vec_value.with_capacity": { params: ["T"], lower: ([t]) => ({ head: "vec_value.with_capacity_v1", ids: [VALUE_TY_ID[t!]!] }) },
  "vec_value.push": { params: ["T"], lower: ([t]) => ({ head: `vec_value.push_${valueSuffix(t!)}_v1`, ids: [] }) },
  "vec_value.get": { params: ["T"], lower: ([t]) => ({ head: `vec_value.get_${valueSuffix(t!)}_v1`, ids: [] }) },
  "vec_value.set": { params: ["T"], lower: ([t]) => ({ head: `vec_value.set_${valueSuffix(t!)}_v1`, ids: [] }) },
  "map_value.new": { params: ["K", "V"], lower: ([k, v]) => ({ head: "map_value.new_v1", ids: [VALUE_TY_ID[k!]!, VALUE_TY_ID[v!]!] }) },
  "map_value.get": { params: ["K", "V"], lower: ([k, v]) => ({ head: `map_value.get_${valueSuffix(k!)}_${valueSuffix(v!)}_v1`, ids: [] }) },
  "map_value.set": { params: ["K", "V"], lower: ([k, v]) => ({ head: `map_value.set_${valueSuffix(k!)}_${valueSuffix(v!)}_v1`, ids: [] }) },
  "map_value.contains": { params: ["K"], lower: ([k]) => ({ head: `map_value.contains_${valueSuffix(k!)}_v1`, ids: [] }) },
  "map_value.remove": { params: ["K"], lower: ([k]) => ({ head: `map_value.remove_${valueSuffix(k!)}_v1`, ids: [] }) },
};

const lowerBuiltinTapp = (cx: InferContext, callee: string, tys: ReadonlyArray<Ty>, rest: ReadonlyArray<Expr>, e: ListExpr): TExpr | undefined => {
  const row = Object.hasOwn(BUILTIN_TAPP, callee) ? BUILTIN_TAPP[callee] : undefined;
  if (row === undefined) return undefined;
  if (tys.length !== row.params.length) {
    emit(cx, "X07-TAPP-ELAB-0001", `${callee} takes ${row.params.length} type argument${row.params.length === 1 ? "" : "s"} (${row.params.join(", ")}), got ${tys.length}`, { ptr: e.ptr, data: { callee } });
    rest.forEach((a) => infer(cx, a));
    return unknownOut(e);
  }
  const bad = tys.findIndex((t) => VALUE_TY_ID[t] === undefined);
  if (bad >= 0) {
    emit(cx, "X07-GENERICS-0001", `type argument ${tys[bad]} for ${row.params[bad]} of ${callee} must be a value type (i32, u32, bytes, bytes_view)`, { ptr: e.ptr, data: { callee, param: row.params[bad]!, got: tys[bad]! } });
    rest.forEach((a) => infer(cx, a));
    return unknownOut(e);
  }
  const { head, ids } = row.lower(tys);
  const lowered: ListExpr = { kind: "list", head, args: [...ids.map((value) => ({ kind: "int" as const, value, ptr: e.ptr })), ...rest], ptr: e.ptr };
  return infer(cx, lowered);
};

/**
 * `if`. In value position both branches must have one type; in statement position (a non-final `begin`
 * item, a loop body) they may differ and the form is i32, as upstream types statements. A branch that
 * diverges (`return`) neither fixes the type nor leaves its moves behind.
 */
const inferIf = (cx: InferContext, e: ListExpr, statement: boolean): TExpr => {
  const c = e.args[0];
  const t = e.args[1];
  const f = e.args[2];
  if (e.args.length !== 3 || c === undefined || t === undefined || f === undefined) return unknownOut(e);
  const c0 = infer(cx, c);
  let cond = fit(c0, "i32");
  if (cond === undefined) {
    emit(cx, "X07-TYPE-IF-0001", `if condition must be i32, got ${c0.ty}`, { ptr: c.ptr, data: { got: c0.ty } });
    cond = c0;
  }
  const before = cx.scopes.snapshot();
  const then = ifBranch(cx, t, statement);
  const afterThen = then.ty === NEVER ? before : cx.scopes.snapshot();
  cx.scopes.restore(before);
  const els = ifBranch(cx, f, statement);
  if (els.ty === NEVER) cx.scopes.restore(before);
  mergeMoves(afterThen);
  let ty: Ty;
  if (then.ty === NEVER && els.ty === NEVER) ty = NEVER;
  else if (statement) ty = "i32";
  else if (then.ty === NEVER) ty = els.ty;
  else if (els.ty === NEVER) ty = then.ty;
  else if (sameTy(then.ty, els.ty) && sameTy(els.ty, then.ty)) ty = then.ty === UNKNOWN ? els.ty : then.ty;
  else {
    emit(cx, "X07-TYPE-IF-0002", `if branches have different types: ${then.ty} and ${els.ty}`, { ptr: e.ptr, data: { then: then.ty, else: els.ty } });
    ty = UNKNOWN;
  }
  return { kind: "form", form: "if", args: [cond, then, els], ty, ptr: e.ptr };
};

const ifBranch = (cx: InferContext, x: Expr, statement: boolean): TExpr => {
  cx.scopes.push();
  const r = statement ? inferStmt(cx, x) : infer(cx, x);
  cx.scopes.pop();
  return r;
};

/** An expression in statement position: its value is discarded, so `if` branches need not agree. */
export const inferStmt = (cx: InferContext, e: Expr): TExpr => {
  if (e.kind === "list" && e.head === "if") return inferIf(cx, e, true);
  const info = e.kind === "list" ? headInfo(cx, e.head) : undefined;
  if (e.kind === "list" && info !== undefined && info.form === undefined) {
    const t = inferCall(cx, e, info); // what infer does for a list that is not a form
    discardedUpdate(cx, e, t);
    return t;
  }
  if (e.kind === "list" && (e.head === "begin" || e.head === "unsafe") && e.args.length > 0) {
    cx.scopes.push();
    const args: TExpr[] = new Array(e.args.length);
    let diverges = false;
    for (let i = 0; i < e.args.length; i++) {
      const t = inferStmt(cx, e.args[i]!);
      args[i] = t;
      if (t.ty === NEVER) diverges = true;
    }
    cx.scopes.pop();
    return { kind: "form", form: e.head, args, ty: diverges ? NEVER : "i32", ptr: e.ptr };
  }
  return infer(cx, e);
};

/**
 * `["match", scrutinee, [E.V, body] | [E.V, bind, body], …]`: the enum comes from the arms' heads; every
 * variant must have exactly one arm; arms agree on a type like `if` branches; a payload arm binds an i32.
 */
const inferMatch = (cx: InferContext, e: ListExpr): TExpr => {
  const [scrut, ...armsE] = e.args;
  if (scrut === undefined || armsE.length === 0) {
    emit(cx, "X07-MATCH-0002", 'match needs a scrutinee and at least one arm: ["match", value, ["Enum.Variant", body], …]', { ptr: e.ptr });
    return unknownOut(e);
  }
  const s = expect(cx, scrut, "bytes_view", (got) => emit(cx, "X07-TYPE-0004", `match scrutinee must be an enum value (bytes), got ${got}`, { ptr: scrut.ptr, data: { got } }));
  const firstHead = armsE[0]?.kind === "list" ? armsE[0].head : undefined;
  const enumName = firstHead !== undefined ? splitMember(firstHead)?.[0] : undefined;
  const variants = enumName !== undefined ? cx.enums.get(enumName) : undefined;
  if (enumName === undefined || variants === undefined) {
    emit(cx, "X07-MATCH-0002", `match arms must name variants of a declared enum (got ${JSON.stringify(firstHead ?? null)})`, { ptr: armsE[0]!.ptr });
    return unknownOut(e);
  }
  const scrutBrand = brandOf(cx, s);
  if (s.ty !== UNKNOWN && !brandIsEnum(enumName, scrutBrand)) {
    emit(cx, "X07-TYPE-0004", `match scrutinee must be branded with enum ${enumName}, got ${showBranded(s.ty, scrutBrand)}`, { ptr: scrut.ptr, data: { expected: `bytes@${enumName}`, got: showBranded(s.ty, scrutBrand) } });
  }
  const seen = new Set<string>();
  const arms: Array<{ variant: string; index: number; bind?: string; body: TExpr }> = [];
  let ty: Ty | undefined;
  const before = cx.scopes.snapshot();
  const moved: Snapshot[] = [];
  for (const arm of armsE) {
    const member = arm.kind === "list" ? splitMember(arm.head) : undefined;
    const index = member !== undefined && member[0] === enumName ? variants.findIndex((v) => v.name === member[1]) : -1;
    if (arm.kind !== "list" || member === undefined || index < 0) {
      emit(cx, "X07-MATCH-0002", `not a variant of ${enumName}: ${arm.kind === "list" ? arm.head : "(not a list)"}`, { ptr: arm.ptr });
      continue;
    }
    const v = variants[index]!;
    if (seen.has(v.name)) emit(cx, "X07-MATCH-0002", `variant ${enumName}.${v.name} has more than one arm`, { ptr: arm.ptr });
    seen.add(v.name);
    const wantArgs = v.payload !== undefined ? 2 : 1;
    const bindE = arm.args[0];
    if (arm.args.length !== wantArgs || (v.payload !== undefined && bindE?.kind !== "atom")) {
      emit(cx, "X07-MATCH-0002", v.payload !== undefined ? `arm ${arm.head} is [${arm.head}, name, body] (the payload is bound to name)` : `arm ${arm.head} is [${arm.head}, body]`, { ptr: arm.ptr });
      continue;
    }
    cx.scopes.restore(before);
    cx.scopes.push();
    const bind = v.payload !== undefined && bindE?.kind === "atom" ? bindE.name : undefined;
    if (bind !== undefined) cx.scopes.bind(bind, "i32");
    const body = infer(cx, arm.args[wantArgs - 1]!);
    cx.scopes.pop();
    moved.push(body.ty === NEVER ? before : cx.scopes.snapshot());
    arms.push({ variant: v.name, index, ...(bind !== undefined ? { bind } : {}), body });
    if (body.ty === NEVER) continue;
    if (ty === undefined || ty === UNKNOWN) ty = body.ty;
    else if (!sameTy(body.ty, ty)) emit(cx, "X07-TYPE-IF-0002", `match arms have different types: ${ty} and ${body.ty}`, { ptr: arm.ptr, data: { expected: ty, got: body.ty } });
  }
  cx.scopes.restore(before);
  for (const m of moved) mergeMoves(m);
  const missing = variants.filter((v) => !seen.has(v.name)).map((v) => `${enumName}.${v.name}`);
  if (missing.length > 0) emit(cx, "X07-MATCH-0001", `non-exhaustive match on enum ${enumName}; missing arm(s): ${missing.join(", ")}`, { ptr: e.ptr, data: { enum: enumName, missing } });
  return { kind: "match", enumName, scrutinee: s, arms, ty: ty ?? NEVER, ptr: e.ptr };
};

/** The ok payload of each result type (`try` yields it). */
const RESULT_PAYLOAD: Readonly<Record<string, Ty>> = { result_i32: "i32", result_bytes: "bytes", result_bytes_view: "bytes_view", result_result_bytes: "result_bytes" };

/**
 * A call that consumes a local and returns a value of the same owned type (`vec_u8.push o x`) is an update:
 * discarding its result loses the value. Suggest binding it back with `set`.
 */
const discardedUpdate = (cx: InferContext, e: ListExpr, t: TExpr): void => {
  if (t.kind !== "builtin" && t.kind !== "call") return;
  const first = e.args[0];
  if (first?.kind !== "atom" || !MOVE_ONLY.has(t.ty)) return;
  const b = cx.scopes.lookup(first.name);
  if (b === undefined || b.ty !== t.ty || b.movedAt !== e.ptr) return;
  emit(cx, "X07-MOVE-0003", `the result of ${e.head} replaces ${first.name} but is discarded, so ${first.name} is lost`, {
    ptr: e.ptr,
    data: { local: first.name, callee: e.head },
    quickfix: { kind: "json_patch", patch: [{ op: "replace", path: e.ptr, value: ["set", first.name, exprToJson(e)] }], note: `Bind the result back: ["set", "${first.name}", …]` },
  });
};

/**
 * A loop body that moves something is typed twice: the second pass sees the first's moves (a move in iteration 1
 * breaks iteration 2). When the first pass left every outer binding as it found it (e.g. `set o (vec_u8.push o …)`
 * moves `o` and re-assigns it) and reported nothing, the second pass would start from the same state and repeat the
 * first exactly, so the first's result is the answer.
 */
const loopBody = (cx: InferContext, body: Expr): TExpr => {
  const movesBefore = cx.scopes.moves;
  const before = cx.scopes.snapshot();
  const reported = cx.diagnostics.length;
  cx.scopes.push();
  const first = inferStmt(cx, body);
  cx.scopes.pop();
  if (cx.scopes.moves === movesBefore) return first;
  if (cx.diagnostics.length === reported && cx.scopes.unchangedSince(before)) return first;
  cx.scopes.push();
  const b = inferStmt(cx, body);
  cx.scopes.pop();
  return b;
};

const shortCircuit = (cx: InferContext, e: ListExpr, form: "&&" | "||"): TExpr => {
  const a = e.args[0];
  const b = e.args[1];
  if (e.args.length !== 2 || a === undefined || b === undefined) return unknownOut(e);
  return { kind: "form", form, args: [i32Operand(cx, a, `${form} operand`), i32Operand(cx, b, `${form} operand`)], ty: "i32", ptr: e.ptr };
};

const assign = (cx: InferContext, e: ListExpr, form: "set" | "set0"): TExpr => {
  const name = nameArg(e);
  const v = e.args[1];
  if (e.args.length !== 2 || name === undefined || v === undefined) return unknownOut(e);
  const b = cx.scopes.lookup(name);
  if (b === undefined) {
    const s = suggestNames(name, cx.scopes.visibleNames());
    emit(cx, "X07-TYPE-SET-0001", `${form} of unknown local ${JSON.stringify(name)}`, { ptr: e.ptr, data: { local: name }, ...(s.length > 0 ? { notes: [`did you mean ${s.join(" or ")}?`] } : {}) });
    infer(cx, v);
    return unknownOut(e);
  }
  const v0 = infer(cx, v);
  let t = fit(v0, b.ty);
  if (t === undefined) {
    emit(cx, "X07-TYPE-SET-0002", `${form} assigns ${v0.ty} to ${name}, which is ${b.ty}`, { ptr: v.ptr, data: { local: name, expected: b.ty, got: v0.ty } });
    t = v0;
  }
  const got = brandOf(cx, t);
  if (!brandAccepts(b.brand, got)) {
    emit(cx, "X07-TYPE-SET-0002", `brand mismatch: ${form} assigns ${showBranded(t.ty, got)} to ${name}, which is ${showBranded(b.ty, b.brand)}`, { ptr: v.ptr, data: { local: name, expected: `${b.ty}@${b.brand}`, got: showBranded(t.ty, got) } });
  }
  moveIfLocal(cx, v, t.ty, e.ptr);
  b.movedAt = undefined; // the local holds a fresh value again
  return { kind: "form", form, name, args: [t], ty: form === "set0" ? "i32" : b.ty, ptr: e.ptr };
};

/**
 * What a head names, for every list expression: a special form, a form shape lint checks the arity of, a
 * capability the world lacks (lint reports those calls), a declared function (or a generic one), a builtin. Worked
 * out once per head per program: checking a list used to look the head up in six tables.
 */
export interface HeadInfo {
  readonly form: FormHandler | undefined;
  readonly shape: FormShape | undefined;
  /** The head needs a capability the program's world lacks. */
  readonly gated: boolean;
  readonly user: FnSig | undefined;
  /** A generic function (callable only through tapp); only when `user` is undefined. */
  readonly generic: boolean;
  /** The builtin signature; only looked up when `user` is undefined. */
  readonly builtin: BuiltinSig | undefined;
}

// Maps, not object keys: a head used as a property key is interned in V8's string table (every user head would be).
const FORM_HANDLERS: ReadonlyMap<string, FormHandler> = new Map(Object.entries(FORMS));

export const headInfo = (cx: InferContext, head: string): HeadInfo => {
  const cached = cx.heads.get(head);
  if (cached !== undefined) return cached;
  // A declared function's head is kept on its signature: the table stays small (builtins and forms), however many
  // functions a program has.
  const fn = cx.functions.get(head);
  if (fn !== undefined) return (fn.head ??= describeHead(cx, head, fn));
  const info = describeHead(cx, head, undefined);
  cx.heads.set(head, info);
  return info;
};

const describeHead = (cx: InferContext, head: string, fn: FnSig | undefined): HeadInfo => {
  const form = FORM_HANDLERS.get(head);
  const isForm = form !== undefined;
  const cap = capabilityOf(head);
  const user = isForm ? undefined : fn;
  return {
    form,
    shape: formShapeOf(head),
    gated: cap !== undefined && !cx.worldHas(cap),
    user,
    generic: user === undefined && !isForm && cx.isGeneric(head),
    builtin: user === undefined && !isForm ? cx.builtin(head) : undefined,
  };
};

/**
 * Heads whose misuse another pass already reports: lint owns form arity, and world capabilities in worlds that lack
 * them (in a world that has the capability, a world-gated call is typed like any other).
 */
const reportedByLint = (e: ListExpr, info: HeadInfo): boolean => {
  const shape = info.shape;
  if (shape !== undefined) return arityViolated(shape, e.args.length);
  return info.gated;
};

const inferCall = (cx: InferContext, e: ListExpr, info: HeadInfo): TExpr => {
  if (reportedByLint(e, info)) {
    e.args.forEach((a) => infer(cx, a));
    return { kind: "builtin", head: e.head, args: [], ty: UNKNOWN, ptr: e.ptr };
  }
  const adt = inferAdtOp(cx, e);
  if (adt !== undefined) return adt;
  const user = info.user;
  if (user !== undefined) cx.onUserCall(e.head, e.ptr, user.module);
  if (user === undefined && info.generic) {
    emit(cx, "X07-TAPP-INFER-0001", `${e.head} is generic: call it as ["tapp", ${JSON.stringify(e.head)}, ["tys", …], …]`, { ptr: `${e.ptr}/0`, data: { callee: e.head } });
    e.args.forEach((a) => infer(cx, a));
    return { kind: "call", fn: e.head, args: [], ty: UNKNOWN, ptr: e.ptr };
  }
  const found: BuiltinSig | undefined = user !== undefined ? userSig(user) : info.builtin;
  const typeArgs = found !== undefined && user === undefined ? bindTypeArgs(cx, e, found) : undefined;
  const sig = typeArgs?.sig ?? found;
  if (sig === undefined) {
    const s = suggestNames(e.head, [...cx.functions.keys(), ...cx.builtinNames(), ...Object.keys(FORMS)]);
    emit(cx, "X07-TYPE-CALL-0001", `unknown callee ${JSON.stringify(e.head)}`, {
      ptr: `${e.ptr}/0`,
      data: { callee: e.head },
      ...(s.length > 0 ? { notes: [`did you mean ${s.join(" or ")}?`] } : { notes: ["import the module that declares it, or declare it with defn"] }),
    });
    e.args.forEach((a) => infer(cx, a));
    return { kind: "builtin", head: e.head, args: [], ty: UNKNOWN, ptr: e.ptr };
  }
  const isUser = user !== undefined;
  if (sig.params.length !== e.args.length) {
    emit(cx, "X07-TYPE-CALL-0003", `${e.head} expects ${sig.params.length} argument${sig.params.length === 1 ? "" : "s"}, got ${e.args.length}`, {
      ptr: e.ptr,
      data: { callee: e.head, want: sig.params.length, got: e.args.length },
      notes: [`signature: (${[e.head, ...sig.params.map((p) => p.ty)].join(" ")}) -> ${typeof sig.result === "string" ? sig.result : `type of argument ${sig.result.sameAsParam + 1}`}`],
    });
    e.args.forEach((a) => infer(cx, a));
    return callNode(e, isUser, sig, [], typeArgs?.tys);
  }
  checkContext(cx, e, sig.context);
  const args: TExpr[] = new Array<TExpr>(e.args.length);
  for (let i = 0; i < e.args.length; i++) args[i] = checkArg(cx, e, e.args[i]!, i, sig.params[i]!);
  return callNode(e, isUser, sig, args, typeArgs?.tys);
};

/** The IR node of a resolved call (result "same as argument n" is read off the typed argument). */
const callNode = (e: ListExpr, isUser: boolean, sig: BuiltinSig, args: ReadonlyArray<TExpr>, tys: ReadonlyArray<Ty> | undefined): TExpr => {
  const ty = typeof sig.result === "string" ? sig.result : (args[sig.result.sameAsParam]?.ty ?? UNKNOWN);
  if (isUser) return { kind: "call", fn: e.head, args, ty, ptr: e.ptr };
  return tys !== undefined ? { kind: "builtin", head: e.head, args, ty, ptr: e.ptr, tys } : { kind: "builtin", head: e.head, args, ty, ptr: e.ptr };
};

/** Async-only heads need solve/defasync; task.scope.* heads need an enclosing task.scope_v1 body. */
const checkContext = (cx: InferContext, e: ListExpr, context: "any" | "async" | "task-scope"): void => {
  if (context === "async" && !cx.asyncContext) {
    emit(cx, "X07-CONC-0001", `${e.head} is only allowed in solve or a defasync body`, { ptr: `${e.ptr}/0`, data: { head: e.head } });
  } else if (context === "task-scope" && cx.taskScopeDepth === 0) {
    emit(cx, "X07-CONC-0001", `${e.head} is only allowed inside a task.scope_v1 body`, { ptr: `${e.ptr}/0`, data: { head: e.head } });
  }
};

/** A scoped form: a descriptor (or literal) then a body; the form has the body's type. (A function declaration: FORMS uses it at load time.) */
function scoped(form: FormName, opts: { asyncOnly?: boolean; taskScope?: boolean } = {}): FormHandler {
  return (cx, e) => {
  const body = e.args[e.args.length - 1];
  if (e.args.length !== 2 || body === undefined) {
    emit(cx, "X07-TYPE-CALL-0003", `${e.head} takes a descriptor and a body`, { ptr: e.ptr, data: { callee: e.head, want: 2, got: e.args.length } });
    return unknownOut(e);
  }
  if (opts.asyncOnly === true) checkContext(cx, e, "async");
  if (opts.taskScope === true) cx.taskScopeDepth++;
  cx.scopes.push();
  const b = infer(cx, body);
  cx.scopes.pop();
  if (opts.taskScope === true) cx.taskScopeDepth--;
  return { kind: "form", form, args: [b], ty: b.ty, ptr: e.ptr };
  };
}

/**
 * Parses a `budget.cfg_v1` descriptor as upstream's parse_budget_scope_cfg_v1: `["mode", m]` and
 * `["label", ["bytes.lit", l]]` required, caps `alloc_bytes|alloc_calls|realloc_calls|memcpy_bytes|sched_ticks|fuel`
 * optional non-negative integers (0 = unlimited), every key at most once. Reports X07-BUDGET-0001 otherwise.
 */
const BUDGET_CAPS = ["alloc_bytes", "alloc_calls", "realloc_calls", "memcpy_bytes", "sched_ticks", "fuel"] as const;
const BUDGET_MODES: ReadonlySet<string> = new Set(["trap_v1", "result_err_v1", "stats_only_v1", "yield_v1"]);
const budgetCfg = (cx: InferContext, d: Expr): BudgetCfg | undefined => {
  const bad = (ptr: string, message: string): undefined => {
    emit(cx, "X07-BUDGET-0001", message, { ptr });
    return undefined;
  };
  if (d.kind !== "list" || d.head !== "budget.cfg_v1") return bad(d.ptr, "the first argument of budget.scope_v1 must be [\"budget.cfg_v1\", …]");
  const cfg: Record<string, unknown> = {};
  for (const f of d.args) {
    if (f.kind !== "list" || f.args.length !== 1) return bad(f.ptr, "a budget.cfg_v1 field is a pair [key, value]");
    const key = f.head;
    const v = f.args[0]!;
    if (Object.hasOwn(cfg, key)) return bad(f.ptr, `budget.cfg_v1 has a duplicate ${key}`);
    if (key === "mode") {
      if (v.kind !== "atom" || !BUDGET_MODES.has(v.name)) return bad(v.ptr, `budget.cfg_v1 mode must be one of ${[...BUDGET_MODES].join(", ")}`);
      cfg[key] = v.name;
    } else if (key === "label") {
      const t = v.kind === "list" && v.head === "bytes.lit" && v.args.length === 1 ? v.args[0] : undefined;
      if (t === undefined || (t.kind !== "atom" && t.kind !== "text")) return bad(v.ptr, "budget.cfg_v1 label must be [\"bytes.lit\", name]");
      cfg[key] = t.kind === "atom" ? t.name : t.value;
    } else if ((BUDGET_CAPS as ReadonlyArray<string>).includes(key)) {
      if (v.kind !== "int" || v.value < 0) return bad(v.ptr, `budget.cfg_v1 ${key} must be a non-negative integer`);
      cfg[key] = v.value;
    } else return bad(f.ptr, `unknown budget.cfg_v1 key ${key} (known: mode, label, ${BUDGET_CAPS.join(", ")})`);
  }
  if (cfg["mode"] === undefined || cfg["label"] === undefined) return bad(d.ptr, "budget.cfg_v1 needs mode and label");
  const caps = Object.fromEntries(BUDGET_CAPS.map((k) => [k, (cfg[k] as number | undefined) ?? 0]));
  return { mode: cfg["mode"] as BudgetCfg["mode"], label: cfg["label"] as string, ...caps } as BudgetCfg;
};

/** Splits `a.b.C.x` into the type name `a.b.C` and the member `x`. */
const splitMember = (head: string): [string, string] | undefined => {
  const i = head.lastIndexOf(".");
  return i <= 0 ? undefined : [head.slice(0, i), head.slice(i + 1)];
};

const argsAs = (cx: InferContext, e: ListExpr, tys: ReadonlyArray<Ty>): TExpr[] | undefined => {
  if (tys.length !== e.args.length) {
    emit(cx, "X07-TYPE-CALL-0003", `${e.head} expects ${tys.length} argument${tys.length === 1 ? "" : "s"}, got ${e.args.length}`, { ptr: e.ptr, data: { callee: e.head, want: tys.length, got: e.args.length } });
    e.args.forEach((a) => infer(cx, a));
    return undefined;
  }
  return e.args.map((a, i) =>
    expect(cx, a, tys[i]!, (got) => emit(cx, "X07-TYPE-CALL-0002", `argument ${i + 1} of ${e.head} has type ${got}; expected ${tys[i]}`, { ptr: a.ptr, data: { callee: e.head, arg_index: i, expected: tys[i], got } })),
  );
};

/**
 * Record and enum operations generated by `defrecord` / `defenum` (x07AST 0.9): `<R>.make`, `<R>.<field>`,
 * `<E>.<Variant>`. Brands are not tracked yet, so a record/enum value is typed as plain `bytes`.
 */
const inferAdtOp = (cx: InferContext, e: ListExpr): TExpr | undefined => {
  if (cx.records.size === 0 && cx.enums.size === 0) return undefined;
  const split = splitMember(e.head);
  if (split === undefined) return undefined;
  const [owner, member] = split;
  const fields = cx.records.get(owner);
  if (fields !== undefined) {
    if (member === "make") {
      const args = argsAs(cx, e, fields.map(() => "i32"));
      return { kind: "record-make", record: owner, args: args ?? [], ty: "bytes", ptr: e.ptr };
    }
    const index = fields.findIndex((f) => f.name === member);
    if (index < 0) return undefined;
    // Reading a field borrows the record (a bytes argument is viewed, not moved).
    const args = argsAs(cx, e, ["bytes_view"]);
    return { kind: "record-field", record: owner, field: member, offset: index * 4, args: args ?? [], ty: "i32", ptr: e.ptr };
  }
  const variants = cx.enums.get(owner);
  if (variants !== undefined) {
    const index = variants.findIndex((v) => v.name === member);
    if (index < 0) return undefined;
    const v = variants[index]!;
    const args = argsAs(cx, e, v.payload !== undefined ? ["i32"] : []);
    return { kind: "enum-make", enumName: owner, variant: member, index, args: args ?? [], ty: "bytes", ptr: e.ptr };
  }
  return undefined;
};

/**
 * ty.* intrinsics take type arguments (`type`-mode parameters); resolve them (through the instance's
 * substitution) and bind the row's `$T` parameters and result to the concrete type.
 */
const bindTypeArgs = (cx: InferContext, e: ListExpr, sig: BuiltinSig): { sig: BuiltinSig; tys: Ty[] } | undefined => {
  if (!sig.hasTypeArgs) return undefined;
  const bindings: Record<string, Ty> = {};
  const tys: Ty[] = [];
  sig.params.forEach((p, i) => {
    if (p.mode !== "type") return;
    const a = e.args[i];
    const ty = a === undefined ? undefined : typeOfExpr(cx, a);
    if (a !== undefined && ty === undefined) emit(cx, "X07-TYPE-0002", `argument ${i + 1} of ${e.head} must be a type`, { ptr: a.ptr });
    if (ty !== undefined) {
      bindings[p.raw.slice(1)] = canonicalTy(ty);
      tys.push(ty);
    }
  });
  const params = sig.params.map((p) => ({ ...p, ty: p.mode === "type" ? p.ty : bind(p.raw, bindings) }));
  const result = typeof sig.rawResult === "string" ? bind(sig.rawResult, bindings) : sig.rawResult;
  return { sig: { ...sig, params, result }, tys };
};

const exprText = (e: Expr): string => (e.kind === "atom" ? e.name : e.kind === "int" ? String(e.value) : e.kind === "text" ? e.value : `[${e.head} …]`);

/** Modes whose argument is data for the form, not an evaluated value the checker can type yet. */
const untypedMode = (mode: string): boolean => mode === "type" || mode === "symbol" || mode === "async-call";

const checkArg = (cx: InferContext, e: ListExpr, a: Expr, i: number, p: BuiltinParam): TExpr => {
  if (p.mode === "symbol" && a.kind === "atom") {
    // A brand cast's validator: a function (bytes_view) -> result_i32 that the cast calls at run time.
    if (e.head.startsWith("std.brand.cast_") && i === 1) {
      const fn = cx.functions.get(a.name);
      if (fn === undefined) emit(cx, "X07-TYPE-CALL-0001", `unknown validator function ${a.name}`, { ptr: a.ptr, data: { callee: a.name } });
      else {
        cx.onUserCall(a.name, a.ptr);
        if (fn.params.length !== 1 || fn.params[0] !== "bytes_view" || fn.result !== "result_i32") {
          emit(cx, "X07-TYPE-CALL-0002", `validator ${a.name} must take (bytes_view) and return result_i32`, { ptr: a.ptr, data: { callee: e.head, arg_index: i } });
        }
      }
    }
    // Symbols travel as text (the name), never evaluated and free of fuel.
    return { kind: "text", value: a.name, ty: UNKNOWN, ptr: a.ptr };
  }
  if (untypedMode(p.mode)) return { kind: "int", value: 0, ty: UNKNOWN, ptr: a.ptr };
  if (p.mode === "text") {
    if (a.kind === "text" || a.kind === "atom") return { kind: "text", value: a.kind === "text" ? a.value : a.name, ty: p.ty, ptr: a.ptr };
    emit(cx, "X07-TYPE-CALL-0002", `argument ${i + 1} of ${e.head} must be a literal string`, { ptr: a.ptr, data: { callee: e.head, arg_index: i } });
    return infer(cx, a);
  }
  if (p.mode === "int-literal" && a.kind !== "int") {
    emit(cx, "X07-TYPE-CALL-0002", `argument ${i + 1} of ${e.head} must be an integer literal`, { ptr: a.ptr, data: { callee: e.head, arg_index: i } });
  }
  if (p.mode === "owner" && a.kind !== "atom") {
    emit(cx, "X07-BORROW-0001", `${e.head} needs an identifier owner for argument ${i + 1} (bind the value to a local with let first)`, { ptr: a.ptr, data: { callee: e.head, arg_index: i } });
  }
  const t = infer(cx, a);
  if (p.brand !== undefined && (sameTy(t.ty, p.ty) || coercible(t.ty, p.ty))) {
    const got = brandOf(cx, t);
    if (!brandAccepts(p.brand, got)) {
      emit(cx, "X07-TYPE-CALL-0002", `brand mismatch: argument ${i + 1} of ${e.head} expects ${p.ty}@${p.brand}, got ${showBranded(t.ty, got)}`, {
        ptr: a.ptr,
        data: { callee: e.head, arg_index: i, expected: `${p.ty}@${p.brand}`, got: showBranded(t.ty, got) },
        notes: [`make a ${p.brand} value with std.brand.cast_bytes_v1 / cast_view_v1 (validated) or take it from a function whose result_brand is ${p.brand}`],
      });
    }
  }
  if (sameTy(t.ty, p.ty)) {
    if (p.mode === "move" || (p.mode === "copy" && MOVE_ONLY.has(p.ty))) moveIfLocal(cx, a, t.ty, e.ptr);
    return t;
  }
  if (p.accepts.includes(t.ty) || coercible(t.ty, p.ty)) return { kind: "coerce", from: t.ty, arg: t, ty: p.ty, ptr: t.ptr };
  emit(cx, "X07-TYPE-CALL-0002", `argument ${i + 1} of ${e.head} has type ${t.ty}; expected ${p.ty}`, { ptr: a.ptr, data: { callee: e.head, arg_index: i, expected: p.ty, got: t.ty } });
  return t;
};

/** A user function's signature as call parameters, made once per signature. */
const userSig = (f: FnSig): BuiltinSig => (f.callSig ??= callSigOf(f));

/** A user function's parameters: owned types move, views borrow, scalars copy. */
const callSigOf = (f: FnSig): BuiltinSig => {
  const params: BuiltinParam[] = new Array(f.params.length);
  for (let i = 0; i < f.params.length; i++) {
    const ty = f.params[i]!;
    const brand = f.paramBrands?.[i];
    params[i] = brand !== undefined ? { ...userParam(ty), brand } : userParam(ty);
  }
  return { params, result: f.result, rawResult: f.result, contractPure: false, context: "any", hasTypeArgs: false };
};

/** The parameter row of an unbranded user parameter of each type (rows are immutable, so one per type serves every signature). */
const USER_PARAMS = new Map<Ty, BuiltinParam>();
const NO_ACCEPTS: ReadonlyArray<Ty> = [];
const userParam = (ty: Ty): BuiltinParam => {
  let p = USER_PARAMS.get(ty);
  if (p === undefined) {
    p = { ty, raw: ty, mode: MOVE_ONLY.has(ty) ? "move" : ty === "bytes_view" ? "borrow" : "copy", accepts: NO_ACCEPTS };
    // Types are names from a finite table, but stay bounded whatever a caller passes.
    if (USER_PARAMS.size < 1024) USER_PARAMS.set(ty, p);
  }
  return p;
};
