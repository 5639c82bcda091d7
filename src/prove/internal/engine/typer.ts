/**
 * Types the contract clauses the checker keeps raw (`invariant`, `decreases`, loop contracts) into the
 * checked IR, for the contract-pure subset: integers, locals, `begin`/`let`/`if`/`&&`/`||` and builtin heads
 * (result types from the shared heads table). Anything else is reported as outside the fragment.
 */
import type { TExpr } from "../../../check/index.ts";
import { HEADS } from "../../../core/heads/table.ts";
import type { Expr } from "../../../parse/index.ts";
import { OutsideFragment } from "./errors.ts";

const FORMS: ReadonlySet<string> = new Set(["begin", "let", "if", "&&", "||"]);

type Env = Array<Map<string, string>>;
const lookup = (env: Env, n: string): string | undefined => {
  for (let i = env.length - 1; i >= 0; i -= 1) {
    const t = (env[i] as Map<string, string>).get(n);
    if (t !== undefined) return t;
  }
  return undefined;
};

const go = (e: Expr, env: Env): TExpr => {
  switch (e.kind) {
    case "int":
      return { kind: "int", value: e.value, ty: "i32", ptr: e.ptr };
    case "text":
      throw new OutsideFragment(e.ptr, "a text literal outside bytes.lit");
    case "atom": {
      const ty = lookup(env, e.name);
      if (ty === undefined) throw new OutsideFragment(e.ptr, `unbound name ${e.name} in a contract clause`);
      return { kind: "local", name: e.name, ty, ptr: e.ptr };
    }
    case "list": {
      if (FORMS.has(e.head)) {
        if (e.head === "let") {
          const [n, v] = e.args;
          if (n?.kind !== "atom" || v === undefined) throw new OutsideFragment(e.ptr, "malformed let");
          const tv = go(v, env);
          (env[env.length - 1] as Map<string, string>).set(n.name, tv.ty);
          return { kind: "form", form: "let", name: n.name, args: [tv], ty: tv.ty, ptr: e.ptr };
        }
        if (e.head === "begin") {
          env.push(new Map());
          const args = e.args.map((a) => go(a, env));
          env.pop();
          return { kind: "form", form: "begin", args, ty: args[args.length - 1]?.ty ?? "i32", ptr: e.ptr };
        }
        const args = e.args.map((a) => {
          env.push(new Map());
          const r = go(a, env);
          env.pop();
          return r;
        });
        return { kind: "form", form: e.head as "if", args, ty: e.head === "if" ? (args[1]?.ty ?? "i32") : "i32", ptr: e.ptr };
      }
      const spec = (HEADS as Record<string, { readonly params: ReadonlyArray<{ readonly mode: string }>; readonly result: unknown; readonly pure: boolean } | undefined>)[e.head];
      if (spec === undefined || !spec.pure) throw new OutsideFragment(e.ptr, `${e.head} is not allowed in a contract clause`);
      if (e.head === "bytes.lit" || e.head === "bytes.view_lit") {
        const t = e.args[0];
        if (t?.kind !== "text" && t?.kind !== "atom") throw new OutsideFragment(e.ptr, `${e.head} needs a text`);
        const value = t.kind === "text" ? t.value : t.name;
        return { kind: "builtin", head: e.head, args: [{ kind: "text", value, ty: "text", ptr: t.ptr }], ty: e.head === "bytes.lit" ? "bytes" : "bytes_view", ptr: e.ptr };
      }
      const args = e.args.map((a) => go(a, env));
      const r = spec.result;
      const ty = typeof r === "string" ? r : typeof r === "object" && r !== null && "sameAsParam" in r ? (args[(r as { sameAsParam: number }).sameAsParam]?.ty ?? "i32") : "i32";
      if (ty.startsWith("$")) throw new OutsideFragment(e.ptr, `${e.head} is generic`);
      return { kind: "builtin", head: e.head, args, ty, ptr: e.ptr };
    }
  }
};

/** Types a raw clause expression in the given scope (name → type). */
export const typeClause = (e: Expr, scope: ReadonlyMap<string, string>): TExpr => go(e, [new Map(scope), new Map()]);
