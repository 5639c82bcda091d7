/** The SDK validates what it writes: an invalid report is refused (exit 2, nothing written or printed). */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { emit, machineOf } from "../../src/cli/io.ts";
import { validateWritten } from "../../src/core/contracts/written.ts";
import { entryDoc, runCli, tempTree } from "../_helpers/cli.ts";

const capture = () => {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, cwd: process.cwd() } };
};

describe("write-edge validation", () => {
  it("refuses a report that does not match its schema, and writes no --report-out file", async () => {
    const dir = tempTree({});
    const { out, io } = capture();
    const code = await emit({ ...io, cwd: dir }, machineOf({ "report-out": "r.json" }), {
      exitCode: 0,
      report: { schema_version: "x07.x07diag@0.1.0", ok: "yes", diagnostics: [] },
      reportIsDefault: true,
    });
    expect(code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("does not validate at /ok");
    expect(existsSync(path.join(dir, "r.json"))).toBe(false);
  });

  it("refuses a document whose schema_version is unknown", async () => {
    expect(await validateWritten({ schema_version: "x07.nope@9.9.9" })).toEqual({ ok: false, pointer: "/schema_version", message: "no schema for x07.nope@9.9.9", errors: [{ pointer: "/schema_version", message: "no schema for x07.nope@9.9.9" }] });
  });

  it("every command's machine report validates against its schema", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc(["+", 1, 2, 3])), "p.json": "[]", "ps.json": JSON.stringify({ schema_version: "x07.patchset@0.1.0", patches: [] }) });
    const runs: string[][] = [
      ["fmt", "--check", "a.x07.json", "--json"],
      ["lint", "a.x07.json"],
      ["fix", "a.x07.json", "--json"],
      ["check", "--program", "a.x07.json"],
      ["ast", "get", "--in", "a.x07.json", "--ptr", "/solve", "--json"],
      ["ast", "validate", "--in", "a.x07.json"],
      ["ast", "apply-patch", "--in", "a.x07.json", "--patch", "p.json", "--json"],
      ["ast", "init", "--world", "solve-pure", "--module", "m", "--out", "m.x07.json"],
      ["patch", "apply", "--in", "ps.json"],
      ["fmt", "--bogus", "--json"],
    ];
    for (const argv of runs) {
      const r = await runCli(argv, dir);
      // emit() validates every outcome before printing, in text mode too; an invalid one says "internal error".
      expect(r.stderr, argv.join(" ")).not.toContain("internal error");
      if (r.stdout === "") continue; // a usage error before the machine flags were read prints text only
      const v = await validateWritten(JSON.parse(r.stdout));
      expect(v, argv.join(" ")).toEqual({ ok: true });
    }
  });
});

describe("read-edge validation", () => {
  it("an x07.json that breaks its schema is a diagnostic at the violation's pointer", async () => {
    const dir = tempTree({
      "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "main.x07.json", module_roots: "src" }),
      "main.x07.json": JSON.stringify(entryDoc()),
    });
    const r = await runCli(["check", "--project", "x07.json"], dir);
    expect(r.code).toBe(2);
    const d = JSON.parse(r.stdout).diagnostics[0];
    expect(d.code).toBe("X07-SCHEMA-0001");
    expect(d.loc.ptr).toBe("/module_roots");
  });

  it("a patchset with a malformed operation is refused before anything is applied", async () => {
    const dir = tempTree({ "a.json": "{}\n", "ps.json": JSON.stringify({ schema_version: "x07.patchset@0.1.0", patches: [{ path: "a.json", patch: [{ op: "add", path: "/x" }] }] }) });
    const r = await runCli(["patch", "apply", "--in", "ps.json", "--write"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain("X07-PATCHSET-0001");
  });
});
