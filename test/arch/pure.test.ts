/** The check without a disk: the pure two-step API, and the Effect API over the in-memory file system. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Effect } from "effect";
import { archCheck, checkArch, isScanned, prepareArch } from "../../src/arch/index.ts";
import type { ContractDoc } from "../../src/arch/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { FIXTURES } from "./helpers.ts";

const root = path.join(FIXTURES, "shop");
const walk = (dir: string, base = ""): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f), `${base}${f}/`) : [`${base}${f}`]));
const okDoc = (rel: string): ContractDoc => {
  const bytes = readFileSync(path.join(root, rel));
  return { status: "ok", relPath: rel, value: JSON.parse(bytes.toString("utf8")), bytes: bytes.length };
};

describe("pure API", () => {
  it("prepareArch + checkArch over in-memory inputs give the same report as the file-system run", async () => {
    const prepared = prepareArch({ manifestPath: "arch/manifest.x07arch.json", manifest: okDoc("arch/manifest.x07arch.json"), manifestRelToRoot: "arch/manifest.x07arch.json", writeLock: false, budgets: {} });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.plan.boundariesIndexPath).toBe("arch/boundaries/index.x07boundary.json");
    const files = walk(root).filter((p) => isScanned(prepared.plan, p)).map((p) => ({ relPath: p, bytes: new Uint8Array(readFileSync(path.join(root, p))) }));
    expect(files.map((f) => f.relPath).sort()).toEqual(["src/main.x07.json", "src/shop/core.x07.json", "src/shop/util.x07.json", "tests/shop_tests.x07.json"]);
    const pure = checkArch(prepared.plan, files, { boundariesIndex: okDoc("arch/boundaries/index.x07boundary.json") });
    expect(pure.exitCode).toBe(0);

    const mem = Object.fromEntries(walk(root).map((p) => [`/repo/${p}`, readFileSync(path.join(root, p), "utf8")]));
    const run = await Effect.runPromise(Effect.provide(archCheck({ repoRoot: "/repo" }), layerMemoryFileSystem(mem)));
    expect(JSON.stringify(run.report)).toBe(JSON.stringify(pure.report));
  });
  it("an unusable manifest finishes in step 1 with exit 3", () => {
    const r = prepareArch({ manifestPath: "m.json", manifest: { status: "bad_json", relPath: "m.json", message: "x", bytes: 1 }, manifestRelToRoot: "m.json", writeLock: false, budgets: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.outcome).toMatchObject({ exitCode: 3, report: { manifest: { path: "m.json", jcs_sha256_hex: null }, diags: [{ code: "E_ARCH_MANIFEST_JSON_PARSE" }] } });
  });
});
