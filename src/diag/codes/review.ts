/** Codes of `x07 review diff` (`X07RD_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const REVIEW_CODES = {
} as const satisfies Record<string, CodeInfo>;
