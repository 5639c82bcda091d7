/**
 * Glob patterns with the semantics of Rust's `globset` defaults, which upstream's include/exclude
 * options use: `*` and `?` also match `/` (no literal separator), `**` is recursive only as a whole
 * path component (`**\/x`, `x/**`, `a/**\/b`, `**`), `[...]`/`[!...]` are classes, `{a,b}` alternates,
 * and `\` escapes. Matching is on `/`-separated relative paths and anchored at both ends.
 */

/** A compiled pattern, or why it is invalid. */
export type CompiledGlob = { readonly ok: true; readonly pattern: string; readonly re: RegExp } | { readonly ok: false; readonly pattern: string; readonly reason: string };

const escapeRe = (c: string): string => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c);

/** Compiles one glob into an anchored regular expression. */
export const compileGlob = (pattern: string): CompiledGlob => {
  let re = "";
  let i = 0;
  let braceDepth = 0;
  const n = pattern.length;
  const fail = (reason: string): CompiledGlob => ({ ok: false, pattern, reason });
  while (i < n) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const atStart = i === 0 || pattern[i - 1] === "/";
      const after = pattern[i + 2];
      if (!atStart || (after !== undefined && after !== "/")) return fail("`**` must be a whole path component");
      if (after === undefined) {
        // `**` alone matches everything; `x/**` matches anything below x (the `/` is already emitted).
        re += ".*";
        i += 2;
      } else {
        // `**/` matches zero or more leading components.
        re += "(?:.*/)?";
        i += 3;
      }
      continue;
    }
    if (c === "*") {
      re += ".*";
      i += 1;
      continue;
    }
    if (c === "?") {
      re += ".";
      i += 1;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= n) return fail("dangling escape");
      re += escapeRe(pattern[i + 1]!);
      i += 2;
      continue;
    }
    if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) return fail("unclosed character class");
      let body = pattern.slice(i + 1, close);
      let neg = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? "^" : ""}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close + 1;
      continue;
    }
    if (c === "{") {
      braceDepth += 1;
      re += "(?:";
      i += 1;
      continue;
    }
    if (c === "}" && braceDepth > 0) {
      braceDepth -= 1;
      re += ")";
      i += 1;
      continue;
    }
    if (c === "," && braceDepth > 0) {
      re += "|";
      i += 1;
      continue;
    }
    re += escapeRe(c);
    i += 1;
  }
  if (braceDepth !== 0) return fail("unclosed alternation");
  return { ok: true, pattern, re: new RegExp(`^${re}$`, "s") };
};

/** A set of compiled globs; a path matches when any member does. */
export interface GlobSet {
  readonly isMatch: (path: string) => boolean;
}

export const makeGlobSet = (globs: ReadonlyArray<{ readonly re: RegExp }>): GlobSet => ({ isMatch: (p) => globs.some((g) => g.re.test(p)) });
