/** Codes of `x07 arch check` and boundaries (`E_ARCH_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const ARCH_CODES = {
} as const satisfies Record<string, CodeInfo>;
