import { describe, expect, it } from "vitest";
import { Effect, Exit, Cause } from "effect";
import { entryDoc, runCli, tempTree } from "../_helpers/cli.ts";
import { parse } from "../../src/pipeline/index.ts";

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

/** Each bad input, the code it must produce, and (when it is an x07AST pointer) the pointer. */
const CASES: ReadonlyArray<{ name: string; content: string | Uint8Array; code: string; ptr?: string }> = [
  { name: "invalid JSON", content: '{"schema_version": "x07.x07ast@0.8.0",', code: "X07-JSON-PARSE-0001" },
  { name: "100,000-deep nested array", content: JSON.stringify(entryDoc()).replace('["bytes.lit","hi"]', deep(100_000)), code: "X07-JSON-DEPTH-0001" },
  { name: "50 MB string atom", content: JSON.stringify(entryDoc(["bytes.lit", "x".repeat(50_000_000)])), code: "X07-SCHEMA-0001", ptr: "/solve/1" },
  { name: "number above i32", content: JSON.stringify(entryDoc(["+", 2147483648, 1])), code: "X07-SCHEMA-0001", ptr: "/solve/1" },
  { name: "number below i32", content: JSON.stringify(entryDoc(["+", -2147483649, 1])), code: "X07-SCHEMA-0001", ptr: "/solve/1" },
  { name: "non-integer number", content: JSON.stringify(entryDoc(["+", 1.5, 1])), code: "X07-SCHEMA-0001", ptr: "/solve/1" },
  { name: "duplicate keys", content: '{"schema_version":"x07.x07ast@0.8.0","kind":"entry","kind":"module","module_id":"main","imports":[],"decls":[],"solve":1}', code: "X07-JSON-DUPKEY-0001" },
  { name: "unknown decl kind", content: JSON.stringify(entryDoc(1, { decls: [{ kind: "defmacro", name: "main.m" }] })), code: "X07-SCHEMA-0001", ptr: "/decls/0/kind" },
  { name: "non-UTF-8 bytes", content: new Uint8Array([...new TextEncoder().encode('{"a":"'), 0xc3, 0x28, ...new TextEncoder().encode('"}')]), code: "X07-JSON-UTF8-0001" },
  { name: "unsupported schema_version", content: JSON.stringify({ ...entryDoc(), schema_version: "x07.x07ast@9.9.9" }), code: "X07-SCHEMA-0002", ptr: "/schema_version" },
];

describe("bad input never crashes: diagnostic + exit 2 (CLI), tagged failure (library)", () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.code}`, async () => {
      const dir = tempTree({ "in.x07.json": c.content });
      for (const argv of [["lint", "in.x07.json"], ["fmt", "--check", "in.x07.json"], ["ast", "validate", "--in", "in.x07.json"]]) {
        const r = await runCli(argv, dir);
        const expectedExit = argv[0] === "ast" && !c.code.startsWith("X07-JSON") ? 1 : 2;
        expect(r.code, argv.join(" ")).toBe(expectedExit);
        expect(r.stdout + r.stderr).toContain(c.code);
      }
      const exit = await Effect.runPromiseExit(parse(typeof c.content === "string" ? c.content : c.content));
      expect(Exit.isFailure(exit)).toBe(true);
      if (Exit.isFailure(exit)) {
        const err = Cause.findErrorOption(exit.cause);
        expect(err._tag).toBe("Some");
        if (err._tag === "Some") {
          expect(err.value._tag).toBe("InvalidInputError");
          const d = err.value.diagnostics[0]!;
          expect(d.code).toBe(c.code);
          if (c.ptr !== undefined) expect(d.loc).toEqual({ kind: "x07ast", ptr: c.ptr });
        }
      }
    });
  }

  it("lint prints the x07diag report with the pointer for schema errors", async () => {
    const dir = tempTree({ "in.x07.json": JSON.stringify(entryDoc(["+", 2147483648, 1])) });
    const r = await runCli(["lint", "in.x07.json"], dir);
    const report = JSON.parse(r.stdout);
    expect(report.schema_version).toBe("x07.x07diag@0.1.0");
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0].loc).toEqual({ kind: "x07ast", ptr: "/solve/1" });
    expect(report.diagnostics[0].data.file).toBe("in.x07.json");
  });

  it("check --project lists every schema violation of x07.json, each at its pointer", async () => {
    const project = { schema_version: "x07.project@0.5.0", world: "solve-pure", entry: 7, module_roots: "src", extra_field: true };
    const dir = tempTree({ "x07.json": JSON.stringify(project) });
    const r = await runCli(["check", "--project", "x07.json"], dir);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; loc?: { ptr?: string } }> };
    const ptrs = report.diagnostics.map((d) => d.loc?.ptr);
    expect(report.diagnostics.every((d) => d.code === "X07-SCHEMA-0001")).toBe(true);
    expect(ptrs).toContain("/entry");
    expect(ptrs).toContain("/module_roots");
  });

  it("a missing file is X07-IO-READ-0001 with exit 2", async () => {
    const dir = tempTree({});
    const r = await runCli(["lint", "nope.x07.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain("X07-IO-READ-0001");
  });

  it("unknown flags and commands are usage errors (exit 2), not stack traces", async () => {
    const dir = tempTree({});
    const a = await runCli(["fmt", "--bogus"], dir);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("X07-TOOL-ARGS-0001");
    const b = await runCli(["frobnicate"], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("unknown command");
  });
});
