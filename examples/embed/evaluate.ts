/**
 * One evaluation: x07AST JSON → parse → check → interp, with the server's limits, as a pure-ish function of the
 * request (plus a bounded cache of check results keyed by the program's content).
 *
 * Isolation: every run gets a fresh interpreter Runtime (the library builds one per `interp` call), a fresh
 * in-memory file system holding only this request's modules (no module roots on disk are searched), and the
 * solve-pure world (no clock, env, files or randomness reach the program). The only state shared between
 * requests is this module's cache of *check results*, keyed by a digest of the program and modules, and the
 * library's own content-keyed caches (the std module texts; compiled runners keyed by generated source).
 */
import { createHash } from "node:crypto";
import { Effect, Exit } from "effect";
import { checkDocument, modulePath } from "../../src/check/index.ts";
import type { CheckedProgram } from "../../src/check/index.ts";
import { makeDiagnostic, makeDiagReport } from "../../src/diag/index.ts";
import type { Diagnostic, DiagReport } from "../../src/diag/index.ts";
import { interp } from "../../src/interp/index.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";
import { outputBody } from "./protocol.ts";
import type { RunRequest, RunResponse, ServerLimits } from "./protocol.ts";

/** Where request modules live in the per-request in-memory file system. */
const MODULE_ROOT = "/modules";

/** What evaluating a request answers: 200 (ran or trapped), 422 (bad program), 500 (a library defect). */
export type Evaluation = Answer & { readonly timing?: Timing };

/** Wall time of the phases (ms), reported in the Server-Timing header only (bodies stay deterministic). */
export interface Timing {
  readonly checkMs: number;
  readonly runMs: number;
}

type Answer =
  | { readonly status: 200; readonly body: RunResponse }
  | { readonly status: 422; readonly body: DiagReport }
  | { readonly status: 500; readonly body: { readonly ok: false; readonly error: { readonly code: "server.internal"; readonly message: string } } };

type Checked = { readonly ok: true; readonly program: CheckedProgram } | { readonly ok: false; readonly report: DiagReport };

/** A 422 body: the x07diag report of a program that failed parse or check, with the failing stage in `meta`. */
export const rejection = (stage: "parse" | "check", diagnostics: ReadonlyArray<Diagnostic>): Answer => ({
  status: 422,
  body: makeDiagReport(diagnostics, { stage }),
});

const internal = (message: string): Answer => ({ status: 500, body: { ok: false, error: { code: "server.internal", message } } });

/** Parses and checks the request's program against std and its own modules only. */
const checkRequest = (req: RunRequest): Checked | Answer => {
  const parsed = parseX07AstValue(req.program as Parameters<typeof parseX07AstValue>[0], { file: "program" });
  if (!parsed.ok) return { ok: false, report: makeDiagReport(parsed.diagnostics, { stage: "parse" }) };
  if (parsed.document.kind !== "entry") {
    const d = makeDiagnostic("X07-AST-0001", `program must be an entry document with a /solve expression; got kind "${parsed.document.kind}" (send imported modules in "modules")`, { ptr: "/kind", file: "program" });
    return { ok: false, report: makeDiagReport([d], { stage: "parse" }) };
  }
  const files = Object.fromEntries(req.modules.map((m) => [`${MODULE_ROOT}/${modulePath(m.moduleId)}`, JSON.stringify(m.document)]));
  const exit = Effect.runSyncExit(
    checkDocument(parsed.document, { moduleRoots: [MODULE_ROOT], world: "solve-pure" }).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem(files))),
  );
  if (Exit.isFailure(exit)) return internal(`check failed unexpectedly: ${String(exit.cause).slice(0, 500)}`);
  const r = exit.value;
  return r.ok && r.program !== undefined ? { ok: true, program: r.program } : { ok: false, report: makeDiagReport(r.diagnostics, { stage: "check" }) };
};

/** A small LRU of check results keyed by content digest (programs bigger than `maxKeyChars` are not cached). */
export interface CheckCache {
  get(key: string): Checked | undefined;
  set(key: string, value: Checked): void;
  readonly size: () => number;
}

export const makeCheckCache = (capacity = 128): CheckCache => {
  const m = new Map<string, Checked>();
  return {
    get: (k) => {
      const v = m.get(k);
      if (v !== undefined) {
        m.delete(k);
        m.set(k, v);
      }
      return v;
    },
    set: (k, v) => {
      m.delete(k);
      if (m.size >= capacity) m.delete(m.keys().next().value as string);
      m.set(k, v);
    },
    size: () => m.size,
  };
};

const MAX_CACHED_CHARS = 64 * 1024;

/** Evaluates one request under the limits. Never throws. */
export const evaluate = (req: RunRequest, limits: ServerLimits, cache: CheckCache): Evaluation => {
  try {
    const t0 = performance.now();
    const text = JSON.stringify([req.program, req.modules.map((m) => m.document)]);
    const key = text.length <= MAX_CACHED_CHARS ? createHash("sha256").update(text).digest("hex") : undefined;
    let checked = key !== undefined ? cache.get(key) : undefined;
    if (checked === undefined) {
      const fresh = checkRequest(req);
      if ("status" in fresh) return fresh;
      checked = fresh;
      if (key !== undefined) cache.set(key, checked);
    }
    if (!checked.ok) return { status: 422, body: checked.report };
    const t1 = performance.now();
    const run = interp(checked.program, {
      input: req.input,
      fuel: req.fuel,
      // The request's memory budget bounds every allocation and their total over the run.
      maxMemoryBytes: req.memoryBytes,
      maxAllocTotalBytes: req.memoryBytes,
      maxOutputBytes: limits.maxOutputBytes,
      timeLimitMs: limits.timeLimitMs,
    });
    const timing: Timing = { checkMs: t1 - t0, runMs: performance.now() - t1 };
    const common = {
      fuel_used: run.stats.fuel_used,
      mem: { bytes_alloc_total: run.stats.mem_stats.bytes_alloc_total, alloc_calls: run.stats.mem_stats.alloc_calls },
      limits: { fuel: req.fuel, max_memory_bytes: req.memoryBytes, max_output_bytes: limits.maxOutputBytes },
    };
    if (!run.ok && run.trap.code === "X07I_INTERNAL") return internal(`interpreter error: ${run.trap.message}`);
    return {
      status: 200,
      timing,
      body: run.ok ? { ok: true, output: outputBody(run.output), ...common } : { ok: false, trap: { ...run.trap }, ...common },
    };
  } catch (e) {
    return internal(`evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
};
