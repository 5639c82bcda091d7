/**
 * Replaying a counterexample through the interpreter: a counterexample is only reported if the concrete run
 * really violates the clause (with every requires holding). The replay program is the checked program with
 * its /solve replaced by a typed expression that binds the parameters, calls the function, and writes one
 * u32: 0 = clause violated, 1 = clause holds, 2 = some requires is false.
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../check/index.ts";
import { interp } from "../../interp/index.ts";

/** What the concrete run showed. */
export type ReplayResult =
  | { readonly kind: "violated" }
  | { readonly kind: "holds" }
  | { readonly kind: "requires_false" }
  | { readonly kind: "trap"; readonly code: string; readonly message: string };

const PTR = "/replay";
const int = (value: number): TExpr => ({ kind: "int", value, ty: "i32", ptr: PTR });
const form = (f: "begin" | "let" | "if" | "&&", args: ReadonlyArray<TExpr>, ty: string, name?: string): TExpr => ({
  kind: "form",
  form: f,
  args,
  ty,
  ptr: PTR,
  ...(name !== undefined ? { name } : {}),
});

/** Runs `fn` on `inputs` (i32 values in parameter order) and evaluates its requires and ensures clause `clauseIndex`. */
export const replayEnsures = (program: CheckedProgram, fn: CheckedFunction, clauseIndex: number, inputs: ReadonlyArray<number>): ReplayResult => {
  const clause = fn.ensures[clauseIndex];
  if (clause === undefined) throw new Error(`no ensures clause ${clauseIndex} in ${fn.name}`);
  const binds = fn.params.map((p, i) => form("let", [int(inputs[i] ?? 0)], p.ty, p.name));
  const call: TExpr = { kind: "call", fn: fn.name, args: fn.params.map((p) => ({ kind: "local", name: p.name, ty: p.ty, ptr: PTR })), ty: fn.result, ptr: PTR };
  const reqs = fn.requires.map((r) => r.expr).reduce<TExpr>((a, b) => form("&&", [a, b], "i32"), int(1));
  const verdict = form("if", [reqs, form("if", [clause.expr, int(1), int(0)], "i32"), int(2)], "i32");
  const solve = form("begin", [...binds, form("let", [call], fn.result, "__result"), { kind: "builtin", head: "codec.write_u32_le", args: [verdict], ty: "bytes", ptr: PTR }], "bytes");
  const run = interp({ ...program, solve }, { input: new Uint8Array(0), fuel: 10_000_000 });
  if (!run.ok) return { kind: "trap", code: run.trap.code, message: run.trap.message };
  const v = new DataView(run.output.buffer, run.output.byteOffset, run.output.byteLength).getUint32(0, true);
  return v === 0 ? { kind: "violated" } : v === 1 ? { kind: "holds" } : { kind: "requires_false" };
};
