/**
 * The SDK's version (kept in step with package.json by a test).
 * @since 0.1.0
 * @category models
 */
export const SDK_VERSION = "0.1.0";
