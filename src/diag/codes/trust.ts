/** Codes of trust profiles, certify and trust report (`X07TP_…`, `X07TC_…`, `X07TR_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const TRUST_CODES = {
} as const satisfies Record<string, CodeInfo>;
