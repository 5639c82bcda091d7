/** json-sexpr → `Expr`: i32 literals, atoms, `[head, …args]` lists, and the text of `bytes.lit`. */
import type { JsonValue } from "../../core/json/index.ts";
import { ruleMayApply } from "../../core/heads/forms.ts";
import type { Expr, ListExpr } from "../ast.ts";
import type { ParseContext } from "./context.ts";
import { describe, report, schemaError } from "./context.ts";

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const MAX_ATOM = 256;
const MAX_TEXT = 1048576;
const MAX_LIST = 100000;
const WHITESPACE = /\s/;
/** "/0" … "/63": an item's pointer is one concatenation, not two (the AST keeps one pointer per node). */
const SLASH_INDEX: ReadonlyArray<string> = Array.from({ length: 64 }, (_, i) => `/${i}`);

/** Heads whose first argument is literal text (upstream's parser reads both this way). */
const TEXT_HEADS: ReadonlySet<string> = new Set(["bytes.lit", "bytes.view_lit"]);

/** Parses a root expression (`/solve`, a body, a clause): its rule sites are kept under it (sites.ts). */
export const parseExpr = (ctx: ParseContext, v: JsonValue | undefined, ptr: string): Expr | undefined => {
  const outer = ctx.sites;
  ctx.sites = [];
  const e = parseNode(ctx, v, ptr, 0);
  if (e !== undefined && ctx.sites.length > 0) ctx.rootSites.set(e, ctx.sites as ReadonlyArray<ListExpr>);
  ctx.sites = outer;
  return e;
};

const parseNode = (ctx: ParseContext, v: JsonValue | undefined, ptr: string, depth: number): Expr | undefined => {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) {
      schemaError(ctx, `number ${v} is not an integer; expressions hold i32 literals only`, ptr);
      return undefined;
    }
    if (v < I32_MIN || v > I32_MAX) {
      schemaError(ctx, `number ${v} is outside the i32 range [${I32_MIN}, ${I32_MAX}]`, ptr, [
        "Large constants are built with arithmetic on i32 values (wrapping mod 2^32).",
      ]);
      return undefined;
    }
    return { kind: "int", value: v === 0 ? 0 : v, ptr };
  }
  if (typeof v === "string") {
    if (!checkAtom(ctx, v, ptr, "atom")) return undefined;
    return { kind: "atom", name: v, ptr };
  }
  if (Array.isArray(v)) {
    if (depth >= ctx.maxDepth) {
      report(ctx, "X07-JSON-DEPTH-0001", `expression nested deeper than ${ctx.maxDepth} levels`, ptr);
      return undefined;
    }
    if (v.length === 0) {
      schemaError(ctx, "a list expression must not be empty: it needs a head", ptr);
      return undefined;
    }
    if (v.length > MAX_LIST) {
      schemaError(ctx, `a list expression has ${v.length} items; at most ${MAX_LIST} are allowed`, ptr);
      return undefined;
    }
    const head = v[0];
    if (typeof head !== "string") {
      schemaError(ctx, `the head of a list must be an atom string, got ${describe(head)}`, `${ptr}/0`);
      return undefined;
    }
    if (!checkAtom(ctx, head, ptr, "list head", "/0")) return undefined;
    // A slot before the items are read keeps the sites in pre-order; a list that fails to parse fails the document.
    const slot = ruleMayApply(head, v.length - 1, typeof v[1] === "string") ? ctx.sites.push(undefined) - 1 : -1;
    // Exactly sized: `[]` grown by push reserves ~17 slots on the first push, and an AST has hundreds of
    // thousands of short argument lists that the program keeps.
    const args: Expr[] = new Array<Expr>(v.length - 1);
    let ok = true;
    for (let i = 1; i < v.length; i++) {
      const item = v[i];
      const iptr = ptr + (i < SLASH_INDEX.length ? SLASH_INDEX[i]! : `/${i}`);
      if (i === 1 && TEXT_HEADS.has(head) && typeof item === "string") {
        if (item.length > MAX_TEXT) {
          schemaError(ctx, `text literal is longer than ${MAX_TEXT} characters`, iptr);
          ok = false;
        } else args[0] = { kind: "text", value: item, ptr: iptr };
        continue;
      }
      const e = parseNode(ctx, item, iptr, depth + 1);
      if (e === undefined) ok = false;
      else args[i - 1] = e;
    }
    if (!ok) return undefined;
    const list: ListExpr = { kind: "list", head, args, ptr };
    if (slot >= 0) ctx.sites[slot] = list;
    return list;
  }
  schemaError(ctx, `an expression is an i32, an atom string or a list; got ${describe(v)}`, ptr);
  return undefined;
};

/** `suffix` is appended to `ptr` only when there is something to report (most atoms are fine). */
const checkAtom = (ctx: ParseContext, s: string, at: string, label: string, suffix = ""): boolean => {
  if (s.length > 0 && s.length <= MAX_ATOM && !WHITESPACE.test(s)) return true;
  const ptr = at + suffix;
  if (s.length === 0) {
    schemaError(ctx, `${label} must not be empty`, ptr);
    return false;
  }
  if (s.length > MAX_ATOM) {
    schemaError(ctx, `${label} is longer than ${MAX_ATOM} characters`, ptr);
    return false;
  }
  if (WHITESPACE.test(s)) {
    schemaError(ctx, `${label} ${JSON.stringify(s.length > 40 ? s.slice(0, 40) + "…" : s)} contains whitespace`, ptr, [
      'Text with spaces is written as ["bytes.lit", "some text"].',
    ]);
    return false;
  }
  return true;
};
