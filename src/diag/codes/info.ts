/** The stages a diagnostic can come from (the x07diag `stage` enum). */
export type DiagnosticStage = "parse" | "lint" | "rewrite" | "type" | "lower" | "codegen" | "link" | "run";

/** One row of the code table: a one-line summary of our own and the stage that emits it. */
export interface CodeInfo {
  readonly summary: string;
  readonly stage: DiagnosticStage;
}
