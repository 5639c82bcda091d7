/**
 * PBT and the prover agree on compute_total_v1 (issue 7 acceptance): over the ranges the `pbt/total_non_negative`
 * test draws from, the prover, given those ranges as requires, proves `__result >= 0` and the 64-case property
 * passes; over the wider `pbt/total_overflow` ranges both find the failure, and the prover's witness fails the
 * property when run through the same driver.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument, layerNoStd } from "../../src/check/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerZ3, prove } from "../../src/prove/index.ts";
import { layerMemoryFileSystem, layerNodeFileSystemAt } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { test as runTests } from "../../src/test/index.ts";

const FIXTURE = path.resolve("test/fixtures/test/pbt-kinds");
const kernel = JSON.parse(readFileSync(path.join(FIXTURE, "orders/core.x07.json"), "utf8")) as { decls: Array<Record<string, unknown>> };
const body = kernel.decls.find((d) => d["name"] === "orders.core.compute_total_v1")!["body"];

/** compute_total_v1 with the PBT test's ranges as requires and `__result >= 0` as its one ensures. */
const boundedEntry = (maxCount: number, maxPrice: number) => ({
  schema_version: "x07.x07ast@0.8.0",
  kind: "entry",
  module_id: "main",
  imports: [],
  decls: [
    {
      kind: "defn",
      name: "main.total",
      params: [{ name: "item_count", ty: "i32" }, { name: "unit_price", ty: "i32" }, { name: "discount_pct", ty: "i32" }],
      result: "i32",
      requires: [
        { id: "count_range", expr: ["&&", [">=", "item_count", 0], ["<=", "item_count", maxCount]] },
        { id: "price_range", expr: ["&&", [">=", "unit_price", 0], ["<=", "unit_price", maxPrice]] },
        { id: "discount_range", expr: ["&&", [">=", "discount_pct", 0], ["<=", "discount_pct", 100]] },
      ],
      ensures: [{ id: "total_non_negative", expr: [">=", "__result", 0] }],
      body,
    },
  ],
  solve: ["bytes.lit", "unused"],
});

const proveTotal = async (maxCount: number, maxPrice: number) => {
  const parsed = parseX07AstValue(boundedEntry(maxCount, maxPrice) as unknown as Parameters<typeof parseX07AstValue>[0]);
  if (!parsed.ok) throw new Error("fixture does not parse");
  const checked = await Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));
  if (!checked.ok || checked.program === undefined) throw new Error(JSON.stringify(checked.diagnostics));
  const r = await Effect.runPromise(Effect.scoped(prove(checked.program, { entry: "main.total" }).pipe(Effect.provide(layerZ3))));
  return { proof: r.proof };
};

const pbtStatus = async (id: string) => {
  const r = await Effect.runPromise(
    runTests({ manifest: "tests.json", pbt: true, noFailFast: true, filter: id, exact: true, artifactDir: "/tmp/x07-sdk-agreement" }).pipe(Effect.provide(layerStd), Effect.provide(layerNodeFileSystemAt(FIXTURE))),
  );
  return r.report.tests[0]!;
};

describe("pbt and prove agree on compute_total_v1", () => {
  it("count <= 1000, price <= 100000: proven, and the 64-case property passes", async () => {
    const { proof } = await proveTotal(1000, 100_000);
    expect(proof.kind).toBe("proven");
    expect((await pbtStatus("pbt/total_non_negative")).status).toBe("pass");
  }, 120_000);

  it("count <= 100000: the prover's witness violates the clause, and the property test finds a failure", async () => {
    const { proof } = await proveTotal(100_000, 100_000);
    expect(proof.kind).toBe("counterexample_found");
    expect(proof.counterexample?.replay.kind).toBe("violated");
    const [count, price, discount] = proof.counterexample!.inputs.map((i) => ("value" in i ? i.value : NaN));
    // The witness is inside the PBT ranges and really gives a negative total when run.
    expect(count).toBeGreaterThanOrEqual(0);
    expect(count).toBeLessThanOrEqual(100_000);
    expect(price).toBeGreaterThanOrEqual(0);
    expect(price).toBeLessThanOrEqual(100_000);
    expect(discount).toBeGreaterThanOrEqual(0);
    expect(discount).toBeLessThanOrEqual(100);
    const sub = Math.imul(count!, price!);
    const red = Math.floor((Math.imul(sub, discount!) >>> 0) / 100) | 0;
    expect((sub - red) | 0).toBeLessThan(0);
    expect((await pbtStatus("pbt/total_overflow")).status).toBe("xfail_fail");
  }, 120_000);
});
