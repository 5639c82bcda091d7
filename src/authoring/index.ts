/**
 * Authoring tools (`x07-sdk/authoring`): fmt, lint, fix, ast init/get/validate/apply-patch and
 * multi-file patchsets.
 *
 * The text-level functions are pure (text in, text or diagnostics out). The file-level commands are
 * Effects that need effect's `FileSystem` service; they fail with `InvalidInputError` when an input does
 * not parse, and never write partially: every write is a temp file plus rename. Diagnostic codes used:
 * `X07-ARITY-*`, `X07-WORLD-*`, `X07-IMPORT-0002`, `X07-FMT-0001`, `X07-FIX-0003`, `X07-PATCH*`, `X07-PTR-0001`.
 *
 * @packageDocumentation
 */
export { formatX07Ast, formatDocument } from "./internal/fmt.ts";
export type { FormatOptions, FormatResult } from "./internal/fmt.ts";
export { lintX07Ast, lintDocument } from "./internal/lint.ts";
export type { LintOptions, LintResult } from "./internal/lint.ts";
export { fixX07Ast, fixX07AstValue } from "./internal/fix.ts";
export type { FixOptions, FixResult } from "./internal/fix.ts";
export { applyJsonPatch, asPatch } from "./internal/patch.ts";
export type { PatchResult } from "./internal/patch.ts";
export { astInit, astGet, astValidate, astApplyPatch } from "./internal/ast-tools.ts";
export type { AstInitOptions } from "./internal/ast-tools.ts";
export { fmtFiles, lintFiles, fixFiles, patchApply, PATCHSET_SCHEMA_VERSION } from "./internal/commands.ts";
export type { FmtFilesResult, FixFilesResult, PatchApplyResult } from "./internal/commands.ts";
