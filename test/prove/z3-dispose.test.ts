/**
 * A process that starts z3 and stops it without solving anything exits (a cached `x07 verify --prove` does just
 * that; stopping the threads while z3's warm-up query ran left Node waiting for minutes).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

describe("z3: start then dispose without a query", () => {
  it("the process exits promptly", () => {
    const z3ts = pathToFileURL(path.resolve("src/prove/internal/z3.ts")).href;
    const script = path.join(mkdtempSync(path.join(tmpdir(), "x07-z3-")), "dispose.mts");
    writeFileSync(script, `import { startZ3 } from ${JSON.stringify(z3ts)};\nconst z = await startZ3();\nawait z.dispose();\nconsole.log("disposed");\n`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 60_000 });
    expect(r.signal).toBe(null);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("disposed");
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 70_000);
});
