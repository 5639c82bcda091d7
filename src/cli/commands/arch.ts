/** CLI commands: x07 arch check. Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const ARCH_COMMANDS: ReadonlyArray<CommandSpec> = [];
