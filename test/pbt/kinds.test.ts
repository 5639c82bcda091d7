/** Failure kinds, shrinking of i32 and multi-parameter properties, and the Effect API on an in-memory project. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { validateAs } from "../../src/core/contracts/index.ts";
import { pbt } from "../../src/pbt/index.ts";
import { layerMemoryFileSystem, layerNodeFileSystemAt } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { test as runTests } from "../../src/test/index.ts";

const FIXTURE = path.resolve("test/fixtures/test/pbt-kinds");

/** Every file of the fixture, keyed by its path relative to the fixture. */
const fixtureFiles = (dir = FIXTURE, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? Object.entries(fixtureFiles(p, `${prefix}${f}/`)) : [[`/p/${prefix}${f}`, readFileSync(p, "utf8")]];
    }),
  );

describe("pbt: failure kinds and shrinking", () => {
  it("shrinks each failure kind to its minimal case and maps kinds to statuses and exit codes", async () => {
    const r = await Effect.runPromise(
      runTests({ manifest: "/p/tests.json", pbt: true, noFailFast: true, artifactDir: "/p/A" }).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem(fixtureFiles()))),
    );
    const by = Object.fromEntries(r.report.tests.map((t) => [t.id, t]));
    const fail = (id: string) => by[id]?.diags?.find((d) => d.code === "X07T_EPBT_FAIL")?.details as { failure: unknown; counterexample: { params: unknown[] } } | undefined;
    expect(by["pbt/below_100"]?.status).toBe("fail");
    expect(fail("pbt/below_100")?.counterexample.params).toEqual([{ name: "x", ty: "i32", value: 100 }]);
    expect(by["pbt/no_long_prefix"]?.status).toBe("error");
    expect(fail("pbt/no_long_prefix")?.failure).toMatchObject({ kind: "trap", trap_id: "X07I_TRAP_BOUNDS" });
    expect(fail("pbt/no_long_prefix")?.counterexample.params).toEqual([{ name: "b", ty: "bytes", b64: "AAAA", len: 3 }]);
    expect(fail("pbt/spin")?.failure).toMatchObject({ kind: "fuel" });
    expect(fail("pbt/spin")?.counterexample.params).toEqual([{ name: "x", ty: "i32", value: 6 }]);
    // compute_total_v1 over item_count ≤ 1000, unit_price ≤ 100000: the subtotal stays below 2^31, so it holds.
    expect(by["pbt/total_non_negative"]?.status).toBe("pass");
    // With item_count up to 100000 the subtotal can wrap past 2^31: a counterexample with discount 0.
    expect(by["pbt/total_overflow"]?.status).toBe("xfail_fail");
    const ov = fail("pbt/total_overflow")?.counterexample.params as Array<{ value: number }>;
    expect(ov[2]?.value).toBe(0);
    expect(Math.imul(ov[0]!.value, ov[1]!.value)).toBeLessThan(0);
    expect(by["pbt/sum_commutes"]?.status).toBe("pass");
    expect(r.report.summary.run_failures).toBe(2);
    expect(validateAs("x07.x07test@0.4.0", JSON.parse(JSON.stringify(r.report))).ok).toBe(true);
    expect(r.exitCode).toBe(12);
  });

  it("runs the same suite identically under --repeat and a suite seed changes the generated cases", async () => {
    const run = (seed: bigint) =>
      Effect.runPromise(
        runTests({ manifest: "tests.json", pbt: true, filter: "below_100", repeat: 3, pbtSeed: seed, artifactDir: "/tmp/x07-sdk-kinds-A" }).pipe(Effect.provide(layerStd), Effect.provide(layerNodeFileSystemAt(FIXTURE))),
      );
    const a = await run(0n);
    expect(a.report.tests[0]?.diags?.map((d) => d.code)).toEqual(["X07T_EPBT_FAIL"]);
    const b = await run(12345n);
    const seedOf = (x: typeof a) => (x.report.tests[0]?.diags?.[0]?.details as { effective_seed_u64: number }).effective_seed_u64;
    expect(seedOf(a)).not.toBe(seedOf(b));
  });

  it("classifies a case that outlives timeout_ms as a timeout and shrinks it", async () => {
    const r = await Effect.runPromise(
      pbt(
        { id: "mem/slow", world: "solve-pure", entry: "props.spin", cases: 50, maxShrinks: 32, params: [{ name: "x", gen: { kind: "i32", min: 0, max: 100 } }], budget: { fuel: 20_000_000, timeout_ms: 1, max_mem_bytes: 1 << 20, max_output_bytes: 1 << 20 } },
        { moduleRoots: ["/p"] },
      ).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem(fixtureFiles()))),
    );
    expect(r.repro?.failure).toEqual({ kind: "timeout", trap_message: "wall timeout" });
    expect(r.repro?.counterexample.params).toEqual([{ name: "x", ty: "i32", value: 6 }]);
  });

  it("pbt() runs one property on an in-memory project and reports progress", async () => {
    const seen: number[] = [];
    const r = await Effect.runPromise(
      pbt(
        { id: "mem/commutes", world: "solve-pure", entry: "props.sum_commutes", cases: 600, params: [{ name: "a", gen: { kind: "i32", min: -5, max: 5 } }, { name: "b", gen: { kind: "i32", min: -2147483648, max: 2147483647 } }] },
        { moduleRoots: ["/p"], onProgress: (p) => seen.push(p.cases) },
      ).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem(fixtureFiles()))),
    );
    expect(r.checked).toBe(true);
    expect(r.repro).toBeUndefined();
    expect(r.suite?.attempted).toBe(600);
    expect(r.suite?.status).toEqual({ tag: 1, code: 0 });
    expect(seen.length).toBeGreaterThan(0);
  });
});
