/**
 * A solve-pure program cannot observe time, randomness, the environment or the file system: every route is a
 * check-time diagnostic (world rules, unknown heads) before anything runs, and the interpreter's runtime holds
 * nothing but the input bytes.
 */
import { describe, expect, it } from "vitest";
import { run } from "./_run.ts";

const routes: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  ["wall clock through an os.* head", ["os.time.now_ms"], /X07-WORLD-OS-0002/],
  ["environment through std.os.*", ["std.os.env.get", ["bytes.view_lit", "HOME"]], /X07-WORLD-OS-0002/],
  ["environment through os.*", ["os.env.get", ["bytes.lit", "HOME"]], /X07-WORLD-OS-0002/],
  ["a file read", ["fs.read", ["bytes.lit", "/etc/passwd"]], /X07-WORLD-FS-0001/],
  ["a key-value read", ["kv.get", ["bytes.lit", "k"]], /X07-WORLD-KV-0001/],
  ["a record/replay cassette", ["rr.open_v1", ["bytes.lit", "c"]], /X07-WORLD-RR-0001/],
  ["an unknown time head", ["time.now"], /X07-TYPE-CALL-0001/],
  ["an unknown randomness head", ["random.u32"], /X07-TYPE-CALL-0001/],
];

describe("solve-pure isolation", () => {
  for (const [what, solve, code] of routes) {
    it(`${what} is rejected before the run`, async () => {
      await expect(run(solve)).rejects.toThrow(code);
    });
  }

  it("importing an OS-world std module is rejected", async () => {
    const { checkDoc } = await import("./_run.ts");
    await expect(checkDoc({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: ["std.os.time"], decls: [], solve: ["bytes.lit", "x"] })).rejects.toThrow(/X07-WORLD-OS-0001/);
  });

  it("the same program and input give the same output, fuel and memory counters whenever it runs", async () => {
    const prog = ["begin", ["let", "v", ["vec_u8.with_capacity", 1]], ["for", "i", 0, 64, ["set", "v", ["vec_u8.push", "v", ["+", "i", ["view.get_u8", "input", 0]]]]], ["vec_u8.into_bytes", "v"]];
    const a = await run(prog, { input: "A" });
    await new Promise((r) => setTimeout(r, 20));
    const b = await run(prog, { input: "A" });
    expect(JSON.stringify({ ...b, output: b.ok && [...b.output] })).toBe(JSON.stringify({ ...a, output: a.ok && [...a.output] }));
  });
});
