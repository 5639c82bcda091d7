/** Counterexample replay through the interpreter: violated, holds, requires false. */
import { describe, expect, it } from "vitest";
import { replayEnsures } from "../../../src/prove/internal/replay.ts";
import { checkProveFixture } from "../../_helpers/prove.ts";

describe("prove: replayEnsures", () => {
  it("tells a real violation from a holding clause and from inputs outside the requires", async () => {
    const program = await checkProveFixture("i32");
    const fn = (name: string) => {
      const f = program.functions.get(name);
      if (f === undefined) throw new Error(name);
      return f;
    };
    expect(replayEnsures(program, fn("app.low_byte_bad"), 0, [256])).toEqual({ kind: "violated" });
    expect(replayEnsures(program, fn("app.low_byte_bad"), 0, [255])).toEqual({ kind: "holds" });
    expect(replayEnsures(program, fn("app.half"), 0, [5])).toEqual({ kind: "requires_false" });
    expect(replayEnsures(program, fn("app.half"), 0, [-4])).toEqual({ kind: "violated" });
    expect(replayEnsures(program, fn("app.clamp"), 1, [150])).toEqual({ kind: "holds" });
    expect(replayEnsures(program, fn("app.total"), 0, [65536, 32768, 0])).toEqual({ kind: "violated" });
  });
});
