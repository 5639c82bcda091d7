/** End to end: `x07 run` on fixture programs (test/fixtures/interp/run-*), in-process through the CLI entry. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "../_helpers/cli.ts";

const fixture = path.resolve("test/fixtures/interp/run-sum-bytes");

describe("x07 run", () => {
  it("prints a host-runner compile-run report with the output bytes", async () => {
    const r = await runCli(["run", "--program", path.join(fixture, "main.x07.json"), "--input", path.join(fixture, "input.bin")], process.cwd());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema_version).toBe("x07-host-runner.report@0.3.0");
    expect(report.compile.ok).toBe(true);
    expect(report.solve.ok).toBe(true);
    expect(Buffer.from(report.solve.solve_output_b64, "base64")).toEqual(Buffer.from([65 + 66 + 67, 0, 0, 0]));
    expect(report.solve.fuel_used).toBeGreaterThan(0);
    expect(report.solve.trap).toBe(null);
    expect(report.solve.mem_stats.alloc_calls).toBe(1);
  });
  it("takes --input-b64, and three runs print byte-identical reports", async () => {
    const argv = ["run", "--program", path.join(fixture, "main.x07.json"), "--input-b64", Buffer.from("xyz").toString("base64")];
    const outs = await Promise.all([runCli(argv, process.cwd()), runCli(argv, process.cwd()), runCli(argv, process.cwd())]);
    expect(new Set(outs.map((o) => o.stdout)).size).toBe(1);
    expect(Buffer.from(JSON.parse(outs[0]?.stdout ?? "{}").solve.solve_output_b64, "base64").readUInt32LE(0)).toBe(120 + 121 + 122);
  });
  it("reports a trap (exit 1, solve.ok false, upstream's message) under a small --solve-fuel", async () => {
    const r = await runCli(["run", "--program", path.join(fixture, "main.x07.json"), "--input", path.join(fixture, "input.bin"), "--solve-fuel", "10"], process.cwd());
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.solve.ok).toBe(false);
    expect(report.solve.trap).toBe("fuel exhausted");
    expect(report.solve.fuel_used).toBe(10);
    expect(r.stderr).toContain("X07I_TRAP_FUEL");
  });
  it("prints the x07diag report and exits 1 when the program does not check", async () => {
    const dir = tempTree({ "main.x07.json": JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["bytes.len", 1] }) });
    const r = await runCli(["run", "--program", "main.x07.json"], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.diagnostics.length).toBeGreaterThan(0);
  });
  it("rejects other worlds and bad numbers as usage errors", async () => {
    expect((await runCli(["run", "--program", "x.json", "--world", "run-os"], process.cwd())).code).toBe(2);
    expect((await runCli(["run", "--program", "x.json", "--solve-fuel", "-3"], process.cwd())).code).toBe(2);
  });
});
