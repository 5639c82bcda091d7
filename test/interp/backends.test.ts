/**
 * Differential test of the two interpreter backends: every std case program (test/std/cases, a few thousand small
 * programs written for the std) runs on the generated-JS backend and on the closure backend, and the outcomes must
 * agree exactly: output bytes, trap code/message/pointer, fuel used and memory counters.
 */
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/check/index.ts";
import { interp } from "../../src/interp/index.ts";
import { generatedOf } from "../../src/interp/internal/jsrun.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { entryOf, inputOf, loadCaseFiles } from "../std/harness.ts";
import { outcomeView as view } from "./_run.ts";


describe("js backend = closure backend on every std case", () => {
  for (const file of loadCaseFiles()) {
    it(file.module, async () => {
      let generatedCount = 0;
      // Check-only cases (expect_check, or another world than solve-pure) are never run by the std harness.
      const runnable = file.cases.filter((c) => c.expect_check === undefined && c.world === undefined);
      for (const c of runnable) {
        const parsed = parseX07AstValue(entryOf(file.module, c) as never, { file: c.name });
        if (!parsed.ok) continue;
        const checked = await Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem({}))));
        if (checked.program === undefined) continue;
        const input = inputOf(c);
        const opts = { input, ...(c.fuel !== undefined ? { fuel: c.fuel } : {}) };
        const closures = view(interp(checked.program, { ...opts, backend: "closures" }));
        if (generatedOf(checked.program) === undefined) continue;
        generatedCount++;
        const js = view(interp(checked.program, { ...opts, backend: "js" }));
        // Fuel exhaustion is detected per straight-line segment by the js backend (README "Backends"): the code
        // and fuel used agree, the pointer and allocations up to the trap may not.
        if (closures.trap?.code === "X07I_TRAP_FUEL") expect([js.trap?.code, js.fuel]).toEqual([closures.trap.code, closures.fuel]);
        else expect({ case: c.name, ...js }).toEqual({ case: c.name, ...closures });
      }
      if (runnable.length > 0) expect(generatedCount).toBeGreaterThan(0);
    });
  }
});
