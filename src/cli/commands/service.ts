/** CLI commands: x07 service validate, x07 service archetypes. Thin consumers of `src/service`. */
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import { archetypeCatalog, DEFAULT_SERVICE_MANIFEST, serviceValidateResult, validateServiceManifest } from "../../service/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, runEffect, toolReport } from "../io.ts";

export const serviceValidateCommand: CommandSpec = {
  name: "service validate",
  summary: "Validate a service manifest (schema, cells, bindings, runtimes, cron, topology, entry symbols, archetype)",
  usage: `x07 service validate [--manifest ${DEFAULT_SERVICE_MANIFEST}] [--archetype ID] [--project x07.json]`,
  optionHelp: [
    ["--manifest PATH", `the service manifest (default ${DEFAULT_SERVICE_MANIFEST})`],
    ["--archetype ID", "check against this archetype instead of the one the manifest's shape matches"],
    ["--project FILE", "the x07.json whose modules entry symbols resolve in (default: nearest above the manifest)"],
  ],
  options: { manifest: { type: "string" }, archetype: { type: "string" }, project: { type: "string" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const manifest = typeof v["manifest"] === "string" ? v["manifest"] : DEFAULT_SERVICE_MANIFEST;
    const archetype = typeof v["archetype"] === "string" ? v["archetype"] : undefined;
    const project = typeof v["project"] === "string" ? v["project"] : undefined;
    const eff = validateServiceManifest(manifest, { ...(archetype !== undefined ? { archetype } : {}), ...(project !== undefined ? { project } : {}) });
    const r = await runEffect(io, eff, (ds) => failureOutcome("service", "service.validate", ds, { ok: false, manifest }));
    if (!r.ok) return r.outcome;
    const exitCode = r.value.ok ? EXIT.ok : EXIT.findings;
    const result = serviceValidateResult(r.value) as unknown as JsonValue;
    return {
      exitCode,
      report: toolReport("service", "service.validate", exitCode, r.value.diagnostics, result),
      text: r.value.ok ? JSON.stringify(result, null, 2) : "",
      errText: renderDiagnostics(r.value.diagnostics),
    };
  },
};

export const serviceArchetypesCommand: CommandSpec = {
  name: "service archetypes",
  summary: "List the built-in service archetypes (x07.service.archetypes@0.1.0)",
  usage: "x07 service archetypes",
  optionHelp: [],
  options: {},
  allowPositionals: false,
  run: async () => {
    const catalog = archetypeCatalog() as unknown as JsonValue;
    return { exitCode: EXIT.ok, report: toolReport("service", "service.archetypes", EXIT.ok, [], catalog), text: JSON.stringify(catalog, null, 2) };
  },
};

export const SERVICE_COMMANDS: ReadonlyArray<CommandSpec> = [serviceValidateCommand, serviceArchetypesCommand];
