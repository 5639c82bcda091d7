/**
 * Prover latency (a benchmark that prints numbers, not a test):
 *   npm run build && npx tsx bench/prove.ts [--runs N] [--no-prestart]
 *
 * Each case is one `x07 verify --prove --no-cache` in a FRESH process of the built CLI (`node bin/x07.mjs`, the
 * one-file bundle), on a temp project holding the case's `orders.core` module; the wall time is measured from
 * outside the process (Node start, CLI load, z3 start, check, encode, solve, counterexample replay, artifacts and
 * report all included). The CLI's own stderr lines give the solver start-up and per-obligation times.
 *
 * Cases (issue #8): the seed kernel `orders.core.compute_total_v1` (test/fixtures/orders-seed/core.x07.json, read
 * as is) → counterexample_found; the bounded variant (requires item_count <= 1000 and unit_price <= 40000 added)
 * with ONE ensures clause per case → proven: result >= 0; result <= item_count*unit_price; discount 100 ⇒ 0.
 *
 * `--no-prestart` sets X07_Z3_PRESTART=0 (z3 then starts when the first query needs it, after the CLI has loaded
 * and checked the program) to show what starting it in the launcher saves.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin/x07.mjs");
const ENTRY = "orders.core.compute_total_v1";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? "5");
const prestart = !process.argv.includes("--no-prestart");

/** The same freshness rule as bin/x07.mjs: the bundle is used only when built after every source file. */
const newest = (dir: string): number =>
  existsSync(dir) ? Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs))) : 0;
const stamp = path.join(root, "dist/.build-stamp");
if (!existsSync(stamp) || newest(path.join(root, "src")) >= statSync(stamp).mtimeMs || newest(path.join(root, "generated")) >= statSync(stamp).mtimeMs) {
  console.error("bench/prove.ts measures the built CLI: run `npm run build` first (dist/ is missing or older than src/)");
  process.exit(2);
}

type Seed = { decls: Array<{ requires: unknown[]; ensures: unknown[] }> };
const seedText = readFileSync(path.join(root, "test/fixtures/orders-seed/core.x07.json"), "utf8");
const bounded = (ensures: unknown): string => {
  const doc = JSON.parse(seedText) as Seed;
  const fn = doc.decls[1]!;
  fn.requires = [...fn.requires, { id: "count_max", expr: ["<=", "item_count", 1000] }, { id: "price_max", expr: ["<=", "unit_price", 40000] }];
  fn.ensures = [ensures];
  return JSON.stringify(doc);
};

interface Case {
  readonly name: string;
  readonly module: string;
  readonly expect: string;
}
const CASES: ReadonlyArray<Case> = [
  { name: "seed: result >= 0", module: seedText, expect: "counterexample_found" },
  { name: "bounded: result >= 0", module: bounded({ id: "total_non_negative", expr: [">=", "__result", 0] }), expect: "proven" },
  { name: "bounded: result <= count*price", module: bounded({ id: "total_le_subtotal", expr: ["<=", "__result", ["*", "item_count", "unit_price"]] }), expect: "proven" },
  { name: "bounded: discount 100 => 0", module: bounded({ id: "full_discount_zero", expr: ["||", ["!=", "discount_pct", 100], ["=", "__result", 0]] }), expect: "proven" },
];

const PROJECT = JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] });
const MAIN = JSON.stringify({ schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: ["orders.core"], decls: [], solve: ["bytes.empty"] });

interface Run {
  readonly wallMs: number;
  readonly kind: string;
  readonly startMs: number | undefined;
  readonly solveMs: number | undefined;
  readonly encoding: string | undefined;
  readonly replay: string | undefined;
}
const once = (dir: string): Run => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, "verify", "--prove", "--no-cache", "--entry", ENTRY], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...(prestart ? {} : { X07_Z3_PRESTART: "0" }) },
  });
  const wallMs = performance.now() - t0;
  let kind = `exit ${r.status}`;
  let replay: string | undefined;
  try {
    const report = JSON.parse(r.stdout) as { result?: { kind?: string; details?: string } };
    kind = report.result?.kind ?? kind;
    replay = /\nreplay: ([a-z_]+)/.exec(report.result?.details ?? "")?.[1];
  } catch {
    kind = `unparsable report (exit ${r.status}): ${r.stderr.slice(0, 200)}`;
  }
  const start = /started in ([0-9]+) ms/.exec(r.stderr);
  const solve = /: (?:unsat|sat|unknown) via ([a-z0-9]+) in ([0-9]+) ms/.exec(r.stderr);
  return { wallMs, kind, startMs: start ? Number(start[1]) : undefined, solveMs: solve ? Number(solve[2]) : undefined, encoding: solve?.[1], replay };
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? "-" : `${Math.round(x)} ms`);

const tmp = mkdtempSync(path.join(os.tmpdir(), "x07-bench-prove-"));
let failed = false;
console.log(`x07 verify --prove --no-cache, one fresh process per run, ${runs} runs per case, z3 prestart ${prestart ? "on" : "off"}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log("| case | verdict | encoding | z3 start (median) | solve (median) | process wall median | min | max |");
console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
try {
  for (const [i, c] of CASES.entries()) {
    const dir = path.join(tmp, `case${i}`);
    mkdirSync(path.join(dir, "src/orders"), { recursive: true });
    writeFileSync(path.join(dir, "x07.json"), PROJECT);
    writeFileSync(path.join(dir, "src/main.x07.json"), MAIN);
    writeFileSync(path.join(dir, "src/orders/core.x07.json"), c.module);
    const rs = Array.from({ length: runs }, () => once(dir));
    const kinds = [...new Set(rs.map((r) => r.kind))];
    const replays = [...new Set(rs.map((r) => r.replay).filter((x) => x !== undefined))];
    const walls = rs.map((r) => r.wallMs);
    const wall = median(walls);
    if (kinds.length !== 1 || kinds[0] !== c.expect || wall >= 1000) failed = true;
    const verdict = `${kinds.join("/")}${replays.length > 0 ? ` (replayed: ${replays.join("/")})` : ""}`;
    console.log(
      `| ${c.name} | ${verdict} | ${[...new Set(rs.map((r) => r.encoding))].join("/")} | ${ms(median(rs.flatMap((r) => (r.startMs !== undefined ? [r.startMs] : []))))} | ${ms(median(rs.flatMap((r) => (r.solveMs !== undefined ? [r.solveMs] : []))))} | **${ms(wall)}** | ${ms(Math.min(...walls))} | ${ms(Math.max(...walls))} |`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? "FAIL: a verdict differs from the expected one or a median is >= 1 s" : "OK: every verdict as expected, each median < 1 s (fresh process, everything included)");
process.exitCode = failed ? 1 : 0;
