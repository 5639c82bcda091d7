/**
 * FileSystem layers over effect's own `FileSystem` service: a Node implementation (node:fs) and an
 * in-memory one, so a backend can run every stage with no disk. Only the operations the SDK uses are
 * implemented; the rest fail as effect's no-op file system does. Atomic writes (`writeFileAtomic`, in core/io) write a sibling temp
 * file and renames it over the target, so a failed write never damages what the user had.
 */
import * as nodeFs from "node:fs/promises";
import * as nodePath from "node:path";
import { Effect, FileSystem, Layer, Option, PlatformError } from "effect";

type Fs = FileSystem.FileSystem;

const toError = (method: string, path: string) => (cause: unknown) => {
  const code = (cause as { code?: string }).code;
  const tag = code === "ENOENT" ? "NotFound" : code === "EACCES" || code === "EPERM" ? "PermissionDenied" : code === "EEXIST" ? "AlreadyExists" : "Unknown";
  return PlatformError.systemError({ _tag: tag, module: "FileSystem", method, pathOrDescriptor: path, description: (cause as Error).message ?? String(cause), cause });
};

const info = (type: FileSystem.File.Type, size: number, mtime?: Date): FileSystem.File.Info =>
  ({
    type,
    mtime: mtime !== undefined ? Option.some(mtime) : Option.none(),
    atime: Option.none(),
    birthtime: Option.none(),
    dev: 0n,
    ino: Option.none(),
    mode: 0o644,
    nlink: Option.none(),
    uid: Option.none(),
    gid: Option.none(),
    rdev: Option.none(),
    size: BigInt(size) as unknown as FileSystem.File.Info["size"],
    blksize: Option.none(),
    blocks: Option.none(),
  }) as FileSystem.File.Info;

const attempt = <A>(method: string, path: string, f: () => Promise<A>) => Effect.tryPromise({ try: f, catch: toError(method, path) });

/**
 * A FileSystem backed by node:fs. Relative paths resolve against `cwd` (default: the process's), so a
 * host can run commands "in" another directory without changing the process-wide working directory.
 */
export const makeNodeFileSystem = (options: { readonly cwd?: string } = {}): Fs => {
  const at = (p: string) => (options.cwd === undefined || nodePath.isAbsolute(p) ? p : nodePath.join(options.cwd, p));
  return FileSystem.makeNoop({
    readFile: (p) => attempt("readFile", p, async () => new Uint8Array(await nodeFs.readFile(at(p)))),
    readFileString: (p) => attempt("readFileString", p, () => nodeFs.readFile(at(p), "utf8")),
    writeFile: (p, data) => attempt("writeFile", p, () => nodeFs.writeFile(at(p), data)),
    writeFileString: (p, data) => attempt("writeFileString", p, () => nodeFs.writeFile(at(p), data, "utf8")),
    rename: (a, b) => attempt("rename", a, () => nodeFs.rename(at(a), at(b))),
    remove: (p, o) => attempt("remove", p, () => nodeFs.rm(at(p), { recursive: o?.recursive ?? false, force: o?.force ?? false })),
    makeDirectory: (p, o) => attempt("makeDirectory", p, async () => void (await nodeFs.mkdir(at(p), { recursive: o?.recursive ?? false }))),
    readDirectory: (p, o) => attempt("readDirectory", p, async () => (await nodeFs.readdir(at(p), { recursive: o?.recursive ?? false })).map(String)),
    exists: (p) => attempt("exists", p, () => nodeFs.access(at(p)).then(() => true, () => false)),
    stat: (p) =>
      attempt("stat", p, async () => {
        const s = await nodeFs.stat(at(p));
        return info(s.isDirectory() ? "Directory" : s.isFile() ? "File" : "Unknown", s.size, s.mtime);
      }),
  });
};

/** The Node FileSystem as a layer. */
export const layerNodeFileSystem: Layer.Layer<Fs> = Layer.succeed(FileSystem.FileSystem)(makeNodeFileSystem());

/** The Node FileSystem with relative paths resolved against `cwd`. */
export const layerNodeFileSystemAt = (cwd: string): Layer.Layer<Fs> => Layer.succeed(FileSystem.FileSystem)(makeNodeFileSystem({ cwd }));

/** A FileSystem held in a Map (paths are normalized with posix rules; directories are implied by files). */
export const makeMemoryFileSystem = (initial: Readonly<Record<string, string | Uint8Array>> = {}): { fs: Fs; files: Map<string, Uint8Array> } => {
  const norm = (p: string) => nodePath.posix.normalize(p.replace(/\\/g, "/"));
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>();
  const enc = new TextEncoder();
  for (const [k, v] of Object.entries(initial)) files.set(norm(k), typeof v === "string" ? enc.encode(v) : v);
  // "." (the working directory) always exists; relative keys live under it.
  const isDir = (p: string) => p === "." || dirs.has(p) || [...files.keys()].some((f) => f.startsWith(p === "/" ? "/" : p + "/"));
  const notFound = (method: string, p: string) => PlatformError.systemError({ _tag: "NotFound", module: "FileSystem", method, pathOrDescriptor: p, description: "no such file or directory" });
  const read = (method: string, p: string) => {
    const b = files.get(norm(p));
    return b === undefined ? Effect.fail(notFound(method, p)) : Effect.succeed(b);
  };
  const fs = FileSystem.makeNoop({
    readFile: (p) => read("readFile", p),
    readFileString: (p) => Effect.map(read("readFileString", p), (b) => new TextDecoder().decode(b)),
    writeFile: (p, data) => Effect.sync(() => void files.set(norm(p), new Uint8Array(data))),
    writeFileString: (p, data) => Effect.sync(() => void files.set(norm(p), enc.encode(data))),
    rename: (a, b) =>
      Effect.suspend(() => {
        const v = files.get(norm(a));
        if (v === undefined) return Effect.fail(notFound("rename", a));
        files.delete(norm(a));
        files.set(norm(b), v);
        return Effect.void;
      }),
    remove: (p) => Effect.sync(() => void files.delete(norm(p))),
    makeDirectory: (p) => Effect.sync(() => void dirs.add(norm(p))),
    exists: (p) => Effect.sync(() => files.has(norm(p)) || isDir(norm(p))),
    readDirectory: (p, o) =>
      Effect.suspend(() => {
        const base = norm(p);
        if (!isDir(base)) return Effect.fail(notFound("readDirectory", p));
        const prefix = base === "." ? "" : base + "/";
        const out = new Set<string>();
        for (const f of files.keys()) {
          if (!f.startsWith(prefix)) continue;
          const rest = f.slice(prefix.length);
          const parts = rest.split("/");
          if (o?.recursive === true) parts.forEach((_, i) => out.add(parts.slice(0, i + 1).join("/")));
          else out.add(parts[0]!);
        }
        return Effect.succeed([...out].sort());
      }),
    stat: (p) =>
      Effect.suspend(() => {
        const n = norm(p);
        const b = files.get(n);
        if (b !== undefined) return Effect.succeed(info("File", b.length));
        if (isDir(n)) return Effect.succeed(info("Directory", 0));
        return Effect.fail(notFound("stat", p));
      }),
  });
  return { fs, files };
};

/** An in-memory FileSystem as a layer. */
export const layerMemoryFileSystem = (initial: Readonly<Record<string, string | Uint8Array>> = {}): Layer.Layer<Fs> =>
  Layer.succeed(FileSystem.FileSystem)(makeMemoryFileSystem(initial).fs);
