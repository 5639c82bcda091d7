/** What a function refers to: called functions and builtin heads, in bodies (typed IR) and raw contract clauses. */
import type { TExpr } from "../../check/index.ts";
import type { Expr } from "../../parse/index.ts";

/** The symbols one function mentions, split into user functions and builtin heads. */
export interface Refs {
  readonly calls: Set<string>;
  readonly builtins: Set<string>;
}

export const emptyRefs = (): Refs => ({ calls: new Set(), builtins: new Set() });

/** Adds every call and builtin head of a typed expression to `into`. */
export const collectTyped = (e: TExpr, into: Refs): void => {
  const stack: TExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as TExpr;
    switch (x.kind) {
      case "int":
      case "local":
      case "input":
      case "text":
        break;
      case "call":
        into.calls.add(x.fn);
        stack.push(...x.args);
        break;
      case "builtin":
        into.builtins.add(x.head);
        stack.push(...x.args);
        break;
      case "form":
      case "record-make":
      case "record-field":
      case "enum-make":
        stack.push(...x.args);
        break;
      case "match":
        stack.push(x.scrutinee, ...x.arms.map((a) => a.body));
        break;
      case "coerce":
        stack.push(x.arg);
        break;
    }
  }
};

/**
 * Adds the list heads of a raw (unchecked) expression that name a known function. Used for the clauses
 * the checker does not type into the IR (`invariant`, `decreases`).
 */
export const collectRaw = (e: Expr, isFunction: (name: string) => boolean, into: Refs): void => {
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as Expr;
    if (x.kind !== "list") continue;
    if (isFunction(x.head)) into.calls.add(x.head);
    stack.push(...x.args);
  }
};
