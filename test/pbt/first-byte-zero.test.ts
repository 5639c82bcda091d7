/**
 * Acceptance: the "first byte zero" scenario end to end through the CLI (fixture written for this SDK):
 * a failing property, its minimal counterexample and repro, byte-identical reruns, replay, fix --from-pbt
 * and its idempotence, and the regression test it adds.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRepro } from "../../src/pbt/index.ts";
import { runCli } from "../_helpers/cli.ts";

const REPRO = "A/pbt/id_1679b09d82872c4f6e88b9b0d3962ab82d654ed0991027d2139803c958cb301e/repro.json";
const TAG = "cb063eaf3d0ff";

const project = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "x07-fbz-"));
  cpSync(path.resolve("test/fixtures/test/first-byte-zero"), dir, { recursive: true });
  return dir;
};

describe("pbt acceptance: first byte zero", () => {
  it("finds [0x01], writes a stable repro, replays it, and fix --from-pbt adds an idempotent regression test", async () => {
    const dir = project();
    const r1 = await runCli(["test", "--pbt", "--manifest", "tests.json", "--artifact-dir", "A", "--keep-artifacts", "--repeat", "2"], dir);
    expect(r1.code).toBe(10);
    const rep1 = JSON.parse(r1.stdout);
    expect(rep1.summary.failed).toBe(1);
    const diag = rep1.tests[0].diags.find((d: { code: string }) => d.code === "X07T_EPBT_FAIL");
    expect(diag.details.counterexample).toEqual({ case_bytes_b64: "AQAAAAAAAAABAAAAAQ==", params: [{ name: "b", ty: "bytes", b64: "AQ==", len: 1 }] });
    expect(diag.details.failure).toEqual({ kind: "assert", assert_code_u32: 1 });
    const bytes1 = readFileSync(path.join(dir, REPRO));
    const parsed = parseRepro(bytes1.toString("utf8"));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.repro.effective_seed_u64).toBe(2885570622332128586n);
      expect(parsed.repro.shrinking.result).toBe("minimal_found");
    }
    expect(bytes1.toString("utf8")).toContain('"effective_seed_u64": 2885570622332128586,');
    expect(existsSync(path.join(dir, path.dirname(REPRO), "driver.x07.json"))).toBe(true);

    const r2 = await runCli(["test", "--pbt", "--manifest", "tests.json", "--artifact-dir", "A"], dir);
    expect(r2.code).toBe(10);
    expect(readFileSync(path.join(dir, REPRO)).equals(bytes1)).toBe(true);

    const replay = await runCli(["test", "--pbt", "--manifest", "tests.json", "--pbt-repro", REPRO], dir);
    expect(replay.code).toBe(10);
    const rr = JSON.parse(replay.stdout);
    expect(rr.summary.failed).toBe(1);
    expect(rr.tests[0].diags.map((d: { code: string }) => d.code)).toEqual(["X07T_EPBT_FAIL"]);

    expect((await runCli(["fix", "--from-pbt", REPRO, "--tests-manifest", "tests.json"], dir)).code).toBe(1);
    const fix = await runCli(["fix", "--from-pbt", REPRO, "--tests-manifest", "tests.json", "--write"], dir);
    expect(fix.code).toBe(0);
    const fr = JSON.parse(fix.stdout);
    expect(fr.schema_version).toBe("x07c.report@0.1.0");
    expect(fr.diagnostics[0].code).toBe("X07-PBT-FIX-INFO-0001");
    expect(fr.diagnostics[0].data.case_tag).toBe(TAG);
    const manifest = JSON.parse(readFileSync(path.join(dir, "tests.json"), "utf8"));
    expect(manifest.tests).toHaveLength(2);
    expect(manifest.tests[1]).toEqual({
      id: `pbt_repro/prop/first_byte_zero/${TAG}`,
      world: "solve-pure",
      entry: `repro.pbt.${TAG}.run`,
      returns: "bytes_status_v1",
      expect: "pass",
      input_b64: "AQAAAAAAAAABAAAAAQ==",
    });
    expect(existsSync(path.join(dir, "repro/pbt", `${TAG}.x07.json`))).toBe(true);
    expect(readFileSync(path.join(dir, "repro/pbt", `${TAG}.repro.json`)).equals(bytes1)).toBe(true);

    const before = readFileSync(path.join(dir, "tests.json"));
    const again = await runCli(["fix", "--from-pbt", REPRO, "--tests-manifest", "tests.json", "--write"], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).diagnostics[0].data.written).toEqual([]);
    expect(readFileSync(path.join(dir, "tests.json")).equals(before)).toBe(true);

    const unit = await runCli(["test", "--manifest", "tests.json"], dir);
    expect(unit.code).toBe(10);
    expect(JSON.parse(unit.stdout).summary.failed).toBe(1);

    // Fixing the property: the repro no longer reproduces and the regression test passes.
    const app = JSON.parse(readFileSync(path.join(dir, "app.x07.json"), "utf8"));
    app.decls[1].body = ["std.test.status_ok"];
    writeFileSync(path.join(dir, "app.x07.json"), JSON.stringify(app));
    const nonrepro = await runCli(["test", "--pbt", "--manifest", "tests.json", "--pbt-repro", REPRO], dir);
    expect(nonrepro.code).toBe(0);
    expect(JSON.parse(nonrepro.stdout).tests[0].diags.map((d: { code: string }) => d.code)).toEqual(["X07T_EPBT_REPRO_NONREPRO"]);
    expect((await runCli(["test", "--all", "--manifest", "tests.json"], dir)).code).toBe(0);

    // A differing wrapper is a conflict: nothing is overwritten.
    writeFileSync(path.join(dir, "repro/pbt", `${TAG}.x07.json`), "{}\n");
    const conflict = await runCli(["fix", "--from-pbt", REPRO, "--tests-manifest", "tests.json", "--write"], dir);
    expect(conflict.code).toBe(1);
    expect(JSON.parse(conflict.stdout).diagnostics[0].code).toBe("X07-PBT-FIX-CONFLICT-0001");
    expect(readFileSync(path.join(dir, "repro/pbt", `${TAG}.x07.json`), "utf8")).toBe("{}\n");
  });
});
