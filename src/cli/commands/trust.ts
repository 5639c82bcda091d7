/** CLI commands: x07 trust profile check, x07 trust certify, x07 trust report. Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const TRUST_COMMANDS: ReadonlyArray<CommandSpec> = [];
