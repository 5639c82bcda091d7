/**
 * `x07 fix --from-pbt REPRO --write [--tests-manifest M] [--out-dir DIR]`: prints an `x07c.report@0.1.0`
 * (upstream's shape for this subcommand). Exit 0 when the regression test was added or already present,
 * 1 on any X07-PBT-* error.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import { fixFromPbt } from "../../pbt/index.ts";
import type { CliIo, CommandOutcome } from "../io.ts";
import { runEffect } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

const x07cReport = (input: string, ok: boolean, diagnostics: ReadonlyArray<unknown>): JsonValue => ({
  schema_version: "x07c.report@0.1.0",
  command: "fix",
  ok,
  in: input,
  diagnostics_count: diagnostics.length,
  diagnostics: diagnostics as JsonValue,
  exit_code: ok ? 0 : 1,
});

export const fixFromPbtCommand = async (v: Values, io: CliIo): Promise<CommandOutcome> => {
  const repro = v["from-pbt"] as string;
  const eff = fixFromPbt(repro, {
    write: v["write"] === true,
    ...(typeof v["tests-manifest"] === "string" ? { testsManifest: v["tests-manifest"] } : {}),
    ...(typeof v["out-dir"] === "string" ? { outDir: v["out-dir"] } : {}),
  });
  const r = await runEffect(io, eff, (ds) => ({ exitCode: 1, report: x07cReport(repro, false, ds), reportIsDefault: true, errText: renderDiagnostics(ds) }));
  if (!r.ok) return r.outcome;
  const res = r.value;
  return {
    exitCode: res.ok ? 0 : 1,
    report: x07cReport(repro, res.ok, res.diagnostics),
    reportIsDefault: true,
    ...(res.ok ? {} : { errText: renderDiagnostics(res.diagnostics) }),
  };
};
