/**
 * The `x07` command line: a small consumer of the library with upstream's command names and flags.
 * Owns argument parsing (node:util parseArgs), help text and the exit-code table; every command's work is
 * a library call.
 */
import { parseArgs } from "node:util";
import { SDK_VERSION } from "../version.ts";
import type { CommandSpec } from "./command.ts";
import { astApplyPatchCommand, astGetCommand, astInitCommand, astValidateCommand } from "./commands/ast.ts";
import { fixCommand, fmtCommand, lintCommand, patchApplyCommand } from "./commands/authoring.ts";
import { checkCommand } from "./commands/check.ts";
import { runCommand } from "./commands/run.ts";
import { testCommand } from "./commands/test.ts";
import { ARCH_COMMANDS } from "./commands/arch.ts";
import { INIT_COMMANDS } from "./commands/init.ts";
import { REVIEW_COMMANDS } from "./commands/review.ts";
import { SERVICE_COMMANDS } from "./commands/service.ts";
import { TRUST_COMMANDS } from "./commands/trust.ts";
import { trustReportCommand } from "./commands/trust-report.ts";
import { trustCertifyCommand } from "./commands/certify.ts";
import { VERIFY_COMMANDS } from "./commands/verify.ts";
import { EXIT, MACHINE_OPTIONS, emit, machineOf, usageOutcome } from "./io.ts";
import type { CliIo } from "./io.ts";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<CommandSpec> = [
  fmtCommand,
  lintCommand,
  fixCommand,
  checkCommand,
  runCommand,
  testCommand,
  ...VERIFY_COMMANDS,
  ...ARCH_COMMANDS,
  ...TRUST_COMMANDS,
  trustCertifyCommand,
  trustReportCommand,
  ...REVIEW_COMMANDS,
  ...INIT_COMMANDS,
  ...SERVICE_COMMANDS,
  astInitCommand,
  astGetCommand,
  astValidateCommand,
  astApplyPatchCommand,
  patchApplyCommand,
];

const topHelp = (): string =>
  [
    `x07 ${SDK_VERSION} — the X07 toolchain as a Node library (x07-sdk)`,
    "",
    "Usage: x07 <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`),
    "",
    "Machine output (every command): --json  --report-out PATH  --quiet-json",
    "Exit codes: 0 ok, 1 findings (unformatted files, lint errors), 2 usage or tool failure.",
    "Run `x07 <command> --help` for a command's options.",
  ].join("\n") + "\n";

const commandHelp = (c: CommandSpec): string =>
  [
    `x07 ${c.name} — ${c.summary}`,
    "",
    `Usage: ${c.usage}`,
    "",
    "Options:",
    ...c.optionHelp.map(([flag, text]) => `  ${flag.padEnd(22)} ${text}`),
    `  ${"--json".padEnd(22)} print the machine report (JSON) on stdout`,
    `  ${"--report-out PATH".padEnd(22)} also write the machine report to PATH`,
    `  ${"--quiet-json".padEnd(22)} do not print the JSON report on stdout`,
    `  ${"-h, --help".padEnd(22)} show this help`,
  ].join("\n") + "\n";

/** Finds the longest command name that prefixes the arguments (`ast get …` before `ast`). */
const findCommand = (argv: ReadonlyArray<string>): { spec: CommandSpec; rest: string[] } | undefined => {
  const sorted = [...COMMANDS].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const spec of sorted) {
    const words = spec.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { spec, rest: argv.slice(words.length) };
  }
  return undefined;
};

/** Runs the CLI; returns the exit code. Never throws for bad input. */
export const main = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout.write(topHelp());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === "--version" || argv[0] === "-V") {
    io.stdout.write(`x07 ${SDK_VERSION}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  if (found === undefined) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0 && (argv[1] === undefined || argv[1] === "--help" || argv[1] === "-h")) {
      io.stdout.write(`x07 ${argv[0]} subcommands:\n${group.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join("\n")}\n`);
      return argv[1] === undefined ? EXIT.usage : EXIT.ok;
    }
    io.stderr.write(`error: unknown command ${JSON.stringify(argv.slice(0, 2).join(" "))}; run \`x07 --help\`\n`);
    return EXIT.usage;
  }
  const { spec, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...MACHINE_OPTIONS, ...spec.options }, allowPositionals: spec.allowPositionals, strict: true });
  } catch (err) {
    const m = machineOf({});
    return emit(io, m, usageOutcome(spec.name, `${(err as Error).message}; run \`x07 ${spec.name} --help\``));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values["help"] === true) {
    io.stdout.write(commandHelp(spec));
    return EXIT.ok;
  }
  const machine = machineOf(values as Parameters<typeof machineOf>[0]);
  try {
    return await emit(io, machine, await spec.run(values, parsed.positionals, io));
  } catch (err) {
    io.stderr.write(`internal error (X07-INTERNAL-0001): ${(err as Error).message}\nThis is a bug in x07-sdk; please report it with the input.\n`);
    return EXIT.usage;
  }
};
