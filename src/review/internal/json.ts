/**
 * Small JSON helpers for the review diff: typed reads that mirror serde_json's `as_u64` / `as_bool` /
 * `as_str` / `pointer`, value equality, canonical compact text and the byte/path orders upstream's
 * BTreeMap/BTreeSet/PathBuf keys give.
 */
import { canonicalJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";

/** A JSON object. */
export type JsonObject = { readonly [k: string]: JsonValue };

/** A value that may be absent (Rust's `Option<&Value>`). */
export type Maybe = JsonValue | undefined;

export const isObject = (v: Maybe): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** `v.get(key)` on an object; `undefined` for anything else or a missing key. */
export const get = (v: Maybe, key: string): Maybe => (isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined);

/** RFC 6901 lookup (`Value::pointer`): "" is the whole value; array tokens must be canonical indices. */
export const pointer = (v: Maybe, ptr: string): Maybe => {
  if (ptr === "") return v;
  if (!ptr.startsWith("/")) return undefined;
  let cur: Maybe = v;
  for (const raw of ptr.slice(1).split("/")) {
    const tok = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(tok)) return undefined;
      cur = (cur as JsonValue[])[Number(tok)];
    } else if (isObject(cur)) cur = Object.hasOwn(cur, tok) ? cur[tok] : undefined;
    else return undefined;
  }
  return cur;
};

/** `as_u64`: a non-negative safe integer, else `undefined`. */
export const asU64 = (v: Maybe): number | undefined => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
export const asBool = (v: Maybe): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const asStr = (v: Maybe): string | undefined => (typeof v === "string" ? v : undefined);
export const asArray = (v: Maybe): ReadonlyArray<JsonValue> | undefined => (Array.isArray(v) ? (v as JsonValue[]) : undefined);

/** Canonical compact JSON text (JCS), the identity upstream uses for set members. */
export const canonCompact = (v: JsonValue): string => canonicalJson(v);

/** Structural equality of two optional values (absent equals absent only). */
export const jsonEq = (a: Maybe, b: Maybe): boolean => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b));

/** `Option<Value>` into JSON: absent becomes null. */
export const orNull = (v: Maybe): JsonValue => (v === undefined ? null : v);

/** Byte order of the UTF-8 encodings (Rust's `String` order). */
export const byteCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** Rust's `Path` order: component by component, each compared as bytes. */
export const pathCompare = (a: string, b: string): number => {
  const pa = a.split("/").filter((s) => s !== "" && s !== ".");
  const pb = b.split("/").filter((s) => s !== "" && s !== ".");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = byteCompare(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
};

/** Sorted, de-duplicated strings in byte order (a `BTreeSet<String>`). */
export const sortedSet = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(byteCompare);

/** The members of a JSON array as canonical compact strings (`allowlist_entries`); not an array → empty. */
export const allowlistEntries = (v: Maybe): Set<string> => new Set((asArray(v) ?? []).map(canonCompact));

export const isSubset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((x) => b.has(x));

/** Elements of `a` not in `b`, sorted in byte order. */
export const difference = (a: ReadonlySet<string>, b: ReadonlySet<string>): string[] => [...a].filter((x) => !b.has(x)).sort(byteCompare);

/** `Option::or_else` over optional values: `a` when present (even if JSON null), else `b`. */
export const orElse = (a: Maybe, b: Maybe): Maybe => (a !== undefined ? a : b);
