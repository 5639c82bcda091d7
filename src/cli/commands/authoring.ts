/** `x07 fmt`, `x07 lint`, `x07 fix`, `x07 patch apply`. */
import { fixFiles, fmtFiles, lintFiles, patchApply } from "../../authoring/index.ts";
import { fixFromPbtCommand } from "./fix-from-pbt.ts";
import { isWorldId, WORLD_IDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagReport, renderDiagnostics } from "../../diag/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, runEffect, toolReport, usageOutcome } from "../io.ts";
import type { CommandOutcome } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

const inputsOf = (v: Values, positionals: string[]): string[] => [...((v["input"] as string[] | undefined) ?? []), ...positionals];

const worldOf = (v: Values): WorldId | string | undefined => {
  const w = v["world"];
  if (typeof w !== "string") return undefined;
  return w;
};

const badWorld = (cmd: string, w: string): CommandOutcome => usageOutcome(cmd, `unknown world ${JSON.stringify(w)} (known: ${WORLD_IDS.join(", ")})`);

/** Diagnostics for invalid inputs, as an x07diag report (exit 2). */
const invalidInputs = (ds: Parameters<typeof makeDiagReport>[0]): CommandOutcome => ({
  exitCode: EXIT.usage,
  report: makeDiagReport(ds) as unknown as JsonValue,
  errText: renderDiagnostics(ds),
});

export const fmtCommand: CommandSpec = {
  name: "fmt",
  summary: "Canonicalize x07AST files (one-line JCS; --pretty for indented)",
  usage: "x07 fmt (--check | --write) [--pretty] [--input PATH]... [PATH...]",
  optionHelp: [
    ["--check", "report files that are not canonical (exit 1 if any)"],
    ["--write", "rewrite non-canonical files in place (atomically)"],
    ["--pretty", "canonical key order with indentation instead of one line"],
    ["--input PATH", "a file or directory (repeatable); directories contribute every *.x07.json"],
  ],
  options: { check: { type: "boolean" }, write: { type: "boolean" }, pretty: { type: "boolean" }, input: { type: "string", multiple: true } },
  allowPositionals: true,
  run: async (v, positionals, io) => {
    if ((v["check"] === true) === (v["write"] === true)) return usageOutcome("fmt", "set exactly one of --check or --write");
    const inputs = inputsOf(v, positionals);
    if (inputs.length === 0) return usageOutcome("fmt", "missing input (use --input PATH or pass PATH... as arguments)");
    const write = v["write"] === true;
    const r = await runEffect(io, fmtFiles(inputs.map((p) => (p)), { write, pretty: v["pretty"] === true }), invalidInputs);
    if (!r.ok) return r.outcome;
        const notFormatted = r.value.notFormatted;
    const exitCode = !write && notFormatted.length > 0 ? EXIT.findings : EXIT.ok;
    return {
      exitCode,
      report: toolReport("fmt", "fmt", exitCode, [], { files: r.value.files, not_formatted: notFormatted, written: r.value.written, mode: write ? "write" : "check" }),
      errText: write ? "" : notFormatted.map((p) => `file is not formatted: ${p}`).join("\n"),
      text: write ? r.value.written.map((p) => `formatted ${p}`).join("\n") : "",
    };
  },
};

export const lintCommand: CommandSpec = {
  name: "lint",
  summary: "Schema, shape and world-aware lint; prints an x07diag report",
  usage: "x07 lint [--world WORLD] [--input PATH]... [PATH...]",
  optionHelp: [
    ["--world WORLD", `the world to lint for (default solve-pure; ${WORLD_IDS.join(", ")})`],
    ["--input PATH", "a file or directory (repeatable)"],
  ],
  options: { world: { type: "string" }, input: { type: "string", multiple: true } },
  allowPositionals: true,
  run: async (v, positionals, io) => {
    const w = worldOf(v);
    if (w !== undefined && !isWorldId(w)) return badWorld("lint", w);
    const inputs = inputsOf(v, positionals);
    if (inputs.length === 0) return usageOutcome("lint", "missing input (use --input PATH or pass PATH... as arguments)");
    const r = await runEffect(io, lintFiles(inputs.map((p) => (p)), w !== undefined ? { world: w as WorldId } : {}), invalidInputs);
    if (!r.ok) return { ...r.outcome, reportIsDefault: true };
    return { exitCode: r.value.ok ? EXIT.ok : EXIT.findings, report: r.value as unknown as JsonValue, reportIsDefault: true };
  },
};

export const fixCommand: CommandSpec = {
  name: "fix",
  summary: "Apply quickfixes from lint and rewrite canonically",
  usage: "x07 fix [--write] [--world WORLD] [--input PATH]... [PATH...]  |  x07 fix --from-pbt REPRO --write [--tests-manifest M] [--out-dir DIR]",
  optionHelp: [
    ["--write", "write the fixed files (default: report what would change)"],
    ["--world WORLD", "the world to lint for (default solve-pure)"],
    ["--input PATH", "a file or directory (repeatable)"],
    ["--from-pbt REPRO", "turn a PBT repro into a regression test (wrapper module + manifest entry)"],
    ["--tests-manifest M", "with --from-pbt: the manifest to extend (default tests/tests.json)"],
    ["--out-dir DIR", "with --from-pbt: module root for repro/pbt/ (default: the manifest's directory)"],
  ],
  options: {
    write: { type: "boolean" },
    world: { type: "string" },
    input: { type: "string", multiple: true },
    "from-pbt": { type: "string" },
    "tests-manifest": { type: "string" },
    "out-dir": { type: "string" },
  },
  allowPositionals: true,
  run: async (v, positionals, io) => {
    if (typeof v["from-pbt"] === "string") return fixFromPbtCommand(v, io);
    const w = worldOf(v);
    if (w !== undefined && !isWorldId(w)) return badWorld("fix", w);
    const inputs = inputsOf(v, positionals);
    if (inputs.length === 0) return usageOutcome("fix", "missing input (use --input PATH or pass PATH... as arguments)");
    const r = await runEffect(io, fixFiles(inputs.map((p) => (p)), { write: v["write"] === true, ...(w !== undefined ? { world: w as WorldId } : {}) }), invalidInputs);
    if (!r.ok) return r.outcome;
        const { report, applied, written } = r.value;
    const exitCode = report.ok ? EXIT.ok : EXIT.findings;
    return {
      exitCode,
      report: toolReport("fix", "fix", exitCode, report.diagnostics, { applied: applied.map((a) => ({ ...a, file: a.file })), written: written }),
      text: [...applied.map((a) => `${a.file}: applied ${a.code}: ${a.note}`), ...written.map((p) => `wrote ${p}`), renderDiagnostics(report.diagnostics)].filter((s) => s !== "").join("\n"),
    };
  },
};

export const patchApplyCommand: CommandSpec = {
  name: "patch apply",
  summary: "Apply a multi-file x07.patchset@0.1.0 (dry run unless --write)",
  usage: "x07 patch apply --in PATCHSET [--repo-root DIR] [--write]",
  optionHelp: [
    ["--in PATH", "the patchset document"],
    ["--repo-root DIR", "resolve target paths under DIR (default .)"],
    ["--write", "write the patched files (all or nothing, each atomically)"],
  ],
  options: { in: { type: "string" }, "repo-root": { type: "string" }, write: { type: "boolean" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const input = v["in"];
    if (typeof input !== "string") return usageOutcome("patch apply", "missing --in PATCHSET");
    const root = (typeof v["repo-root"] === "string" ? v["repo-root"] : ".");
    const write = v["write"] === true;
    const r = await runEffect(io, patchApply((input), { repoRoot: root, write }), (ds) => failureOutcome("patch", "patch.apply", ds));
    if (!r.ok) return r.outcome;
    const exitCode = r.value.ok ? EXIT.ok : EXIT.findings;
    return {
      exitCode,
      report: toolReport("patch", "patch.apply", exitCode, r.value.diagnostics, {
        patchset_path: input,
        repo_root: root,
        write,
        changed_paths: [...r.value.changedPaths],
        created_paths: [...r.value.createdPaths],
      }),
      reportIsDefault: true,
    };
  },
};
