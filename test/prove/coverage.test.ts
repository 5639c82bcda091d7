/** `verifyCoverage`: reachable closure, statuses and counters on small fixture modules. */
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { validateAs } from "../../src/core/contracts/index.ts";
import { coverageDocument, verifyCoverage } from "../../src/prove/index.ts";
import type { Coverage } from "../../src/prove/index.ts";
import { checkProveFixture } from "../_helpers/prove.ts";

const coverage = async (fixture: string, entry: string): Promise<Coverage> => Effect.runPromise(verifyCoverage(await checkProveFixture(fixture), { entry }));
const statuses = (c: Coverage) => Object.fromEntries(c.functions.map((r) => [r.symbol, r.status]));
const codes = (c: Coverage, sym: string) => c.functions.find((r) => r.symbol === sym)?.reasons.map((r) => r.code);

describe("prove: verify --coverage", () => {
  it("follows calls to helpers and counts namespaced builtins as trusted primitives", async () => {
    const c = await coverage("chain", "app.f");
    expect(statuses(c)).toEqual({ "app.f": "supported", "app.g": "supported", "bytes.empty": "trusted_primitive", "bytes.len": "trusted_primitive" });
    expect(c.summary).toMatchObject({ reachable_defn: 2, supported_defn: 2, trusted_primitives: 2, uncovered_defn: 0, unsupported_defn: 0, recursive_defn: 0 });
    expect(c.functions.map((r) => r.symbol)).toEqual([...c.functions.map((r) => r.symbol)].sort());
  });

  it("only reaches what the entry reaches", async () => {
    const c = await coverage("chain", "app.g");
    expect(Object.keys(statuses(c))).toEqual(["app.g", "bytes.empty", "bytes.len"]);
  });

  it("marks a reached function without contracts uncovered", async () => {
    const c = await coverage("uncovered", "app.f");
    expect(statuses(c)).toEqual({ "app.f": "supported", "app.h": "uncovered" });
    expect(c.summary).toMatchObject({ reachable_defn: 2, supported_defn: 1, uncovered_defn: 1 });
  });

  it("classifies self recursion with and without decreases, and mutual recursion", async () => {
    const c = await coverage("recursion", "app.top");
    expect(statuses(c)).toEqual({ "app.down": "supported_recursive", "app.nodec": "unsupported", "app.ping": "unsupported", "app.pong": "unsupported", "app.top": "supported" });
    expect(codes(c, "app.nodec")).toEqual(["X07V_RECURSIVE_DECREASES_REQUIRED"]);
    expect(codes(c, "app.ping")).toEqual(["X07V_UNSUPPORTED_MUTUAL_RECURSION"]);
    expect(c.functions.find((r) => r.symbol === "app.down")?.support_summary).toEqual({ recursion_kind: "self_recursive", has_decreases: true, decreases_count: 1, prove_supported: true });
    expect(c.summary).toMatchObject({ reachable_defn: 5, supported_defn: 2, recursive_defn: 4, supported_recursive_defn: 1, unsupported_recursive_defn: 3, unsupported_defn: 3 });
  });

  it("rejects heap effects with the head named", async () => {
    const c = await coverage("heap", "app.poke");
    expect(statuses(c)["app.poke"]).toBe("unsupported");
    expect(c.functions.find((r) => r.symbol === "app.poke")?.reasons).toEqual([{ code: "X07V_UNSUPPORTED_HEAP_EFFECT", detail: "uses bytes.set_u8" }]);
  });

  it("reaches symbols used only in contract clauses", async () => {
    const c = await coverage("contract_ref", "app.f");
    expect(statuses(c)).toEqual({ "app.f": "supported", "bytes.len": "trusted_primitive" });
  });

  it("renders the x07.verify.coverage@0.4.0 document, schema-valid, with reasons as details", async () => {
    const program = await checkProveFixture("recursion");
    const doc = coverageDocument(await Effect.runPromise(verifyCoverage(program, { entry: "app.top" })), [program.world]);
    const v = validateAs("x07.verify.coverage@0.4.0", JSON.parse(JSON.stringify(doc)));
    expect(v.ok).toBe(true);
    expect(doc.worlds).toEqual(["solve-pure"]);
    const nodec = doc.functions.find((f) => f.symbol === "app.nodec");
    expect(nodec).toMatchObject({ kind: "defn", status: "unsupported", signature: { params: [{ ty: "i32" }], result: "i32" } });
    expect(nodec?.details).toBe("X07V_RECURSIVE_DECREASES_REQUIRED: self-recursive function needs a decreases clause");
  });

  it("fails with ProveTargetError for an unknown entry", async () => {
    const exit = await Effect.runPromiseExit(verifyCoverage(await checkProveFixture("chain"), { entry: "app.nope" }));
    expect(Exit.isFailure(exit)).toBe(true);
  });
});
