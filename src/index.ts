/**
 * x07-sdk: the X07 toolchain as a library for Node.
 *
 * The root entry re-exports every stage's public face. Each stage also has its own subpath
 * (`x07-sdk/parse`, `x07-sdk/diag`, …) so a backend that only needs one stage loads only that.
 *
 * @packageDocumentation
 */

export { SDK_VERSION } from "./version.ts";

/** Diagnostics as data: the `Diagnostic` type, the code table, x07diag reports. */
export * as diag from "./diag/index.ts";
/** The parse stage: x07AST JSON → typed AST. */
export * as parse from "./parse/index.ts";
/** Authoring tools: fmt, lint, fix, ast, patchsets. */
export * as authoring from "./authoring/index.ts";
/** The check stage: module resolution and type checking → typed IR. */
export * as check from "./check/index.ts";
/** The interp stage: runs a checked program in-process under budgets. */
export * as interp from "./interp/index.ts";
/** The standard library: the built-in std modules and the layer that resolves them. */
export * as std from "./std/index.ts";
/** The test stage: tests manifests, unit tests, x07test reports. */
export * as test from "./test/index.ts";
/** Property-based testing: generators, shrinking (fast-check), repros, fix --from-pbt. */
export * as pbt from "./pbt/index.ts";
/** The Effect pipeline: stages as Effects, tagged errors, the Node layer. */
export * as pipeline from "./pipeline/index.ts";
/** Services and layers (file systems). */
export * as services from "./services/index.ts";

export { parseX07Ast, parseX07AstValue } from "./parse/index.ts";
export type { X07AstDocument, Expr, ParseResult } from "./parse/index.ts";
export { formatX07Ast, lintX07Ast, fixX07Ast } from "./authoring/index.ts";
export type { Diagnostic, DiagReport } from "./diag/index.ts";
export {
  type ContractError,
  type DocumentTypes,
  type SchemaVersion,
  type ValidationResult,
  detect,
  isSchemaVersion,
  schemaFor,
  schemaVersions,
  validate,
  validateAs,
} from "./core/contracts/index.ts";
