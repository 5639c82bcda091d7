/**
 * CLI commands: x07 trust profile check (x07 trust certify and x07 trust report join this list when
 * built). Prints upstream's `x07.trust.profile.check@0.1.0` (pretty canonical JSON; compact with
 * `--json`); exit 0 when the profile passes, 20 otherwise.
 */
import { Effect } from "effect";
import { checkTrustProfile } from "../../certify/profiles/index.ts";
import { canonicalJsonPretty } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import type { CommandSpec } from "../command.ts";
import { runEffect, failureOutcome, usageOutcome } from "../io.ts";

export const trustProfileCheckCommand: CommandSpec = {
  name: "trust profile check",
  summary: "Check a trust profile's strength and a project against it; prints an x07.trust.profile.check report",
  usage: "x07 trust profile check --profile PATH|ID [--project x07.json] [--entry SYM]",
  optionHelp: [
    ["--profile PATH|ID", "a profile file, or an id: the project's arch/trust/profiles/<id>.json, else a public profile (verified_core_pure_v1, …)"],
    ["--project PATH", "an x07.json (or its directory) to check against the profile"],
    ["--entry SYM", "the entry symbol the profile must allow"],
    ["--strict", "accepted for upstream compatibility (every finding is already an error)"],
  ],
  options: { profile: { type: "string" }, project: { type: "string" }, entry: { type: "string" }, strict: { type: "boolean" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const profile = v["profile"];
    if (typeof profile !== "string" || profile === "") return usageOutcome("trust profile check", "--profile PATH|ID is required");
    const project = typeof v["project"] === "string" ? v["project"] : undefined;
    const entry = typeof v["entry"] === "string" ? v["entry"] : undefined;
    const eff = checkTrustProfile({ profile, ...(project !== undefined ? { project } : {}), ...(entry !== undefined ? { entry } : {}) });
    const r = await runEffect(io, Effect.map(eff, (x) => x.report), (ds) => failureOutcome("trust", "trust.profile.check", ds));
    if (!r.ok) return r.outcome;
    const report = r.value;
    return {
      exitCode: report.exit_code,
      report: report as unknown as JsonValue,
      text: canonicalJsonPretty(report as unknown as JsonValue) + "\n",
      ...(report.diagnostics.length > 0 ? { errText: renderDiagnostics(report.diagnostics) } : {}),
    };
  },
};

export const TRUST_COMMANDS: ReadonlyArray<CommandSpec> = [trustProfileCheckCommand];
