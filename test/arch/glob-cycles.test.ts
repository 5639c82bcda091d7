/** Units: globset-compatible globs and node-cycle detection. */
import { describe, expect, it } from "vitest";
import { compileGlob, compileGlobSet, findCycles } from "../../src/arch/index.ts";

const matches = (glob: string, p: string): boolean => {
  const g = compileGlob(glob);
  if (!g.ok) throw new Error(g.error);
  return g.regex.test(p);
};

describe("globs (globset semantics)", () => {
  it.each([
    ["**/*.x07.json", "a.x07.json", true],
    ["**/*.x07.json", "src/a/b.x07.json", true],
    ["**/*.x07.json", "src/a/b.json", false],
    ["src/**/*.x07.json", "src/main.x07.json", true],
    ["src/**/*.x07.json", "src/a/b/c.x07.json", true],
    ["src/**/*.x07.json", "tests/a.x07.json", false],
    ["src/*.x07.json", "src/a/b.x07.json", true],
    ["**/.git/**", ".git/config", true],
    ["**/.git/**", "a/.git/x/y", true],
    ["**/.git/**", "a/git/x", false],
    ["tests/**", "tests/a/b.x07.json", true],
    ["src/?.x07.json", "src/a.x07.json", true],
    ["src/[ab].x07.json", "src/b.x07.json", true],
    ["src/[!ab].x07.json", "src/b.x07.json", false],
    ["src/{core,util}.x07.json", "src/util.x07.json", true],
    ["src/{core,util}.x07.json", "src/main.x07.json", false],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["a.b", "axb", false],
  ] as const)("%s vs %s → %s", (glob, p, want) => {
    expect(matches(glob, p)).toBe(want);
  });
  it("malformed globs are errors, not exceptions", () => {
    expect(compileGlob("src/[ab")).toMatchObject({ ok: false });
    expect(compileGlob("src/{a,{b}}")).toMatchObject({ ok: false });
    expect(compileGlob("src/{a,b")).toMatchObject({ ok: false });
    expect(compileGlobSet(["ok/**", "bad["])).toMatchObject({ ok: false, glob: "bad[" });
  });
});

describe("findCycles", () => {
  it("finds each strongly connected component of more than one node, sorted", () => {
    expect(findCycles([["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"], ["e", "f"], ["f", "e"], ["g", "g"]])).toEqual([["a", "b", "c"], ["e", "f"]]);
    expect(findCycles([["a", "b"], ["b", "c"]])).toEqual([]);
    expect(findCycles([])).toEqual([]);
  });
});
