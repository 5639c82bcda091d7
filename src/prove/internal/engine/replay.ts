/**
 * Replaying a counterexample through the interpreter. The replay program decodes the parameters from the
 * counterexample's input bytes (`input`), calls the target, and reports what the concrete run did:
 * - ensures / invariant at entry: the /solve writes one u32 (0 = clause violated, 1 = holds, 2 = a requires is false);
 * - trap: the run must trap at the operation's pointer;
 * - callee_requires: the callee's body is wrapped in a check of that requires which traps at a marker pointer.
 * Other obligation kinds have no replay (`error`), and the caller decides.
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../../check/index.ts";
import { interp } from "../../../interp/index.ts";
import type { CexReplay, ClauseRef } from "../outcome.ts";
import { payloadOf } from "./exec.ts";
import { typeClause } from "./typer.ts";

const PTR = "/x07prove/replay";
const MARK = "/x07prove/marker";
const int = (value: number): TExpr => ({ kind: "int", value, ty: "i32", ptr: PTR });
const form = (f: "begin" | "let" | "if" | "&&", args: ReadonlyArray<TExpr>, ty: string, name?: string): TExpr => ({ kind: "form", form: f, args, ty, ptr: PTR, ...(name !== undefined ? { name } : {}) });
const b = (head: string, args: ReadonlyArray<TExpr>, ty: string, ptr = PTR): TExpr => ({ kind: "builtin", head, args, ty, ptr });
const input: TExpr = { kind: "input", ty: "bytes_view", ptr: PTR };
const local = (name: string, ty: string): TExpr => ({ kind: "local", name, ty, ptr: PTR });
/** A trap at the marker pointer: a byte read from an empty view. */
const marker = (ty: string): TExpr => form("begin", [b("view.get_u8", [b("view.slice", [input, int(0), int(0)], "bytes_view"), int(0)], "i32", MARK), ...(ty === "i32" ? [] : [])], "i32");

/** One parameter's decoder from `input` at a known offset (lengths are known from the model). */
export type ParamLayout =
  | { readonly ty: string; readonly kind: "i32"; readonly off: number }
  | { readonly ty: string; readonly kind: "bytes"; readonly off: number; readonly len: number }
  | { readonly ty: string; readonly kind: "tagged"; readonly tag: boolean; readonly payload?: ParamLayout; readonly errOff?: number };

const decode = (l: ParamLayout): TExpr => {
  const u32 = (off: number): TExpr => b("codec.read_u32_le", [input, int(off)], "i32");
  if (l.kind === "i32") return u32(l.off);
  if (l.kind === "bytes") {
    const v = b("view.slice", [input, int(l.off + 4), int(l.len)], "bytes_view");
    if (l.ty === "bytes_view") return v;
    if (l.ty === "bytes") return b("view.to_bytes", [v], "bytes");
    return b("vec_u8.extend_bytes", [b("vec_u8.with_capacity", [int(l.len)], "vec_u8"), v], "vec_u8");
  }
  const isOpt = l.ty.startsWith("option_");
  if (l.tag) return b(`${l.ty}.${isOpt ? "some" : "ok"}`, [decode(l.payload as ParamLayout)], l.ty);
  return isOpt ? b(`${l.ty}.none`, [], l.ty) : b(`${l.ty}.err`, [u32(l.errOff ?? 0)], l.ty);
};

const conj = (xs: ReadonlyArray<TExpr>): TExpr => xs.reduce<TExpr>((a, x) => form("&&", [a, x], "i32"), int(1));

const run = (program: CheckedProgram, functions: ReadonlyMap<string, CheckedFunction>, solve: TExpr, bytes: Uint8Array) =>
  interp({ ...program, functions, solve }, { input: bytes, fuel: 20_000_000 });

/** Replays one obligation's counterexample. */
export const replayObligation = (program: CheckedProgram, fn: CheckedFunction, clause: ClauseRef, layout: ReadonlyArray<ParamLayout>, bytes: Uint8Array): CexReplay => {
  const binds = fn.params.map((p, i) => form("let", [decode(layout[i] as ParamLayout)], p.ty, p.name));
  const call: TExpr = { kind: "call", fn: fn.name, args: fn.params.map((p) => local(p.name, p.ty)), ty: fn.result, ptr: PTR };
  const reqs = conj(fn.requires.map((r) => r.expr));
  const write = (v: TExpr): TExpr => b("codec.write_u32_le", [v], "bytes");
  const verdictOf = (out: Uint8Array): number => new DataView(out.buffer, out.byteOffset, out.byteLength).getUint32(0, true);
  const phase = (clause as { readonly phase?: string }).phase;
  const scope = new Map(fn.params.map((p) => [p.name, p.ty] as const));
  if (clause.kind === "ensures" && clause.fn === fn.name) {
    const c = fn.ensures[clause.index];
    if (c === undefined) return { kind: "error", detail: `no ensures ${clause.index}` };
    const solve = form("begin", [...binds, form("if", [reqs, form("begin", [form("let", [call], fn.result, "__result"), write(form("if", [c.expr, int(1), int(0)], "i32"))], "bytes"), write(int(2))], "bytes")], "bytes");
    const r = run(program, program.functions, solve, bytes);
    if (!r.ok) return { kind: "trapped", detail: `${r.trap.code} at ${r.trap.ptr}: ${r.trap.message}` };
    const v = verdictOf(r.output);
    return v === 0 ? { kind: "violated", detail: `${fn.name} returns a value that violates ensures[${clause.index}]` } : v === 1 ? { kind: "held", detail: "the clause holds on the concrete run" } : { kind: "error", detail: "the inputs do not satisfy the requires" };
  }
  if (clause.kind === "invariant" && phase === "entry") {
    const c = fn.decl.invariant[clause.index];
    if (c === undefined) return { kind: "error", detail: `no invariant ${clause.index}` };
    const inv = typeClause(c.expr, scope);
    const solve = form("begin", [...binds, write(form("if", [reqs, form("if", [inv, int(1), int(0)], "i32"), int(2)], "i32"))], "bytes");
    const r = run(program, program.functions, solve, bytes);
    if (!r.ok) return { kind: "trapped", detail: `${r.trap.code} at ${r.trap.ptr}: ${r.trap.message}` };
    const v = verdictOf(r.output);
    return v === 0 ? { kind: "violated", detail: `invariant[${clause.index}] is false at entry` } : v === 1 ? { kind: "held", detail: "the invariant holds at entry" } : { kind: "error", detail: "the inputs do not satisfy the requires" };
  }
  if (clause.kind === "trap" || clause.kind === "callee_requires") {
    let functions = program.functions;
    if (clause.kind === "callee_requires") {
      const callee = program.functions.get(clause.fn);
      const req = callee?.requires[clause.index];
      if (callee === undefined || req === undefined) return { kind: "error", detail: `no requires ${clause.index} in ${clause.fn}` };
      const body: TExpr = { kind: "form", form: "if", args: [req.expr, callee.body, form("begin", [marker("i32"), callee.body], callee.result)], ty: callee.result, ptr: PTR };
      const m = new Map(program.functions);
      m.set(callee.name, { ...callee, body });
      functions = m;
    }
    const solve = form("begin", [...binds, form("if", [reqs, form("begin", [form("let", [call], fn.result, "__result"), write(int(1))], "bytes"), write(int(2))], "bytes")], "bytes");
    const r = run(program, functions, solve, bytes);
    const want = clause.kind === "trap" ? clause.ptr : MARK;
    if (!r.ok && r.trap.ptr === want) return { kind: "violated", detail: clause.kind === "trap" ? `${r.trap.code}: ${r.trap.message}` : `${clause.fn} is called with requires[${clause.index}] false` };
    if (!r.ok) return { kind: "trapped", detail: `${r.trap.code} at ${r.trap.ptr}: ${r.trap.message}` };
    return verdictOf(r.output) === 2 ? { kind: "error", detail: "the inputs do not satisfy the requires" } : { kind: "held", detail: "the concrete run does not reach the failure" };
  }
  return { kind: "error", detail: `no replay for ${clause.kind} obligations` };
};

/** The byte layout of the parameters for given model lengths/tags; `payloadOf` tells the payload type. */
export const layoutOf = (params: ReadonlyArray<{ readonly ty: string; readonly len?: number; readonly tag?: boolean; readonly payloadLen?: number }>): ParamLayout[] => {
  let off = 0;
  return params.map((p) => {
    if (p.ty === "i32" || p.ty === "u32") {
      const l: ParamLayout = { ty: p.ty, kind: "i32", off };
      off += 4;
      return l;
    }
    const pay = payloadOf(p.ty);
    if (pay === undefined) {
      const l: ParamLayout = { ty: p.ty, kind: "bytes", off, len: p.len ?? 0 };
      off += 4 + (p.len ?? 0);
      return l;
    }
    off += 1;
    if (p.tag === true) {
      const payload: ParamLayout = pay === "i32" ? { ty: pay, kind: "i32", off } : { ty: pay, kind: "bytes", off, len: p.payloadLen ?? 0 };
      off += pay === "i32" ? 4 : 4 + (p.payloadLen ?? 0);
      return { ty: p.ty, kind: "tagged", tag: true, payload };
    }
    if (p.ty.startsWith("result_")) {
      const l: ParamLayout = { ty: p.ty, kind: "tagged", tag: false, errOff: off };
      off += 4;
      return l;
    }
    return { ty: p.ty, kind: "tagged", tag: false };
  });
};
