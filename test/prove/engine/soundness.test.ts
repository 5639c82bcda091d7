/**
 * Soundness suite of the prover engine: contract functions whose verdicts were worked out by hand (and, for
 * counterexamples, confirmed by the interpreter replay the engine runs), in sound and upstream-parity modes.
 * Fixture: test/prove/fixtures/engine/soundness.x07.json (ours).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckedProgram } from "../../../src/check/index.ts";
import { encodeSymbol, proveSymbol } from "../../../src/prove/internal/engine/index.ts";
import type { SymbolProof } from "../../../src/prove/internal/outcome.ts";
import { startZ3 } from "../../../src/prove/internal/z3.ts";
import type { Z3Handle } from "../../../src/prove/internal/z3.ts";
import { checkProveFixture } from "../../_helpers/prove.ts";

let program: CheckedProgram;
let orders: CheckedProgram;
let z3: Z3Handle;
beforeAll(async () => {
  z3 = await startZ3();
  program = await checkProveFixture("engine/soundness");
  orders = await checkProveFixture("engine/orders");
}, 60_000);
afterAll(async () => {
  await z3.dispose();
});

const prove = (entry: string, parity: "sound" | "upstream" = "sound", p = program): Promise<SymbolProof> => proveSymbol(p, z3, { entry, parity, timeoutMs: 30_000 });

// [entry, sound verdict, upstream-parity verdict, code (if any) in sound mode, failing obligation kind]
const TABLE: ReadonlyArray<readonly [string, SymbolProof["kind"], SymbolProof["kind"], (string | undefined)?, (string | undefined)?]> = [
  ["app.id", "proven", "proven"],
  ["app.noclauses", "unsupported", "unsupported", "X07V_NO_CONTRACTS"],
  ["app.nodec", "unsupported", "unsupported", "X07V_RECURSIVE_DECREASES_REQUIRED"],
  ["app.ping", "unsupported", "unsupported", "X07V_UNSUPPORTED_MUTUAL_RECURSION"],
  ["app.same", "unsupported", "unsupported", "X07V_RECURSION_TERMINATION_FAILED"],
  ["app.div", "proven", "proven"],
  ["app.rem", "proven", "proven"],
  ["app.half", "counterexample_found", "counterexample_found", "X07V_SMT_SAT", "ensures"],
  ["app.add_ovf", "counterexample_found", "counterexample_found", "X07V_SMT_SAT", "ensures"],
  ["app.add_ok", "proven", "proven"],
  ["app.sum_unbounded", "inconclusive", "inconclusive", "X07V_UNWIND_INCOMPLETE"],
  ["app.sum6", "proven", "proven"],
  ["app.sum7", "proven", "proven"], // 7 iterations complete under unwind 8 (CBMC's convention)
  ["app.sum8", "inconclusive", "inconclusive", "X07V_UNWIND_INCOMPLETE"],
  ["app.sum6_bad", "counterexample_found", "counterexample_found", "X07V_SMT_SAT", "ensures"],
  ["app.down", "proven", "proven"],
  ["app.down_big", "proven", "inconclusive"], // decreases checked semantically → unbounded; upstream unrolls
  ["app.first", "counterexample_found", "proven", "X07V_SMT_SAT", "trap"], // get_u8 on a maybe-empty view
  ["app.first_ok", "proven", "proven"],
  ["app.len_le", "proven", "proven"],
  ["app.slice_bad", "counterexample_found", "proven", "X07V_SMT_SAT", "trap"],
  ["app.caller_bad", "counterexample_found", "proven", "X07V_SMT_SAT", "callee_requires"],
  ["app.caller_ok", "proven", "proven"],
  ["app.early", "proven", "proven"],
  ["app.snap", "proven", "proven"],
  ["app.uses_plain", "proven", "proven"],
  ["app.shift", "proven", "proven"],
  ["app.ucmp", "proven", "proven"],
  ["app.loopinv", "proven", "inconclusive"], // loop contract proved inductively; upstream ignores it
  ["app.inv_entry", "counterexample_found", "counterexample_found", "X07V_SMT_SAT", "invariant"],
];

describe("prove engine: soundness suite", () => {
  it.each(TABLE.map((row) => [...row]))("%s → %s (upstream parity: %s)", async (...row) => {
    const [entry, sound, upstream, code, kind] = row as unknown as [string, SymbolProof["kind"], SymbolProof["kind"], string | undefined, string | undefined];
    const r = await prove(entry);
    expect(r.kind).toBe(sound);
    if (code !== undefined) expect(r.diagnostics.map((d) => d.code)).toContain(code);
    if (sound === "counterexample_found") {
      expect(r.counterexample?.replay.kind).toBe("violated");
      expect(r.counterexample?.clause.kind).toBe(kind);
    }
    expect((await prove(entry, "upstream")).kind).toBe(upstream);
  }, 60_000);

  it("gives concrete witnesses that really violate (a/2 with a < 0; x+1 at i32 max; sum over 0..6)", async () => {
    const half = await prove("app.half");
    const a = half.counterexample?.inputs[0];
    expect(a !== undefined && "value" in a && a.value < 0 && Math.floor((a.value >>> 0) / 2) | 0).toBeGreaterThanOrEqual(0);
    const ovf = await prove("app.add_ovf");
    expect(ovf.counterexample?.inputs).toEqual([{ name: "x", ty: "i32", value: 2147483647 }]);
    expect([...(ovf.counterexample?.inputBytes ?? [])]).toEqual([255, 255, 255, 127]);
    const s = await prove("app.sum6_bad");
    expect(s.counterexample?.inputs).toEqual([{ name: "n", ty: "i32", value: 6 }]);
  }, 60_000);

  it("encodes bytes counterexamples as length + content and replays them", async () => {
    const r = await prove("app.slice_bad");
    const [b, n] = r.counterexample?.inputs ?? [];
    expect(b !== undefined && "bytes" in b).toBe(true);
    const len = b !== undefined && "bytes" in b ? b.bytes.length : -1;
    expect(n !== undefined && "value" in n && n.value > len).toBe(true);
    expect(r.counterexample?.inputBytes.length).toBe(4 + len + 4);
  }, 60_000);

  it("labels recursion and loops: decreases → unbounded, loop contract → inductive, unrolled → bounded_by_unwind", async () => {
    expect((await prove("app.down")).recursion).toEqual({ kind: "self_recursive", boundKind: "unbounded" });
    expect((await prove("app.down", "upstream")).recursion).toEqual({ kind: "self_recursive", boundKind: "bounded_by_unwind" });
    const li = await prove("app.loopinv");
    expect(li.loops.map((l) => l.kind)).toEqual(["inductive"]);
    expect(li.obligations.map((o) => o.clause.kind)).toEqual(expect.arrayContaining(["loop_invariant_entry", "loop_invariant_preserved", "loop_decreases"]));
    expect((await prove("app.sum6")).recursion.boundKind).toBe("bounded_by_unwind");
    expect((await prove("app.caller_ok")).calleeSummaries).toEqual(["app.helper_req"]);
  }, 60_000);

  it("honours --unwind: the sum over 0..8 is proven with unwind 9", async () => {
    expect((await proveSymbol(program, z3, { entry: "app.sum8", unwind: 9 })).kind).toBe("proven");
  }, 60_000);

  it("--allow-traps keeps upstream's partial-correctness reading of traps", async () => {
    expect((await proveSymbol(program, z3, { entry: "app.first", allowTraps: true })).kind).toBe("proven");
  }, 60_000);
});

describe("prove engine: the orders kernel", () => {
  it("finds the overflow in the seed kernel, with a witness whose subtotal passes 2^31", async () => {
    const r = await prove("app.total", "sound", orders);
    expect(r.kind).toBe("counterexample_found");
    const [c, p, d] = (r.counterexample?.inputs ?? []).map((i) => ("value" in i ? i.value : NaN)) as [number, number, number];
    expect(c >= 0 && p >= 0 && d >= 0 && d <= 100).toBe(true);
    const sub = Math.imul(c, p);
    expect((sub - (((Math.imul(sub, d) >>> 0) / 100) | 0)) | 0).toBeLessThan(0);
    expect(r.counterexample?.replay.kind).toBe("violated");
  }, 60_000);

  it("proves the three clauses of the bounded variant over integers", async () => {
    const r = await prove("app.total_bounded", "sound", orders);
    expect(r.kind).toBe("proven");
    expect(r.obligations.map((o) => [o.clause.id, o.encoding, o.result])).toEqual([
      ["total_non_negative", "int", "unsat"],
      ["total_at_most_subtotal", "int", "unsat"],
      ["full_discount_is_free", "int", "unsat"],
    ]);
  }, 60_000);
});

describe("prove engine: determinism", () => {
  it("writes byte-identical obligation texts for the same program and options", async () => {
    for (const entry of ["app.total_bounded", "app.total"]) {
      const a = await encodeSymbol(orders, z3, { entry });
      const b = await encodeSymbol(orders, z3, { entry });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
    for (const entry of ["app.loopinv", "app.caller_bad", "app.slice_bad", "app.down"]) {
      const a = await encodeSymbol(program, z3, { entry });
      expect(JSON.stringify(await encodeSymbol(program, z3, { entry }))).toBe(JSON.stringify(a));
      if (a.kind === "encoded") for (const o of a.obligations) expect(o.smt2.endsWith("(check-sat)\n")).toBe(true);
    }
  }, 60_000);

  it("changes the texts when the options change", async () => {
    const a = await encodeSymbol(program, z3, { entry: "app.sum6", unwind: 8 });
    const b = await encodeSymbol(program, z3, { entry: "app.sum6", unwind: 4 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  }, 60_000);
});
