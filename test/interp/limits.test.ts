/** The optional embedding budgets: a cap on bytes allocated over the run, and a wall-clock limit. */
import { describe, expect, it } from "vitest";
import { interp, evaluatorSource } from "../../src/interp/index.ts";
import { checkDoc, entry } from "./_run.ts";

const MiB = 1024 * 1024;
// Keeps ten 1 MiB buffers alive, each under the single-allocation cap.
const tenBuffers = entry(["begin", ...Array.from({ length: 10 }, (_, i) => ["let", `b${i}`, ["bytes.alloc", MiB]]), ["bytes.lit", "ok"]]);
const spin = entry(["begin", ["let", "x", 0], ["while", 1, ["set", "x", ["+", "x", 1]]], ["bytes.lit", "never"]]);

describe("interp budgets", () => {
  it("maxAllocTotalBytes traps once the cumulative total passes it, on both backends", async () => {
    const p = await checkDoc(tenBuffers);
    for (const backend of ["js", "closures"] as const) {
      const under = interp(p, { input: new Uint8Array(), maxAllocTotalBytes: 10 * MiB + 2, backend }); // + the 2-byte literal
      expect(under.ok).toBe(true);
      const over = interp(p, { input: new Uint8Array(), maxAllocTotalBytes: 10 * MiB - 1, backend });
      expect(over.ok).toBe(false);
      if (!over.ok) {
        expect(over.trap.code).toBe("X07I_TRAP_MEMORY");
        expect(over.trap.message).toContain("allocation budget exceeded");
        expect(over.stats.mem_stats.bytes_alloc_total).toBe(9 * MiB); // the refused 10th MiB is not counted
      }
    }
  });

  it("without the option, the same program is not limited by the total (upstream's per-allocation cap only)", async () => {
    const p = await checkDoc(tenBuffers);
    const r = interp(p, { input: new Uint8Array(), maxMemoryBytes: MiB });
    expect(r.ok).toBe(true);
    const r2 = interp(p, { input: new Uint8Array(), maxMemoryBytes: MiB - 1 });
    expect(r2.ok ? "ok" : r2.trap.code).toBe("X07I_TRAP_MEMORY");
  });

  it("timeLimitMs stops a loop that fuel would let run for a long time, on both backends", async () => {
    const p = await checkDoc(spin);
    for (const backend of ["js", "closures"] as const) {
      const t0 = performance.now();
      const r = interp(p, { input: new Uint8Array(), fuel: 2 ** 52, timeLimitMs: 50, backend });
      const ms = performance.now() - t0;
      expect(r.ok ? "ok" : r.trap.code).toBe("X07I_TRAP_TIME");
      expect(ms).toBeGreaterThanOrEqual(50);
      expect(ms).toBeLessThan(2000);
    }
  });

  it("a timed run that finishes in time gives the same output and fuel as an untimed run", async () => {
    const p = await checkDoc(entry(["begin", ["let", "x", 0], ["for", "i", 0, 100000, ["set", "x", ["+", "x", "i"]]], ["codec.write_u32_le", "x"]]));
    const a = interp(p, { input: new Uint8Array() });
    const b = interp(p, { input: new Uint8Array(), timeLimitMs: 60_000 });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(Buffer.from(b.output).equals(Buffer.from(a.output))).toBe(true);
      expect(b.stats.fuel_used).toBe(a.stats.fuel_used);
    }
  });

  it("timeLimitMs bounds evaluation, not compilation: a large program that needs little fuel runs on its first run", async () => {
    const N = 1500;
    const decls = Array.from({ length: N }, (_, i) => ({
      kind: "defn", name: `main.f${i}`, params: [{ name: "x", ty: "i32" }], result: "i32",
      body: ["begin", ["let", "n", ["+", "x", 1]], ["if", ["<", "n", 0], ["return", 0], 0], i === 0 ? "n" : [`main.f${i - 1}`, "n"]],
    }));
    const p = await checkDoc(entry(["begin", ["let", "r", [`main.f${N - 1}`, 1]], ["codec.write_u32_le", "r"]], decls));
    // The first run compiles (codegen + new Function for 1,500 functions: 100-250 ms here) before the clock starts;
    // evaluation still pays V8's lazy compilation of each generated function on its first call (30-80 ms), then
    // later runs take under 1 ms.
    const r = interp(p, { input: new Uint8Array(), timeLimitMs: 400 });
    expect(r.ok ? Buffer.from(r.output).readUInt32LE(0) : r.trap).toBe(N + 1);
  });

  it("evaluatorSource is deterministic and undefined for closure-only programs", async () => {
    const p = await checkDoc(spin);
    const a = evaluatorSource(p);
    const b = evaluatorSource(await checkDoc(spin));
    expect(a?.source.length).toBeGreaterThan(0);
    expect(b?.source).toBe(a?.source);
  });
  it("an expression nested too deep for V8's parser runs on the closure backend under auto (same answer, same fuel)", async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = ["+", deep, 1];
    const p = await checkDoc(entry(["fmt.s32_to_dec", deep]));
    const auto = interp(p, { input: new Uint8Array() });
    const closures = interp(p, { input: new Uint8Array(), backend: "closures" });
    expect(auto.ok && new TextDecoder().decode(auto.output)).toBe("1001");
    expect(auto.stats).toEqual(closures.stats);
    // Forcing the js backend says why it cannot, as data.
    const js = interp(p, { input: new Uint8Array(), backend: "js" });
    expect(js.ok).toBe(false);
    if (!js.ok) expect(js.trap.code).toBe("X07I_INTERNAL");
    // A shallow program still gets generated code.
    expect(evaluatorSource(await checkDoc(entry(["fmt.s32_to_dec", ["+", 1, 1]])))).toBeDefined();
  });
});
