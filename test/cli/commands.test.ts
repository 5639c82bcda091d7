import { readFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { canonicalize } from "json-canonicalize";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.ts";
import { entryDoc, runCli, tempTree } from "../_helpers/cli.ts";

describe("x07 --help", () => {
  it("lists every command, and every command has --help", async () => {
    const top = await runCli(["--help"], process.cwd());
    expect(top.code).toBe(0);
    for (const c of COMMANDS) {
      expect(top.stdout).toContain(c.name);
      const h = await runCli([...c.name.split(" "), "--help"], process.cwd());
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`Usage: ${c.usage}`);
    }
  });
});

describe("x07 lint", () => {
  it("reports arity errors with a quickfix that x07 fix applies", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc(["begin", ["let", "x", ["+", 1, 2, 3]], ["bytes.lit", "ok"]])) });
    const r = await runCli(["lint", "a.x07.json"], dir);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics[0];
    expect(d.code).toBe("X07-ARITY-BINOP-0001");
    expect(d.loc.ptr).toBe("/solve/1/2");
    expect(d.quickfix.patch[0]).toEqual({ op: "replace", path: "/solve/1/2", value: ["+", ["+", 1, 2], 3] });
    const f = await runCli(["fix", "--write", "a.x07.json"], dir);
    expect(f.code).toBe(0);
    const fixed = JSON.parse(readFileSync(path.join(dir, "a.x07.json"), "utf8"));
    expect(fixed.solve[1][2]).toEqual(["+", ["+", 1, 2], 3]);
    expect((await runCli(["lint", "a.x07.json"], dir)).code).toBe(0);
    expect((await runCli(["fmt", "--check", "a.x07.json"], dir)).code).toBe(0);
  });

  it("rejects os.* heads and std.os imports in solve-pure, naming the worlds that allow them", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc(["os.env.get", ["bytes.lit", "HOME"]], { imports: ["std.os.env"] })) });
    const r = await runCli(["lint", "--world", "solve-pure", "a.x07.json"], dir);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code).sort();
    expect(codes).toEqual(["X07-WORLD-OS-0001", "X07-WORLD-OS-0002"]);
    const ok = await runCli(["lint", "--world", "run-os", "a.x07.json"], dir);
    expect(ok.code).toBe(0);
  });

  it("an unknown world is a usage error", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc()) });
    expect((await runCli(["lint", "--world", "mars", "a.x07.json"], dir)).code).toBe(2);
  });

  it("fix repairs an unsupported schema_version with its quickfix", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify({ ...entryDoc(), schema_version: "x07.x07ast@0.1.0" }) });
    const r = await runCli(["fix", "--write", "a.x07.json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "a.x07.json"), "utf8")).schema_version).toBe("x07.x07ast@0.8.0");
  });
});

describe("x07 ast", () => {
  it("init writes a minimal canonical entry that lints clean", async () => {
    const dir = tempTree({});
    const r = await runCli(["ast", "init", "--world", "solve-pure", "--module", "main", "--out", "main.x07.json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result.stdout_json.template_id).toBe("solve-pure/main@v1");
    const text = readFileSync(path.join(dir, "main.x07.json"), "utf8");
    expect(text).toBe(canonicalize(entryDoc(["bytes.alloc", 0])) + "\n");
    expect((await runCli(["lint", "main.x07.json"], dir)).code).toBe(0);
  });

  it("get returns the value at a pointer, and a missing pointer is X07-PTR-0001", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc(["bytes.lit", "hi there"])) });
    const r = await runCli(["ast", "get", "--in", "a.x07.json", "--ptr", "/solve/1"], dir);
    expect(JSON.parse(r.stdout).result.stdout_json.value).toBe("hi there");
    const bad = await runCli(["ast", "get", "--in", "a.x07.json", "--ptr", "/solve/9"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("X07-PTR-0001");
  });

  it("apply-patch applies RFC 6902 and --validate rejects a result that is not x07AST", async () => {
    const dir = tempTree({
      "a.x07.json": JSON.stringify(entryDoc(["bytes.lit", "hi"])),
      "ok.json": JSON.stringify([{ op: "replace", path: "/solve/1", value: "bye" }]),
      "bad.json": JSON.stringify([{ op: "remove", path: "/solve" }]),
      "fails.json": JSON.stringify([{ op: "test", path: "/solve/1", value: "nope" }]),
    });
    const ok = await runCli(["ast", "apply-patch", "--in", "a.x07.json", "--patch", "ok.json", "--validate", "--write"], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "a.x07.json"), "utf8")).solve).toEqual(["bytes.lit", "bye"]);
    const bad = await runCli(["ast", "apply-patch", "--in", "a.x07.json", "--patch", "bad.json", "--validate", "--write"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("X07-AST-0001");
    expect(JSON.parse(readFileSync(path.join(dir, "a.x07.json"), "utf8")).solve).toEqual(["bytes.lit", "bye"]);
    const fails = await runCli(["ast", "apply-patch", "--in", "a.x07.json", "--patch", "fails.json"], dir);
    expect(fails.code).toBe(2);
    expect(fails.stderr).toContain("X07-PATCH-0001");
  });
});

describe("x07 patch apply", () => {
  const patchset = (patches: unknown[]) => JSON.stringify({ schema_version: "x07.patchset@0.1.0", patches });

  it("is a dry run without --write, applies all targets with --write", async () => {
    const dir = tempTree({
      "src/a.x07.json": JSON.stringify(entryDoc(["bytes.lit", "a"])),
      "ps.json": patchset([
        { path: "src/a.x07.json", patch: [{ op: "replace", path: "/solve/1", value: "b" }] },
        { path: "conf/new.json", patch: [{ op: "add", path: "/x", value: 1 }] },
      ]),
    });
    const dry = await runCli(["patch", "apply", "--in", "ps.json"], dir);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).result.stdout_json.changed_paths).toEqual(["conf/new.json", "src/a.x07.json"]);
    expect(existsSync(path.join(dir, "conf/new.json"))).toBe(false);
    const w = await runCli(["patch", "apply", "--in", "ps.json", "--write"], dir);
    expect(w.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "src/a.x07.json"), "utf8")).solve).toEqual(["bytes.lit", "b"]);
    expect(JSON.parse(readFileSync(path.join(dir, "conf/new.json"), "utf8"))).toEqual({ x: 1 });
  });

  it("writes nothing when any target fails", async () => {
    const dir = tempTree({
      "a.json": '{"v":1}\n',
      "ps.json": patchset([
        { path: "a.json", patch: [{ op: "replace", path: "/v", value: 2 }] },
        { path: "a.json", patch: [{ op: "test", path: "/v", value: 99 }] },
      ]),
    });
    const r = await runCli(["patch", "apply", "--in", "ps.json", "--write"], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics[0].code).toBe("X07-PATCH-0001");
    expect(readFileSync(path.join(dir, "a.json"), "utf8")).toBe('{"v":1}\n');
  });

  it("rejects targets outside the repository root and bad schema versions", async () => {
    const dir = tempTree({ "ps.json": patchset([{ path: "../escape.json", patch: [] }]), "ps2.json": JSON.stringify({ schema_version: "x07.patchset@9", patches: [] }) });
    const r = await runCli(["patch", "apply", "--in", "ps.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain("X07-PATCHSET-0001");
    const r2 = await runCli(["patch", "apply", "--in", "ps2.json"], dir);
    expect(r2.code).toBe(2);
  });
});

describe("machine output", () => {
  it("--report-out writes the report; --quiet-json keeps stdout empty; reports are byte-identical across runs", async () => {
    const dir = tempTree({ "a.x07.json": JSON.stringify(entryDoc(["+", 1, 2, 3])) });
    const a = await runCli(["lint", "a.x07.json", "--report-out", "r1.json", "--quiet-json"], dir);
    expect(a.stdout).toBe("");
    const b = await runCli(["lint", "a.x07.json", "--report-out", "r2.json"], dir);
    const r1 = readFileSync(path.join(dir, "r1.json"), "utf8");
    expect(r1).toBe(readFileSync(path.join(dir, "r2.json"), "utf8"));
    expect(b.stdout).toBe(r1);
  });
});
