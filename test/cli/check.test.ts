import { describe, expect, it } from "vitest";
import { entryDoc, runCli, tempTree } from "../_helpers/cli.ts";

const lib = {
  schema_version: "x07.x07ast@0.8.0",
  kind: "module",
  module_id: "app.core",
  imports: [],
  decls: [
    { kind: "export", names: ["app.core.double"] },
    { kind: "defn", name: "app.core.double", params: [{ name: "x", ty: "i32" }], result: "i32", body: ["*", "x", 2] },
  ],
};

describe("x07 check", () => {
  it("--program with --module-root checks the import closure", async () => {
    const dir = tempTree({
      "src/main.x07.json": JSON.stringify(entryDoc(["begin", ["let", "y", ["app.core.double", 2]], ["bytes.lit", "ok"]], { imports: ["app.core"] })),
      "src/app/core.x07.json": JSON.stringify(lib),
    });
    const ok = await runCli(["check", "--program", "src/main.x07.json", "--module-root", "src"], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ schema_version: "x07.x07diag@0.1.0", ok: true });
    const missing = await runCli(["check", "--program", "src/main.x07.json"], dir);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).diagnostics[0]).toMatchObject({ code: "X07-MODULE-0001", loc: { kind: "x07ast", ptr: "/imports/0" } });
  });

  it("--project reads entry, world and module_roots from x07.json", async () => {
    const dir = tempTree({
      "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/main.x07.json": JSON.stringify(entryDoc(["begin", ["let", "y", ["app.core.double", "q"]], ["bytes.lit", "ok"]], { imports: ["app.core"] })),
      "src/app/core.x07.json": JSON.stringify(lib),
    });
    const r = await runCli(["check", "--project", "x07.json"], dir);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics[0];
    expect(d.code).toBe("X07-TYPE-0001");
    expect(d.loc.ptr).toBe("/solve/1/2/1");
    expect(d.data.file).toBe("src/main.x07.json");
  });

  it("--ast stops before type checking", async () => {
    const dir = tempTree({ "main.x07.json": JSON.stringify(entryDoc(["begin", ["let", "y", ["+", "nope", 1]], ["bytes.lit", "ok"]])) });
    expect((await runCli(["check", "--program", "main.x07.json"], dir)).code).toBe(1);
    const ast = await runCli(["check", "--program", "main.x07.json", "--ast"], dir);
    expect(ast.code).toBe(0);
  });

  it("needs exactly one of --program / --project", async () => {
    expect((await runCli(["check"], process.cwd())).code).toBe(2);
  });
});
