import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SDK_VERSION } from "../../src/index.ts";

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string; exports: Record<string, { default: string }>; bin: Record<string, string> };
  it("version matches SDK_VERSION", () => expect(pkg.version).toBe(SDK_VERSION));
  it("every export subpath has a source index.ts", () => {
    for (const [sub, target] of Object.entries(pkg.exports)) {
      const src = target.default.replace("./dist/src/", "src/").replace(/\.js$/, ".ts");
      expect(existsSync(src), `${sub} → ${src}`).toBe(true);
    }
  });
  it("bin x07 exists", () => expect(existsSync(pkg.bin["x07"]!)).toBe(true));
});
