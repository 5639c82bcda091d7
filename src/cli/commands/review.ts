/** CLI commands: x07 review diff. Each is a thin consumer of the library stage. */
import { Effect } from "effect";
import { isReviewGate, REVIEW_GATES, reviewDiff, writeReviewDiff } from "../../review/index.ts";
import type { ReviewGate } from "../../review/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import type { CommandSpec } from "../command.ts";
import { failureOutcome, runEffect, toolReport, usageOutcome } from "../io.ts";

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export const reviewDiffCommand: CommandSpec = {
  name: "review diff",
  summary: "Semantic diff of two project snapshots with CI gates (HTML + JSON report; exit 20 when a gate fires)",
  usage: "x07 review diff --from A --to B --html-out H [--json-out J] [--mode project|ast-only] [--include GLOB]... [--exclude GLOB]... [--max-changes N] [--fail-on GATE]...",
  optionHelp: [
    ["--from PATH", "baseline snapshot (a file or a directory)"],
    ["--to PATH", "candidate snapshot (same kind as --from)"],
    ["--html-out PATH", "write the self-contained HTML review page"],
    ["--json-out PATH", "write the x07.review.diff@0.5.0 JSON report"],
    ["--mode MODE", "project (default: sources, x07.json, lockfile, arch/, policies, runtime attestations) or ast-only (*.x07.json)"],
    ["--include GLOB", "include pattern (repeatable; replaces the mode's defaults)"],
    ["--exclude GLOB", "exclude pattern (repeatable; replaces the defaults)"],
    ["--max-changes N", "keep at most N change entries (the report marks truncation)"],
    ["--fail-on GATE", `exit 20 when the gate fires (repeatable): ${REVIEW_GATES.join(", ")}`],
  ],
  options: {
    from: { type: "string" },
    to: { type: "string" },
    "html-out": { type: "string" },
    "json-out": { type: "string" },
    mode: { type: "string" },
    include: { type: "string", multiple: true },
    exclude: { type: "string", multiple: true },
    "max-changes": { type: "string" },
    "fail-on": { type: "string", multiple: true },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const from = v["from"];
    const to = v["to"];
    const htmlOut = v["html-out"];
    const jsonOut = v["json-out"];
    if (typeof from !== "string" || typeof to !== "string") return usageOutcome("review diff", "--from and --to are required");
    if (typeof htmlOut !== "string") return usageOutcome("review diff", "--html-out is required");
    const mode = v["mode"] ?? "project";
    if (mode !== "project" && mode !== "ast-only") return usageOutcome("review diff", `--mode must be project or ast-only (got ${JSON.stringify(mode)})`);
    const rawMax = v["max-changes"];
    let maxChanges: number | undefined;
    if (rawMax !== undefined) {
      if (typeof rawMax !== "string" || !/^[0-9]+$/.test(rawMax)) return usageOutcome("review diff", `--max-changes must be a non-negative integer (got ${JSON.stringify(rawMax)})`);
      maxChanges = Number(rawMax);
    }
    const gates: ReviewGate[] = [];
    for (const g of list(v["fail-on"])) {
      if (!isReviewGate(g)) return usageOutcome("review diff", `unknown --fail-on gate ${JSON.stringify(g)} (known: ${REVIEW_GATES.join(", ")})`);
      gates.push(g);
    }
    const eff = Effect.gen(function* () {
      const r = yield* reviewDiff(from, to, gates, { mode, include: list(v["include"]), exclude: list(v["exclude"]), maxChanges });
      yield* writeReviewDiff(r, { htmlOut, jsonOut: typeof jsonOut === "string" ? jsonOut : undefined });
      return r;
    });
    const run = await runEffect(io, eff, (ds) => failureOutcome("review", "review.diff", ds));
    if (!run.ok) return run.outcome;
    const r = run.value;
    const s = r.report.summary;
    const lines = [
      `review diff: ${s.files_total} file(s), ${s.files_changed} changed, ${s.decls_added} decl(s) added, ${s.decls_removed} removed, ${s.decls_changed} changed, ${s.high_severity_changes} high-severity change(s)${s.truncated ? " (truncated)" : ""}`,
      ...(r.firedGates.length > 0 ? [`gates fired: ${r.firedGates.join(", ")}`] : []),
      `wrote ${htmlOut}${typeof jsonOut === "string" ? ` and ${jsonOut}` : ""}`,
    ];
    return {
      exitCode: r.exitCode,
      report: toolReport("review", "review.diff", r.exitCode, r.report.diags, JSON.parse(r.json) as JsonValue),
      text: lines.join("\n"),
      ...(r.report.diags.length > 0 ? { errText: renderDiagnostics(r.report.diags) } : {}),
    };
  },
};

export const REVIEW_COMMANDS: ReadonlyArray<CommandSpec> = [reviewDiffCommand];
