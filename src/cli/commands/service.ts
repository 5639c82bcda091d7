/** CLI commands: x07 service validate, x07 service archetypes. Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const SERVICE_COMMANDS: ReadonlyArray<CommandSpec> = [];
