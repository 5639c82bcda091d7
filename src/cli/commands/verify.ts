/**
 * CLI commands: `x07 verify` (`--coverage`, `--prove`) and `x07 prove check`. Thin consumers of the prove
 * stage: they parse upstream's flags, run the library, and print the report (the report is the default
 * stdout, as upstream prints it). Exit codes as upstream: verify 0 proven / coverage, 10 counterexample,
 * 2 unsupported / inconclusive / prove-mode summary errors, 1 errors; prove check 0 accepted, 20 rejected.
 * Timings (solver start-up, per-obligation solve time) go to stderr only, never into a report.
 */
import * as nodePath from "node:path";
import { Effect, Layer } from "effect";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import { Z3, runProveCheck, startZ3, verifyCoverageRun as runCoverage, verifyProve as runProve, verifyReport } from "../../prove/index.ts";
import type { VerifyRunOptions, VerifyRunResult, Z3Api, Z3Handle } from "../../prove/index.ts";
import { layerNodeFileSystemAt } from "../../services/index.ts";
import { layerStd } from "../../std/index.ts";
import type { CommandSpec } from "../command.ts";
import { toolReport } from "../io.ts";
import type { CommandOutcome } from "../io.ts";

type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * One z3 per process, started lazily by the first query (a run answered from the proof cache never starts
 * it), reused by commands that follow at once (in-process callers, tests), and stopped when no command is
 * running (z3's worker threads would otherwise keep Node alive). When the launcher has already begun
 * initialising z3 (`io.z3`), the solver is started at once, so its warm-up overlaps checking and encoding.
 */
interface Shared {
  started?: Promise<Z3Handle>;
  api?: Promise<Z3Api>;
  startupMs: number;
  refs: number;
  timer?: ReturnType<typeof setTimeout>;
}
let shared: Shared | undefined;
const startShared = (s: Shared): Promise<Z3Handle> =>
  // The first real query is ready as soon as the program is checked: no separate warm-up query.
  (s.started ??= startZ3({ warmUp: false, ...(s.api !== undefined ? { api: s.api } : {}) }).then((h) => {
    s.startupMs = h.startupMs;
    return h;
  }));
const lazyHandle = (s: Shared): Z3Handle => ({
  get startupMs() {
    return s.startupMs;
  },
  solve: async (smt2, options) => (await startShared(s)).solve(smt2, options),
  dispose: async () => {},
});
const acquireZ3 = (api: Promise<Z3Api> | undefined): Shared => {
  shared ??= { startupMs: 0, refs: 0 };
  if (shared.timer !== undefined) clearTimeout(shared.timer);
  shared.refs += 1;
  if (api !== undefined && shared.started === undefined) {
    shared.api = api;
    void startShared(shared).catch(() => undefined);
  }
  return shared;
};
const releaseZ3 = (s: Shared): void => {
  s.refs -= 1;
  if (s.refs > 0) return;
  s.timer = setTimeout(() => {
    if (shared === s) shared = undefined;
    if (s.started !== undefined) void s.started.then((h) => h.dispose());
  }, 0);
};
const withZ3 = async <A>(api: Promise<Z3Api> | undefined, f: (layer: Layer.Layer<Z3>) => Promise<A>): Promise<A> => {
  const s = acquireZ3(api);
  try {
    return await f(Layer.succeed(Z3)(lazyHandle(s)));
  } finally {
    releaseZ3(s);
  }
};

const uintOpt = (v: Values, k: string): number | undefined | { error: string } => {
  const x = v[k];
  if (x === undefined) return undefined;
  if (typeof x !== "string" || !/^[0-9]+$/.test(x) || !Number.isSafeInteger(Number(x)) || Number(x) > 0xffffffff) return { error: `--${k} must be a non-negative integer` };
  return Number(x);
};

const str = (v: Values, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);
const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : []);

const MODES = ["coverage", "prove", "bmc", "smt"] as const;

/** A verify argument error as upstream reports it: an error report with X07V_EARGS, exit 1. */
const argsOutcome = (mode: "prove" | "coverage", entry: string, message: string, unwind = 8, maxBytesLen = 16): CommandOutcome => {
  const report = verifyReport({
    mode,
    entry: entry === "" ? "?" : entry,
    bounds: { unwind, max_bytes_len: maxBytesLen, input_len_bytes: 0 },
    result: { kind: "error", details: message },
    diagnostics: [makeDiagnostic("X07V_EARGS", message)],
    exitCode: 1,
  });
  return { exitCode: 1, report: report as unknown as JsonValue, reportIsDefault: true, errText: `error: ${message}` };
};

const ms = (n: number): string => `${Math.round(n)} ms`;

const verifyText = (r: VerifyRunResult): string => {
  const lines = [`verify: mode=${r.report.mode} entry=${r.report.entry} kind=${r.report.result.kind} exit_code=${r.exitCode}${r.cached ? " (cached proof)" : ""}`];
  if (r.solverStartupMs !== undefined) lines.push(`solver: z3-solver in-process, started in ${ms(r.solverStartupMs)}`);
  for (const o of r.obligations) lines.push(`  ${o.kind} ${o.fn} at ${o.ptr}: ${o.result} via ${o.encoding}${r.cached ? "" : ` in ${ms(o.solveMs)}`}`);
  for (const d of r.report.diagnostics ?? []) lines.push(`${d.code}: ${d.message}`);
  return lines.join("\n");
};

export const verifyCommand: CommandSpec = {
  name: "verify",
  summary: "Coverage of an entry's proof support (--coverage) or an SMT proof of its contracts (--prove); prints an x07.verify.report",
  usage:
    "x07 verify (--coverage | --prove) --entry SYM [--project x07.json | --program FILE] [--module-root DIR]... [--unwind N] [--max-bytes-len N] [--allow-traps] [--parity upstream] [--z3-timeout-seconds S] [--z3-memory-mb M] [--proof-summary P]... [--emit-proof P] [--artifact-dir DIR]",
  optionHelp: [
    ["--coverage", "the reachable closure and each symbol's proof-support status (exit 0)"],
    ["--prove", "prove every contract clause for all inputs (0 proven, 10 counterexample, 2 unsupported/inconclusive)"],
    ["--entry SYM", "the function to verify (module.fn)"],
    ["--project PATH", "x07.json (or its directory); default: the nearest x07.json above the working directory"],
    ["--program FILE", "check this entry file instead of importing the entry's module"],
    ["--module-root DIR", "module root (repeatable); default: the project's module_roots"],
    ["--unwind N", "loop/recursion unrolling bound (default 8)"],
    ["--max-bytes-len N", "upper bound of symbolic bytes lengths (default 16)"],
    ["--input-len-bytes N", "the encoded input size to report; must be >= the signature's (4 per i32, 4+M per bytes)"],
    ["--allow-traps", "do not treat traps (out-of-range reads, bad slices) as obligations (upstream's reading)"],
    ["--parity upstream", "reproduce upstream's verdicts where the sound semantics differ"],
    ["--z3-timeout-seconds S", "per-obligation solver timeout (default 60)"],
    ["--z3-memory-mb M", "solver memory limit"],
    ["--proof-summary PATH", "import a proof summary for a callee (repeatable; alias --summary)"],
    ["--allow-imported-stubs", "accept developer-only stub assumptions"],
    ["--emit-proof PATH", "write a proof object and its bundle next to PATH, and replay it (needs a project)"],
    ["--artifact-dir DIR", "artifact base (default <project>/.x07/artifacts)"],
    ["--no-cache", "neither read nor refresh the proof cache (.x07/cache/verify)"],
  ],
  options: {
    coverage: { type: "boolean" },
    prove: { type: "boolean" },
    bmc: { type: "boolean" },
    smt: { type: "boolean" },
    entry: { type: "string" },
    project: { type: "string" },
    program: { type: "string" },
    "module-root": { type: "string", multiple: true },
    unwind: { type: "string" },
    "max-bytes-len": { type: "string" },
    "input-len-bytes": { type: "string" },
    "allow-traps": { type: "boolean" },
    parity: { type: "string" },
    "z3-timeout-seconds": { type: "string" },
    "z3-memory-mb": { type: "string" },
    "proof-summary": { type: "string", multiple: true },
    summary: { type: "string", multiple: true },
    "allow-imported-stubs": { type: "boolean" },
    "emit-proof": { type: "string" },
    "artifact-dir": { type: "string" },
    "no-cache": { type: "boolean" },
    out: { type: "string" },
  },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const modes = MODES.filter((m) => v[m] === true);
    const entry = str(v, "entry") ?? "";
    const mode = v["coverage"] === true ? "coverage" : "prove";
    const nums: Record<string, number | undefined> = {};
    for (const k of ["unwind", "max-bytes-len", "input-len-bytes", "z3-timeout-seconds", "z3-memory-mb"]) {
      const n = uintOpt(v, k);
      if (typeof n === "object") return argsOutcome(mode, entry, n.error);
      nums[k] = n;
    }
    const unwind = nums["unwind"] ?? 8;
    const maxBytesLen = nums["max-bytes-len"] ?? 16;
    const bad = (m: string) => argsOutcome(mode, entry, m, unwind, maxBytesLen);
    if (modes.length !== 1) return bad("set exactly one of --bmc, --smt, --prove, or --coverage");
    if (modes[0] === "bmc" || modes[0] === "smt") return bad(`--${modes[0]} is not built in x07-sdk; use --prove (an unbounded SMT proof) instead`);
    if (entry === "" || !entry.includes(".")) return bad("--entry SYM is required and must be a qualified symbol (module.fn)");
    const parity = str(v, "parity");
    if (parity !== undefined && parity !== "upstream" && parity !== "sound") return bad("--parity must be upstream (or sound, the default)");
    if (str(v, "project") !== undefined && str(v, "program") !== undefined) return bad("give at most one of --project and --program");
    const cwd = nodePath.resolve(io.cwd);
    const options: VerifyRunOptions = {
      cwd,
      entry,
      unwind,
      maxBytesLen,
      ...(str(v, "project") !== undefined ? { project: str(v, "project")! } : {}),
      ...(str(v, "program") !== undefined ? { program: str(v, "program")! } : {}),
      ...(list(v, "module-root").length > 0 ? { moduleRoots: list(v, "module-root") } : {}),
      ...(v["allow-traps"] === true ? { allowTraps: true } : {}),
      ...(parity !== undefined ? { parity: parity as "sound" | "upstream" } : {}),
      ...(nums["z3-timeout-seconds"] !== undefined ? { timeoutMs: nums["z3-timeout-seconds"] * 1000 } : {}),
      ...(nums["z3-memory-mb"] !== undefined ? { memoryMb: nums["z3-memory-mb"] } : {}),
      ...(str(v, "artifact-dir") !== undefined ? { artifactDir: str(v, "artifact-dir")! } : {}),
      proofSummaries: [...list(v, "proof-summary"), ...list(v, "summary")],
      ...(v["allow-imported-stubs"] === true ? { allowImportedStubs: true } : {}),
      ...(str(v, "emit-proof") !== undefined ? { emitProof: str(v, "emit-proof")! } : {}),
      ...(v["no-cache"] === true ? { useCache: false } : {}),
      ...(nums["input-len-bytes"] !== undefined ? { inputLenBytes: nums["input-len-bytes"] } : {}),
    };
    const base = Layer.mergeAll(layerStd, layerNodeFileSystemAt(cwd));
    const r =
      mode === "coverage"
        ? await Effect.runPromise(runCoverage(options).pipe(Effect.provide(base)))
        : await withZ3(io.z3, (z3) => Effect.runPromise(runProve(options).pipe(Effect.provide(Layer.mergeAll(base, z3)))));
    return { exitCode: r.exitCode, report: r.report as unknown as JsonValue, reportIsDefault: true, errText: verifyText(r) };
  },
};

export const proveCheckCommand: CommandSpec = {
  name: "prove check",
  summary: "Replay a proof object against the current sources; prints an x07.verify.proof_check.report (0 accepted, 20 rejected)",
  usage: "x07 prove check --proof PATH [--z3-timeout-seconds S]",
  optionHelp: [
    ["--proof PATH", "the proof object written by `x07 verify --prove --emit-proof`"],
    ["--z3-timeout-seconds S", "per-obligation solver timeout of the replay (default 60)"],
  ],
  options: { proof: { type: "string" }, "z3-timeout-seconds": { type: "string" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const proof = str(v, "proof");
    const t = uintOpt(v, "z3-timeout-seconds");
    const usage = (m: string): CommandOutcome => ({
      exitCode: 2,
      report: { ...(toolReport("prove", "prove.check", 2, [makeDiagnostic("X07-TOOL-ARGS-0001", m)], {}) as Record<string, JsonValue>), schema_version: "x07.tool.prove.check.report@0.2.0" },
      errText: `error: ${m}`,
    });
    if (proof === undefined) return usage("--proof PATH is required");
    if (typeof t === "object") return usage(t.error);
    const cwd = nodePath.resolve(io.cwd);
    const r = await withZ3(io.z3, (z3) =>
      Effect.runPromise(runProveCheck(proof, { cwd, ...(t !== undefined ? { timeoutMs: t * 1000 } : {}) }).pipe(Effect.provide(Layer.mergeAll(layerStd, layerNodeFileSystemAt(cwd), z3)))),
    );
    const d = r.report.diagnostics?.[0];
    return {
      exitCode: r.exitCode,
      report: r.report as unknown as JsonValue,
      reportIsDefault: true,
      errText: `prove check: result=${r.report.result}${d !== undefined ? `\n${d.code}: ${d.message}` : ""}`,
    };
  },
};

export const VERIFY_COMMANDS: ReadonlyArray<CommandSpec> = [verifyCommand, proveCheckCommand];
