/**
 * x07-sdk: the X07 toolchain as a library for Node.
 *
 * The root entry re-exports every stage's public face. Each stage also has its own subpath
 * (`x07-sdk/parse`, `x07-sdk/diag`, …) so a backend that only needs one stage loads only that.
 *
 * @packageDocumentation
 */

/**
 * The SDK's version.
 * @since 0.1.0
 * @category models
 */
export const SDK_VERSION = "0.1.0";
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
