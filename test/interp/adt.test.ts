/** Records and enums (x07AST 0.9): upstream's byte layouts and match's tag dispatch. */
import { describe, expect, it } from "vitest";
import { run, text, u32 } from "./_run.ts";

const order = { kind: "defrecord", name: "main.Order", fields: [{ name: "id", ty: "u32" }, { name: "total", ty: "i32" }] };
const shape = { kind: "defenum", name: "main.Shape", variants: [{ name: "Unit" }, { name: "Square", payload: "i32" }, { name: "Dot" }] };
const area = {
  kind: "defn", name: "main.area", params: [{ name: "s", ty: "bytes", brand: "main.Shape" }], result: "i32",
  body: ["match", "s", ["main.Shape.Unit", 1], ["main.Shape.Square", "side", ["*", "side", "side"]], ["main.Shape.Dot", 0]],
};
const hex = (r: Awaited<ReturnType<typeof run>>) => (r.ok ? Buffer.from(r.output).toString("hex") : `trap ${r.trap.message}`);

describe("records", () => {
  it("make packs the fields as u32le slots; a field read takes its slot", async () => {
    expect(hex(await run(["main.Order.make", 7, -1], { decls: [order] }))).toBe("07000000ffffffff");
    expect(u32(await run(["begin", ["let", "o", ["main.Order.make", 7, 9]], ["codec.write_u32_le", ["main.Order.total", "o"]]], { decls: [order] }))).toBe(9);
  });
  it("a field read on bytes too short for the slot traps as codec.read_u32_le", async () => {
    expect(hex(await run(["codec.write_u32_le", ["main.Order.total", ["bytes.lit", "abcd"]]], { decls: [order] }))).toBe("trap codec.read_u32_le oob");
  });
});

describe("enums and match", () => {
  it("variants are [u32 tag][u32 payload?]", async () => {
    expect(hex(await run(["main.Shape.Square", 3], { decls: [shape] }))).toBe("0100000003000000");
    expect(hex(await run(["main.Shape.Dot"], { decls: [shape] }))).toBe("02000000");
  });
  it("match dispatches on the tag and binds the payload", async () => {
    const show = (v: unknown) => ["codec.write_u32_le", ["main.area", v]];
    expect(u32(await run(show(["main.Shape.Square", 5]), { decls: [shape, area] }))).toBe(25);
    expect(u32(await run(show(["main.Shape.Unit"]), { decls: [shape, area] }))).toBe(1);
    expect(u32(await run(show(["main.Shape.Dot"]), { decls: [shape, area] }))).toBe(0);
  });
  it("an unknown tag takes the highest-tag arm (upstream's bare else)", async () => {
    expect(u32(await run(["codec.write_u32_le", ["main.area", ["std.brand.assume_bytes_v1", "main.Shape", ["codec.write_u32_le", 99]]]], { decls: [shape, area] }))).toBe(0);
  });
  it("a scrutinee shorter than the tag traps", async () => {
    expect(hex(await run(["codec.write_u32_le", ["main.area", ["std.brand.assume_bytes_v1", "main.Shape", ["bytes.lit", "a"]]]], { decls: [shape, area] }))).toBe("trap codec.read_u32_le oob");
    expect(text(await run(["bytes.lit", "unused"], { decls: [shape, area] }))).toBe("unused");
  });
});
