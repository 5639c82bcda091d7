/** The shape of one CLI command: its name, help text, option spec and runner. */
import type { ParseArgsConfig } from "node:util";
import type { CliIo, CommandOutcome } from "./io.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface CommandSpec {
  /** Space-separated command path, e.g. `ast get`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Lines describing each option, for --help. */
  readonly optionHelp: ReadonlyArray<readonly [string, string]>;
  readonly options: OptionSpec;
  readonly allowPositionals: boolean;
  readonly run: (values: Record<string, string | boolean | string[] | undefined>, positionals: string[], io: CliIo) => Promise<CommandOutcome>;
}
