import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES, isDiagnosticCode, makeDiagnostic, makeDiagReport, clampPointer } from "../../src/diag/index.ts";

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

/** Every string literal in src/ that looks like a diagnostic code. */
const codeLiterals = (): Map<string, string> => {
  const found = new Map<string, string>();
  for (const file of walk("src")) {
    if (file.endsWith(path.join("diag", "codes.ts"))) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/"((?:X07|E_ARCH|EXTAL|X07V|X07T|X07TC|X07PROOF)[-_][A-Z0-9_-]+)"/g)) found.set(m[1]!, file);
  }
  return found;
};

describe("the diagnostic code table", () => {
  it("contains every code the SDK source can emit", () => {
    const literals = codeLiterals();
    expect(literals.size).toBeGreaterThan(10);
    const missing = [...literals.entries()].filter(([code]) => !isDiagnosticCode(code)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it("has a one-line summary for each code and codes follow upstream's shape", () => {
    for (const [code, meta] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_-]*$/);
      expect(meta.summary.length).toBeGreaterThan(10);
      expect(meta.summary).not.toContain("\n");
    }
  });

  it("makeDiagnostic takes the stage from the table and keeps pointers within the x07diag limit", () => {
    const d = makeDiagnostic("X07-FMT-0001", "not formatted", { ptr: "/a", file: "f.x07.json" });
    expect(d).toEqual({ code: "X07-FMT-0001", severity: "error", stage: "rewrite", message: "not formatted", loc: { kind: "x07ast", ptr: "/a" }, data: { file: "f.x07.json" } });
    const long = "/0".repeat(3000);
    const c = clampPointer(long);
    expect(c.length).toBeLessThanOrEqual(2048);
    expect(long.startsWith(c)).toBe(true);
  });

  it("reports sort deterministically and are ok only without errors", () => {
    const a = makeDiagnostic("X07-FMT-0001", "b", { ptr: "/b", file: "z" });
    const b = makeDiagnostic("X07-FMT-0001", "a", { ptr: "/a", file: "z" });
    const w = makeDiagnostic("X07-UNSAFE-0001", "w", { severity: "warning", file: "a" });
    expect(makeDiagReport([a, b, w]).diagnostics).toEqual([w, b, a]);
    expect(makeDiagReport([w]).ok).toBe(true);
    expect(makeDiagReport([a]).ok).toBe(false);
  });
});
