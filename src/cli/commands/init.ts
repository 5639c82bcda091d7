/** CLI commands: x07 init (project skeleton, templates, service archetypes). Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const INIT_COMMANDS: ReadonlyArray<CommandSpec> = [];
