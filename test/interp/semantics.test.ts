/** Core-language rules of the interpreter at their edges: i32 operators, forms, bounds, fuel, determinism. */
import { describe, expect, it } from "vitest";
import { evalI32, run, text, u32 } from "./_run.ts";

const lit = (s: string) => ["bytes.lit", s];

describe("i32 operators", () => {
  it.each([
    ["+ wraps at 2^31", ["+", 2147483647, 1], 0x80000000],
    ["- wraps below 0", ["-", 0, 1], 0xffffffff],
    ["* keeps the low 32 bits", ["*", 65536, 65536], 0],
    ["* of negatives", ["*", -3, 5], 0xfffffff1],
    ["/ by zero is 0", ["/", 7, 0], 0],
    ["% by zero is the dividend", ["%", 7, 0], 7],
    ["/ is unsigned", ["/", -1, 2], 0x7fffffff],
    ["% is unsigned", ["%", -1, 10], 5],
    ["<<u by 32 shifts by 0", ["<<u", 1, 32], 1],
    ["<<u by 33 shifts by 1", ["<<u", 1, 33], 2],
    [">>u is logical", [">>u", -2147483648, 31], 1],
    [">>u by 32 shifts by 0", [">>u", -1, 32], 0xffffffff],
    ["-1 <u 1 is false", ["<u", -1, 1], 0],
    ["-1 < 1 is true (signed)", ["<", -1, 1], 1],
    [">u sees -1 as the largest", [">u", -1, 2147483647], 1],
    ["> is signed", [">", -1, 2147483647], 0],
    ["<=u", ["<=u", 5, 5], 1],
    [">=", [">=", -2, -1], 0],
    ["= compares bit patterns", ["=", -1, -1], 1],
    ["!=", ["!=", 1, 2], 1],
    ["& | ^", ["^", ["|", ["&", 12, 10], 1], 3], 10],
  ])("%s", async (_name, expr, want) => {
    expect(await evalI32(expr)).toBe(want);
  });
});

describe("short-circuit forms", () => {
  const trapping = ["bytes.get_u8", ["bytes.empty"], 0];
  it("&& skips a trapping right operand when the left is 0, and yields 0/1", async () => {
    expect(await evalI32(["&&", 0, trapping])).toBe(0);
    expect(await evalI32(["&&", 7, 9])).toBe(1);
  });
  it("|| skips a trapping right operand when the left is non-zero", async () => {
    expect(await evalI32(["||", -5, trapping])).toBe(1);
    expect(await evalI32(["||", 0, 0])).toBe(0);
  });
  it("&& evaluates the right operand when the left is non-zero (and its trap surfaces)", async () => {
    const r = await run(["codec.write_u32_le", ["&&", 1, trapping]]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap).toEqual({ code: "X07I_TRAP_BOUNDS", message: "view.get_u8 oob", ptr: "/solve/1/2" });
  });
});

describe("for / while", () => {
  const count = (start: number, end: number) =>
    ["begin", ["let", "n", 0], ["for", "i", start, end, ["set", "n", ["+", "n", 1]]], ["codec.write_u32_le", "n"]];
  it("runs end - start times", async () => expect(u32(await run(count(2, 7)))).toBe(5));
  it("does nothing when start > end", async () => expect(u32(await run(count(5, 3)))).toBe(0));
  it("compares unsigned: a negative start is above any small end", async () => expect(u32(await run(count(-1, 3)))).toBe(0));
  it("evaluates end once", async () => {
    const prog = ["begin", ["let", "e", 3], ["let", "n", 0], ["for", "i", 0, "e", ["begin", ["set", "e", 100], ["set", "n", ["+", "n", 1]]]], ["codec.write_u32_le", "n"]];
    expect(u32(await run(prog))).toBe(3);
  });
  it("a negative end is 2^32-1 unsigned: the loop runs until fuel is exhausted", async () => {
    const r = await run(count(0, -1), { fuel: 10_000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap.code).toBe("X07I_TRAP_FUEL");
    expect(r.stats.fuel_used).toBe(10_000);
  });
  it("reuses an existing i32 variable of the same name, which keeps the final value", async () => {
    expect(u32(await run(["begin", ["let", "i", 0], ["for", "i", 0, 4, 0], ["codec.write_u32_le", "i"]]))).toBe(4);
  });
  it("while loops until the condition is 0", async () => {
    const prog = ["begin", ["let", "k", 10], ["let", "s", 0], ["while", ["!=", "k", 0], ["begin", ["set", "s", ["+", "s", "k"]], ["set", "k", ["-", "k", 1]]]], ["codec.write_u32_le", "s"]];
    expect(u32(await run(prog))).toBe(55);
  });
});

describe("functions, return, try", () => {
  const fib = { kind: "defn", name: "main.fib", params: [{ name: "n", ty: "i32" }], result: "i32", body: ["if", ["<", "n", 2], "n", ["+", ["main.fib", ["-", "n", 1]], ["main.fib", ["-", "n", 2]]]] };
  it("recursion", async () => expect(u32(await run(["codec.write_u32_le", ["main.fib", 20]], { decls: [fib] }))).toBe(6765));
  it("return leaves the function from inside a loop", async () => {
    const find = {
      kind: "defn", name: "main.find", params: [{ name: "b", ty: "bytes_view" }, { name: "x", ty: "i32" }], result: "i32",
      body: ["begin", ["for", "i", 0, ["view.len", "b"], ["if", ["=", ["view.get_u8", "b", "i"], "x"], ["return", "i"], 0]], -1],
    };
    expect(u32(await run(["codec.write_u32_le", ["main.find", "input", 99]], { decls: [find], input: "abcd" }))).toBe(2);
    expect(u32(await run(["codec.write_u32_le", ["main.find", "input", 122]], { decls: [find], input: "abcd" }))).toBe(0xffffffff);
  });
  it("try yields the ok payload or returns the err from the function", async () => {
    const half = { kind: "defn", name: "main.half", params: [{ name: "x", ty: "i32" }], result: "result_i32", body: ["if", ["&", "x", 1], ["result_i32.err", 7], ["result_i32.ok", ["/", "x", 2]]] };
    const twice = { kind: "defn", name: "main.twice", params: [{ name: "x", ty: "i32" }], result: "result_i32", body: ["result_i32.ok", ["*", ["try", ["main.half", "x"]], 4]] };
    const show = (x: number) => ["begin", ["let", "r", ["main.twice", x]], ["codec.write_u32_le", ["if", ["result_i32.is_ok", "r"], ["result_i32.unwrap_or", "r", 0], ["+", 1000, ["result_i32.err_code", "r"]]]]];
    expect(u32(await run(show(10), { decls: [half, twice] }))).toBe(20);
    expect(u32(await run(show(11), { decls: [half, twice] }))).toBe(1007);
  });
  it("unbounded recursion traps instead of crashing", async () => {
    const loop = { kind: "defn", name: "main.loop", params: [{ name: "n", ty: "i32" }], result: "i32", body: ["+", 1, ["main.loop", ["+", "n", 1]]] };
    const r = await run(["codec.write_u32_le", ["main.loop", 0]], { decls: [loop] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap.code).toBe("X07I_TRAP_STACK");
  });
});

describe("bytes and views", () => {
  it("an out-of-bounds get traps with upstream's message and the head's pointer", async () => {
    const r = await run(["codec.write_u32_le", ["bytes.get_u8", lit("ab"), 2]]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap).toEqual({ code: "X07I_TRAP_BOUNDS", message: "view.get_u8 oob", ptr: "/solve/1" });
  });
  it("a negative index is a huge unsigned index", async () => {
    const r = await run(["codec.write_u32_le", ["bytes.get_u8", lit("ab"), -1]]);
    expect(r.ok ? "ok" : r.trap.code).toBe("X07I_TRAP_BOUNDS");
  });
  it("a slice past the end traps; a slice ending exactly at the end is fine", async () => {
    const r = await run(["bytes.slice", lit("abc"), 2, 2]);
    expect(r.ok ? "ok" : r.trap.message).toBe("view.slice oob");
    expect(text(await run(["bytes.slice", lit("abc"), 1, 2]))).toBe("bc");
    expect(text(await run(["bytes.slice", lit("abc"), 3, 0]))).toBe("");
  });
  it("views share their owner's bytes; view.to_bytes copies", async () => {
    const prog = ["begin", ["let", "b", lit("hello")], ["let", "v", ["view.slice", ["bytes.view", "b"], 1, 3]], ["view.to_bytes", "v"]];
    expect(text(await run(prog))).toBe("ell");
  });
  it("input is the run's input bytes", async () => expect(text(await run(["view.to_bytes", "input"], { input: "xyz" }))).toBe("xyz"));
  it("bytes.lit gives fresh bytes each time (set_u8 on one does not change the next)", async () => {
    const prog = ["begin", ["let", "out", ["vec_u8.with_capacity", 0]], ["for", "i", 0, 2, ["begin", ["let", "b", lit("aa")], ["set", "b", ["bytes.set_u8", "b", "i", 90]], ["set", "out", ["vec_u8.extend_bytes", "out", "b"]]]], ["vec_u8.into_bytes", "out"]];
    expect(text(await run(prog))).toBe("ZaaZ");
  });
  it("cmp_range is unsigned and shorter-is-less", async () => {
    expect(await evalI32(["bytes.cmp_range", lit("ab"), 0, 2, lit("abc"), 0, 3])).toBe(0xffffffff);
    expect(await evalI32(["bytes.cmp_range", ["bytes1", 200], 0, 1, ["bytes1", 1], 0, 1])).toBe(1);
    expect(await evalI32(["bytes.cmp_range", lit("xab"), 1, 2, lit("ab"), 0, 2])).toBe(0);
  });
});

describe("fuel", () => {
  it("is one unit per expression evaluated (text literals and coercions are free)", async () => {
    const r = await run(["codec.write_u32_le", ["+", 1, 2]]);
    expect(r.stats.fuel_used).toBe(4);
    expect((await run(lit("x"))).stats.fuel_used).toBe(1);
  });
  it("traps with upstream's message when it runs out (closures: at the exact node)", async () => {
    const r = await run(["codec.write_u32_le", ["+", 1, 2]], { fuel: 3, backend: "closures" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap).toEqual({ code: "X07I_TRAP_FUEL", message: "fuel exhausted", ptr: "/solve/1/2" });
    expect(r.stats.fuel_used).toBe(3);
  });
  it("the js backend detects exhaustion at its next check point: same code and fuel used, the check point's pointer", async () => {
    const r = await run(["codec.write_u32_le", ["+", 1, 2]], { fuel: 3, backend: "js" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap).toEqual({ code: "X07I_TRAP_FUEL", message: "fuel exhausted", ptr: "/solve" });
    expect(r.stats.fuel_used).toBe(3);
  });
  it("a fuel budget of exactly what the program needs is enough on both backends", async () => {
    for (const backend of ["js", "closures"] as const) expect((await run(["codec.write_u32_le", ["+", 1, 2]], { fuel: 4, backend })).ok).toBe(true);
  });
});

describe("determinism", () => {
  it("three runs give identical outputs and stats", async () => {
    const prog = ["begin", ["let", "v", ["vec_u8.with_capacity", 0]], ["let", "s", 12345], ["for", "i", 0, 500, ["begin", ["set", "s", ["prng.lcg_next_u32", "s"]], ["set", "v", ["vec_u8.push", "v", [">>u", "s", 24]]]]], ["vec_u8.into_bytes", "v"]];
    const runs = await Promise.all([run(prog), run(prog), run(prog)]);
    const shown = runs.map((r) => JSON.stringify({ ...r, output: r.ok ? Buffer.from(r.output).toString("base64") : null }));
    expect(new Set(shown).size).toBe(1);
    expect(runs[0]?.ok).toBe(true);
  });
});
