import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { trustReportCommand } from "../../../src/cli/commands/trust-report.ts";
import { validateWritten } from "../../../src/core/contracts/written.ts";
import { tempTree } from "../../_helpers/cli.ts";

const io = (cwd: string) => ({ stdout: { write: () => true }, stderr: { write: () => true }, cwd });
const project = () =>
  tempTree({
    "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
    "src/main.x07.json": JSON.stringify({ schema_version: "x07.x07ast@0.5.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["bytes.lit", "hi"] }),
  });

describe("trustReportCommand (x07 trust report)", () => {
  it("finds ./x07.json, writes report and SBOM, returns a schema-valid x07.tool.trust.report.report envelope", async () => {
    const dir = project();
    const o = await trustReportCommand.run({ out: "t/trust.json", "fail-on": ["nondeterminism"] }, [], io(dir));
    expect(o.exitCode).toBe(0);
    expect(existsSync(path.join(dir, "t/trust.json"))).toBe(true);
    expect(existsSync(path.join(dir, "t/trust.sbom.cdx.json"))).toBe(true);
    expect(o.report).toMatchObject({ schema_version: "x07.tool.trust.report.report@0.1.0", command: "x07.trust.report", ok: true });
    expect((await validateWritten(o.report)).ok).toBe(true);
    expect(o.text).toContain("0 nondeterminism flag(s)");
  });

  it("usage errors: no --out, unknown condition, unknown SBOM format", async () => {
    const dir = project();
    for (const v of [{}, { out: "o.json", "fail-on": ["everything"] }, { out: "o.json", "sbom-format": "xml" }]) {
      const o = await trustReportCommand.run(v, [], io(dir));
      expect(o.exitCode).toBe(2);
      expect((o.report as { diagnostics: Array<{ code: string }> }).diagnostics[0]!.code).toBe("X07-TOOL-ARGS-0001");
    }
  });

  it("--strict without a lockfile exits 20 with X07TR_ESTRICT in the envelope", async () => {
    const o = await trustReportCommand.run({ out: "o.json", strict: true }, [], io(project()));
    expect(o.exitCode).toBe(20);
    expect((o.report as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code)).toEqual(["X07TR_ESTRICT"]);
  });
});
