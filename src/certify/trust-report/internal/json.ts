/**
 * Typed reads over parsed JSON (serde_json's `get`/`pointer`/`as_*`). The review stage has the same
 * helpers in its internal/json.ts; both belong in core/json once that is shared (noted for the lead).
 */
import type { JsonValue } from "../../../core/json/index.ts";

export type Maybe = JsonValue | undefined;
export type JsonObject = { readonly [k: string]: JsonValue };

export const isObject = (v: Maybe): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
export const get = (v: Maybe, key: string): Maybe => (isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined);
export const pointer = (v: Maybe, ptr: string): Maybe => {
  let cur: Maybe = v;
  for (const raw of ptr.split("/").slice(1)) {
    const tok = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = Array.isArray(cur) ? (/^(0|[1-9][0-9]*)$/.test(tok) ? (cur as JsonValue[])[Number(tok)] : undefined) : get(cur, tok);
  }
  return cur;
};
export const asU64 = (v: Maybe): number | undefined => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
export const asBool = (v: Maybe): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const asStr = (v: Maybe): string | undefined => (typeof v === "string" ? v : undefined);
export const asArray = (v: Maybe): ReadonlyArray<JsonValue> | undefined => (Array.isArray(v) ? (v as JsonValue[]) : undefined);
/** Byte order of UTF-8 encodings (Rust's `String` order). */
export const byteCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
