/**
 * The solver's answer to a query does not depend on what the process solved before (each query has a z3
 * context of its own): a counterexample in a certificate written after other proofs equals the one a fresh
 * process finds. Before, a shared context gave a different model for the same text after other queries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZ3 } from "../../src/prove/internal/z3.ts";
import type { SolveAnswer, Z3Handle } from "../../src/prove/internal/z3.ts";

// An order total over wrapping 32-bit words that can go negative: many models exist.
const OVERFLOW = `(set-logic QF_BV)
(declare-const count (_ BitVec 32))
(declare-const price (_ BitVec 32))
(declare-const pct (_ BitVec 32))
(assert (bvsge count #x00000000))
(assert (bvsge price #x00000000))
(assert (and (bvsge pct #x00000000) (bvsle pct #x00000064)))
(define-fun sub () (_ BitVec 32) (bvmul count price))
(assert (not (bvsge (bvsub sub (bvudiv (bvmul sub pct) #x00000064)) #x00000000)))
(check-sat)`;

const OTHERS = [
  `(set-logic QF_NIA)(declare-const a Int)(declare-const b Int)(assert (<= 0 a 1000))(assert (<= 0 b 40000))(assert (not (>= (* a b) 0)))`,
  `(set-logic QF_BV)(declare-const x (_ BitVec 32))(assert (bvugt (bvmul x x) #x00001000))`,
  `(set-logic QF_BV)(declare-const y (_ BitVec 32))(declare-const z (_ BitVec 32))(assert (= (bvadd y z) #x12345678))(assert (bvult y z))`,
];

const model = (a: SolveAnswer): Record<string, string> => {
  if (a.kind !== "sat") throw new Error(`expected sat, got ${a.kind}`);
  return Object.fromEntries([...a.model].sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, v.toString()]));
};

let z3: Z3Handle;
beforeAll(async () => {
  z3 = await startZ3();
}, 60_000);
afterAll(async () => {
  await z3.dispose();
});

describe("z3: answers independent of solver history", () => {
  it("the same query gives the same model before and after other queries", async () => {
    const first = model(await z3.solve(OVERFLOW));
    expect(Object.keys(first)).toEqual(["count", "pct", "price"]);
    for (const q of OTHERS) await z3.solve(q);
    const again = model(await z3.solve(OVERFLOW));
    expect(again).toEqual(first);
  }, 60_000);

  it("a timeout shorter than the query still answers or says unknown, never a wrong verdict", async () => {
    // 2^31 - 1 is prime: no factors in [2, 2^16), so this is unsat (hard for bit-blasting).
    const prime = `(set-logic QF_BV)(declare-const a (_ BitVec 32))(declare-const b (_ BitVec 32))(assert (bvugt a #x00000001))(assert (bvugt b #x00000001))(assert (bvult a #x00010000))(assert (bvult b #x00010000))(assert (= (bvmul a b) #x7fffffff))`;
    const r = await z3.solve(prime, { timeoutMs: 300 });
    expect(["unsat", "unknown"]).toContain(r.kind);
  }, 60_000);
});
