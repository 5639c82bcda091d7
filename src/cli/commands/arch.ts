/**
 * CLI commands: x07 arch check. A thin consumer of the `arch` stage: prints upstream's
 * `x07.arch.report@0.1.0` itself (pretty canonical JSON, or a text summary with `--format text`; compact
 * canonical JSON with `--json`), with upstream's exit codes 0 / 2 / 3 / 4.
 */
import { Effect } from "effect";
import { archCheck } from "../../arch/index.ts";
import type { ArchCheckOptions, ArchReport, BudgetOverrides } from "../../arch/index.ts";
import { writeText } from "../../core/io/index.ts";
import { canonicalJsonPretty } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, runEffect, usageOutcome } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

const BUDGET_FLAGS = [
  ["max-modules", "maxModules"],
  ["max-edges", "maxEdges"],
  ["max-diags", "maxDiags"],
  ["max-bytes-in", "maxBytesIn"],
] as const;

const str = (v: Values, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);

/** Upstream's `--format text` rendering. */
export const archReportText = (r: ArchReport): string => {
  const errors = r.diags.filter((d) => d.severity === "error").length;
  return [
    `ok: ${errors === 0 ? "true" : "false"}`,
    `manifest: ${r.manifest.path}`,
    `stats: modules=${r.stats.modules} nodes=${r.stats.nodes} module_edges=${r.stats.module_edges} node_edges=${r.stats.node_edges}`,
    ...r.diags.map((d) => `${d.severity} ${d.code}: ${d.message}`),
  ].join("\n") + "\n";
};

export const archCheckCommand: CommandSpec = {
  name: "arch check",
  summary: "Check the module graph against arch/manifest.x07arch.json; prints an x07.arch.report",
  usage: "x07 arch check [--manifest PATH] [--lock PATH] [--write-lock] [--project x07.json | --repo-root DIR] [--format json|text] [--out PATH] [--emit-patch PATH] [--write] [--max-modules N] [--max-edges N] [--max-diags N] [--max-bytes-in N]",
  optionHelp: [
    ["--manifest PATH", "the architecture manifest (default arch/manifest.x07arch.json, under the repo root)"],
    ["--lock PATH", "manifest lock (default arch/manifest.lock.json when it exists)"],
    ["--write-lock", "write the manifest lock (and arch/contracts.lock.json with contracts_v1)"],
    ["--project PATH", "an x07.json or its directory: the repo root becomes that directory"],
    ["--repo-root DIR", "the repository root (default .)"],
    ["--format json|text", "report format (default json)"],
    ["--out PATH", "write the report to PATH instead of stdout"],
    ["--emit-patch PATH", "write the suggested patches as an x07.arch.patchset@0.1.0"],
    ["--write", "apply the suggested patches, then check again"],
    ["--max-modules N", "budget overrides (also --max-edges, --max-diags, --max-bytes-in)"],
  ],
  options: {
    manifest: { type: "string" },
    lock: { type: "string" },
    "write-lock": { type: "boolean" },
    project: { type: "string" },
    "repo-root": { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    "emit-patch": { type: "string" },
    write: { type: "boolean" },
    "max-modules": { type: "string" },
    "max-edges": { type: "string" },
    "max-diags": { type: "string" },
    "max-bytes-in": { type: "string" },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const format = str(v, "format") ?? "json";
    if (format !== "json" && format !== "text") return usageOutcome("arch check", `--format must be json or text, got ${JSON.stringify(format)}`);
    if (str(v, "emit-patch") === "-") return usageOutcome("arch check", "--emit-patch '-' is not supported");
    const budgets: { -readonly [K in keyof BudgetOverrides]: BudgetOverrides[K] } = {};
    for (const [flag, key] of BUDGET_FLAGS) {
      const x = str(v, flag);
      if (x === undefined) continue;
      if (!/^[0-9]+$/.test(x) || !Number.isSafeInteger(Number(x))) return usageOutcome("arch check", `--${flag} must be a non-negative integer`);
      budgets[key] = Number(x);
    }
    const opt = (k: string, name: keyof ArchCheckOptions) => (str(v, k) !== undefined ? { [name]: str(v, k) } : {});
    const options: ArchCheckOptions = {
      ...opt("manifest", "manifest"),
      ...opt("lock", "lock"),
      ...opt("project", "project"),
      ...opt("repo-root", "repoRoot"),
      ...opt("emit-patch", "emitPatch"),
      writeLock: v["write-lock"] === true,
      write: v["write"] === true,
      budgets,
    };
    const out = str(v, "out");
    const eff = Effect.gen(function* () {
      const run = yield* archCheck(options);
      const body = format === "json" ? canonicalJsonPretty(run.report as unknown as JsonValue) + "\n" : archReportText(run.report);
      if (out !== undefined && out !== "-") yield* writeText(out, body);
      return { run, body };
    });
    const r = await runEffect(io, eff, (ds) => failureOutcome("arch", "arch.check", ds));
    if (!r.ok) return r.outcome;
    const { run, body } = r.value;
    return {
      exitCode: run.exitCode,
      report: run.report as unknown as JsonValue,
      text: out !== undefined && out !== "-" ? "" : body,
      ...(run.exitCode !== EXIT.ok ? { errText: renderDiagnostics(run.report.diags.filter((d) => d.severity === "error").slice(0, 20)) } : {}),
    };
  },
};

export const ARCH_COMMANDS: ReadonlyArray<CommandSpec> = [archCheckCommand];
