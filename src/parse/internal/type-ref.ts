/** Type references: `"i32"`, and from 0.4.0 `["t","A"]` and `[head, arg, …]`. */
import type { JsonValue } from "../../core/json/index.ts";
import type { TypeRef } from "../ast.ts";
import type { ParseContext } from "./context.ts";
import { TPARAM_NAME, TYPE_NAME, describe, readString, ruleError, schemaError } from "./context.ts";

export const parseTypeRef = (ctx: ParseContext, v: JsonValue | undefined, ptr: string, depth = 0): TypeRef | undefined => {
  if (typeof v === "string") {
    const name = readString(ctx, v, ptr, TYPE_NAME);
    return name === undefined ? undefined : { kind: "named", name, ptr };
  }
  if (Array.isArray(v)) {
    if (!ctx.features.generics) {
      ruleError(ctx, `structured type references need x07.x07ast@0.4.0 or later (this is ${ctx.versionLabel})`, ptr);
      return undefined;
    }
    if (depth > 64) {
      schemaError(ctx, "type reference nested too deeply", ptr);
      return undefined;
    }
    if (v[0] === "t") {
      if (v.length !== 2) {
        schemaError(ctx, `a type variable is ["t", Name]; got ${v.length} items`, ptr);
        return undefined;
      }
      // Upstream reads ["t", x] as a type variable for any local name x, and the schema also accepts it
      // when x is a type name (as the application "t" of x); accept what both accept.
      const lower = v[1];
      if (typeof lower === "string" && TYPE_NAME.pattern!.test(lower) && lower.length <= TYPE_NAME.maxLength!) return { kind: "var", name: lower, ptr };
      const name = readString(ctx, v[1], `${ptr}/1`, TPARAM_NAME);
      return name === undefined ? undefined : { kind: "var", name, ptr };
    }
    if (v.length < 2 || v.length > 32) {
      schemaError(ctx, `a type application has a head and 1 to 31 arguments; got ${v.length} items`, ptr);
      return undefined;
    }
    const head = readString(ctx, v[0], `${ptr}/0`, TYPE_NAME);
    const args: TypeRef[] = [];
    let ok = head !== undefined;
    for (let i = 1; i < v.length; i++) {
      const a = parseTypeRef(ctx, v[i], `${ptr}/${i}`, depth + 1);
      if (a === undefined) ok = false;
      else args.push(a);
    }
    return ok && head !== undefined ? { kind: "app", head, args, ptr } : undefined;
  }
  schemaError(ctx, `a type is a type name string${ctx.features.generics ? " or a type expression list" : ""}, got ${describe(v)}`, ptr);
  return undefined;
};

/** Whether a type can carry a brand (bytes-like carriers). */
export const isBytesLike = (t: TypeRef): boolean =>
  t.kind === "var" ||
  (t.kind === "named" && ["bytes", "bytes_view", "vec_u8", "option_bytes", "option_bytes_view", "result_bytes", "result_bytes_view"].includes(t.name)) ||
  (t.kind === "app" && ["option", "result"].includes(t.head) && t.args.length === 1 && t.args[0] !== undefined && isBytesLike(t.args[0]));
