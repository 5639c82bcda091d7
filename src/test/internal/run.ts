/**
 * Running one test: build its driver, check it (cached per driver), run it with the interpreter `repeat`
 * times (any difference is EDETERMINISM), map the status record to a report status. PBT tests run their
 * suite (or replay one repro case) through the pbt stage and write the repro of a failure.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { canonicalJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { writeFileAtomic } from "../../core/io/atomic.ts";
import { checkDocument } from "../../check/index.ts";
import type { CheckedProgram } from "../../check/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { interp } from "../../interp/index.ts";
import type { RunOutcome } from "../../interp/index.ts";
import { parseX07AstValue } from "../../parse/index.ts";
import { brandsForDriver, caseDriver, checkRepro, parseStatusV1, replayPbt, reproDirName, reproText, reproToJson, runPbtOnProgram, statusFor } from "../../pbt/index.ts";
import type { PbtProgress, PbtRepro } from "../../pbt/index.ts";
import { unitDriver } from "./driver.ts";
import type { TestDecl } from "./manifest.ts";
import { runStep, tdiag } from "./report.ts";
import type { CompileStep, TestDiag, TestResult } from "./report.ts";

/** Settings shared by every test of a run. */
export interface RunContext {
  readonly moduleRoots: ReadonlyArray<string>;
  readonly repeat: number;
  readonly artifactDir: string;
  readonly keepArtifacts: boolean;
  readonly suiteSeed: bigint;
  readonly overrides: { readonly cases?: number; readonly maxShrinks?: number; readonly fuel?: number; readonly timeoutMs?: number; readonly memBytes?: number; readonly outputBytes?: number };
  readonly repro?: PbtRepro;
  readonly onProgress?: (p: PbtProgress) => void;
  readonly cache: Map<string, { ok: true; program: CheckedProgram } | { ok: false; diagnostics: ReadonlyArray<Diagnostic> }>;
  readonly now: () => number;
}

const DEFAULT_SOLVE_FUEL = 50_000_000;

const compileDiag = (d: Diagnostic): TestDiag => ({
  code: d.code,
  message: d.message,
  ...(d.loc?.kind === "x07ast" ? { path: d.loc.ptr } : typeof d.data?.["file"] === "string" ? { path: d.data["file"] as string } : {}),
});

/** Checks a driver document (cached by its canonical text). */
const checkDriver = (ctx: RunContext, doc: JsonValue, world: string) =>
  Effect.gen(function* () {
    const key = `${world}\u0000${canonicalJson(doc)}`;
    const hit = ctx.cache.get(key);
    if (hit !== undefined) return hit;
    const parsed = parseX07AstValue(doc, { file: "driver.x07.json" });
    let out: { ok: true; program: CheckedProgram } | { ok: false; diagnostics: ReadonlyArray<Diagnostic> };
    if (!parsed.ok) out = { ok: false, diagnostics: parsed.diagnostics };
    else {
      const c = yield* checkDocument(parsed.document, { moduleRoots: ctx.moduleRoots, world: "solve-pure" });
      out = c.ok && c.program !== undefined ? { ok: true, program: c.program } : { ok: false, diagnostics: c.diagnostics.filter((d) => d.severity === "error") };
    }
    ctx.cache.set(key, out);
    return out;
  });

const writeDriverArtifact = (ctx: RunContext, sub: string, doc: JsonValue) =>
  ctx.keepArtifacts
    ? Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem;
        yield* Effect.ignore(writeFileAtomic(fs, nodePath.join(ctx.artifactDir, sub, "driver.x07.json"), canonicalJson(doc) + "\n"));
      })
    : Effect.void;

const sameRun = (a: RunOutcome, b: RunOutcome): boolean =>
  a.ok === b.ok &&
  a.stats.fuel_used === b.stats.fuel_used &&
  (a.ok && b.ok ? Buffer.from(a.output).equals(Buffer.from(b.output)) : !a.ok && !b.ok && a.trap.code === b.trap.code && a.trap.message === b.trap.message);

type Base = Pick<TestResult, "id" | "world" | "expect" | "entry_kind" | "entry"> & { fixture_root?: string };

/** Runs one unit test. */
export const runUnitTest = (ctx: RunContext, t: TestDecl, base: Base, resultTy: string) =>
  Effect.gen(function* () {
    const t0 = ctx.now();
    const done = (r: Omit<TestResult, keyof Base | "duration_ms">): TestResult => ({ ...base, ...r, duration_ms: Math.max(0, Math.round(ctx.now() - t0)) });
    if (t.world !== "solve-pure")
      return done({ status: "error", run: { ok: false, exit_code: 2 }, diags: [tdiag("ETEST_WORLD_UNSUPPORTED", `the in-process runner runs solve-pure tests only (this test is ${t.world})`)] });
    const doc = unitDriver(t.entry, base.entry_kind, t.returns, resultTy);
    yield* writeDriverArtifact(ctx, `tests/${reproDirName(t.id).slice(4)}`, doc);
    const c = yield* checkDriver(ctx, doc, t.world);
    if (!c.ok) {
      const compile: CompileStep = { ok: false, exit_code: 1, compiler_diags: c.diagnostics.map(compileDiag) };
      return done({ status: "error", compile, diags: [tdiag("ETEST_COMPILE", c.diagnostics[0]?.message ?? "compile failed")] });
    }
    const compile: CompileStep = { ok: true, exit_code: 0 };
    const input = t.input ?? new Uint8Array(0);
    let first: RunOutcome | undefined;
    let run: RunOutcome | undefined;
    for (let rep = 0; rep < ctx.repeat; rep++) {
      const started = ctx.now();
      run = interp(c.program, { input, fuel: t.solveFuel ?? DEFAULT_SOLVE_FUEL });
      // The interpreter cannot be interrupted; timeout_ms is checked once the run is over (fuel bounds it).
      if (t.timeoutMs !== undefined && ctx.now() - started > t.timeoutMs)
        return done({ status: "error", compile, run: { ...runStep(run), ok: false, exit_code: 1 }, diags: [tdiag("X07T_RUN_TRAP", "runner trapped", { trap: "wall timeout" })] });
      if (first === undefined) first = run;
      else if (!sameRun(first, run)) return done({ status: "error", compile, run: runStep(run), diags: [tdiag("EDETERMINISM", `nondeterminism detected at repeat ${rep + 1}`)] });
    }
    const r = run!;
    if (!r.ok) return done({ status: "error", compile, run: runStep(r), diags: [tdiag("X07T_RUN_TRAP", "runner trapped", { trap: r.trap.message, trap_code: r.trap.code, ptr: r.trap.ptr })] });
    const st = parseStatusV1(r.output);
    if (typeof st === "string") return done({ status: "error", compile, run: runStep(r), diags: [tdiag("EBAD_STATUS", st)] });
    const diags = st.bytesEq !== undefined ? [tdiag("X07T_ASSERT_BYTES_EQ", "assert_bytes_eq failed", st.bytesEq)] : [];
    return done({ status: statusFor(t.expect, st.tag), compile, run: runStep(r, st.code), ...(diags.length > 0 ? { diags } : {}) });
  });

/** Runs one property test (or replays the run's repro). */
export const runPbtTest = (ctx: RunContext, t: TestDecl, base: Base) =>
  Effect.gen(function* () {
    const t0 = ctx.now();
    const done = (r: Omit<TestResult, keyof Base | "duration_ms">): TestResult => ({ ...base, ...r, duration_ms: Math.max(0, Math.round(ctx.now() - t0)) });
    const p = t.pbt!;
    if (t.world !== "solve-pure")
      return done({ status: "error", run: { ok: false, exit_code: 2 }, diags: [tdiag("ETEST_WORLD_UNSUPPORTED", `the in-process runner runs solve-pure tests only (this test is ${t.world})`)] });
    const tys = ctx.repro !== undefined ? ctx.repro.counterexample.params.map((x) => x.ty) : p.params.map((x) => x.gen.kind);
    const dir = reproDirName(t.id);
    // Unbranded driver first; branded bytes parameters get a second driver that casts them (brandsForDriver).
    let doc = caseDriver(t.entry, tys, p.budgetScope);
    let c = yield* checkDriver(ctx, doc, t.world);
    if (c.ok) {
      const brands = brandsForDriver(c.program, t.entry, tys);
      if (!Array.isArray(brands)) {
        const d = brands as Diagnostic;
        return done({ status: "error", run: { ok: false, exit_code: 2 }, diags: [tdiag("X07T_EPBT_MANIFEST_INVALID", d.message, (d.data ?? {}) as Record<string, unknown>)] });
      }
      if (brands.some((b) => b !== undefined)) {
        doc = caseDriver(t.entry, tys, p.budgetScope, brands);
        c = yield* checkDriver(ctx, doc, t.world);
      }
    }
    yield* writeDriverArtifact(ctx, dir, doc);
    if (!c.ok) {
      return done({ status: "error", compile: { ok: false, exit_code: 1, compiler_diags: c.diagnostics.map(compileDiag) }, diags: [tdiag("ETEST_COMPILE", c.diagnostics[0]?.message ?? "compile failed")] });
    }
    const compile: CompileStep = { ok: true, exit_code: 0 };

    if (ctx.repro !== undefined) {
      const repro = ctx.repro;
      let first: RunOutcome | undefined;
      let out: ReturnType<typeof replayPbt> | undefined;
      for (let rep = 0; rep < ctx.repeat; rep++) {
        out = replayPbt(repro, c.program);
        if (first === undefined) first = out.run;
        else if (!sameRun(first, out.run)) return done({ status: "error", compile, run: runStep(out.run), diags: [tdiag("EDETERMINISM", `nondeterminism detected at repeat ${rep + 1}`)] });
      }
      const { run, verdict } = out!;
      const details = reproToJson(repro);
      if (verdict.kind === "failure" || !run.ok) {
        const diags = [
          ...(!run.ok ? [tdiag("X07T_RUN_TRAP", "runner trapped", { trap: run.trap.message, trap_code: run.trap.code })] : []),
          tdiag("X07T_EPBT_FAIL", "repro case failed (runner trap)", details),
        ];
        return done({ status: "error", compile, run: runStep(run), diags });
      }
      const diags: TestDiag[] = [];
      if (verdict.bytesEq !== undefined) diags.push(tdiag("X07T_ASSERT_BYTES_EQ", "assert_bytes_eq failed", verdict.bytesEq));
      diags.push(verdict.tag === 1 ? tdiag("X07T_EPBT_REPRO_NONREPRO", "repro no longer reproduces (property passed)") : tdiag("X07T_EPBT_FAIL", "repro case failed", details));
      return done({ status: statusFor(t.expect, verdict.tag), compile, run: runStep(run, verdict.code), diags });
    }

    const o = ctx.overrides;
    const spec = {
      id: t.id,
      world: t.world,
      entry: t.entry,
      params: p.params,
      cases: o.cases ?? p.cases,
      maxShrinks: o.maxShrinks ?? p.maxShrinks,
      budget: {
        fuel: o.fuel ?? p.budget.fuel,
        timeout_ms: o.timeoutMs ?? p.budget.timeout_ms,
        max_mem_bytes: o.memBytes ?? p.budget.max_mem_bytes,
        max_output_bytes: o.outputBytes ?? p.budget.max_output_bytes,
      },
    };
    let firstObs: string | undefined;
    let last: ReturnType<typeof runPbtOnProgram> | undefined;
    for (let rep = 0; rep < ctx.repeat; rep++) {
      last = runPbtOnProgram(spec, c.program, { suiteSeed: ctx.suiteSeed, ...(ctx.onProgress !== undefined ? { onProgress: ctx.onProgress } : {}) });
      const s = last.suite;
      const obs = JSON.stringify([s.attempted, s.shrinkAttempted, s.status, s.failure?.kind, s.failure !== undefined ? Buffer.from(s.failure.caseBytes).toString("base64") : null, last.repro?.failure]);
      if (firstObs === undefined) firstObs = obs;
      else if (obs !== firstObs)
        return done({ status: "error", compile, ...(s.lastRun !== undefined ? { run: runStep(s.lastRun) } : {}), diags: [tdiag("EDETERMINISM", `nondeterminism detected at repeat ${rep + 1}`)] });
    }
    const { suite, repro } = last!;
    const status = suite.status !== undefined ? statusFor(t.expect, suite.status.tag) : "error";
    const run = suite.lastRun !== undefined ? runStep(suite.lastRun, suite.status?.code) : undefined;
    const diags: TestDiag[] = [];
    if (repro !== undefined) {
      const bad = checkRepro(repro);
      if (bad !== undefined) return yield* Effect.die(new Error(`internal: the repro does not validate: ${bad}`));
      const fs = yield* FileSystem.FileSystem;
      const path = nodePath.join(ctx.artifactDir, dir, "repro.json");
      const w = yield* Effect.result(writeFileAtomic(fs, path, reproText(repro)));
      if (w._tag === "Failure") diags.push(tdiag("X07T_EPBT_REPRO_WRITE", `cannot write ${path}`));
      diags.push(tdiag("X07T_EPBT_FAIL", "property failed", reproToJson(repro)));
    }
    return done({ status, compile, ...(run !== undefined ? { run } : {}), ...(diags.length > 0 ? { diags } : {}) });
  });
