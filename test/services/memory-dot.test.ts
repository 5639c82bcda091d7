/** The in-memory file system treats "." (the working directory) as a directory, as the Node one does. */
import { Effect, FileSystem } from "effect";
import { describe, expect, it } from "vitest";
import { layerMemoryFileSystem } from "../../src/services/index.ts";

describe("memory file system: the working directory", () => {
  it("stat('.') is a directory and exists('.') is true, with or without files", async () => {
    for (const files of [{ "a.txt": "x" }, {}]) {
      const [info, exists, entries] = await Effect.runPromise(
        Effect.provide(
          Effect.flatMap(FileSystem.FileSystem, (fs) => Effect.all([fs.stat("."), fs.exists("."), fs.readDirectory(".")])),
          layerMemoryFileSystem(files),
        ),
      );
      expect(info.type).toBe("Directory");
      expect(exists).toBe(true);
      expect(entries).toEqual(Object.keys(files));
    }
  });
});
