/**
 * examples/certify-script.ts as a user runs it (a child process through tsx): on a copy of examples/orders it
 * prints every stage and `verdict: accepted` with the summary page's path and exits 0; with the kernel turned
 * back into the unbounded seed it prints the prover's counterexample and `verdict: rejected` and exits 20; a
 * directory that is not a project exits 2.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = nodePath.join(ROOT, "examples", "certify-script.ts");
const TSX = nodePath.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const SLOW = { timeout: 180_000 };

const copyExample = (): string => {
  const dir = nodePath.join(mkdtempSync(nodePath.join(tmpdir(), "x07-certify-script-")), "orders");
  cpSync(nodePath.join(ROOT, "examples", "orders"), dir, { recursive: true, filter: (src) => !/[\\/](target|\.x07)$/.test(src) });
  return dir;
};

const runScript = (args: string[]) => {
  const r = spawnSync(process.execPath, [TSX, SCRIPT, ...args], { cwd: ROOT, encoding: "utf8", timeout: 150_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The value of a `key: value` line of the script's output. */
const line = (stdout: string, key: string): string | undefined => stdout.split("\n").find((l) => l.startsWith(`${key}: `))?.slice(key.length + 2);

describe("examples/certify-script.ts", () => {
  it("on examples/orders: every stage passes, verdict accepted, summary.html written; exit 0", SLOW, () => {
    const dir = copyExample();
    const r = runScript([dir]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(line(r.stdout, "verdict")).toBe("accepted");
    for (const stage of ["parse", "check", "interp", "pbt", "prove", "certify"]) expect(r.stdout).toMatch(new RegExp(`^  ${stage} +`, "m"));
    expect(r.stdout).toContain("smoke tests.core.smoke_total_v1 → pass");
    expect(r.stdout).toContain("pbt/total_non_negative: 64 cases passed");
    expect(r.stdout).toMatch(/orders\.core\.compute_total_v1: proven \[total_non_negative unsat\/int, total_at_most_subtotal unsat\/int, full_discount_is_free unsat\/int\]/);
    const summary = line(r.stdout, "summary");
    expect(summary).toBe(nodePath.join(dir, "target", "cert", "summary.html"));
    expect(readFileSync(summary!, "utf8")).toContain("orders.core.compute_total_v1");
    const cert = JSON.parse(readFileSync(line(r.stdout, "certificate")!, "utf8")) as { verdict: string; proof_inventory: Array<{ symbol: string; proof_check_result: string }> };
    expect(cert.verdict).toBe("accepted");
    expect(cert.proof_inventory.map((i) => [i.symbol, i.proof_check_result])).toEqual([["orders.core.compute_total_v1", "accepted"]]);
  });

  it("with the unbounded seed kernel: the prover's counterexample is printed, verdict rejected; exit 20", SLOW, () => {
    const dir = copyExample();
    const core = nodePath.join(dir, "src", "orders", "core.x07.json");
    const doc = JSON.parse(readFileSync(core, "utf8")) as { decls: Array<Record<string, unknown>> };
    const fn = doc.decls[1]!;
    fn["requires"] = [
      { id: "count_non_negative", expr: [">=", "item_count", 0] },
      { id: "price_non_negative", expr: [">=", "unit_price", 0] },
      { id: "discount_in_range", expr: ["&&", [">=", "discount_pct", 0], ["<=", "discount_pct", 100]] },
    ];
    fn["ensures"] = [{ id: "total_non_negative", expr: [">=", "__result", 0] }];
    writeFileSync(core, JSON.stringify(doc));
    const out = nodePath.join(mkdtempSync(nodePath.join(tmpdir(), "x07-certify-script-out-")), "cert");
    const r = runScript([dir, "--out-dir", out]);
    expect(r.code, r.stderr + r.stdout).toBe(20);
    expect(line(r.stdout, "verdict")).toBe("rejected");
    expect(r.stdout).toMatch(/counterexample_found \[total_non_negative sat\/bv32\]; counterexample for total_non_negative: item_count=\d+, unit_price=\d+, discount_pct=\d+/);
    expect(r.stdout).toContain("X07TC_EPROVE");
    expect(line(r.stdout, "summary")).toBe(nodePath.join(out, "summary.html"));
    expect(existsSync(nodePath.join(out, "certificate.json"))).toBe(true);
  });

  it("a directory without x07.json: exit 2 with the reason and the usage", () => {
    const r = runScript([mkdtempSync(nodePath.join(tmpdir(), "x07-certify-script-empty-"))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*x07\.json/);
    expect(r.stderr).toContain("usage: npx tsx examples/certify-script.ts");
  });
});
