/** `x07 init` / `scaffold`: determinism, the non-empty refusal, --force, argument errors, atomic writes. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { GITIGNORE_PATTERNS, INIT_TEMPLATES, InitError, mergeGitignore, scaffold, templateFiles } from "../../src/init/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { runCli } from "../_helpers/cli.ts";

const fresh = (): string => mkdtempSync(path.join(tmpdir(), "x07-init-"));

/** Every file under dir (relative POSIX path → bytes), sorted. */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const abs = path.join(dir, rel);
    if (existsSync(abs) && !readdirSyncSafe(abs)) out[rel.split(path.sep).join("/")] = readFileSync(abs, "latin1");
  }
  return out;
};
const readdirSyncSafe = (p: string): boolean => {
  try {
    readdirSync(p);
    return true;
  } catch {
    return false;
  }
};

describe("templates are deterministic", () => {
  it.each([undefined, ...INIT_TEMPLATES])("%s: two scaffolds give byte-identical trees", async (template) => {
    const a = path.join(fresh(), "p");
    const b = path.join(fresh(), "p");
    const args = ["init", "p", ...(template !== undefined ? ["--template", template] : [])];
    expect((await runCli(args, path.dirname(a))).code).toBe(0);
    expect((await runCli(args, path.dirname(b))).code).toBe(0);
    const ta = tree(a);
    expect(Object.keys(ta).length).toBe(templateFiles(template).length);
    expect(tree(b)).toEqual(ta);
    // no temp files are left behind
    expect(Object.keys(ta).filter((p) => p.includes(".x07tmp-"))).toEqual([]);
  });

  it("template data is pure: two calls give the same files", () => {
    for (const t of [undefined, ...INIT_TEMPLATES]) expect(templateFiles(t)).toEqual(templateFiles(t));
  });

  it("archetype scaffolds write the canonical service tree", () => {
    for (const t of ["api-cell", "event-consumer", "scheduled-job", "policy-service", "workflow-service"] as const) {
      const paths = templateFiles(t).map((f) => f.path);
      for (const p of [
        "x07.json",
        "x07.lock.json",
        "src/main.x07.json",
        "arch/manifest.x07arch.json",
        "arch/service/index.x07service.json",
        "arch/boundaries/index.x07boundary.json",
        "policy/run-os.json",
        "tests/tests.json",
        "tests/core.x07.json",
        "README.md",
        ".gitignore",
      ])
        expect(paths, t).toContain(p);
    }
    expect(templateFiles("verified-core-pure").map((f) => f.path)).toContain("arch/trust/profiles/verified_core_pure_v1.json");
    expect(templateFiles(undefined).map((f) => f.path)).toEqual(
      [".gitignore", "README.md", "arch/manifest.x07arch.json", "src/app.x07.json", "src/main.x07.json", "tests/smoke.x07.json", "tests/tests.json", "x07.json", "x07.lock.json"].sort(),
    );
  });
});

describe("non-empty directories", () => {
  it("refuses a non-empty directory with X07INIT_EXISTS and exit 20, writing nothing", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    const r = await runCli(["init", ".", "--template", "api-cell", "--json"], dir);
    expect(r.code).toBe(20);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ schema_version: "x07.tool.init.report@0.1.0", ok: false, exit_code: 20 });
    expect(rep.diagnostics[0]).toMatchObject({ code: "X07INIT_EXISTS", severity: "error", data: { entries: ["notes.txt"] } });
    expect(rep.result.stdout_json).toMatchObject({ ok: false, command: "init", created: [], error: { code: "X07INIT_EXISTS" } });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("an empty existing directory is fine", async () => {
    const dir = fresh();
    const r = await runCli(["init"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "x07.json"))).toBe(true);
  });

  it("--force writes into it: scaffold files replaced, other files kept, .gitignore merged", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    writeFileSync(path.join(dir, "x07.json"), "{}\n");
    writeFileSync(path.join(dir, ".gitignore"), "node_modules/\ntarget/\n");
    const r = await runCli(["init", ".", "--template", "scheduled-job", "--force"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    expect(JSON.parse(readFileSync(path.join(dir, "x07.json"), "utf8")).schema_version).toBe("x07.project@0.5.0");
    const gi = readFileSync(path.join(dir, ".gitignore"), "utf8");
    expect(gi.startsWith("node_modules/\ntarget/\n")).toBe(true);
    for (const p of GITIGNORE_PATTERNS) expect(gi.split("\n")).toContain(p);
    expect(gi.split("\n").filter((l) => l === "target/").length).toBe(1);
  });

  it("--force over a .gitignore that already has every pattern leaves it untouched and unlisted", async () => {
    const dir = fresh();
    const text = "# mine\n" + GITIGNORE_PATTERNS.join("\n") + "\n";
    writeFileSync(path.join(dir, ".gitignore"), text);
    const r = await runCli(["init", ".", "--force", "--json"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, ".gitignore"), "utf8")).toBe(text);
    expect(JSON.parse(r.stdout).result.stdout_json.created).not.toContain(".gitignore");
  });

  it("mergeGitignore appends missing patterns, handles CRLF and a missing final newline", () => {
    expect(mergeGitignore("a\r\ntarget/")).toBe("a\ntarget/\n" + GITIGNORE_PATTERNS.filter((p) => p !== "target/").join("\n") + "\n");
    expect(mergeGitignore(GITIGNORE_PATTERNS.join("\n"))).toBeUndefined();
  });
});

describe("errors", () => {
  it("an unknown template is X07INIT_ARGS (exit 20) and lists the templates", async () => {
    const dir = fresh();
    const r = await runCli(["init", "p", "--template", "nope", "--json"], dir);
    expect(r.code).toBe(20);
    const d = JSON.parse(r.stdout).diagnostics[0];
    expect(d.code).toBe("X07INIT_ARGS");
    for (const t of INIT_TEMPLATES) expect(d.message).toContain(t);
    expect(existsSync(path.join(dir, "p"))).toBe(false);
  });

  it("two directories, and --package, are X07INIT_ARGS", async () => {
    const dir = fresh();
    expect(JSON.parse((await runCli(["init", "a", "b", "--json"], dir)).stdout).diagnostics[0].code).toBe("X07INIT_ARGS");
    expect(JSON.parse((await runCli(["init", "a", "--package", "--json"], dir)).stdout).diagnostics[0].code).toBe("X07INIT_ARGS");
  });

  it("a target that is a file is X07INIT_MKDIR", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "p"), "x");
    const r = await runCli(["init", "p", "--json"], dir);
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).diagnostics[0].code).toBe("X07INIT_MKDIR");
  });

  it("a file that cannot be written is X07INIT_IO and names what was written before it", async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, "src", "main.x07.json"), { recursive: true }); // a directory where a file goes
    const r = await runCli(["init", ".", "--force", "--json"], dir);
    const rep = JSON.parse(r.stdout);
    expect(r.code).toBe(20);
    expect(rep.diagnostics[0]).toMatchObject({ code: "X07INIT_IO", data: { path: "src/main.x07.json" } });
    expect(rep.result.stdout_json.created).toEqual([".gitignore", "README.md", "arch/manifest.x07arch.json", "src/app.x07.json"]);
  });
});

describe("library API", () => {
  it("scaffold returns the written files, notes and next steps, and fails with InitError", async () => {
    const ok = await Effect.runPromise(Effect.provide(scaffold("/w/p", { template: "policy-service" }), layerMemoryFileSystem()));
    expect(ok.created).toEqual(templateFiles("policy-service").map((f) => f.path));
    expect(ok.template).toBe("policy-service");
    expect(ok.next_steps[0]).toBe("x07 service validate --manifest arch/service/index.x07service.json");
    const bad = await Effect.runPromiseExit(Effect.provide(scaffold("/w", {}), layerMemoryFileSystem({ "/w/x": "1" })));
    expect(Exit.isFailure(bad)).toBe(true);
    if (Exit.isFailure(bad)) {
      const err = (bad.cause as unknown as { reasons?: Array<{ error?: unknown }> }).reasons?.[0]?.error;
      expect(err).toBeInstanceOf(InitError);
      expect((err as InitError).diagnostics[0]!.code).toBe("X07INIT_EXISTS");
    }
  });
});
