/**
 * Contract clauses: each must type-check to i32 in the scope of the parameters (plus `__result` in
 * `ensures`), and be contract-pure: operators, the pure builtins the heads table marks, `begin`/`let`/`if`,
 * and no user-function calls, assignments, loops, `return` or `try` (upstream `typecheck.rs`, contract
 * purity).
 */
import type { ContractClause, Expr } from "../../parse/index.ts";
import type { TExpr } from "../ir.ts";
import type { BuiltinSig } from "./builtins.ts";
import type { InferContext } from "./infer.ts";
import { expect } from "./infer.ts";
import { makeDiagnostic } from "../../diag/index.ts";

const FORBIDDEN_FORMS: ReadonlySet<string> = new Set(["set", "set0", "for", "while", "return", "try", "try_doc", "unsafe"]);
const PURE_FORMS: ReadonlySet<string> = new Set(["begin", "let", "if", "&&", "||"]);

/** Non-recursive walk over list expressions. */
const lists = (e: Expr): Array<Extract<Expr, { kind: "list" }>> => {
  const out: Array<Extract<Expr, { kind: "list" }>> = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind !== "list") continue;
    out.push(x);
    for (const a of x.args) stack.push(a);
  }
  return out;
};

const atoms = (e: Expr, name: string): string[] => {
  const out: string[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "atom" && x.name === name) out.push(x.ptr);
    if (x.kind === "list") for (const a of x.args) stack.push(a);
  }
  return out;
};

export interface ClauseCheck {
  readonly clause: ContractClause;
  readonly expr: TExpr;
}

/** Checks one clause list; `allowResult` is true for ensures. */
export const checkClauses = (
  cx: InferContext,
  clauses: ReadonlyArray<ContractClause>,
  allowResult: boolean,
  builtin: (head: string) => BuiltinSig | undefined,
  isUserFn: (name: string) => boolean,
): ClauseCheck[] =>
  clauses.map((clause) => {
    const file = cx.file !== undefined ? { file: cx.file } : {};
    for (const l of lists(clause.expr)) {
      const h = l.head;
      const pure = PURE_FORMS.has(h) || (!FORBIDDEN_FORMS.has(h) && !isUserFn(h) && builtin(h)?.contractPure === true);
      if (!pure) {
        const why = FORBIDDEN_FORMS.has(h) ? `${h} is not allowed in a contract` : isUserFn(h) ? `calls to functions (${h}) are not allowed in a contract` : `${h} is not contract-pure`;
        cx.diagnostics.push(makeDiagnostic("X07-CONTRACT-0002", why, { ptr: l.ptr, ...file, data: { head: h } }));
      }
    }
    if (!allowResult) {
      for (const ptr of atoms(clause.expr, "__result")) {
        cx.diagnostics.push(makeDiagnostic("X07-CONTRACT-0003", "__result is only available in ensures clauses", { ptr, ...file }));
      }
    }
    const expr = expect(cx, clause.expr, "i32", (got) =>
      cx.diagnostics.push(makeDiagnostic("X07-CONTRACT-0001", `a contract clause must be i32, got ${got}`, { ptr: clause.expr.ptr, ...file, data: { got } })),
    );
    return { clause, expr };
  });
