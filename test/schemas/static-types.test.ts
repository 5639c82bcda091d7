/**
 * The generated `Static<>` types are precise: literal unions for enums and discriminants,
 * recursive tuples for x07AST expressions, and no `any` anywhere we look.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  DiagReport,
  Diagnostic,
  DiagnosticLoc,
  JsonPatchOp,
  Severity,
  Sexpr,
  TypeRef,
  X07AstV0_9_0,
} from "../../src/core/contracts/index.ts";
import { validateAs } from "../../src/core/contracts/index.ts";

type Decl = X07AstV0_9_0["decls"][number];

describe("static types", () => {
  it("x07diag: required vs optional fields, enums as literal unions", () => {
    expectTypeOf<DiagReport["schema_version"]>().toEqualTypeOf<"x07.x07diag@0.1.0">();
    expectTypeOf<DiagReport["diagnostics"]>().toEqualTypeOf<Diagnostic[]>();
    expectTypeOf<DiagReport["ok"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Severity>().toEqualTypeOf<"error" | "warning" | "info" | "hint">();
    expectTypeOf<Diagnostic["code"]>().toEqualTypeOf<string>();
    expectTypeOf<Diagnostic["message"]>().not.toBeAny();
    expectTypeOf<Diagnostic["data"]>().toEqualTypeOf<Record<string, unknown> | undefined>();
  });

  it("x07diag: locations and patch ops are discriminated unions", () => {
    expectTypeOf<DiagnosticLoc["kind"]>().toEqualTypeOf<"x07ast" | "text">();
    expectTypeOf<Extract<DiagnosticLoc, { kind: "x07ast" }>["ptr"]>().toEqualTypeOf<string>();
    expectTypeOf<JsonPatchOp["op"]>().toEqualTypeOf<"add" | "remove" | "replace" | "move" | "copy" | "test">();
    expectTypeOf<Extract<JsonPatchOp, { op: "move" }>>().toHaveProperty("from");
    expectTypeOf<Extract<JsonPatchOp, { op: "remove" }>>().not.toHaveProperty("value");
  });

  it("x07AST: sexpr is recursive (number | atom | list), decls discriminate on kind", () => {
    expectTypeOf<Sexpr>().not.toBeAny();
    expectTypeOf<number>().toExtend<Sexpr>();
    expectTypeOf<string>().toExtend<Sexpr>();
    expectTypeOf<["if", ["<", "n", 1], 0, ["f", ["g", "x"]]]>().toExtend<Sexpr>();
    expectTypeOf<["bytes.lit", "any text"]>().toExtend<Sexpr>();
    expectTypeOf<[]>().not.toExtend<Sexpr>();
    expectTypeOf<[1, 2]>().not.toExtend<Sexpr>();
    expectTypeOf<{ a: 1 }>().not.toExtend<Sexpr>();
    expectTypeOf<["vec", ["t", "A"]]>().toExtend<TypeRef>();
    expectTypeOf<Decl["kind"]>().toEqualTypeOf<"defn" | "defasync" | "export" | "extern" | "defrecord" | "defenum">();
    expectTypeOf<Extract<Decl, { kind: "defasync" }>>().toHaveProperty("protocol");
    expectTypeOf<Extract<Decl, { kind: "defn" }>["body"]>().toEqualTypeOf<Sexpr>();
  });

  it("validateAs narrows to the version's document type", () => {
    const r = validateAs("x07.x07diag@0.1.0", { schema_version: "x07.x07diag@0.1.0", diagnostics: [] });
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<DiagReport>();
    expectTypeOf(r.ok).toEqualTypeOf<boolean>();
  });
});
