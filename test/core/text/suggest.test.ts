import { describe, expect, it } from "vitest";
import { editDistance, suggestNames } from "../../../src/core/text/suggest.ts";

describe("did-you-mean", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("count", "count")).toBe(0);
    expect(editDistance("cuont", "count")).toBe(1);
    expect(editDistance("cont", "count")).toBe(1);
    expect(editDistance("countt", "count")).toBe(1);
    expect(editDistance("coumt", "count")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("suggests nearest first, ties by name, within a length-scaled budget", () => {
    expect(suggestNames("view.lne", ["view.len", "vec_u8.len", "bytes.len", "view.slice"])).toEqual(["view.len"]);
    expect(suggestNames("x", ["y", "z", "xx", "abc"])).toEqual(["xx", "y", "z"]);
    expect(suggestNames("totally_unrelated", ["count", "input"])).toEqual([]);
    expect(suggestNames("same", ["same"])).toEqual([]);
  });
});
