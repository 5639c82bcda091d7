/**
 * `x07 test`: runs a tests manifest (unit tests; `--pbt` property tests only; `--all` both) and prints the
 * `x07.x07test@0.4.0` report. Exit codes as upstream: 0 all as expected, 10 some status differs from its
 * expectation, 11 a test failed to compile, 12 a run failed (or the manifest is invalid), 2 usage.
 */
import { Effect } from "effect";
import { layerStd } from "../../std/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { renderDiagnostics } from "../../diag/index.ts";
import { selectTests, test, testOnWorkers } from "../../test/index.ts";
import type { TestOptions } from "../../test/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, runEffect, toolReport, usageOutcome } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

const uint = (v: Values, k: string): number | undefined | string => {
  const x = v[k];
  if (x === undefined) return undefined;
  if (typeof x !== "string" || !/^[0-9]+$/.test(x) || !Number.isSafeInteger(Number(x))) return `--${k} must be a non-negative integer`;
  return Number(x);
};

const NUMERIC = ["repeat", "jobs", "pbt-cases", "pbt-max-shrinks", "pbt-case-fuel", "pbt-case-timeout-ms", "pbt-case-mem-bytes", "pbt-case-output-bytes"] as const;

export const testCommand: CommandSpec = {
  name: "test",
  summary: "Run a tests manifest (unit tests, --pbt property tests, --all both); prints an x07test report",
  usage: "x07 test [--manifest PATH] [--module-root DIR]... [--filter S [--exact]] [--pbt | --all] [--pbt-repro FILE] [--repeat N] [--list]",
  optionHelp: [
    ["--manifest PATH", "the tests manifest (default tests/tests.json)"],
    ["--module-root DIR", "module root (repeatable; default: project roots, or the manifest's directory)"],
    ["--filter SUBSTR", "run tests whose id contains SUBSTR (--exact: equals)"],
    ["--pbt / --all", "property tests only / unit and property tests"],
    ["--pbt-seed U64", "suite seed for generation (default 0)"],
    ["--pbt-repro FILE", "replay one repro case (with --pbt)"],
    ["--pbt-cases N", "override cases per property (also --pbt-max-shrinks, --pbt-case-fuel, --pbt-case-mem-bytes, …)"],
    ["--repeat N", "run everything N times; any difference is EDETERMINISM"],
    ["--jobs N", "run tests on N worker threads (needs --no-fail-fast); same report as --jobs 1"],
    ["--no-fail-fast", "keep running after a test misses its expectation"],
    ["--allow-empty", "selecting zero tests is not an error"],
    ["--list", "print the selected tests (id, world, expect, entry) and exit"],
    ["--artifact-dir DIR", "where repro files go (default target/x07test); --keep-artifacts keeps drivers"],
  ],
  options: {
    manifest: { type: "string" },
    "module-root": { type: "string", multiple: true },
    filter: { type: "string" },
    exact: { type: "boolean" },
    pbt: { type: "boolean" },
    all: { type: "boolean" },
    "allow-empty": { type: "boolean" },
    "pbt-seed": { type: "string" },
    "pbt-repro": { type: "string" },
    "pbt-cases": { type: "string" },
    "pbt-max-shrinks": { type: "string" },
    "pbt-case-fuel": { type: "string" },
    "pbt-case-timeout-ms": { type: "string" },
    "pbt-case-mem-bytes": { type: "string" },
    "pbt-case-output-bytes": { type: "string" },
    repeat: { type: "string" },
    jobs: { type: "string" },
    "no-fail-fast": { type: "boolean" },
    list: { type: "boolean" },
    "artifact-dir": { type: "string" },
    "keep-artifacts": { type: "boolean" },
    "stdlib-lock": { type: "string" },
    verbose: { type: "boolean" },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const nums: Record<string, number | undefined> = {};
    for (const k of NUMERIC) {
      const n = uint(v, k);
      if (typeof n === "string") return usageOutcome("test", n);
      nums[k] = n;
    }
    const seedRaw = v["pbt-seed"];
    if (seedRaw !== undefined && (typeof seedRaw !== "string" || !/^[0-9]+$/.test(seedRaw) || BigInt(seedRaw) > 0xffffffffffffffffn)) return usageOutcome("test", "--pbt-seed must be a u64");
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    const isTty = (io.stderr as { isTTY?: boolean }).isTTY === true && v["json"] !== true && v["report-json"] !== true;
    const opts: TestOptions = {
      ...(str("manifest") !== undefined ? { manifest: str("manifest")! } : {}),
      ...(v["module-root"] !== undefined ? { moduleRoots: v["module-root"] as string[] } : {}),
      ...(str("filter") !== undefined ? { filter: str("filter")! } : {}),
      exact: v["exact"] === true,
      pbt: v["pbt"] === true,
      all: v["all"] === true,
      allowEmpty: v["allow-empty"] === true,
      noFailFast: v["no-fail-fast"] === true,
      keepArtifacts: v["keep-artifacts"] === true,
      ...(str("artifact-dir") !== undefined ? { artifactDir: str("artifact-dir")! } : {}),
      ...(seedRaw !== undefined ? { pbtSeed: BigInt(seedRaw as string) } : {}),
      ...(str("pbt-repro") !== undefined ? { pbtRepro: str("pbt-repro")! } : {}),
      ...(nums["repeat"] !== undefined ? { repeat: nums["repeat"] } : {}),
      ...(nums["jobs"] !== undefined ? { jobs: nums["jobs"] } : {}),
      ...(nums["pbt-cases"] !== undefined ? { pbtCases: nums["pbt-cases"] } : {}),
      ...(nums["pbt-max-shrinks"] !== undefined ? { pbtMaxShrinks: nums["pbt-max-shrinks"] } : {}),
      ...(nums["pbt-case-fuel"] !== undefined ? { pbtCaseFuel: nums["pbt-case-fuel"] } : {}),
      ...(nums["pbt-case-timeout-ms"] !== undefined ? { pbtCaseTimeoutMs: nums["pbt-case-timeout-ms"] } : {}),
      ...(nums["pbt-case-mem-bytes"] !== undefined ? { pbtCaseMemBytes: nums["pbt-case-mem-bytes"] } : {}),
      ...(nums["pbt-case-output-bytes"] !== undefined ? { pbtCaseOutputBytes: nums["pbt-case-output-bytes"] } : {}),
      ...(isTty ? { onProgress: (p) => void io.stderr.write(`\r${p.testId}: ${p.cases} cases, ${p.shrinks} shrinks`) } : {}),
      cwd: io.cwd,
    };
    const fail = (ds: Parameters<typeof failureOutcome>[2]) => failureOutcome("test", "test", ds);
    if (v["list"] === true) {
      const r = await runEffect(io, selectTests(opts), fail);
      if (!r.ok) return r.outcome;
      if (r.value.manifest === undefined) return { ...fail(r.value.diagnostics), exitCode: 12 };
      const rows = r.value.tests.map((t) => ({ id: t.id, world: t.world, expect: t.expect, entry: t.entry }));
      return { exitCode: EXIT.ok, report: toolReport("test", "test", EXIT.ok, [], { tests: rows }), text: rows.map((t) => `${t.id}\t${t.world}\t${t.expect}\t${t.entry}`).join("\n") };
    }
    const eff = (nums["jobs"] ?? 1) > 1 ? testOnWorkers({ ...opts, cwd: io.cwd }) : test(opts);
    const r = await runEffect(io, eff.pipe(Effect.provide(layerStd)), fail);
    if (isTty) io.stderr.write("\r\x1b[K");
    if (!r.ok) return r.outcome;
    const { report, exitCode, diagnostics } = r.value;
    const s = report.summary;
    return {
      exitCode,
      report: report as unknown as JsonValue,
      reportIsDefault: true,
      errText: [
        renderDiagnostics(diagnostics),
        `summary: passed=${s.passed} failed=${s.failed} skipped=${s.skipped} errors=${s.errors} duration_ms=${s.duration_ms} compile_failures=${s.compile_failures} run_failures=${s.run_failures}`,
      ]
        .filter((x) => x !== "")
        .join("\n"),
    };
  },
};
