/**
 * `x07 trust certify`: a thin consumer of the certify stage. Parses upstream's flags, runs `certify` with the
 * live stages, and prints the certificate (canonical JSON, the default stdout as upstream prints it). Exit 0
 * when accepted, 20 when rejected, 2 on usage errors or an unwritable output directory.
 */
import { Cause, Effect, Exit, Layer } from "effect";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic, renderDiagnostics } from "../../diag/index.ts";
import { certify, layerCertifyLive, layerCertifyLiveWith } from "../../certify/index.ts";
import { layerZ3With } from "../../prove/index.ts";
import type { CertifyOptions, ProveBudgets } from "../../certify/index.ts";
import { layerNodeFileSystemAt } from "../../services/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, usageOutcome } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

const BUDGET_FLAGS = [
  ["unwind", "unwind"],
  ["max-bytes-len", "maxBytesLen"],
  ["input-len-bytes", "inputLenBytes"],
  ["z3-timeout-seconds", "z3TimeoutSeconds"],
  ["z3-memory-mb", "z3MemoryMb"],
] as const;

const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : typeof v[k] === "string" ? [v[k] as string] : []);

export const trustCertifyCommand: CommandSpec = {
  name: "trust certify",
  summary: "Certify an entry under a trust profile: arch, coverage, proofs, tests, trust report, compile attestation → certificate.json + summary.html",
  usage: "x07 trust certify --profile PATH|ID --entry SYM --out-dir DIR [--project x07.json] [--baseline DIR] [--tests-manifest PATH] [--unwind N] [--max-bytes-len N] [--fail-on G]... [--review-fail-on G]... [--no-html]",
  optionHelp: [
    ["--project PATH", "the x07.json (or its directory); default x07.json"],
    ["--profile PATH|ID", "a profile file, or an id (the project's arch/trust/profiles/<id>.json, else a public profile)"],
    ["--entry SYM", "the entry to certify; strong profiles require the project's operational_entry_symbol"],
    ["--out-dir DIR", "where certificate.json, summary.html and every evidence file go"],
    ["--baseline DIR", "a baseline project: adds review.diff.{json,html,txt} and its gates"],
    ["--tests-manifest PATH", "tests manifest relative to the project (default tests/tests.json)"],
    ["--unwind N / --max-bytes-len N", "proof bounds (also --input-len-bytes, --z3-timeout-seconds, --z3-memory-mb)"],
    ["--fail-on G", "trust-report gate (repeatable)"],
    ["--review-fail-on G", "review-diff gate (repeatable; default proof-coverage-decrease, boundary-relaxation, trusted-subset-expansion)"],
    ["--no-fail-fast", "run every test even after a failure"],
    ["--no-html", "skip summary.html"],
  ],
  options: {
    project: { type: "string" },
    profile: { type: "string" },
    entry: { type: "string" },
    "out-dir": { type: "string" },
    baseline: { type: "string" },
    "tests-manifest": { type: "string" },
    unwind: { type: "string" },
    "max-bytes-len": { type: "string" },
    "input-len-bytes": { type: "string" },
    "z3-timeout-seconds": { type: "string" },
    "z3-memory-mb": { type: "string" },
    "fail-on": { type: "string", multiple: true },
    "review-fail-on": { type: "string", multiple: true },
    "no-fail-fast": { type: "boolean" },
    "no-html": { type: "boolean" },
    "keep-workdir": { type: "boolean" },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    const profile = str("profile");
    const entry = str("entry");
    const outDir = str("out-dir");
    if (profile === undefined || entry === undefined || outDir === undefined) return usageOutcome("trust certify", "--profile, --entry and --out-dir are required");
    if (!entry.includes(".")) return usageOutcome("trust certify", "--entry must be a qualified symbol (module.fn)");
    const budgets: Record<string, number> = {};
    for (const [flag, key] of BUDGET_FLAGS) {
      const x = str(flag);
      if (x === undefined) continue;
      if (!/^[0-9]+$/.test(x) || !Number.isSafeInteger(Number(x)) || Number(x) > 0xffffffff) return usageOutcome("trust certify", `--${flag} must be a non-negative integer`);
      budgets[key] = Number(x);
    }
    const options: CertifyOptions = {
      profile,
      entry,
      outDir,
      cwd: io.cwd,
      budgets: budgets as ProveBudgets,
      failOn: list(v, "fail-on"),
      reviewFailOn: list(v, "review-fail-on"),
      noFailFast: v["no-fail-fast"] === true,
      noHtml: v["no-html"] === true,
      ...(str("baseline") !== undefined ? { baseline: str("baseline")! } : {}),
      ...(str("tests-manifest") !== undefined ? { testsManifest: str("tests-manifest")! } : {}),
    };
    const live = io.z3 !== undefined ? layerCertifyLiveWith(layerZ3With({ api: io.z3 })) : layerCertifyLive;
    const layer = Layer.provideMerge(live, layerNodeFileSystemAt(io.cwd));
    const exit = await Effect.runPromiseExit(certify(str("project") ?? "x07.json", options).pipe(Effect.provide(layer)));
    if (Exit.isFailure(exit)) {
      const e = Cause.findErrorOption(exit.cause);
      const message = e._tag === "Some" ? e.value.message : (Cause.pretty(exit.cause).split("\n")[0] ?? "unknown");
      return failureOutcome("trust", "trust.certify", [makeDiagnostic("X07-INTERNAL-0001", `trust certify: ${message}`)]);
    }
    const r = exit.value;
    const diags = r.certificate.diagnostics ?? [];
    return {
      exitCode: r.exitCode === 0 ? EXIT.ok : 20,
      report: r.certificate as unknown as JsonValue,
      reportIsDefault: true,
      errText: [renderDiagnostics(diags), `trust certify: verdict=${r.verdict} diagnostics=${diags.length}${r.paths.summaryHtml !== undefined ? ` summary=${r.paths.summaryHtml}` : ""}`].filter((x) => x !== "").join("\n"),
    };
  },
};
