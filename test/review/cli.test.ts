import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../_helpers/cli.ts";
import { FIXTURES, copyTree, tempDir } from "./_tree.ts";

const setup = (): string => {
  const dir = tempDir();
  copyTree(path.join(FIXTURES, "before"), dir, "before");
  copyTree(path.join(FIXTURES, "after"), dir, "after");
  return dir;
};

describe("x07 review diff (CLI)", () => {
  it("writes HTML and JSON, prints a summary, exits 20 when a gate fires and names it", async () => {
    const dir = setup();
    const r = await runCli(["review", "diff", "--from", "before", "--to", "after", "--html-out", "out/r.html", "--json-out", "out/r.json", "--fail-on", "lockfile-hash-change"], dir);
    expect(r.code).toBe(20);
    expect(r.stdout).toContain("gates fired: lockfile-hash-change");
    expect(r.stderr).toContain("X07RD_LOCKFILE_HASH_CHANGE");
    expect(JSON.parse(readFileSync(path.join(dir, "out/r.json"), "utf8")).schema_version).toBe("x07.review.diff@0.5.0");
    expect(readFileSync(path.join(dir, "out/r.html"), "utf8")).toContain("<h1>x07 review diff</h1>");
  });

  it("--json prints the x07.tool.review.diff.report envelope with the report as stdout_json", async () => {
    const dir = setup();
    const r = await runCli(["review", "diff", "--from", "before", "--to", "before", "--html-out", "r.html", "--json"], dir);
    expect(r.code).toBe(0);
    const env = JSON.parse(r.stdout);
    expect(env).toMatchObject({ schema_version: "x07.tool.review.diff.report@0.1.0", command: "x07.review.diff", ok: true, exit_code: 0, diagnostics: [] });
    expect(env.result.stdout_json.summary.files_changed).toBe(0);
    expect(existsSync(path.join(dir, "r.json"))).toBe(false);
  });

  it("usage errors exit 2 without writing anything", async () => {
    const dir = setup();
    for (const argv of [
      ["review", "diff", "--from", "before", "--to", "after"],
      ["review", "diff", "--from", "before", "--html-out", "x.html"],
      ["review", "diff", "--from", "before", "--to", "after", "--html-out", "x.html", "--fail-on", "everything"],
      ["review", "diff", "--from", "before", "--to", "after", "--html-out", "x.html", "--mode", "full"],
      ["review", "diff", "--from", "before", "--to", "after", "--html-out", "x.html", "--max-changes", "-1"],
    ]) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain("X07-TOOL-ARGS-0001");
    }
    const missing = await runCli(["review", "diff", "--from", "before", "--to", "nope", "--html-out", "x.html", "--json"], dir);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).diagnostics[0].code).toBe("X07RD_EINPUT");
    expect(existsSync(path.join(dir, "x.html"))).toBe(false);
  });
});
