/** Shared JSON kernel: strict reading, pointers, canonical text, digests. */
export { readJson, decodeUtf8, firstInvalidUtf8Offset } from "./parse-json.ts";
export type { JsonValue, JsonReadError, JsonReadResult, JsonReadOptions, JsonErrorKind } from "./parse-json.ts";
export { child, splitPointer, getAt, escapePointerToken, unescapePointerToken } from "./pointer.ts";
export { canonicalJson, canonicalJsonPretty } from "./canonical.ts";
export { sha256Hex } from "./digest.ts";
