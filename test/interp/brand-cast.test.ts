/** std.brand.cast_*_v1: the validator (bytes_view) -> result_i32 decides; err codes pass through; fuel as upstream. */
import { describe, expect, it } from "vitest";
import { run } from "./_run.ts";

// ok when the first byte is 'a', else err 7
const validator = { kind: "defn", name: "main.starts_a", params: [{ name: "v", ty: "bytes_view" }], result: "result_i32", body: ["if", ["&&", [">u", ["view.len", "v"], 0], ["=", ["view.get_u8", "v", 0], 97]], ["result_i32.ok", 0], ["result_i32.err", 7]] };
const show = (r: Awaited<ReturnType<typeof run>>) => (r.ok ? new TextDecoder().decode(r.output) : `${r.trap.code} ${r.trap.message}`);

describe("std.brand casts", () => {
  it("cast_bytes_v1: ok keeps the bytes, err passes the validator's code", async () => {
    const prog = (text: string) => ["begin", ["let", "r", ["std.brand.cast_bytes_v1", "brand_a", "main.starts_a", ["bytes.lit", text]]], ["if", ["result_bytes.is_ok", "r"], ["result_bytes.unwrap_or", "r", ["bytes.lit", "?"]], ["bytes1", ["+", 48, ["result_bytes.err_code", "r"]]]]];
    expect(show(await run(prog("abc"), { decls: [validator] }))).toBe("abc");
    expect(show(await run(prog("xbc"), { decls: [validator] }))).toBe("7");
  });
  it("cast_view_copy_v1 copies the validated view; cast_view_v1 returns the view itself", async () => {
    const copy = ["result_bytes.unwrap_or", ["std.brand.cast_view_copy_v1", "brand_a", "main.starts_a", "input"], ["bytes.lit", "no"]];
    expect(show(await run(copy, { decls: [validator], input: "apple" }))).toBe("apple");
    expect(show(await run(copy, { decls: [validator], input: "pear" }))).toBe("no");
    const view = ["begin", ["let", "r", ["std.brand.cast_view_v1", "brand_a", "main.starts_a", "input"]], ["bytes1", ["result_bytes_view.is_ok", "r"]]];
    expect((await run(view, { decls: [validator], input: "apple" })).ok).toBe(true);
  });
  it("an unknown validator or one with the wrong signature is a check error", async () => {
    await expect(run(["std.brand.cast_view_copy_v1", "b", "main.nope", "input"])).rejects.toThrow(/X07-TYPE-CALL-0001/);
    const wrong = { kind: "defn", name: "main.w", params: [{ name: "v", ty: "bytes_view" }], result: "i32", body: 0 };
    await expect(run(["std.brand.cast_view_copy_v1", "b", "main.w", "input"], { decls: [wrong] })).rejects.toThrow(/X07-TYPE-CALL-0002/);
  });
});
