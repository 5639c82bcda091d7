/** Certify diagnostics: x07diag values with an `X07TC_*` code, stage `run`, severity error (every one rejects). */
import type { Diagnostic } from "../../diag/index.ts";
import { CERTIFY_CODES } from "../../diag/codes/certify.ts";
import type { CertifyCode } from "../../diag/codes/certify.ts";

/** A certify diagnostic; `data` carries machine-readable detail (symbol, clause, counterexample, path). */
export const certDiag = (code: CertifyCode, message: string, data?: { readonly [key: string]: unknown }): Diagnostic => ({
  code,
  severity: "error",
  stage: CERTIFY_CODES[code].stage,
  message: message.length > 4096 ? message.slice(0, 4093) + "..." : message,
  ...(data !== undefined && Object.keys(data).length > 0 ? { data } : {}),
});
