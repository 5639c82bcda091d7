/** CLI command: x07 trust report (wired into the trust command list by the lead). A thin consumer of the library. */
import { existsSync } from "node:fs";
import * as nodePath from "node:path";
import { isTrustFailOn, TRUST_FAIL_ON, trustReport } from "../../certify/trust-report/index.ts";
import type { SbomFormat, TrustFailOn } from "../../certify/trust-report/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import type { CommandSpec } from "../command.ts";
import { failureOutcome, runEffect, toolReport, usageOutcome } from "../io.ts";

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

const SBOM_FORMATS: ReadonlyArray<SbomFormat> = ["cyclonedx", "spdx", "none"];

export const trustReportCommand: CommandSpec = {
  name: "trust report",
  summary: "Budgets, capabilities, nondeterminism flags and an SBOM for a project (exit 20 when a --fail-on condition holds)",
  usage:
    "x07 trust report --out PATH [--project x07.json] [--profile NAME] [--html-out PATH] [--sbom-format cyclonedx|spdx|none] [--fail-on COND]... [--strict] [--deps-cap-policy PATH] [--run-report PATH]... [--bundle-report PATH]... [--x07test PATH]...",
  optionHelp: [
    ["--out PATH", "write the x07.trust.report@0.1.0 JSON here (the SBOM goes next to it)"],
    ["--project FILE", "the project manifest (default: ./x07.json when present)"],
    ["--profile NAME", "the x07.json run profile to describe"],
    ["--html-out PATH", "also write a self-contained HTML page"],
    ["--sbom-format FMT", "cyclonedx (default), spdx or none"],
    ["--fail-on COND", `exit 20 when the condition holds (repeatable): ${TRUST_FAIL_ON.join(", ")}`],
    ["--strict", "a missing project, lockfile or policy, or an invalid dependency policy, fails the report"],
    ["--deps-cap-policy PATH", "dependency capability policy, relative to the project root"],
    ["--run-report PATH", "merge observed usage from a run report (repeatable)"],
    ["--bundle-report PATH", "merge observed usage and policy paths from a bundle report (repeatable)"],
    ["--x07test PATH", "merge observed usage from an x07test report (repeatable)"],
  ],
  options: {
    out: { type: "string" },
    project: { type: "string" },
    profile: { type: "string" },
    "html-out": { type: "string" },
    "sbom-format": { type: "string" },
    "fail-on": { type: "string", multiple: true },
    strict: { type: "boolean" },
    "deps-cap-policy": { type: "string" },
    "run-report": { type: "string", multiple: true },
    "bundle-report": { type: "string", multiple: true },
    x07test: { type: "string", multiple: true },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const out = v["out"];
    if (typeof out !== "string") return usageOutcome("trust report", "missing --out <PATH> for trust report");
    const format = v["sbom-format"] ?? "cyclonedx";
    if (typeof format !== "string" || !(SBOM_FORMATS as ReadonlyArray<string>).includes(format)) return usageOutcome("trust report", `--sbom-format must be one of ${SBOM_FORMATS.join(", ")}`);
    const failOn: TrustFailOn[] = [];
    for (const g of list(v["fail-on"])) {
      if (!isTrustFailOn(g)) return usageOutcome("trust report", `unknown --fail-on condition ${JSON.stringify(g)} (known: ${TRUST_FAIL_ON.join(", ")})`);
      failOn.push(g);
    }
    const given = v["project"];
    const project = typeof given === "string" ? given : existsSync(nodePath.join(io.cwd, "x07.json")) ? "x07.json" : undefined;
    const eff = trustReport(project, {
      out,
      htmlOut: typeof v["html-out"] === "string" ? v["html-out"] : undefined,
      profile: typeof v["profile"] === "string" ? v["profile"] : undefined,
      sbomFormat: format as SbomFormat,
      failOn,
      strict: v["strict"] === true,
      depsCapPolicy: typeof v["deps-cap-policy"] === "string" ? v["deps-cap-policy"] : undefined,
      runReports: list(v["run-report"]),
      bundleReports: list(v["bundle-report"]),
      x07testReports: list(v["x07test"]),
    });
    const run = await runEffect(io, eff, (ds) => failureOutcome("trust", "trust.report", ds));
    if (!run.ok) return run.outcome;
    const r = run.value;
    const flags = ((r.report as { nondeterminism: { flags: Array<{ kind: string }> } }).nondeterminism.flags ?? []).map((f) => f.kind);
    const lines = [
      `trust report: ${flags.length} nondeterminism flag(s)${flags.length > 0 ? ` (${flags.join(", ")})` : ""}`,
      ...(r.firedGates.length > 0 ? [`conditions hit: ${r.firedGates.join(", ")}`] : []),
      `wrote ${[r.paths.out, r.paths.sbom, r.paths.html].filter((x) => x !== null).join(", ") || "nothing"}`,
    ];
    return {
      exitCode: r.exitCode,
      report: toolReport("trust", "trust.report", r.exitCode, r.diagnostics, r.report),
      text: lines.join("\n"),
      ...(r.diagnostics.length > 0 ? { errText: renderDiagnostics(r.diagnostics) } : {}),
    };
  },
};
