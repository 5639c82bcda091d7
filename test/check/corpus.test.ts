/**
 * The check corpus: each folder under test/fixtures/check/ is one program — `main.x07.json` (the entry),
 * optional modules under `modules/`, and `expected.json`:
 *   { "ok": boolean, "diagnostics": [ { "code": "...", "ptr": "/...", "file"?: "modules/..." } ] }
 * listing exactly the error-severity diagnostics (order-independent). Set X07_UPDATE_BASELINES=1 to rewrite
 * the baselines from the current output (review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { checkFile, layerNoStd } from "../../src/check/index.ts";
import { diagnosticFile, diagnosticPointer } from "../../src/diag/index.ts";
import { layerNodeFileSystem } from "../../src/services/index.ts";

const root = "test/fixtures/check";
const cases = existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, "main.x07.json"))).sort() : [];

interface Expected {
  readonly ok: boolean;
  readonly diagnostics: ReadonlyArray<{ code: string; ptr: string; file?: string }>;
}

const key = (d: { code: string; ptr: string; file?: string }) => `${d.code} ${d.file ?? "main.x07.json"} ${d.ptr}`;

describe("check corpus", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c, async () => {
      const dir = path.join(root, c);
      const modules = path.join(dir, "modules");
      const res = await Effect.runPromise(
        checkFile(path.join(dir, "main.x07.json"), { moduleRoots: existsSync(modules) ? [modules] : [] }).pipe(Effect.provide(layerNoStd), Effect.provide(layerNodeFileSystem)),
      );
      const got = res.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({ code: d.code, ptr: diagnosticPointer(d), file: path.relative(dir, diagnosticFile(d) ?? path.join(dir, "main.x07.json")) }))
        .map((d) => (d.file === "main.x07.json" ? { code: d.code, ptr: d.ptr } : d));
      const expectedPath = path.join(dir, "expected.json");
      if (process.env["X07_UPDATE_BASELINES"] === "1") {
        writeFileSync(expectedPath, JSON.stringify({ ok: res.ok, diagnostics: got.sort((a, b) => (key(a) < key(b) ? -1 : 1)) }, null, 2) + "\n");
      }
      const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected;
      expect(res.ok).toBe(expected.ok);
      expect(got.map(key).sort()).toEqual(expected.diagnostics.map(key).sort());
    });
  }
});
