/** budget.scope_v1 (src/interp/internal/budget.ts): caps, modes, fuel clamping and restoring, cfg diagnostics. */
import { describe, expect, it } from "vitest";
import { run } from "./_run.ts";

const cfg = (mode: string, caps: Record<string, number> = {}) => ["budget.cfg_v1", ["mode", mode], ["label", ["bytes.lit", "t"]], ...Object.entries(caps).map(([k, v]) => [k, v])];
const trapOf = (r: Awaited<ReturnType<typeof run>>) => (r.ok ? "ran" : `${r.trap.code} ${r.trap.message}`);
const hex = (r: Awaited<ReturnType<typeof run>>) => (r.ok ? Buffer.from(r.output).toString("hex") : trapOf(r));

describe("budget.scope_v1", () => {
  const alloc100 = ["begin", ["let", "b", ["bytes.alloc", 100]], ["bytes.len", "b"]];
  it("trap_v1: exceeding alloc_bytes traps at scope exit with upstream's message", async () => {
    expect(trapOf(await run(["begin", ["let", "n", ["budget.scope_v1", cfg("trap_v1", { alloc_bytes: 64 }), alloc100]], ["bytes.lit", "x"]]))).toBe("X07I_TRAP_BUDGET X07T_BUDGET_EXCEEDED_ALLOC_BYTES");
  });
  it("trap_v1: at the cap exactly is fine", async () => {
    expect(hex(await run(["codec.write_u32_le", ["budget.scope_v1", cfg("trap_v1", { alloc_bytes: 100, alloc_calls: 1 }), alloc100]]))).toBe("64000000");
  });
  it("alloc_calls is checked after alloc_bytes (upstream's order)", async () => {
    const body = ["begin", ["let", "a", ["bytes.alloc", 10]], ["let", "b", ["bytes.alloc", 10]], 0];
    expect(trapOf(await run(["begin", ["let", "n", ["budget.scope_v1", cfg("trap_v1", { alloc_calls: 1 }), body]], ["bytes.lit", "x"]]))).toBe("X07I_TRAP_BUDGET X07T_BUDGET_EXCEEDED_ALLOC_CALLS");
    expect(trapOf(await run(["begin", ["let", "n", ["budget.scope_v1", cfg("trap_v1", { alloc_calls: 1, alloc_bytes: 5 }), body]], ["bytes.lit", "x"]]))).toBe("X07I_TRAP_BUDGET X07T_BUDGET_EXCEEDED_ALLOC_BYTES");
  });
  it("result_err_v1: a violation replaces the result with err 0x80000001", async () => {
    const body = ["begin", ["let", "b", ["bytes.alloc", 100]], ["result_i32.ok", 7]];
    const r = await run(["codec.write_u32_le", ["result_i32.err_code", ["budget.scope_v1", cfg("result_err_v1", { alloc_bytes: 1 }), body]]]);
    expect(hex(r)).toBe("01000080");
    const ok = await run(["codec.write_u32_le", ["result_i32.unwrap_or", ["budget.scope_v1", cfg("result_err_v1", { alloc_bytes: 1000 }), body], 0]]);
    expect(hex(ok)).toBe("07000000");
  });
  it("stats_only_v1 never fails", async () => {
    expect(hex(await run(["codec.write_u32_le", ["budget.scope_v1", cfg("stats_only_v1", { alloc_bytes: 1, alloc_calls: 1 }), alloc100]]))).toBe("64000000");
  });
  it("a fuel cap clamps the body: running out inside is a budget trap", async () => {
    const burn = ["begin", ["let", "s", 0], ["for", "i", 0, 1000, ["set", "s", ["+", "s", "i"]]], "s"];
    expect(trapOf(await run(["codec.write_u32_le", ["budget.scope_v1", cfg("trap_v1", { fuel: 100 }), burn]]))).toBe("X07I_TRAP_BUDGET X07T_BUDGET_EXCEEDED_FUEL");
  });
  it("under its fuel cap the body costs what it costs, and the outer budget continues after it", async () => {
    const burn = ["begin", ["let", "s", 0], ["for", "i", 0, 10, ["set", "s", ["+", "s", "i"]]], "s"];
    const plain = await run(["codec.write_u32_le", burn]);
    const scoped = await run(["codec.write_u32_le", ["budget.scope_v1", cfg("trap_v1", { fuel: 100000 }), burn]]);
    expect(hex(scoped)).toBe(hex(plain));
    expect(scoped.stats.fuel_used).toBe(plain.stats.fuel_used + 1);
    const tight = await run(["codec.write_u32_le", ["budget.scope_v1", cfg("trap_v1", { fuel: 100000 }), burn]], { fuel: plain.stats.fuel_used + 1 });
    expect(tight.ok).toBe(true);
  });
  it("a return inside the scope restores the outer fuel", async () => {
    const f = { kind: "defn", name: "main.f", params: [], result: "i32", body: ["begin", ["let", "x", ["budget.scope_v1", cfg("trap_v1", { fuel: 50 }), ["begin", ["return", 5], 0]]], ["for", "i", 0, 100, 0], "x"] };
    expect(hex(await run(["codec.write_u32_le", ["main.f"]], { decls: [f] }))).toBe("05000000");
  });
  it("a malformed cfg is X07-BUDGET-0001; result_err_v1 on a non-result body is X07-BUDGET-0002", async () => {
    await expect(run(["codec.write_u32_le", ["budget.scope_v1", ["budget.cfg_v1", ["mode", "trap_v1"]], 1]])).rejects.toThrow(/X07-BUDGET-0001/);
    await expect(run(["codec.write_u32_le", ["budget.scope_v1", cfg("nope_v1"), 1]])).rejects.toThrow(/X07-BUDGET-0001/);
    await expect(run(["codec.write_u32_le", ["budget.scope_v1", [...cfg("trap_v1"), ["alloc_bytes", 1], ["alloc_bytes", 2]], 1]])).rejects.toThrow(/X07-BUDGET-0001/);
    await expect(run(["codec.write_u32_le", ["budget.scope_v1", cfg("result_err_v1"), 1]])).rejects.toThrow(/X07-BUDGET-0002/);
  });
});
