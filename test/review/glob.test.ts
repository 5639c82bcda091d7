import { describe, expect, it } from "vitest";
import { compileGlob } from "../../src/core/glob.ts";
import { classifyFile } from "../../src/review/internal/classify.ts";
import { pathCompare } from "../../src/review/internal/json.ts";

const m = (pat: string, p: string): boolean => {
  const g = compileGlob(pat);
  if (!g.ok) throw new Error(g.error);
  return g.regex.test(p);
};

describe("globs (globset defaults)", () => {
  it.each([
    ["**/*.x07.json", "main.x07.json", true],
    ["**/*.x07.json", "src/a/b.x07.json", true],
    ["**/*.x07.json", "src/a/b.json", false],
    ["arch/**", "arch/trust/profiles/p.json", true],
    ["arch/**", "arch", false],
    ["arch/**", "src/arch/x.json", false],
    ["**/.git/**", ".git/config", true],
    ["**/.x07/**/cache/**", ".x07/deps/cache/a.bin", true],
    ["**/.x07/**/cache/**", ".x07/cache/a.bin", true],
    ["*.json", "a/b.json", true], // `*` crosses `/` (no literal separator)
    ["x07.json", "sub/x07.json", false],
    ["{a,b}/*.json", "b/c.json", true],
    ["[ab].json", "c.json", false],
    ["[!ab].json", "c.json", true],
    ["a?c", "abc", true],
    ["\\*.json", "*.json", true],
    ["\\*.json", "a.json", false],
  ])("%s on %s → %s", (pat, p, want) => expect(m(pat, p)).toBe(want));

  it("reads `**` that is not a whole component as `*` (globset since 0.4), rejects unclosed and nested forms", () => {
    expect(m("a**", "abc/d")).toBe(true);
    expect(m("**a", "x/ya")).toBe(true);
    expect(compileGlob("[ab").ok).toBe(false);
    expect(compileGlob("{a,b").ok).toBe(false);
    expect(compileGlob("{a,{b,c}}").ok).toBe(false);
  });
});

describe("classification and path order", () => {
  it.each([
    ["arch/verify.coverage.json", undefined, "proof"],
    ["out/x.json", { schema_version: "x07.verify.summary@0.2.0" }, "proof"],
    ["arch/cert/certificate.json", undefined, "trust_certificate"],
    ["arch/peer.json", { schema_version: "x07.peer.policy@0.1.0" }, "peer_policy"],
    ["X07.LOCK.JSON", undefined, "lockfile"],
    ["arch/app.x07.json", undefined, "x07ast"],
    ["svc.x07project.json", undefined, "project"],
    ["arch/manifest.x07arch.json", undefined, "arch"],
    ["cfg/run.policy.json", undefined, "policy"],
    ["notes.json", {}, "json"],
    ["notes.txt", undefined, "text"],
  ])("%s → %s", (p, doc, want) => expect(classifyFile(p, doc as never, undefined)).toBe(want));

  it("orders paths component-wise, as Rust's Path does", () => {
    expect(["a.b", "a/b", "a-c"].sort(pathCompare)).toEqual(["a/b", "a-c", "a.b"]);
  });
});
