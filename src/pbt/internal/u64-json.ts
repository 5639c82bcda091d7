/**
 * Canonical pretty JSON that keeps u64 integers exact. Repro files carry `effective_seed_u64`, which is
 * usually above 2^53, so it travels as a `bigint` here; JCS libraries and JSON.parse would round it.
 * Output: keys sorted by UTF-16 code units (JCS order), two-space indent, `": "`, trailing newline (the
 * layout of upstream's pretty canonical artifacts).
 */

export type U64JsonValue = null | boolean | number | bigint | string | ReadonlyArray<U64JsonValue> | { readonly [k: string]: U64JsonValue | undefined };

const render = (v: U64JsonValue, indent: string): string => {
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return v.toString();
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    const arr = v as ReadonlyArray<U64JsonValue>;
    return arr.length === 0 ? "[]" : `[\n${arr.map((x) => inner + render(x, inner)).join(",\n")}\n${indent}]`;
  }
  const obj = v as { readonly [k: string]: U64JsonValue | undefined };
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return keys.length === 0 ? "{}" : `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${render(obj[k]!, inner)}`).join(",\n")}\n${indent}}`;
};

/** Canonical pretty text with a trailing newline. */
export const canonicalPrettyU64 = (v: U64JsonValue): string => render(v, "") + "\n";

/**
 * Parses JSON, turning integers too large for a double into `bigint`s (everything else as JSON.parse).
 * Throws SyntaxError on malformed text, like JSON.parse.
 */
export const parseJsonU64 = (text: string): unknown => {
  // Wrap long integer tokens (outside strings) as tagged strings, then revive them.
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      const tok = text.slice(i, j);
      out += /^-?[0-9]{16,}$/.test(tok) && !Number.isSafeInteger(Number(tok)) ? `"\\u0000u64:${tok}"` : tok;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out, (_k, v: unknown) => (typeof v === "string" && v.startsWith("\u0000u64:") ? BigInt(v.slice(5)) : v));
};
