import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { fmtFiles, lintFiles, patchApply } from "../../src/authoring/index.ts";
import { parseFile } from "../../src/pipeline/index.ts";
import { createX07 } from "../../src/promise/index.ts";
import { makeMemoryFileSystem, layerMemoryFileSystem, writeFileAtomic } from "../../src/services/index.ts";
import { FileSystem, Layer } from "effect";

const doc = JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["bytes.lit", "x"] }, null, 2);

describe("stages run on an in-memory file system (no disk)", () => {
  it("fmt --write rewrites only non-canonical files", async () => {
    const { fs, files } = makeMemoryFileSystem({ "p/a.x07.json": doc, "p/notes.txt": "n" });
    const r = await Effect.runPromise(Effect.provide(fmtFiles(["p"], { write: true }), Layer.succeed(FileSystem.FileSystem)(fs)));
    expect(r.files).toEqual(["p/a.x07.json"]);
    expect(r.written).toEqual(["p/a.x07.json"]);
    expect(new TextDecoder().decode(files.get("p/a.x07.json"))).toBe(JSON.stringify(JSON.parse(doc), Object.keys(JSON.parse(doc)).sort()) + "\n");
  });

  it("lint and parseFile read through the layer; a missing file is a FileReadError", async () => {
    const layer = layerMemoryFileSystem({ "a.x07.json": doc });
    const report = await Effect.runPromise(Effect.provide(lintFiles(["a.x07.json"]), layer));
    expect(report.ok).toBe(true);
    const parsed = await Effect.runPromise(Effect.provide(parseFile("a.x07.json"), layer));
    expect(parsed.moduleId).toBe("main");
    const missing = await Effect.runPromiseExit(Effect.provide(parseFile("nope.x07.json"), layer));
    expect(Exit.isFailure(missing) && JSON.stringify(missing.cause)).toContain("FileReadError");
  });

  it("writeFileAtomic leaves the original when the rename fails, and removes the temp file", async () => {
    const { fs, files } = makeMemoryFileSystem({ "a.txt": "original" });
    const failing: FileSystem.FileSystem = { ...fs, rename: () => Effect.fail(new Error("disk full") as never) };
    const exit = await Effect.runPromiseExit(writeFileAtomic(failing, "a.txt", "new"));
    expect(Exit.isFailure(exit)).toBe(true);
    expect(new TextDecoder().decode(files.get("a.txt"))).toBe("original");
    expect([...files.keys()]).toEqual(["a.txt"]);
  });

  it("patch apply on the memory file system", async () => {
    const { fs, files } = makeMemoryFileSystem({ "ps.json": JSON.stringify({ schema_version: "x07.patchset@0.1.0", patches: [{ path: "a.json", patch: [{ op: "add", path: "/k", value: 1 }] }] }) });
    const r = await Effect.runPromise(Effect.provide(patchApply("ps.json", { write: true }), Layer.succeed(FileSystem.FileSystem)(fs)));
    expect(r.ok).toBe(true);
    expect(r.createdPaths).toEqual(["a.json"]);
    expect(new TextDecoder().decode(files.get("a.json"))).toBe('{"k":1}\n');
  });
});

describe("the Promise façade", () => {
  it("runs stages and rejects with the tagged error itself", async () => {
    const x07 = createX07({ layer: layerMemoryFileSystem({ "a.x07.json": doc }) });
    const d = await x07.parseFile("a.x07.json");
    expect(d.kind).toBe("entry");
    await expect(x07.parse("{")).rejects.toMatchObject({ _tag: "InvalidInputError" });
    const err = await x07.parse("{").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { diagnostics: Array<{ code: string }> }).diagnostics[0]!.code).toBe("X07-JSON-PARSE-0001");
    await x07.dispose();
  });

  it("the Promise façade checks and runs a program that imports std, on an in-memory file system", async () => {
    const prog = JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: ["std.hash"], decls: [], solve: ["codec.write_u32_le", ["std.hash.fnv1a32_view", "input"]] });
    const bad = JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: [], solve: ["nope.head"] });
    const x07 = createX07({ layer: layerMemoryFileSystem({ "m.x07.json": prog, "bad.x07.json": bad }) });
    const r = await x07.run("m.x07.json", { input: new TextEncoder().encode("a") });
    expect(r.run?.ok && Buffer.from(r.run.output).toString("hex")).toBe("2c290ce4");
    const b = await x07.run("bad.x07.json");
    expect(b.run).toBeUndefined();
    expect(b.checked.diagnostics.map((d) => d.code)).toContain("X07-TYPE-CALL-0001");
    await x07.dispose();
  });
});
