/** Builtin heads by family: vec_u8 capacity, codec/fmt/parse/prng, option/result, ty.* via generics, coverage. */
import { describe, expect, it } from "vitest";
import { HEAD_NAMES, HEADS } from "../../src/core/heads/table.ts";
import { HEAD_IMPLS } from "../../src/interp/internal/heads/index.ts";
import { evalI32, run, text, u32 } from "./_run.ts";

const caps = (steps: unknown[]) =>
  ["begin", ["let", "v", ["vec_u8.with_capacity", 0]], ["let", "out", ["vec_u8.with_capacity", 64]], ...steps.flatMap((s) => [["set", "v", s], ["set", "out", ["vec_u8.push", "out", ["vec_u8.cap", "v"]]]]), ["vec_u8.into_bytes", "out"]];

describe("vec_u8 capacity follows upstream's growth rule", () => {
  it("push doubles from 1", async () => {
    const r = await run(caps(Array.from({ length: 9 }, () => ["vec_u8.push", "v", 7])));
    expect([...(r.ok ? r.output : [])]).toEqual([1, 2, 4, 4, 8, 8, 8, 8, 16]);
  });
  it("extend doubles max(cap, 1) until it fits; reserve_exact sets exactly len + additional; clear keeps it", async () => {
    const r = await run(caps([["vec_u8.extend_zeroes", "v", 3], ["vec_u8.extend_bytes", "v", ["bytes.lit", "abcdef"]], ["vec_u8.reserve_exact", "v", 20], ["vec_u8.clear", "v"], ["vec_u8.extend_zeroes", "v", 1]]));
    expect([...(r.ok ? r.output : [])]).toEqual([4, 16, 29, 29, 29]);
  });
  it("with_capacity is exact and get/set check len, not cap", async () => {
    expect(await evalI32(["begin", ["let", "v", ["vec_u8.with_capacity", 5]], ["vec_u8.cap", "v"]])).toBe(5);
    const r = await run(["begin", ["let", "v", ["vec_u8.with_capacity", 5]], ["codec.write_u32_le", ["vec_u8.get", "v", 0]]]);
    expect(r.ok ? "ok" : r.trap.message).toBe("vec_u8.get oob");
  });
});

describe("codec / fmt / parse / prng", () => {
  it("read_u32_le needs 4 bytes at the offset", async () => {
    expect(await evalI32(["codec.read_u32_le", ["codec.write_u32_le", -2], 0])).toBe(0xfffffffe);
    const r = await run(["codec.write_u32_le", ["codec.read_u32_le", ["bytes.lit", "abcd"], 1]]);
    expect(r.ok ? "ok" : r.trap.message).toBe("codec.read_u32_le oob");
  });
  it("fmt prints unsigned and signed decimal", async () => {
    expect(text(await run(["fmt.u32_to_dec", -1]))).toBe("4294967295");
    expect(text(await run(["fmt.s32_to_dec", -2147483648]))).toBe("-2147483648");
    expect(text(await run(["fmt.s32_to_dec", 0]))).toBe("0");
  });
  it("parse.u32_dec parses whole views and traps on empty, non-digit and overflow", async () => {
    expect(u32(await run(["codec.write_u32_le", ["parse.u32_dec", "input"]], { input: "4294967295" }))).toBe(4294967295);
    for (const [input, msg] of [["", "parse.u32_dec empty"], ["12a", "parse.u32_dec non-digit"], ["-1", "parse.u32_dec non-digit"], ["4294967296", "parse.u32_dec overflow"]] as const) {
      const r = await run(["codec.write_u32_le", ["parse.u32_dec", "input"]], { input });
      expect(r.ok ? "ok" : `${r.trap.code} ${r.trap.message}`).toBe(`X07I_TRAP_PARSE ${msg}`);
    }
    expect(u32(await run(["codec.write_u32_le", ["parse.u32_dec_at", "input", 2]], { input: "xx42" }))).toBe(42);
  });
  it("prng.lcg_next_u32 wraps", async () => expect(await evalI32(["prng.lcg_next_u32", 1])).toBe((1103515245 + 12345) >>> 0));
});

describe("option / result", () => {
  it("unwrap_or and tags", async () => {
    expect(text(await run(["option_bytes.unwrap_or", ["option_bytes.none"], ["bytes.lit", "d"]]))).toBe("d");
    expect(text(await run(["result_bytes.unwrap_or", ["result_bytes.ok", ["bytes.lit", "v"]], ["bytes.lit", "d"]]))).toBe("v");
    expect(await evalI32(["result_i32.err_code", ["result_i32.err", 9]])).toBe(9);
    expect(await evalI32(["result_i32.err_code", ["result_i32.ok", 9]])).toBe(0);
    expect(await evalI32(["option_i32.is_some", ["option_i32.some", 0]])).toBe(1);
  });
});

describe("map_u32 / set_u32", () => {
  it("dumps in slot order, and remove re-inserts the rest of the probe cluster", async () => {
    const prog = ["begin", ["let", "m", ["map_u32.new", 4]], ["let", "a", ["map_u32.set", "m", 1, 10]], ["let", "b", ["map_u32.set", "m", 5, 50]], ["let", "c", ["map_u32.set", "m", 9, 90]], ["let", "d", ["map_u32.set", "m", 5, 55]], ["let", "r", ["map_u32.remove", "m", 1]], ["map_u32.dump_kv_u32le_u32le", "m"]];
    const r = await run(prog);
    expect(r.ok).toBe(true);
    const out = r.ok ? r.output : new Uint8Array(0);
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const pairs = Array.from({ length: out.length / 8 }, (_, i) => [dv.getUint32(i * 8, true), dv.getUint32(i * 8 + 4, true)]);
    // 0x9E3779B9 is odd, so with cap 4 the slot is key & 3: keys 1, 5 and 9 all hash to slot 1 and probe to 1, 2, 3.
    // Removing 1 empties slot 1 and re-inserts 5 (-> 1) then 9 (-> 2).
    expect(pairs).toEqual([[5, 55], [9, 90]]);
  });
  it("traps on a non-power-of-two capacity, the reserved key and a full table", async () => {
    const msg = async (solve: unknown) => {
      const r = await run(solve);
      return r.ok ? "ok" : `${r.trap.code} ${r.trap.message}`;
    };
    expect(await msg(["begin", ["let", "m", ["map_u32.new", 3]], ["bytes.empty"]])).toBe("X07I_TRAP_COLLECTION map_u32.new cap must be power of two");
    expect(await msg(["begin", ["let", "m", ["set_u32.new", 1]], ["let", "x", ["set_u32.add", "m", -1]], ["bytes.empty"]])).toBe("X07I_TRAP_COLLECTION map_u32.set key=-1 reserved");
    expect(await msg(["begin", ["let", "m", ["set_u32.new", 1]], ["let", "x", ["set_u32.add", "m", 1]], ["let", "y", ["set_u32.add", "m", 2]], ["bytes.empty"]])).toBe("X07I_TRAP_COLLECTION map_u32 full");
    expect(await msg(["codec.write_u32_le", ["map_u32.len", 7]])).toBe("X07I_TRAP_COLLECTION map_u32 invalid handle");
  });
});

describe("scratch_u8_fixed_v1", () => {
  it("writes up to its fixed capacity, reports err 8 past it, and reuses dropped slots", async () => {
    const prog = [
      "begin",
      ["let", "h", ["scratch_u8_fixed_v1.new", 4]],
      ["let", "a", ["scratch_u8_fixed_v1.try_write", "h", ["bytes.lit", "abc"]]],
      ["let", "b", ["scratch_u8_fixed_v1.try_write", "h", ["bytes.lit", "de"]]],
      ["let", "out", ["vec_u8.with_capacity", 0]],
      ["set", "out", ["vec_u8.extend_bytes", "out", ["scratch_u8_fixed_v1.as_view", "h"]]],
      ["set", "out", ["vec_u8.push", "out", ["result_i32.unwrap_or", "a", 99]]],
      ["set", "out", ["vec_u8.push", "out", ["result_i32.err_code", "b"]]],
      ["set", "out", ["vec_u8.push", "out", ["scratch_u8_fixed_v1.drop", "h"]]],
      ["set", "out", ["vec_u8.push", "out", ["scratch_u8_fixed_v1.drop", "h"]]],
      ["set", "out", ["vec_u8.push", "out", ["scratch_u8_fixed_v1.new", 1]]],
      ["vec_u8.into_bytes", "out"],
    ];
    const r = await run(prog);
    expect(r.ok ? [...r.output] : r.trap.message).toEqual([97, 98, 99, 3, 8, 1, 0, 1]);
    const t = await run(["codec.write_u32_le", ["scratch_u8_fixed_v1.len", 1]]);
    expect(t.ok ? "ok" : t.trap.message).toBe("scratch_u8_fixed invalid handle");
  });
});

describe("vec_value", () => {
  it("bytes vectors clone on get, return the default past the end, and return the handle from push/set/pop", async () => {
    const prog = [
      "begin",
      ["let", "h", ["vec_value.with_capacity_v1", 3, 0]],
      ["let", "h2", ["vec_value.push_bytes_v1", "h", ["bytes.lit", "ab"]]],
      ["let", "h3", ["vec_value.push_bytes_v1", "h", ["bytes.lit", "cd"]]],
      ["let", "h4", ["vec_value.set_bytes_v1", "h", 0, ["bytes.lit", "xy"]]],
      ["let", "h5", ["vec_value.pop", "h"]],
      ["let", "out", ["vec_u8.with_capacity", 0]],
      ["set", "out", ["vec_u8.extend_bytes", "out", ["vec_value.get_bytes_v1", "h", 0, ["bytes.lit", "?"]]]],
      ["set", "out", ["vec_u8.extend_bytes", "out", ["vec_value.get_bytes_v1", "h", 1, ["bytes.lit", "?"]]]],
      ["set", "out", ["vec_u8.push", "out", ["vec_value.len", "h"]]],
      ["set", "out", ["vec_u8.push", "out", ["=", "h5", "h"]]],
      ["vec_u8.into_bytes", "out"],
    ];
    const r = await run(prog);
    expect(r.ok ? Buffer.from(r.output).toString("latin1") : r.trap.message).toBe("xy?\x01\x01");
  });
  it("traps on a type-id mismatch, an invalid id and set past the end", async () => {
    const msg = async (solve: unknown) => {
      const r = await run(solve);
      return r.ok ? "ok" : r.trap.message;
    };
    expect(await msg(["begin", ["let", "h", ["vec_value.with_capacity_v1", 3, 0]], ["let", "x", ["vec_value.push_i32_v1", "h", 1]], ["bytes.empty"]])).toBe("vec_value.push_i32_v1 ty mismatch");
    expect(await msg(["begin", ["let", "h", ["vec_value.with_capacity_v1", 5, 0]], ["bytes.empty"]])).toBe("value ty_id invalid");
    expect(await msg(["begin", ["let", "h", ["vec_value.with_capacity_v1", 2, 0]], ["let", "x", ["vec_value.set_i32_v1", "h", 0, 1]], ["bytes.empty"]])).toBe("vec_value.set oob");
    expect(await msg(["begin", ["let", "h", ["vec_value.with_capacity_v1", 2, 0]], ["let", "x", ["vec_value.push_i32_v1", "h", 7]], ["codec.write_u32_le", ["vec_value.get_i32_v1", "h", 0, 0]]])).toBe("ok");
  });
});

describe("map_value", () => {
  it("accounts its table up front: a huge capacity runs out of memory as upstream's allocator does", async () => {
    const r = await run(["begin", ["let", "m", ["map_value.new_v1", 3, 3, 536870912]], ["codec.write_u32_le", "m"]]);
    expect(r.ok ? "ran" : r.trap.code).toBe("X07I_TRAP_MEMORY");
    const small = await run(["begin", ["let", "m", ["map_value.new_v1", 1, 1, 8]], ["codec.write_u32_le", "m"]]);
    expect(small.stats.mem_stats.bytes_alloc_total).toBe(8 * (1 + 4 + 4 + 4) + 4);
  });
  it("bytes keys compare by content; set/remove/clear return the handle; get clones and defaults", async () => {
    const prog = [
      "begin",
      ["let", "m", ["map_value.new_v1", 3, 1, 8]],
      ["let", "a", ["map_value.set_bytes_i32_v1", "m", ["bytes.lit", "k1"], 10]],
      ["let", "b", ["map_value.set_bytes_i32_v1", "m", ["bytes.lit", "k2"], 20]],
      ["let", "c", ["map_value.set_bytes_i32_v1", "m", ["bytes.lit", "k1"], 11]],
      ["let", "d", ["map_value.remove_bytes_v1", "m", ["bytes.lit", "k2"]]],
      ["let", "out", ["vec_u8.with_capacity", 0]],
      ["set", "out", ["vec_u8.push", "out", ["map_value.get_bytes_i32_v1", "m", ["bytes.lit", "k1"], 0]]],
      ["set", "out", ["vec_u8.push", "out", ["map_value.get_bytes_i32_v1", "m", ["bytes.lit", "k2"], 99]]],
      ["set", "out", ["vec_u8.push", "out", ["map_value.len", "m"]]],
      ["set", "out", ["vec_u8.push", "out", ["map_value.contains_bytes_v1", "m", ["bytes.lit", "k1"]]]],
      ["set", "out", ["vec_u8.push", "out", ["&&", ["=", "a", "m"], ["=", "d", "m"]]]],
      ["let", "e", ["map_value.clear", "m"]],
      ["set", "out", ["vec_u8.push", "out", ["map_value.len", "m"]]],
      ["vec_u8.into_bytes", "out"],
    ];
    const r = await run(prog);
    expect(r.ok ? [...r.output] : r.trap.message).toEqual([11, 99, 1, 1, 1, 0]);
  });
  it("checks capacity, type ids and key/value types with upstream's messages", async () => {
    const msg = async (solve: unknown) => {
      const r = await run(solve);
      return r.ok ? "ok" : r.trap.message;
    };
    expect(await msg(["begin", ["let", "m", ["map_value.new_v1", 1, 1, 6]], ["bytes.empty"]])).toBe("map_value.new cap must be power of two");
    expect(await msg(["begin", ["let", "m", ["map_value.new_v1", 9, 1, 4]], ["bytes.empty"]])).toBe("value ty_id invalid");
    expect(await msg(["begin", ["let", "m", ["map_value.new_v1", 1, 1, 4]], ["let", "x", ["map_value.set_i32_bytes_v1", "m", 1, ["bytes.lit", "v"]]], ["bytes.empty"]])).toBe("map_value.set val ty mismatch");
    expect(await msg(["begin", ["let", "m", ["map_value.new_v1", 1, 1, 4]], ["let", "x", ["map_value.contains_bytes_v1", "m", ["bytes.lit", "k"]]], ["bytes.empty"]])).toBe("map_value.contains_bytes_v1 key ty mismatch");
  });
});

describe("std.brand (runtime no-ops and copies)", () => {
  it("assume/view/erase keep the bytes; to_bytes_preserve_if_full copies", async () => {
    const prog = ["begin", ["let", "b", ["std.brand.assume_bytes_v1", "main.Tok", ["bytes.lit", "hi"]]], ["let", "v", ["std.brand.view_v1", "b"]], ["std.brand.to_bytes_preserve_if_full_v1", ["std.brand.erase_view_v1", "v"]]];
    expect(text(await run(prog))).toBe("hi");
  });
});

describe("ty.* through generic instances", () => {
  const max = { kind: "defn", name: "main.max", type_params: [{ name: "A", bound: "orderable" }], params: [{ name: "a", ty: ["t", "A"] }, { name: "b", ty: ["t", "A"] }], result: ["t", "A"], body: ["if", ["ty.lt", ["t", "A"], "a", "b"], "b", "a"] };
  it("i32 compares signed, u32 unsigned, bytes_view lexicographically", async () => {
    expect(u32(await run(["codec.write_u32_le", ["tapp", "main.max", ["tys", "i32"], -1, 1]], { decls: [max] }))).toBe(1);
    expect(u32(await run(["codec.write_u32_le", ["tapp", "main.max", ["tys", "u32"], -1, 1]], { decls: [max] }))).toBe(0xffffffff);
    expect(text(await run(["view.to_bytes", ["tapp", "main.max", ["tys", "bytes_view"], ["bytes.view_lit", "ab"], ["bytes.view_lit", "b"]]], { decls: [max] }))).toBe("b");
  });
});

describe("tapp of the builtin container intrinsics (lowered to monomorphic heads, as upstream)", () => {
  it("map_value.new/set/get/contains/remove over K, V, inside a generic function", async () => {
    const roundTrip = {
      kind: "defn",
      name: "main.rt",
      type_params: [{ name: "K", bound: "hashable" }],
      params: [{ name: "k", ty: ["t", "K"] }],
      result: "i32",
      body: [
        "begin",
        ["let", "m", ["tapp", "map_value.new", ["tys", ["t", "K"], "i32"], 8]],
        ["set", "m", ["tapp", "map_value.set", ["tys", ["t", "K"], "i32"], "m", "k", 41]],
        ["let", "v", ["tapp", "map_value.get", ["tys", ["t", "K"], "i32"], "m", "k", 0]],
        ["let", "c", ["tapp", "map_value.contains", ["tys", ["t", "K"]], "m", "k"]],
        ["+", "v", "c"],
      ],
    };
    expect(u32(await run(["codec.write_u32_le", ["tapp", "main.rt", ["tys", "u32"], 7]], { decls: [roundTrip] }))).toBe(42);
  });
  it("vec_value.with_capacity/push/get over T", async () => {
    const prog = ["begin", ["let", "v", ["tapp", "vec_value.with_capacity", ["tys", "i32"], 2]], ["set", "v", ["tapp", "vec_value.push", ["tys", "i32"], "v", 9]], ["codec.write_u32_le", ["tapp", "vec_value.get", ["tys", "i32"], "v", 0, 0]]];
    expect(u32(await run(prog))).toBe(9);
  });
  it("the bare spelling (type arguments without the tys wrapper) works for user generics and intrinsics", async () => {
    const id = { kind: "defn", name: "main.id", type_params: [{ name: "T", bound: "num_like" }], params: [{ name: "x", ty: ["t", "T"] }], result: ["t", "T"], body: "x" };
    expect(u32(await run(["codec.write_u32_le", ["tapp", "main.id", "u32", 5]], { decls: [id] }))).toBe(5);
    const prog = ["begin", ["let", "v", ["tapp", "vec_value.with_capacity", "i32", 2]], ["set", "v", ["tapp", "vec_value.push", "i32", "v", 9]], ["codec.write_u32_le", ["tapp", "vec_value.get", "i32", "v", 0, 0]]];
    expect(u32(await run(prog))).toBe(9);
  });
  it("a non-value type argument is a check error", async () => {
    await expect(run(["begin", ["let", "m", ["tapp", "map_value.new", ["tys", "vec_u8", "i32"], 8]], ["bytes.lit", "x"]])).rejects.toThrow(/X07-GENERICS-0001/);
  });
});

describe("coverage", () => {
  it("every implemented head is a row of the heads table (no strings of our own)", () => {
    for (const k of Object.keys(HEAD_IMPLS)) expect(HEAD_NAMES).toContain(k);
  });
  it("the unimplemented heads are these families; see src/interp/README.md", () => {
    const missing = new Set(HEAD_NAMES.filter((n) => HEAD_IMPLS[n] === undefined).map((n) => HEADS[n].family));
    expect([...missing].sort()).toEqual(["brand", "bufread", "fs", "io", "kv", "process", "rr", "select_evt", "task_scope"]);
  });
  it("an unimplemented head traps naming the head", async () => {
    const r = await run(["task.scope_v1", ["task.scope.cfg_v1"], ["begin", ["task.scope.wait_all_v1"], ["bytes.lit", "x"]]]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.trap.code).toBe("X07I_UNSUPPORTED_HEAD");
  });
});
