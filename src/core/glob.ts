/**
 * Path globs with the semantics upstream's `globset` crate gives them by default (what `x07 arch check`
 * uses for node `path_globs` and the module-scan include/exclude lists):
 *
 * - matching is against the whole repo-relative path with `/` separators, case-sensitive;
 * - `*` matches any run of characters, `/` included, and `?` any single character (globset's default
 *   `literal_separator = false`), so `src/*.x07.json` also matches `src/a/b.x07.json`;
 * - `**` as a whole path component: a leading `**​/` matches zero or more directories, a trailing `/**`
 *   everything below, an inner `/**​/` zero or more directories; elsewhere `**` acts as `*`;
 * - `[abc]`, `[a-z]`, `[!abc]` character classes, `{a,b}` alternatives, `\x` a literal `x`.
 *
 * A malformed glob (an unclosed `[` or `{`, nested `{`) is an error value, never an exception.
 */

/** A compiled glob, or why it is malformed. */
export type CompiledGlob = { readonly ok: true; readonly glob: string; readonly regex: RegExp } | { readonly ok: false; readonly glob: string; readonly error: string };

const escapeRe = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, (x) => `\\${x}`);

/** Translates one glob to a regular-expression body (without anchors). */
const translate = (glob: string): { ok: true; body: string } | { ok: false; error: string } => {
  let out = "";
  let i = 0;
  let inAlt = false;
  const n = glob.length;
  while (i < n) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/" || (inAlt && (glob[i - 1] === "{" || glob[i - 1] === ","));
        const after = glob[i + 2];
        const atEnd = after === undefined || after === "/" || (inAlt && (after === "," || after === "}"));
        if (atStart && atEnd) {
          if (after === "/") {
            // `**/`: zero or more directories. After a `/` the separator is already consumed.
            out += i === 0 ? "(?:.*/)?" : "(?:.*/)?";
            i += 3;
            continue;
          }
          // trailing `**` (after `/` or at the very start): anything at all.
          out += ".*";
          i += 2;
          continue;
        }
        out += ".*";
        i += 2;
        continue;
      }
      out += ".*";
      i += 1;
      continue;
    }
    if (c === "?") {
      out += ".";
      i += 1;
      continue;
    }
    if (c === "\\") {
      const next = glob[i + 1];
      if (next === undefined) return { ok: false, error: "dangling escape '\\'" };
      out += escapeRe(next);
      i += 2;
      continue;
    }
    if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) return { ok: false, error: "unclosed character class '['" };
      let body = glob.slice(i + 1, close);
      let neg = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        neg = true;
        body = body.slice(1);
      }
      const cls = body.replace(/[\\\]^]/g, (x) => `\\${x}`);
      out += `[${neg ? "^" : ""}${cls}]`;
      i = close + 1;
      continue;
    }
    if (c === "{") {
      if (inAlt) return { ok: false, error: "nested alternates '{' are not allowed" };
      inAlt = true;
      out += "(?:";
      i += 1;
      continue;
    }
    if (c === "}" && inAlt) {
      inAlt = false;
      out += ")";
      i += 1;
      continue;
    }
    if (c === "," && inAlt) {
      out += "|";
      i += 1;
      continue;
    }
    out += escapeRe(c);
    i += 1;
  }
  if (inAlt) return { ok: false, error: "unclosed alternates '{'" };
  return { ok: true, body: out };
};

/** Compiles a glob. */
export const compileGlob = (glob: string): CompiledGlob => {
  const t = translate(glob);
  return t.ok ? { ok: true, glob, regex: new RegExp(`^${t.body}$`, "s") } : { ok: false, glob, error: t.error };
};

/** A set of globs: matches when any member matches. */
export interface GlobSet {
  readonly globs: ReadonlyArray<string>;
  readonly matches: (path: string) => boolean;
}

/** Compiles a list of globs into a set, or returns the first malformed one. */
export const compileGlobSet = (globs: ReadonlyArray<string>): { readonly ok: true; readonly set: GlobSet } | { readonly ok: false; readonly glob: string; readonly error: string } => {
  const res: RegExp[] = [];
  for (const g of globs) {
    const c = compileGlob(g);
    if (!c.ok) return { ok: false, glob: g, error: c.error };
    res.push(c.regex);
  }
  return { ok: true, set: { globs, matches: (p) => res.some((r) => r.test(p)) } };
};
