/** `x07 trust certify` as a command: upstream's flags, the certificate as the report, exit 0 / 20 / 2. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { trustCertifyCommand } from "../../src/cli/commands/certify.ts";
import { emit, machineOf } from "../../src/cli/io.ts";
import { ENTRY, FIXTURE, fixtureCopy } from "./_fakes.ts";

const runCmd = async (args: Record<string, string | boolean | string[]>, cwd = FIXTURE) => {
  let stdout = "";
  let stderr = "";
  const io = { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const outcome = await trustCertifyCommand.run(args, [], io);
  const code = await emit(io, machineOf({}), outcome);
  return { code, stdout, stderr, outcome };
};

describe("x07 trust certify", () => {
  it("accepted: exit 0, the certificate on stdout equals certificate.json, summary on stderr", async () => {
    const out = mkdtempSync(nodePath.join(tmpdir(), "x07-cli-cert-"));
    const r = await runCmd({ project: "x07.json", profile: "verified_core_pure_v1", entry: ENTRY, "out-dir": out });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { verdict: string };
    expect(printed.verdict).toBe("accepted");
    expect(printed).toEqual(JSON.parse(readFileSync(nodePath.join(out, "certificate.json"), "utf8")));
    expect(r.stderr).toContain("verdict=accepted");
  });

  it("a surrogate entry: exit 20 and X07TC_ESURROGATE_ENTRY_FORBIDDEN in the printed diagnostics", async () => {
    const dir = fixtureCopy((p) => (p["certification_entry_symbol"] = "orders.core.surrogate"));
    const r = await runCmd({ profile: "verified_core_pure_v1", entry: ENTRY, "out-dir": "target/cert", "no-html": true }, dir);
    expect(r.code).toBe(20);
    const printed = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string }> };
    expect(printed.diagnostics.map((d) => d.code)).toContain("X07TC_ESURROGATE_ENTRY_FORBIDDEN");
    expect(r.stderr).toContain("X07TC_ESURROGATE_ENTRY_FORBIDDEN");
  });

  it.each([
    [{ entry: ENTRY, "out-dir": "x" }, "--profile, --entry and --out-dir are required"],
    [{ profile: "p", entry: "nodot", "out-dir": "x" }, "qualified symbol"],
    [{ profile: "p", entry: ENTRY, "out-dir": "x", unwind: "-1" }, "--unwind must be a non-negative integer"],
  ])("usage error %j → exit 2", async (args, msg) => {
    const r = await runCmd(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
  });
});
