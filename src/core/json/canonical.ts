/**
 * Canonical JSON (RFC 8785, JCS) through the `json-canonicalize` package: object keys sorted by UTF-16
 * code units, no insignificant whitespace, ECMAScript number formatting. Every artifact this SDK writes
 * goes through here, so the same inputs give byte-identical outputs.
 */
import { canonicalize } from "json-canonicalize";
import type { JsonValue } from "./parse-json.ts";

/** JCS text of a value (one line, no trailing newline). */
export const canonicalJson = (value: JsonValue | object): string => canonicalize(value);

/** Pretty canonical text: keys in JCS order, two-space indentation. */
export const canonicalJsonPretty = (value: JsonValue | object): string =>
  JSON.stringify(JSON.parse(canonicalize(value)) as unknown, null, 2);
