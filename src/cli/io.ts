/** What a CLI command returns and how it is printed: machine flags, the tool-report envelope, exit codes. */
import { Effect, Exit, Cause } from "effect";
import type { FileSystem } from "effect";
import { canonicalJson } from "../core/json/index.ts";
import { SDK_VERSION } from "../version.ts";
import { validateWritten } from "../core/contracts/written.ts";
import type { JsonValue } from "../core/json/index.ts";
import { makeDiagnostic, renderDiagnostics } from "../diag/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import type { X07Error } from "../pipeline/index.ts";
import type { Z3Api } from "../prove/index.ts";
import { writeFileAtomic, makeNodeFileSystem, layerNodeFileSystemAt } from "../services/index.ts";

/** Exit codes, as upstream: 0 success, 1 findings (unformatted, lint errors), 2 usage or tool failure. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export interface CliIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
  /**
   * z3 already being initialised by the launcher (`bin/x07.mjs` starts it for the commands that solve, before it
   * loads the CLI). When present, solving commands use it and start their solver at once.
   */
  readonly z3?: Promise<Z3Api>;
}

/** Machine-output flags every command accepts. */
export const MACHINE_OPTIONS = {
  json: { type: "boolean" },
  "report-json": { type: "boolean" },
  "report-out": { type: "string" },
  "quiet-json": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface Machine {
  readonly json: boolean;
  readonly reportOut: string | undefined;
  readonly quietJson: boolean;
}

export const machineOf = (v: { json?: boolean | undefined; "report-json"?: boolean | undefined; "report-out"?: string | undefined; "quiet-json"?: boolean | undefined }): Machine => ({
  json: v.json === true || v["report-json"] === true,
  reportOut: v["report-out"],
  quietJson: v["quiet-json"] === true,
});

/** What a command produced. */
export interface CommandOutcome {
  readonly exitCode: number;
  /** The machine report (printed with --json, written with --report-out). */
  readonly report: JsonValue;
  /** Human text for the terminal (stdout). */
  readonly text?: string;
  /** Text for stderr. */
  readonly errText?: string;
  /** When true, the report is the default stdout output even without --json (lint, ast get, …). */
  readonly reportIsDefault?: boolean;
}

/**
 * The `x07.tool.<command>.report@0.1.0` envelope upstream's `--json` mode prints, for a dotted command path
 * (`fmt`, `ast.get`, `patch.apply`). The command's own result object is `result.stdout_json`. So that the
 * same inputs give byte-identical reports, `meta.elapsed_ms` is 0 and `meta.cwd`/`meta.argv` are left empty
 * (upstream fills in wall time and the invocation).
 */
export const toolReport = (_scope: string, command: string, exitCode: number, diagnostics: ReadonlyArray<Diagnostic>, result: JsonValue, _meta: JsonValue = {}): JsonValue => ({
  schema_version: `x07.tool.${command}.report@0.1.0`,
  command: `x07.${command}`,
  ok: exitCode === 0,
  exit_code: exitCode,
  diagnostics: diagnostics as unknown as JsonValue,
  meta: {
    tool: { name: "x07", version: SDK_VERSION },
    elapsed_ms: 0,
    cwd: "",
    argv: [],
    inputs: [],
    outputs: [],
    nondeterminism: { uses_os_time: false, uses_network: false, uses_process: false },
  },
  result: { stdout: { bytes_len: 0 }, stderr: { bytes_len: 0 }, stdout_json: result },
});

/** Prints an outcome according to the machine flags; returns the exit code. */
export const emit = async (io: CliIo, m: Machine, o: CommandOutcome): Promise<number> => {
  // The SDK never writes an artifact that does not validate against its own schema.
  const valid = await validateWritten(o.report);
  if (!valid.ok) {
    io.stderr.write(`internal error (X07-INTERNAL-0001): the report does not validate at ${valid.pointer}: ${valid.message}\nThis is a bug in x07-sdk; nothing was written.\n`);
    return EXIT.usage;
  }
  const json = canonicalJson(o.report) + "\n";
  if (m.reportOut !== undefined) {
    const fs = makeNodeFileSystem({ cwd: io.cwd });
    const r = await Effect.runPromiseExit(writeFileAtomic(fs, m.reportOut, json));
    if (Exit.isFailure(r)) {
      io.stderr.write(`error: cannot write report to ${m.reportOut}\n`);
      return EXIT.usage;
    }
  }
  if ((m.json || o.reportIsDefault === true) && !m.quietJson) io.stdout.write(json);
  else if (!m.json) {
    if (o.text !== undefined && o.text !== "") io.stdout.write(o.text.endsWith("\n") ? o.text : o.text + "\n");
  }
  if (o.errText !== undefined && o.errText !== "" && !m.json) io.stderr.write(o.errText.endsWith("\n") ? o.errText : o.errText + "\n");
  return o.exitCode;
};

/** Runs an Effect on the Node layer; a tagged failure becomes a usage/tool-failure outcome with its diagnostics. */
export const runEffect = async <A>(
  io: CliIo,
  eff: Effect.Effect<A, X07Error, FileSystem.FileSystem>,
  onFailure: (diagnostics: ReadonlyArray<Diagnostic>) => CommandOutcome,
): Promise<{ ok: true; value: A } | { ok: false; outcome: CommandOutcome }> => {
  const exit = await Effect.runPromiseExit(Effect.provide(eff, layerNodeFileSystemAt(io.cwd)));
  if (Exit.isSuccess(exit)) return { ok: true, value: exit.value };
  const failure = Cause.findErrorOption(exit.cause);
  if (failure._tag === "Some") return { ok: false, outcome: onFailure(failure.value.diagnostics) };
  const detail = Cause.pretty(exit.cause).split("\n")[0] ?? "unknown";
  return { ok: false, outcome: onFailure([makeDiagnostic("X07-INTERNAL-0001", `internal error: ${detail}`)]) };
};

/** A failed outcome for diagnostics (exit 2). */
export const failureOutcome = (scope: string, command: string, diagnostics: ReadonlyArray<Diagnostic>, result: JsonValue = {}): CommandOutcome => ({
  exitCode: EXIT.usage,
  report: toolReport(scope, command, EXIT.usage, diagnostics, result),
  errText: renderDiagnostics(diagnostics),
});

/** A usage error (exit 2). */
export const usageOutcome = (command: string, message: string): CommandOutcome =>
  failureOutcome(command.split(" ")[0] ?? command, command.replace(/ /g, "."), [makeDiagnostic("X07-TOOL-ARGS-0001", message)]);
