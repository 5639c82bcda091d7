/** Certify diagnostics: x07diag values with an `X07TC_*` code (stage `run` from the code table), severity error (every one rejects). */
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { CertifyCode } from "../../diag/codes/certify.ts";

/** A certify diagnostic; `data` carries machine-readable detail (symbol, clause, counterexample, path). */
export const certDiag = (code: CertifyCode, message: string, data?: { readonly [key: string]: unknown }): Diagnostic =>
  makeDiagnostic(code, message, data !== undefined ? { data } : {});
