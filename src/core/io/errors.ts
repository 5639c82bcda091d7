/**
 * The tagged failures of the Effect API. User-program problems travel as diagnostics inside these (or in
 * stage results); environment failures (a file that cannot be read or written) are their own tags.
 */
import { Data } from "effect";
import type { Diagnostic } from "../../diag/index.ts";

/**
 * The input could not be parsed (bad JSON, wrong shape, unsupported version); `diagnostics` says why and where.
 * @since 0.1.0
 * @category errors
 */
export class InvalidInputError extends Data.TaggedError("InvalidInputError")<{
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}> {
  override get message(): string {
    return this.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ");
  }
}

/**
 * A file could not be read.
 * @since 0.1.0
 * @category errors
 */
export class FileReadError extends Data.TaggedError("FileReadError")<{
  readonly path: string;
  readonly reason: string;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}> {
  override get message(): string {
    return `cannot read ${this.path}: ${this.reason}`;
  }
}

/**
 * A file could not be written; the original is untouched.
 * @since 0.1.0
 * @category errors
 */
export class FileWriteError extends Data.TaggedError("FileWriteError")<{
  readonly path: string;
  readonly reason: string;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}> {
  override get message(): string {
    return `cannot write ${this.path}: ${this.reason}`;
  }
}

/**
 * Any failure of the SDK's Effect API.
 * @since 0.1.0
 * @category errors
 */
export type X07Error = InvalidInputError | FileReadError | FileWriteError;
