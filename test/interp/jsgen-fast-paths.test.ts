/**
 * The js backend's fast paths (pure &&/|| chains compiled to JS boolean expressions with their fuel charged where
 * they run, conditions of if/while, single-read byte access, u32 reads/writes, the feedback warm-up) against the
 * closure backend, which charges fuel node by node: for each program, every fuel budget from 0 up to what a full
 * run needs must give the same outcome (output, trap code/message/pointer, fuel used, memory counters; a fuel trap
 * is compared by code and fuel, as README "Backends" documents).
 */
import { describe, expect, it } from "vitest";
import { interp } from "../../src/interp/index.ts";
import { generatedOf } from "../../src/interp/internal/jsrun.ts";
import { checkDoc, entry, outcomeView as view } from "./_run.ts";


const isWs = ["||", ["||", ["=", "c", 32], ["=", "c", 10]], ["||", ["=", "c", 9], ["=", "c", 13]]];

/** Programs: [name, solve, inputs]. */
const PROGRAMS: ReadonlyArray<readonly [string, unknown, ReadonlyArray<string>]> = [
  [
    "word count: || chain as an if condition inside a begin",
    ["begin", ["let", "n", ["view.len", "input"]], ["let", "count", 0], ["let", "inw", 0],
      ["for", "i", 0, "n", ["if", ["begin", ["let", "c", ["view.get_u8", "input", "i"]], isWs], ["set", "inw", 0], ["if", ["=", "inw", 0], ["begin", ["set", "count", ["+", "count", 1]], ["set", "inw", 1]], 0]]],
      ["codec.write_u32_le", "count"]],
    ["", "a", " a\tb\r\nc  dd ", "\n\n\n"],
  ],
  [
    "&& chain whose right operand reads past the end (the read must not run when the left is 0)",
    ["begin", ["let", "n", ["view.len", "input"]], ["let", "i", 0], ["let", "acc", 0],
      ["while", ["&&", ["<u", "i", ["+", "n", 1]], ["||", ["=", "i", "n"], ["!=", ["view.get_u8", "input", "i"], 0]]],
        ["begin", ["set", "acc", ["+", "acc", ["&&", ["<u", "i", "n"], [">", "i", 1]]]], ["set", "i", ["+", "i", 1]]]],
      ["codec.write_u32_le", ["+", ["*", "acc", 1000], "i"]]],
    ["", "abc", "ab\u0000cd"],
  ],
  [
    "&& whose right operand traps (out of bounds) after the left was true",
    ["begin", ["let", "acc", 0],
      ["for", "i", 0, 8, ["if", ["&&", [">=u", "i", 2], ["=", ["view.get_u8", "input", ["-", "i", 2]], 120]], ["set", "acc", ["+", "acc", "i"]], 0]],
      ["codec.write_u32_le", "acc"]],
    ["xxxxxxxx", "xx", "x"],
  ],
  [
    "values of && / || used as numbers, nested, with negative literals and unsigned compares",
    ["begin", ["let", "x", ["codec.read_u32_le", "input", 0]],
      ["codec.write_u32_le", ["+", ["+", ["&&", "x", ["-", 0, 1]], ["*", 2, ["||", ["<u", ["-", 0, 1], "x"], ["<", "x", ["-", 0, 5]]]]], ["*", 4, ["&&", ["||", 0, "x"], ["&&", ["!=", "x", 7], ["=", ["&", "x", 1], 1]]]]]]],
    ["\u0000\u0000\u0000\u0000", "\u0007\u0000\u0000\u0000", "\u0009\u0000\u0000\u0000", "\u00ff\u00ff\u00ff\u00ff", "\u00fb\u00ff\u00ff\u00ff", "\u0001"],
  ],
  [
    "negative index reads trap with the evaluator's message",
    ["begin", ["let", "acc", 0], ["for", "i", 0, 3, ["set", "acc", ["+", "acc", ["view.get_u8", "input", ["-", "i", 1]]]]], ["codec.write_u32_le", "acc"]],
    ["abc", ""],
  ],
  [
    "u32 table: read_le_at/write_le_at in a loop, in and out of bounds",
    ["begin", ["let", "n", ["view.len", "input"]], ["let", "t", ["bytes.alloc", 16]],
      ["for", "i", 0, "n", ["begin", ["let", "o", ["*", ["&", ["view.get_u8", "input", "i"], 7], 2]], ["let", "k", ["ty.read_le_at", "u32", "t", "o"]], ["set", "t", ["ty.write_le_at", "u32", "t", "o", ["+", "k", 1]]]]],
      "t"],
    ["\u0000\u0001\u0002\u0003\u0004", "\u0006", "\u0007", "abcabc"],
  ],
  [
    "u32 table in a while loop, unaligned and negative offsets, a view local, the table replaced inside the loop",
    ["begin", ["let", "n", ["view.len", "input"]], ["let", "t", ["bytes.alloc", 9]], ["let", "u", ["bytes.alloc", 6]], ["let", "i", 0],
      ["while", ["<u", "i", "n"], ["begin",
        ["let", "o", ["-", ["&", ["view.get_u8", "input", "i"], 7], 1]],
        ["let", "k", ["ty.read_le_at", "u32", "t", "o"]],
        ["set", "t", ["ty.write_le_at", "u32", "t", "o", ["+", "k", 257]]],
        ["if", ["=", ["view.get_u8", "input", "i"], 90], ["set", "u", ["ty.write_le_at", "u32", ["bytes.alloc", 6], 1, ["ty.read_le_at", "u32", "t", 0]]], 0],
        ["let", "a", ["ty.read_le_at", "u32", "u", 1]],
        ["let", "b", ["ty.read_le_at", "u32", ["bytes.view", "t"], 5]],
        ["set", "u", ["ty.write_le_at", "u32", "u", 2, ["+", "a", "b"]]],
        ["set", "i", ["+", "i", 1]]]],
      ["begin", ["let", "out", ["vec_u8.with_capacity", 15]], ["set", "out", ["vec_u8.extend_bytes", "out", ["bytes.view", "t"]]], ["set", "out", ["vec_u8.extend_bytes", "out", ["bytes.view", "u"]]], ["vec_u8.into_bytes", "out"]]],
    ["\u0001\u0002\u0003\u0004\u0005\u0006", "ZZ\u0003Z", "\u0000", "\u0007", "\u0006\u0006\u0006"],
  ],
  [
    "a table shadowed by a let inside the loop body",
    ["begin", ["let", "t", ["bytes.alloc", 8]],
      ["for", "i", 0, ["view.len", "input"], ["begin", ["let", "k", ["ty.read_le_at", "u32", "t", 0]], ["set", "t", ["ty.write_le_at", "u32", "t", 0, ["+", "k", 1]]],
        ["let", "t", ["bytes.alloc", 4]], ["set", "t", ["ty.write_le_at", "u32", "t", ["view.get_u8", "input", "i"], 5]]]],
      "t"],
    ["\u0000\u0000", "\u0000\u0001"],
  ],
];

const outcome = (program: Parameters<typeof interp>[0], input: Uint8Array, fuel: number, backend: "js" | "closures") => view(interp(program, { input, fuel, backend }));

describe("js backend fast paths = closure backend at every fuel budget", () => {
  for (const [name, solve, inputs] of PROGRAMS) {
    it(name, async () => {
      const program = await checkDoc(entry(solve));
      expect(generatedOf(program)).toBeDefined();
      for (const text of inputs) {
        const input = new Uint8Array([...text].map((ch) => ch.charCodeAt(0)));
        const full = outcome(program, input, 1e9, "closures");
        expect(outcome(program, input, 1e9, "js")).toEqual(full);
        for (let fuel = 0; fuel <= full.fuel + 1; fuel++) {
          const c = outcome(program, input, fuel, "closures");
          const j = outcome(program, input, fuel, "js");
          if (c.trap?.code === "X07I_TRAP_FUEL") expect({ budget: fuel, code: j.trap?.code, used: j.fuel }).toEqual({ budget: fuel, code: c.trap.code, used: c.fuel });
          else expect({ budget: fuel, ...j }).toEqual({ budget: fuel, ...c });
        }
      }
    });
  }

  it("the generated source compiles pure chains to JS boolean expressions and reads bytes once", async () => {
    const program = await checkDoc(entry(PROGRAMS[0]?.[1]));
    const src = generatedOf(program)?.source ?? "";
    expect(src).toMatch(/\|\| \(F = \(F - 3\) \| 0, /);
    expect(src).toMatch(/input\[t\d+\] \?\? getU8\(/);
    expect(src).toContain("if (WARM) return 0;");
    const table = generatedOf(await checkDoc(entry(PROGRAMS[5]?.[1])))?.source ?? "";
    expect(table).toMatch(/new DataView\(/);
    expect(table).toMatch(/\.getInt32\(/);
    expect(table).toMatch(/\.setInt32\(/);
  });
});
