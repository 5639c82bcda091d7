/** Path text the way upstream's `Path::display` of `parent()`/`join()` gives it, so reports name paths as the caller did. */

/** `Path::parent` as text: "" for a bare file name, "/" for a child of the root. */
export const parentOf = (p: string): string => {
  const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
  const i = trimmed.lastIndexOf("/");
  return i < 0 ? "" : i === 0 ? "/" : trimmed.slice(0, i);
};

/** `Path::join`: an absolute `rel` replaces the base; "" as base yields `rel`. */
export const joinPath = (base: string, rel: string): string => (rel.startsWith("/") || base === "" ? rel : base.endsWith("/") ? base + rel : `${base}/${rel}`);

/** Drops `.` components (upstream normalizes module roots this way). */
export const dropCurDir = (p: string): string => {
  const abs = p.startsWith("/");
  const parts = p.split("/").filter((s) => s !== "" && s !== ".");
  return (abs ? "/" : "") + parts.join("/");
};

/** `Path::with_extension(ext)`: replaces the file name's last extension (or appends one). */
export const withExtension = (p: string, ext: string): string => {
  const slash = p.lastIndexOf("/");
  const name = p.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${p.slice(0, slash + 1)}${stem}.${ext}`;
};

/** A relative path with no `..` and no root (`--deps-cap-policy`). */
export const isSafeRelPath = (p: string): boolean => p !== "" && !p.startsWith("/") && !p.split(/[/\\]/).includes("..") && !/^[A-Za-z]:/.test(p);
