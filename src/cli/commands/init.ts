/** CLI commands: x07 init (project skeleton, templates, service archetypes). A thin consumer of `src/init`. */
import { Effect, Exit, Cause } from "effect";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic, renderDiagnostics } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { INIT_TEMPLATES, isInitTemplate, scaffold } from "../../init/index.ts";
import type { ScaffoldResult } from "../../init/index.ts";
import { layerNodeFileSystemAt } from "../../services/index.ts";
import type { CommandSpec } from "../command.ts";
import { toolReport } from "../io.ts";

/** Upstream's exit code for every init failure. */
const EXIT_INIT_FAILED = 20;

/** Upstream's init report body (`ok`, `command`, `root`, `created`, `notes`, `next_steps`, `error`). */
const body = (root: string, r: Partial<ScaffoldResult>, error?: Diagnostic): JsonValue => ({
  ok: error === undefined,
  command: "init",
  root,
  created: [...(r.created ?? [])],
  ...(r.notes !== undefined && r.notes.length > 0 ? { notes: [...r.notes] } : {}),
  ...(r.next_steps !== undefined && r.next_steps.length > 0 ? { next_steps: [...r.next_steps] } : {}),
  ...(error !== undefined ? { error: { code: error.code, message: error.message } } : {}),
});

const failed = (root: string, diagnostics: ReadonlyArray<Diagnostic>, created: ReadonlyArray<string> = []) => ({
  exitCode: EXIT_INIT_FAILED,
  report: toolReport("init", "init", EXIT_INIT_FAILED, diagnostics, body(root, { created }, diagnostics[0])),
  errText: renderDiagnostics(diagnostics),
});

export const initCommand: CommandSpec = {
  name: "init",
  summary: "Scaffold a project: a solve-pure skeleton, or --template verified-core-pure / a service archetype",
  usage: `x07 init [DIR] [--template ${INIT_TEMPLATES.join("|")}] [--force]`,
  optionHelp: [
    ["DIR", "the project directory (created when missing; default: the current directory)"],
    ["--template T", `one of ${INIT_TEMPLATES.join(", ")}`],
    ["--force", "write into a non-empty directory (scaffold files are replaced; .gitignore is merged)"],
  ],
  options: { template: { type: "string" }, force: { type: "boolean" }, package: { type: "boolean" } },
  allowPositionals: true,
  run: async (v, positionals, io) => {
    const root = positionals[0] ?? ".";
    if (positionals.length > 1) return failed(root, [makeDiagnostic("X07INIT_ARGS", `x07 init takes one directory, got ${positionals.length}`)]);
    if (v["package"] === true) return failed(root, [makeDiagnostic("X07INIT_ARGS", "x07 init --package (publishable package repos) is not built in x07-sdk")]);
    const template = v["template"];
    if (template !== undefined && (typeof template !== "string" || !isInitTemplate(template)))
      return failed(root, [makeDiagnostic("X07INIT_ARGS", `unknown template ${JSON.stringify(template)} (known: ${INIT_TEMPLATES.join(", ")})`)]);
    const eff = scaffold(root, { ...(template !== undefined ? { template } : {}), force: v["force"] === true });
    const exit = await Effect.runPromiseExit(Effect.provide(eff, layerNodeFileSystemAt(io.cwd)));
    if (Exit.isFailure(exit)) {
      const e = Cause.findErrorOption(exit.cause);
      if (e._tag === "Some") return failed(root, e.value.diagnostics, e.value.created);
      return failed(root, [makeDiagnostic("X07INIT_IO", `internal error: ${Cause.pretty(exit.cause).split("\n")[0] ?? "unknown"}`)]);
    }
    const r = exit.value;
    return {
      exitCode: 0,
      report: toolReport("init", "init", 0, [], body(root, r)),
      text: [`created ${r.created.length} files in ${root}${r.template !== null ? ` (template ${r.template})` : ""}:`, ...r.created.map((p) => `  ${p}`), ...r.notes, "next:", ...r.next_steps.map((s) => `  ${s}`)].join("\n"),
    };
  },
};

export const INIT_COMMANDS: ReadonlyArray<CommandSpec> = [initCommand];
