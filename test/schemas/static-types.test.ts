/**
 * The generated `Static<>` types are precise: literal unions for enums and discriminants,
 * recursive tuples for x07AST expressions, and no `any` anywhere we look.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  DocumentTypes,
  DiagReport,
  Diagnostic,
  DiagnosticLoc,
  JsonPatchOp,
  Severity,
  ContractClause,
  Sexpr,
  TypeRef,
  X07AstV0_9_0,
} from "../../src/core/contracts/index.ts";
import { validateAs } from "../../src/core/contracts/index.ts";

type Decl = X07AstV0_9_0["decls"][number];

/** `true` when `T` is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
/**
 * `true` when `any` occurs anywhere in `T` (object members, array items, union members), looking
 * `D` levels deep; recursive types such as `Sexpr` are cut off at the depth limit.
 */
type DeepHasAny<T, D extends unknown[] = []> = D["length"] extends 10
  ? false
  : IsAny<T> extends true
    ? true
    : T extends readonly (infer E)[]
      ? DeepHasAny<E, [...D, 0]>
      : T extends object
        ? { [K in keyof T]-?: DeepHasAny<T[K], [...D, 0]> }[keyof T] extends false
          ? false
          : true
        : false;

type Certificate = DocumentTypes["x07.trust.certificate@0.7.0"];
type VerifyReport = DocumentTypes["x07.verify.report@0.8.0"];
type VerifyCoverage = DocumentTypes["x07.verify.coverage@0.4.0"];
type ProofInventoryItem = Certificate["proof_inventory"][number];
type EvidenceRef = Certificate["evidence"]["tests_report"];
type ArchRule = DocumentTypes["x07.arch.manifest@0.3.0"]["rules"][number];
type PbtParam = DocumentTypes["x07.pbt.params@0.1.0"][number];
type PbtGen = NonNullable<DocumentTypes["x07.tests_manifest@0.2.0"]["tests"]>[number] extends infer T
  ? T extends { pbt?: infer P }
    ? NonNullable<P> extends { params: Array<{ gen: infer G }> }
      ? G
      : never
    : never
  : never;

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

  it("the DeepHasAny probe itself detects any at depth and in unions", () => {
    expectTypeOf<DeepHasAny<{ a: { b: [string, any] } }>>().toEqualTypeOf<true>();
    expectTypeOf<DeepHasAny<{ a: string } | { b: any }>>().toEqualTypeOf<boolean>();
    expectTypeOf<DeepHasAny<{ a: { b: string[] }; c: unknown }>>().toEqualTypeOf<false>();
  });

  it("trust certificate 0.7.0: no any anywhere; literal unions, nullable objects, typed evidence refs", () => {
    expectTypeOf<DeepHasAny<Certificate>>().toEqualTypeOf<false>();
    expectTypeOf<Certificate["schema_version"]>().toEqualTypeOf<"x07.trust.certificate@0.7.0">();
    expectTypeOf<Certificate["verdict"]>().toEqualTypeOf<"accepted" | "rejected">();
    expectTypeOf<Certificate["formal_verification_scope"]>().toEqualTypeOf<"none" | "partial" | "entry_body" | "whole_certifiable_graph">();
    expectTypeOf<EvidenceRef>().toEqualTypeOf<{ path: string; sha256_hex: string }>();
    expectTypeOf<Certificate["evidence"]["verify_summary_report"]>().toEqualTypeOf<EvidenceRef | null>();
    expectTypeOf<Certificate["evidence"]["runtime_attestation"]>().toEqualTypeOf<EvidenceRef | null | undefined>();
    expectTypeOf<Certificate["package_set_digest"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ProofInventoryItem["kind"]>().toEqualTypeOf<"defn" | "defasync">();
    expectTypeOf<ProofInventoryItem["proof_check_result"]>().toEqualTypeOf<"accepted" | "rejected" | null | undefined>();
    expectTypeOf<NonNullable<Certificate["runtime"]>["backend"]>().toEqualTypeOf<"vm" | "os" | "none">();
    expectTypeOf<NonNullable<Certificate["runtime"]>["effective_allow_hosts"][number]>().toEqualTypeOf<{ host: string; ports: number[] }>();
    expectTypeOf<Certificate["proof_assumptions"][number]["kind"]>().toEqualTypeOf<
      "trusted_builtin" | "imported_proof_summary" | "imported_stub" | "trusted_scheduler_model" | "capsule_boundary" | "runtime_evidence"
    >();
    expectTypeOf<null>().toExtend<Certificate["runtime"]>();
    expectTypeOf<Certificate["diagnostics"]>().toEqualTypeOf<Diagnostic[] | undefined>();
  });

  it("verify report 0.8.0: no any; mode and result kind are literal unions; coverage is the coverage document", () => {
    expectTypeOf<DeepHasAny<VerifyReport>>().toEqualTypeOf<false>();
    expectTypeOf<VerifyReport["mode"]>().toEqualTypeOf<"bmc" | "smt" | "prove" | "coverage">();
    expectTypeOf<VerifyReport["result"]["kind"]>().toEqualTypeOf<
      | "verified_within_bounds"
      | "counterexample_found"
      | "proven"
      | "coverage_report"
      | "unsupported"
      | "inconclusive"
      | "tool_missing"
      | "error"
    >();
    expectTypeOf<VerifyReport["coverage"]>().toEqualTypeOf<VerifyCoverage | undefined>();
    expectTypeOf<VerifyCoverage["functions"][number]["status"]>().toExtend<string>();
    expectTypeOf<"verified">().not.toExtend<VerifyCoverage["functions"][number]["status"]>();
    expectTypeOf<NonNullable<VerifyReport["result"]["contract"]>["contract_kind"]>().toEqualTypeOf<
      "requires" | "ensures" | "invariant_entry" | "invariant_exit" | "await_invariant" | "scope_invariant" | "cancellation_ensures"
    >();
    // Witness values are open objects keyed by their `ty`: unknown, never any.
    type Witness = NonNullable<VerifyReport["result"]["contract"]>["witness"][number];
    expectTypeOf<Witness["ty"]>().toEqualTypeOf<string>();
    expectTypeOf<VerifyReport["bounds"]>().toEqualTypeOf<{ unwind: number; max_bytes_len: number; input_len_bytes: number }>();
    expectTypeOf<VerifyReport["diagnostics"]>().toEqualTypeOf<Diagnostic[] | undefined>();
  });

  it("x07AST expressions: decl bodies, contracts and solve are Sexpr; the outer level is exact", () => {
    type Defn = Extract<Decl, { kind: "defn" }>;
    type List = Extract<Sexpr, [string, ...unknown[]]>;
    expectTypeOf<IsAny<Sexpr>>().toEqualTypeOf<false>();
    expectTypeOf<Defn["body"]>().toEqualTypeOf<Sexpr>();
    expectTypeOf<Defn["requires"]>().toEqualTypeOf<ContractClause[] | undefined>();
    expectTypeOf<ContractClause["expr"]>().toEqualTypeOf<Sexpr>();
    expectTypeOf<List[0]>().toEqualTypeOf<string>();
    expectTypeOf<["begin", ["let", "x", 1], ["bytes.lit", "ok"]]>().toExtend<Defn["body"]>();
    expectTypeOf<true>().not.toExtend<Sexpr>();
    expectTypeOf<null>().not.toExtend<Sexpr>();
    expectTypeOf<[1, "f"]>().not.toExtend<Sexpr>();
    expectTypeOf<["bytes.lit", 1]>().not.toExtend<Extract<Sexpr, ["bytes.lit", string]>>();
  });

  it("x07AST expressions are recursive all the way down (codegen writes a recursive alias TypeBox cannot infer)", () => {
    // TypeBox's Static of a Ref that recurs without passing through a TObject is `any`; codegen emits a
    // plain recursive TypeScript alias for such groups (codegen/modules.ts, tsTypeOf) and types the value
    // with it, so list arguments are expressions again and nested mistakes are type errors.
    type List = Extract<Sexpr, [string, ...unknown[]]>;
    expectTypeOf<IsAny<List[1]>>().toEqualTypeOf<false>();
    expectTypeOf<DeepHasAny<X07AstV0_9_0>>().toEqualTypeOf<false>();
    expectTypeOf<["f", { x: 1 }]>().not.toExtend<Sexpr>();
    expectTypeOf<["f", ["g", ["h", 1, "x"]]]>().toExtend<Sexpr>();
    expectTypeOf<["f", ["g", [2]]]>().not.toExtend<Sexpr>();
  });

  it("kind-discriminated unions narrow with Extract", () => {
    expectTypeOf<ArchRule["kind"]>().toEqualTypeOf<"deps_v1" | "layers_v1" | "deny_cycles_v1">();
    expectTypeOf<Extract<ArchRule, { kind: "deps_v1" }>["mode"]>().toEqualTypeOf<"deny" | "allow">();
    expectTypeOf<Extract<ArchRule, { kind: "layers_v1" }>["direction"]>().toEqualTypeOf<"down">();
    expectTypeOf<Extract<ArchRule, { kind: "deny_cycles_v1" }>>().not.toHaveProperty("layers");
    expectTypeOf<PbtParam["ty"]>().toEqualTypeOf<"i32" | "bytes">();
    expectTypeOf<Extract<PbtParam, { ty: "i32" }>["value"]>().toEqualTypeOf<number>();
    expectTypeOf<Extract<PbtParam, { ty: "bytes" }>>().not.toHaveProperty("value");
    expectTypeOf<PbtGen["kind"]>().toEqualTypeOf<"i32" | "bytes">();
    expectTypeOf<Extract<PbtGen, { kind: "bytes" }>["max_len"]>().toEqualTypeOf<number>();
    type TypeDiag = DocumentTypes["x07.typecheck.diagdata@0.1.0"];
    expectTypeOf<Extract<TypeDiag, { code: "X07-TYPE-CALL-0003" }>["data"]>().toEqualTypeOf<{ callee: string; want: number; got: number }>();
    expectTypeOf<Extract<TypeDiag, { code: "X07-TYPE-SET-0001" }>["data"]>().toEqualTypeOf<{ local: string }>();
    expectTypeOf<DeepHasAny<TypeDiag>>().toEqualTypeOf<false>();
  });

  it("validateAs narrows to the version's document type", () => {
    const r = validateAs("x07.x07diag@0.1.0", { schema_version: "x07.x07diag@0.1.0", diagnostics: [] });
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<DiagReport>();
    expectTypeOf(r.ok).toEqualTypeOf<boolean>();
  });
});
