import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { canonicalize } from "json-canonicalize";
import { describe, expect, it } from "vitest";
import { entryDoc, runCli, tempTree } from "../_helpers/cli.ts";

const canonical = (v: unknown) => canonicalize(v) + "\n";

describe("x07 fmt", () => {
  const docA = entryDoc(["bytes.lit", "a b"]);
  const docB = { ...entryDoc(["+", 1, 2]), module_id: "b" };
  const docC = { ...entryDoc(), module_id: "c" };

  const tree = () =>
    tempTree({
      "src/a.x07.json": canonical(docA), // canonical already
      "src/b.x07.json": JSON.stringify(docB, null, 2), // pretty: not canonical
      "src/nested/c.x07.json": JSON.stringify(docC), // key order not canonical
      "src/readme.txt": "not x07",
    });

  it("--check reports exactly the non-canonical files and exits 1", async () => {
    const dir = tree();
    const r = await runCli(["fmt", "--check", "src"], dir);
    expect(r.code).toBe(1);
    const listed = r.stderr.trim().split("\n").sort();
    expect(listed).toEqual(["file is not formatted: src/b.x07.json", "file is not formatted: src/nested/c.x07.json"]);
  });

  it("--write makes --check pass and the output is JCS of the input plus a newline", async () => {
    const dir = tree();
    const w = await runCli(["fmt", "--write", "src"], dir);
    expect(w.code).toBe(0);
    const c = await runCli(["fmt", "--check", "src"], dir);
    expect(c.code).toBe(0);
    expect(readFileSync(path.join(dir, "src/b.x07.json"), "utf8")).toBe(canonical(docB));
    expect(readFileSync(path.join(dir, "src/nested/c.x07.json"), "utf8")).toBe(canonical(docC));
    expect(readFileSync(path.join(dir, "src/a.x07.json"), "utf8")).toBe(canonical(docA));
  });

  it("--json prints a tool report listing the unformatted files", async () => {
    const dir = tree();
    const r = await runCli(["fmt", "--check", "--json", "src"], dir);
    const report = JSON.parse(r.stdout);
    expect(report.schema_version).toBe("x07.tool.fmt.report@0.1.0");
    expect(report.exit_code).toBe(1);
    expect(report.result.stdout_json.not_formatted).toEqual(["src/b.x07.json", "src/nested/c.x07.json"]);
  });

  it("needs exactly one of --check / --write (exit 2)", async () => {
    const dir = tree();
    expect((await runCli(["fmt", "src"], dir)).code).toBe(2);
    expect((await runCli(["fmt", "--check", "--write", "src"], dir)).code).toBe(2);
  });

  it("canonical order: decls sorted by kind and name, imports sorted and de-duplicated", async () => {
    const mod = {
      schema_version: "x07.x07ast@0.8.0",
      kind: "module",
      module_id: "m",
      imports: ["std.b", "std.a"],
      decls: [
        { kind: "defn", name: "m.z", params: [], result: "i32", body: 1 },
        { kind: "defn", name: "m.a", params: [], result: "i32", body: 2 },
        { kind: "export", names: ["m.z", "m.a"] },
      ],
    };
    const dir = tempTree({ "m.x07.json": JSON.stringify(mod) });
    expect((await runCli(["fmt", "--write", "m.x07.json"], dir)).code).toBe(0);
    const out = JSON.parse(readFileSync(path.join(dir, "m.x07.json"), "utf8"));
    expect(out.imports).toEqual(["std.a", "std.b"]);
    expect(out.decls.map((d: { kind: string; name?: string }) => d.name ?? d.kind)).toEqual(["export", "m.a", "m.z"]);
    expect(out.decls[0].names).toEqual(["m.a", "m.z"]);
  });

  it("an invalid file fails the whole run with exit 2 and nothing is written", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(docB, null, 2), "bad.x07.json": '{"schema_version": ' });
    const before = readFileSync(path.join(dir, "a.x07.json"), "utf8");
    const r = await runCli(["fmt", "--write", "."], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("X07-JSON-PARSE-0001");
    expect(readFileSync(path.join(dir, "a.x07.json"), "utf8")).toBe(before);
  });

  it("a --write that cannot write leaves the original untouched and leaves no temp file", async () => {
    // A 240-character file name: the file itself is fine, but the sibling temp file's name exceeds the
    // file-system name limit, so the atomic write fails even for root.
    const name = "x".repeat(231) + ".x07.json";
    const dir = tempTree({ [name]: JSON.stringify(docB, null, 2) });
    const before = readFileSync(path.join(dir, name), "utf8");
    const r = await runCli(["fmt", "--write", name], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("X07-IO-WRITE-0001");
    expect(readFileSync(path.join(dir, name), "utf8")).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes("x07tmp"))).toEqual([]);
  });
});
