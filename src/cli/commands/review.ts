/** CLI commands: x07 review diff. Each is a thin consumer of the library stage. */
import type { CommandSpec } from "../command.ts";

export const REVIEW_COMMANDS: ReadonlyArray<CommandSpec> = [];
