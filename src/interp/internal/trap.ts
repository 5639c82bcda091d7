/**
 * Traps: the interpreter's runtime failures. Inside the evaluator a trap is thrown as {@link InterpTrap} and
 * caught once at the `interp` boundary, where it becomes data (`{ ok: false, trap }`). Messages are upstream's
 * `rt_trap` strings where the heads table records one.
 */
import type { DiagnosticCode } from "../../diag/index.ts";

/** Trap codes the interpreter reports (all listed in src/diag/codes.ts). */
export type TrapCode = Extract<DiagnosticCode, `X07I_${string}`>;

export class InterpTrap {
  constructor(
    readonly code: TrapCode,
    readonly message: string,
    public ptr: string,
  ) {}
}

/** Raises a trap; the pointer is filled in by the nearest head that knows its own (see compile.ts). */
export const trap = (code: TrapCode, message: string): never => {
  throw new InterpTrap(code, message, "");
};

export const trapBounds = (message: string): never => trap("X07I_TRAP_BOUNDS", message);
export const trapOverflow = (message: string): never => trap("X07I_TRAP_OVERFLOW", message);
