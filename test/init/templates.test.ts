/**
 * Acceptance of issue #10 (items 1–2): every template — the plain skeleton and the six `--template`
 * values — scaffolds a project that passes `x07 check`, `x07 test` (unit + PBT), `x07 arch check` (when
 * that command is registered), `x07 fmt --check`, `x07 lint` and, for the archetypes, `x07 service validate`, with zero
 * edits. Every JSON document written validates against its schema.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.ts";
import { isSchemaVersion, validateAs } from "../../src/core/contracts/index.ts";
import { INIT_TEMPLATES, templateFiles } from "../../src/init/index.ts";
import { runCli } from "../_helpers/cli.ts";

const hasArchCheck = COMMANDS.some((c) => c.name === "arch check");
const ARCHETYPES = new Set(["api-cell", "event-consumer", "scheduled-job", "policy-service", "workflow-service"]);

const cases: ReadonlyArray<readonly [string, string | undefined]> = [["skeleton", undefined], ...INIT_TEMPLATES.map((t) => [t, t] as const)];

describe.each(cases)("x07 init %s", (label, template) => {
  const root = mkdtempSync(path.join(tmpdir(), `x07-init-${label}-`));
  const dir = path.join(root, "proj");

  it("scaffolds and the project checks, tests, passes arch check and is formatted, with no edits", { timeout: 120_000 }, async () => {
    const init = await runCli(["init", "proj", ...(template !== undefined ? ["--template", template] : []), "--json"], root);
    expect(init.code, init.stderr).toBe(0);
    const report = JSON.parse(init.stdout);
    expect(report).toMatchObject({ schema_version: "x07.tool.init.report@0.1.0", ok: true, exit_code: 0 });
    const created: string[] = report.result.stdout_json.created;
    expect(created).toEqual(templateFiles(template as never).map((f) => f.path));
    for (const p of ["x07.json", "x07.lock.json", "src/main.x07.json", "tests/tests.json", ".gitignore", "arch/manifest.x07arch.json", "README.md"]) expect(created).toContain(p);

    const check = await runCli(["check", "--project", "x07.json"], dir);
    expect(check.code, check.stdout).toBe(0);
    expect(JSON.parse(check.stdout).diagnostics).toEqual([]);

    const test = await runCli(["test", "--all", "--manifest", "tests/tests.json"], dir);
    expect(test.code, test.stdout + test.stderr).toBe(0);
    const summary = JSON.parse(test.stdout).summary;
    expect(summary.failed).toBe(0);
    expect(summary.passed).toBe(template === undefined ? 1 : 3);

    const fmt = await runCli(["fmt", "--check", "src", "tests"], dir);
    expect(fmt.code, fmt.stdout + fmt.stderr).toBe(0);
    const lint = await runCli(["lint", "src", "tests"], dir);
    expect(lint.code, lint.stdout).toBe(0);

    if (hasArchCheck) {
      const arch = await runCli(["arch", "check"], dir);
      expect(arch.code, arch.stdout + arch.stderr).toBe(0);
    } else console.warn(`x07 arch check is not registered yet; skipped for ${label}`);

    if (template !== undefined && ARCHETYPES.has(template)) {
      const sv = await runCli(["service", "validate", "--json"], dir);
      expect(sv.code, sv.stdout + sv.stderr).toBe(0);
      const body = JSON.parse(sv.stdout);
      expect(body.diagnostics).toEqual([]);
      expect(body.result.stdout_json).toMatchObject({ ok: true, archetype: template, cell_count: 1 });
    }
  });

  it("writes only schema-valid documents", () => {
    for (const f of templateFiles(template as never)) {
      if (!f.path.endsWith(".json")) continue;
      const doc = JSON.parse(readFileSync(path.join(dir, f.path), "utf8"));
      const v = doc.schema_version;
      if (v === "x07.run-os-policy@0.1.0") continue; // no schema in the registry for the sandbox policy
      expect(isSchemaVersion(v), `${f.path}: ${v}`).toBe(true);
      const r = validateAs(v, doc);
      expect(r.ok ? [] : r.errors, f.path).toEqual([]);
    }
  });
});
