/**
 * A strict, iterative JSON reader.
 *
 * `JSON.parse` is fast but silent about the things a toolchain must report: duplicate object keys
 * (last one wins), invalid UTF-8 (replaced by U+FFFD), and nesting that later recursive passes
 * cannot survive. This reader never recurses (a 100,000-deep array costs a heap stack, not the JS
 * stack), never throws for bad input, and reports the first problem with a byte offset, a
 * line/column and the JSON Pointer of the value being read.
 */

/** A JSON value as produced by this reader (objects are plain objects). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Why reading failed. */
export type JsonErrorKind = "syntax" | "utf8" | "duplicate_key" | "depth";

/** A reading failure: what, where (offset/line/col into the text) and the pointer of the enclosing value. */
export interface JsonReadError {
  readonly kind: JsonErrorKind;
  readonly message: string;
  /** UTF-16 offset into the decoded text (byte offset for `utf8` errors). */
  readonly offset: number;
  readonly line: number;
  readonly col: number;
  /** JSON Pointer of the value being read when the problem was found. */
  readonly pointer: string;
}

export type JsonReadResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: JsonReadError };

export interface JsonReadOptions {
  /** Maximum nesting of arrays/objects (default 1024). */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 1024;

/** Escapes one JSON Pointer reference token (RFC 6901). */
export const escapePointerToken = (token: string): string =>
  token.includes("~") || token.includes("/") ? token.replace(/~/g, "~0").replace(/\//g, "~1") : token;

/** Decodes bytes as strict UTF-8; on failure returns the offset of the first bad byte. */
export const decodeUtf8 = (bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number } => {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidUtf8Offset(bytes) };
  }
};

/** Finds the first byte offset that is not part of a well-formed UTF-8 sequence. */
export const firstInvalidUtf8Offset = (b: Uint8Array): number => {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
};

const lineCol = (text: string, offset: number): { line: number; col: number } => {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; last = i; }
  }
  return { line, col: offset - last };
};

type Frame =
  | { kind: "array"; value: JsonValue[] }
  | { kind: "object"; value: { [key: string]: JsonValue }; key: string | undefined; keys: Set<string> };

/** Reads JSON text (or strict UTF-8 bytes) into a value, or the first problem found. Never throws. */
export const readJson = (input: string | Uint8Array, options: JsonReadOptions = {}): JsonReadResult => {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const d = decodeUtf8(input);
    if (!d.ok) {
      const prefix = new TextDecoder("utf-8").decode(input.subarray(0, d.offset));
      const lc = lineCol(prefix, prefix.length);
      return {
        ok: false,
        error: { kind: "utf8", message: `invalid UTF-8 at byte offset ${d.offset}`, offset: d.offset, line: lc.line, col: lc.col, pointer: "" },
      };
    }
    text = d.text;
  }
  return new Reader(text, options.maxDepth ?? DEFAULT_MAX_DEPTH).run();
};

class Reader {
  private pos = 0;
  private readonly stack: Frame[] = [];
  constructor(private readonly text: string, private readonly maxDepth: number) {}

  private pointer(): string {
    let p = "";
    for (const f of this.stack) {
      if (f.kind === "array") p += "/" + f.value.length;
      else if (f.key !== undefined) p += "/" + escapePointerToken(f.key);
    }
    return p;
  }

  private fail(kind: JsonErrorKind, message: string, at = this.pos): JsonReadResult {
    const { line, col } = lineCol(this.text, at);
    return { ok: false, error: { kind, message, offset: at, line, col, pointer: this.pointer() } };
  }

  private skipWs(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  run(): JsonReadResult {
    const t = this.text;
    let result: JsonValue | undefined;
    let haveResult = false;
    // Each iteration reads one value (a scalar or an opening bracket) and then closes as many
    // containers as the following punctuation allows.
    for (;;) {
      this.skipWs();
      if (this.pos >= t.length) return this.fail("syntax", "unexpected end of input");
      const c = t.charCodeAt(this.pos);
      let value: JsonValue | undefined;
      let opened = false;
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (this.stack.length >= this.maxDepth) return this.fail("depth", `nesting deeper than ${this.maxDepth} levels`);
        this.pos++;
        this.skipWs();
        if (c === 91) {
          if (t.charCodeAt(this.pos) === 93) { this.pos++; value = []; }
          else { this.stack.push({ kind: "array", value: [] }); opened = true; }
        } else {
          if (t.charCodeAt(this.pos) === 125) { this.pos++; value = {}; }
          else {
            const frame: Frame = { kind: "object", value: {}, key: undefined, keys: new Set() };
            this.stack.push(frame);
            const r = this.readKey(frame);
            if (r) return r;
            opened = true;
          }
        }
      } else if (c === 34 /* " */) {
        const s = this.readString();
        if (typeof s !== "string") return s;
        value = s;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        const n = this.readNumber();
        if (typeof n !== "number") return n;
        value = n;
      } else if (t.startsWith("true", this.pos)) { this.pos += 4; value = true; }
      else if (t.startsWith("false", this.pos)) { this.pos += 5; value = false; }
      else if (t.startsWith("null", this.pos)) { this.pos += 4; value = null; }
      else return this.fail("syntax", `unexpected character ${JSON.stringify(t[this.pos])}`);
      if (opened) continue;

      // Attach `value` to its parent and close finished containers.
      for (;;) {
        const top = this.stack[this.stack.length - 1];
        if (top === undefined) { result = value; haveResult = true; break; }
        if (top.kind === "array") top.value.push(value as JsonValue);
        else setOwn(top.value, top.key as string, value as JsonValue);
        this.skipWs();
        const p = t.charCodeAt(this.pos);
        if (p === 44 /* , */) {
          this.pos++;
          if (top.kind === "object") {
            this.skipWs();
            const r = this.readKey(top);
            if (r) return r;
          }
          break;
        }
        const close = top.kind === "array" ? 93 : 125;
        if (p !== close) {
          return this.fail("syntax", this.pos >= t.length ? "unexpected end of input" : `expected ',' or '${top.kind === "array" ? "]" : "}"}'`);
        }
        this.pos++;
        this.stack.pop();
        value = top.value;
      }
      if (haveResult) break;
    }
    this.skipWs();
    if (this.pos < t.length) return this.fail("syntax", "unexpected data after the JSON value");
    return { ok: true, value: result as JsonValue };
  }

  /** Reads `"key" :` for an object frame, rejecting duplicates. */
  private readKey(frame: Extract<Frame, { kind: "object" }>): JsonReadResult | undefined {
    frame.key = undefined;
    if (this.text.charCodeAt(this.pos) !== 34) return this.fail("syntax", "expected a string key");
    const start = this.pos;
    const k = this.readString();
    if (typeof k !== "string") return k;
    if (frame.keys.has(k)) {
      frame.key = k;
      return this.fail("duplicate_key", `duplicate object key ${JSON.stringify(k)}`, start);
    }
    frame.keys.add(k);
    this.skipWs();
    if (this.text.charCodeAt(this.pos) !== 58) return this.fail("syntax", "expected ':' after object key");
    this.pos++;
    frame.key = k;
    return undefined;
  }

  private readString(): string | JsonReadResult {
    const t = this.text;
    let p = this.pos + 1;
    let out = "";
    let chunk = p;
    for (;;) {
      if (p >= t.length) return this.fail("syntax", "unterminated string", this.pos);
      SPECIAL.lastIndex = p;
      const found = SPECIAL.exec(t);
      if (found === null) return this.fail("syntax", "unterminated string", this.pos);
      p = found.index;
      const c = t.charCodeAt(p);
      if (c === 34) { out += t.slice(chunk, p); this.pos = p + 1; return out; }
      if (c < 0x20) return this.fail("syntax", "control character in string", p);
      out += t.slice(chunk, p);
      const e = t.charCodeAt(p + 1);
      switch (e) {
        case 34: out += '"'; break;
        case 92: out += "\\"; break;
        case 47: out += "/"; break;
        case 98: out += "\b"; break;
        case 102: out += "\f"; break;
        case 110: out += "\n"; break;
        case 114: out += "\r"; break;
        case 116: out += "\t"; break;
        case 117: {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return this.fail("syntax", "invalid \\u escape", p);
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          return this.fail("syntax", "invalid escape in string", p);
      }
      p += 2;
      chunk = p;
    }
  }

  private readNumber(): number | JsonReadResult {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail("syntax", "invalid number");
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

/** The characters that end a plain run inside a string. */
const SPECIAL = /["\\\x00-\x1f]/g;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

const setOwn = (obj: { [key: string]: JsonValue }, key: string, value: JsonValue): void => {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
};
