/** Codes of `x07 init` and the service archetypes. Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const INIT_CODES = {
} as const satisfies Record<string, CodeInfo>;
