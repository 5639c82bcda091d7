/**
 * A tiny expression tree for generated TypeScript and a deterministic printer for it.
 *
 * Why not ts-morph: the output is nothing but nested calls, object and array literals,
 * so a 100-line printer gives stable, readable code without a formatter pass.
 */

export type Expr =
  | { readonly kind: "ident"; readonly name: string }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "call"; readonly callee: string; readonly typeArgs?: string; readonly args: readonly Expr[] }
  | { readonly kind: "object"; readonly entries: ReadonlyArray<readonly [string, Expr]> }
  | { readonly kind: "array"; readonly items: readonly Expr[] };

export const ident = (name: string): Expr => ({ kind: "ident", name });
export const json = (value: unknown): Expr => ({ kind: "json", value });
export const call = (callee: string, ...args: Expr[]): Expr => ({ kind: "call", callee, args });
export const object = (entries: ReadonlyArray<readonly [string, Expr]>): Expr => ({ kind: "object", entries });
export const array = (items: readonly Expr[]): Expr => ({ kind: "array", items });

const WIDTH = 100;
const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Prints a property key, quoting it only when it is not a plain identifier. */
export function printKey(key: string): string {
  return IDENT_RE.test(key) ? key : JSON.stringify(key);
}

/** Prints `expr` on one line. */
function flat(expr: Expr): string {
  switch (expr.kind) {
    case "ident":
      return expr.name;
    case "json":
      return flatJson(expr.value);
    case "call":
      return `${expr.callee}${expr.typeArgs ?? ""}(${expr.args.map(flat).join(", ")})`;
    case "object":
      return expr.entries.length === 0
        ? "{}"
        : `{ ${expr.entries.map(([k, v]) => `${printKey(k)}: ${flat(v)}`).join(", ")} }`;
    case "array":
      return `[${expr.items.map(flat).join(", ")}]`;
  }
}

function flatJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flatJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0
      ? "{}"
      : `{ ${entries.map(([k, v]) => `${printKey(k)}: ${flatJson(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Prints `expr` at `indent`, breaking nodes that do not fit in {@link WIDTH} columns. */
export function print(expr: Expr, indent = 0): string {
  const one = flat(expr);
  if (one.length + indent <= WIDTH) return one;
  const pad = "  ".repeat(indent / 2 + 1);
  const close = "  ".repeat(indent / 2);
  switch (expr.kind) {
    case "ident":
      return one;
    case "json": {
      const value = expr.value;
      if (Array.isArray(value)) return print(array(value.map(json)), indent);
      if (value !== null && typeof value === "object") {
        return print(object(Object.entries(value).map(([k, v]) => [k, json(v)] as const)), indent);
      }
      return one;
    }
    case "call":
      return `${expr.callee}${expr.typeArgs ?? ""}(\n${expr.args
        .map((a) => `${pad}${print(a, indent + 2)},\n`)
        .join("")}${close})`;
    case "object":
      return `{\n${expr.entries
        .map(([k, v]) => `${pad}${printKey(k)}: ${print(v, indent + 2)},\n`)
        .join("")}${close}}`;
    case "array":
      return `[\n${expr.items.map((i) => `${pad}${print(i, indent + 2)},\n`).join("")}${close}]`;
  }
}
