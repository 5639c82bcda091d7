/** Trust-profile diagnostics (`X07TP_*`, stage run, as upstream); the file concerned travels in `data.path`. */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { TRUST_CODES } from "../../diag/codes/trust.ts";

/** An `X07TP_*` code. */
export type TrustProfileCode = Extract<keyof typeof TRUST_CODES, `X07TP_${string}`>;

export const tpDiag = (code: TrustProfileCode, message: string, data?: Readonly<Record<string, unknown>>): Diagnostic =>
  makeDiagnostic(code, message, data !== undefined ? { data } : {});

export const tpDiagAt = (code: TrustProfileCode, message: string, path: string, data: Readonly<Record<string, unknown>> = {}): Diagnostic =>
  makeDiagnostic(code, message, { data: { ...data, path } });
