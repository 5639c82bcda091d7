/** RFC 6901 JSON Pointers: build, split and resolve. */
import { escapePointerToken } from "./parse-json.ts";
import type { JsonValue } from "./parse-json.ts";

export { escapePointerToken };

/** Unescapes one reference token. */
export const unescapePointerToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Appends tokens to a pointer: `child("/decls", 3, "body")` is `/decls/3/body`. */
export const child = (base: string, ...tokens: ReadonlyArray<string | number>): string =>
  tokens.reduce<string>((p, t) => `${p}/${typeof t === "number" ? t : escapePointerToken(t)}`, base);

/** Splits a pointer into unescaped tokens; undefined when it is not a valid pointer. */
export const splitPointer = (pointer: string): string[] | undefined => {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer.slice(1).split("/").map(unescapePointerToken);
};

/** The value at `pointer`, or undefined when the path does not exist. */
export const getAt = (doc: JsonValue, pointer: string): JsonValue | undefined => {
  const tokens = splitPointer(pointer);
  if (tokens === undefined) return undefined;
  let cur: JsonValue | undefined = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t)) return undefined;
      cur = cur[Number(t)];
    } else if (cur !== null && typeof cur === "object") {
      cur = Object.prototype.hasOwnProperty.call(cur, t) ? cur[t] : undefined;
    } else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
};
