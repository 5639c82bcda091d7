/** The i32 fragment: deterministic obligations, and z3 proofs and counterexamples in-process. */
import { ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckedProgram } from "../../src/check/index.ts";
import { encodeI32Obligations, layerZ3, proveEnsuresI32 } from "../../src/prove/index.ts";
import type { ClauseVerdict, I32ProveOutcome } from "../../src/prove/index.ts";
import { checkProveFixture } from "../_helpers/prove.ts";

let program: CheckedProgram;
const runtime = ManagedRuntime.make(layerZ3);

beforeAll(async () => {
  program = await checkProveFixture("i32");
}, 30_000);
afterAll(async () => {
  await runtime.dispose();
});

const prove = (entry: string): Promise<I32ProveOutcome> => runtime.runPromise(proveEnsuresI32(program, { entry, timeoutMs: 10_000 }));
const verdicts = (o: I32ProveOutcome): ReadonlyArray<ClauseVerdict> => (o.kind === "checked" ? o.clauses.map((c) => c.verdict) : []);

describe("prove: i32 fragment encoding", () => {
  it("writes the same obligation text twice, with the requires assumed and the clause negated", () => {
    const fn = program.functions.get("app.total");
    if (fn === undefined) throw new Error("no app.total");
    const a = encodeI32Obligations(fn);
    expect(a.map((o) => o.smt2)).toEqual(encodeI32Obligations(fn).map((o) => o.smt2));
    expect(a).toHaveLength(1);
    const text = a[0]?.smt2 ?? "";
    expect(text.startsWith("(set-logic QF_BV)\n(declare-const |p!item_count| (_ BitVec 32))")).toBe(true);
    expect(text).toContain("bvudiv");
    expect(text.match(/\(assert /g)).toHaveLength(4);
    expect(a[0]?.ptr).toBe("/decls/4/ensures/0/expr");
  });

  it("rejects forms outside the fragment with their pointer", () => {
    const fn = program.functions.get("app.loop");
    if (fn === undefined) throw new Error("no app.loop");
    expect(() => encodeI32Obligations(fn)).toThrow();
  });
});

describe("prove: z3 in-process", () => {
  it("proves x & 255 <=u 255", async () => {
    expect(verdicts(await prove("app.low_byte"))).toEqual([{ kind: "proven" }]);
  }, 30_000);

  it("finds a counterexample to x & 511 <=u 255 that really violates it", async () => {
    const [v] = verdicts(await prove("app.low_byte_bad"));
    expect(v?.kind).toBe("counterexample_found");
    const x = v?.kind === "counterexample_found" ? (v.inputs[0]?.value ?? 0) : 0;
    expect((x & 511) >>> 0).toBeGreaterThan(255);
    expect(v?.kind === "counterexample_found" ? v.replay : undefined).toEqual({ kind: "violated" });
  }, 30_000);

  it("proves both clauses of clamp (if, set, && and ||)", async () => {
    expect(verdicts(await prove("app.clamp"))).toEqual([{ kind: "proven" }, { kind: "proven" }]);
  }, 30_000);

  it("finds the overflow in the orders total (subtotal past 2^31)", async () => {
    const [v] = verdicts(await prove("app.total"));
    if (v?.kind !== "counterexample_found") throw new Error(`expected a counterexample, got ${JSON.stringify(v)}`);
    const [c, p, d] = v.inputs.map((i) => i.value) as [number, number, number];
    expect(c >= 0 && p >= 0 && d >= 0 && d <= 100).toBe(true);
    const sub = Math.imul(c, p);
    const red = ((Math.imul(sub, d) >>> 0) / 100) | 0;
    expect((sub - red) | 0).toBeLessThan(0);
    expect(v.replay).toEqual({ kind: "violated" });
  }, 30_000);

  it("treats / as unsigned and guards division by zero", async () => {
    expect(verdicts(await prove("app.half"))[0]).toMatchObject({ kind: "counterexample_found", replay: { kind: "violated" } });
    expect(verdicts(await prove("app.div"))).toEqual([{ kind: "proven" }]);
  }, 30_000);

  it("reports a loop as unsupported with its pointer", async () => {
    expect(await prove("app.loop")).toEqual({ kind: "unsupported", ptr: "/decls/7/body/2", detail: "form for is outside the i32 fragment" });
  }, 30_000);
});
