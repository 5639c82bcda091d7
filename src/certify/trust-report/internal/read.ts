/** Reading files for the trust report: optional files, JSON documents and directory walks, over the FileSystem service. */
import { Effect, FileSystem } from "effect";
import type { JsonValue } from "../../../core/json/index.ts";

export type Kind = "file" | "dir" | "missing";

export const kindOf = (p: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* fs.stat(p).pipe(
      Effect.map((s): Kind => (s.type === "Directory" ? "dir" : s.type === "File" ? "file" : "missing")),
      Effect.catch(() => Effect.succeed<Kind>("missing")),
    );
  });

/** The JSON in a file: `{ok: true, value}`, or why not (missing, unreadable, not JSON). */
export type JsonFile = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly reason: "missing" | "unreadable" | "invalid_json"; readonly detail: string };

export const readJsonFile = (p: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    if ((yield* kindOf(p)) !== "file") return { ok: false, reason: "missing", detail: `no such file: ${p}` } satisfies JsonFile as JsonFile;
    const bytes = yield* fs.readFile(p).pipe(Effect.catch(() => Effect.succeed<Uint8Array | undefined>(undefined)));
    if (bytes === undefined) return { ok: false, reason: "unreadable", detail: `cannot read ${p}` } satisfies JsonFile as JsonFile;
    try {
      return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as JsonValue } satisfies JsonFile as JsonFile;
    } catch (e) {
      return { ok: false, reason: "invalid_json", detail: `parse JSON ${p}: ${(e as Error).message}` } satisfies JsonFile as JsonFile;
    }
  });

/** Every `*.x07.json` file below `root` (sorted; `root/`-prefixed), or [] when `root` is not a directory. */
export const x07FilesUnder = (root: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    if ((yield* kindOf(root)) !== "dir") return [] as string[];
    const entries = yield* fs.readDirectory(root, { recursive: true }).pipe(Effect.catch(() => Effect.succeed<string[]>([])));
    const out: string[] = [];
    for (const e of entries.map((x) => x.replace(/\\/g, "/")).sort()) {
      if (!e.split("/").pop()!.endsWith(".x07.json")) continue;
      const full = root.endsWith("/") ? root + e : `${root}/${e}`;
      if ((yield* kindOf(full)) === "file") out.push(full);
    }
    return out;
  });
