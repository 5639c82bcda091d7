/** CLI commands: x07 verify (coverage, prove) and x07 prove check. Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const VERIFY_COMMANDS: ReadonlyArray<CommandSpec> = [];
