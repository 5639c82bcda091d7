/**
 * The effectful shell of `x07 arch check`: resolves the repo root, reads the manifest, lock, module files
 * and contract files through effect's FileSystem, runs the pure check, and with `write` applies the
 * suggested patches (temp file + rename) and checks again, as upstream does.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { formatX07Ast } from "../../authoring/index.ts";
import { applyJsonPatch } from "../../authoring/index.ts";
import { validateByVersion } from "../../core/contracts/written.ts";
import { InvalidInputError, readBytes, writeText } from "../../core/io/index.ts";
import type { X07Error } from "../../core/io/index.ts";
import { canonicalJsonPretty, readJson } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { CONTRACTS_LOCK_PATH, checkArch, isScanned, prepareArch } from "./check.ts";
import type { ArchOutcome, BudgetOverrides, ContractInputs, ScannedFile } from "./check.ts";
import type { ContractDoc, SchemaIssue } from "./contract-doc.ts";
import { manifestLockIssues } from "./locks.ts";
import { makePatchset } from "./report.ts";
import type { PatchTarget } from "./report.ts";

/** Options of {@link runArchCheck}. */
export interface ArchCheckOptions {
  /** Repository root (default "."); ignored when `project` is given. */
  readonly repoRoot?: string;
  /** An `x07.json` (or the directory holding it): the repo root becomes its directory. */
  readonly project?: string;
  /** Manifest path, relative to the repo root unless absolute (default `arch/manifest.x07arch.json`). */
  readonly manifest?: string;
  /** Lock path; default `arch/manifest.lock.json` when that file exists. */
  readonly lock?: string;
  /** Write `arch/manifest.lock.json` (and `arch/contracts.lock.json` with contracts_v1) from the current manifest. */
  readonly writeLock?: boolean;
  /** Apply the suggested patches, then check again and report the second run. */
  readonly write?: boolean;
  /** Also write the first run's suggested patches as an `x07.arch.patchset@0.1.0` file (relative to the repo root). */
  readonly emitPatch?: string;
  readonly budgets?: BudgetOverrides;
}

/** What {@link runArchCheck} returns. */
export interface ArchCheckRun extends ArchOutcome {
  /** The repo root the check ran in. */
  readonly repoRoot: string;
  /** Files `write` / `writeLock` / `emitPatch` wrote (repo-relative), sorted. */
  readonly written: ReadonlyArray<string>;
}

const DEFAULT_MANIFEST = "arch/manifest.x07arch.json";
const DEFAULT_LOCK = "arch/manifest.lock.json";

const toPosix = (p: string): string => p.split(nodePath.sep).join("/");
const under = (root: string, p: string): string => (nodePath.isAbsolute(p) ? p : nodePath.join(root, p));
/** The path relative to the root when it lies inside it. */
const relInside = (root: string, abs: string): string | undefined => {
  const r = nodePath.relative(root, abs);
  return r === "" || r.startsWith("..") || nodePath.isAbsolute(r) ? undefined : toPosix(r);
};

const reasonOf = (e: unknown): string => {
  const d = (e as { reason?: { description?: string; _tag?: string } }).reason;
  return d?.description ?? d?._tag ?? String(e);
};

/** Reads a JSON file into a {@link ContractDoc}, validating it with `validate` when it parses. */
export const readContractDoc = (absPath: string, relPath: string, validate: (v: JsonValue) => Promise<ReadonlyArray<SchemaIssue>>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const exists = yield* fs.exists(absPath).pipe(Effect.orElseSucceed(() => false));
    if (!exists) return { status: "missing", relPath } satisfies ContractDoc as ContractDoc;
    const read = yield* fs.readFile(absPath).pipe(Effect.result);
    if (read._tag === "Failure") return { status: "unreadable", relPath, message: reasonOf(read.failure) } satisfies ContractDoc as ContractDoc;
    const bytes = read.success;
    const j = readJson(bytes);
    if (!j.ok) return { status: "bad_json", relPath, message: j.error.message, bytes: bytes.length } satisfies ContractDoc as ContractDoc;
    const issues = yield* Effect.promise(() => validate(j.value));
    return (issues.length > 0 ? { status: "invalid", relPath, value: j.value, issues, bytes: bytes.length } : { status: "ok", relPath, value: j.value, bytes: bytes.length }) satisfies ContractDoc as ContractDoc;
  });

/** Validation against one schema version from our registry: a wrong `schema_version` is itself the issue. */
export const schemaIssues =
  (version: string) =>
  async (v: JsonValue): Promise<ReadonlyArray<SchemaIssue>> => {
    const got = typeof v === "object" && v !== null && !Array.isArray(v) ? v["schema_version"] : undefined;
    if (got !== version) return [{ pointer: "/schema_version", message: `schema_version must be ${JSON.stringify(version)}, got ${JSON.stringify(got ?? null)}` }];
    const r = await validateByVersion(v);
    return r.ok ? [] : r.errors.map((e) => ({ pointer: e.pointer, message: e.message }));
  };

const badInput = (message: string, file?: string): InvalidInputError =>
  new InvalidInputError({ diagnostics: [makeDiagnostic("X07-TOOL-ARGS-0001", message, file !== undefined ? { file } : {})] });

/** The repo root for the options: the project's directory, or `repoRoot`. */
export const resolveRepoRoot = (options: Pick<ArchCheckOptions, "project" | "repoRoot">) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const p = options.project ?? options.repoRoot ?? ".";
    const st = yield* fs.stat(p).pipe(Effect.mapError(() => badInput(`${options.project !== undefined ? "project" : "repo root"} not found: ${p}`, p)));
    if (options.project !== undefined && st.type !== "Directory") return nodePath.dirname(p);
    if (st.type !== "Directory") return yield* Effect.fail(badInput(`repo root is not a directory: ${p}`, p));
    return p;
  });

const listModuleFiles = (root: string, keep: (rel: string) => boolean) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const entries = yield* fs.readDirectory(root, { recursive: true }).pipe(Effect.mapError((e) => badInput(`cannot list ${root}: ${reasonOf(e)}`, root)));
    const out: ScannedFile[] = [];
    for (const e of entries.map(toPosix).filter(keep).sort()) {
      const abs = nodePath.join(root, e);
      const st = yield* fs.stat(abs).pipe(Effect.orElseSucceed(() => undefined));
      if (st?.type !== "File") continue;
      out.push({ relPath: e, bytes: yield* readBytes(abs) });
    }
    return out;
  });

/** One check over the files as they are now. */
const checkOnce = (root: string, options: ArchCheckOptions) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const manifestAbs = under(root, options.manifest ?? DEFAULT_MANIFEST);
    const manifestRel = relInside(root, manifestAbs);
    const manifestPath = manifestRel ?? toPosix(options.manifest ?? DEFAULT_MANIFEST);
    const manifest = yield* readContractDoc(manifestAbs, manifestPath, schemaIssues("x07.arch.manifest@0.3.0"));
    let lockAbs: string | undefined = options.lock !== undefined ? under(root, options.lock) : undefined;
    if (lockAbs === undefined) {
      const d = nodePath.join(root, DEFAULT_LOCK);
      if (yield* fs.exists(d).pipe(Effect.orElseSucceed(() => false))) lockAbs = d;
      else if (options.writeLock === true) lockAbs = d;
    }
    const lockPath = lockAbs === undefined ? undefined : (relInside(root, lockAbs) ?? lockAbs);
    const lock = lockAbs === undefined || lockPath === undefined ? undefined : yield* readContractDoc(lockAbs, lockPath, async (v) => manifestLockIssues(v));
    const prepared = prepareArch({
      manifestPath,
      manifest,
      manifestRelToRoot: manifestRel,
      ...(lockPath !== undefined ? { lockPath } : {}),
      ...(lock !== undefined ? { lock } : {}),
      writeLock: options.writeLock === true,
      budgets: options.budgets ?? {},
    });
    if (!prepared.ok) return { outcome: prepared.outcome, lockAbs };
    const plan = prepared.plan;
    const scanned = yield* listModuleFiles(root, (rel) => isScanned(plan, rel));
    const contracts: { -readonly [K in keyof ContractInputs]: ContractInputs[K] } = {};
    if (plan.boundariesIndexPath !== undefined) contracts.boundariesIndex = yield* readContractDoc(under(root, plan.boundariesIndexPath), plan.boundariesIndexPath, schemaIssues("x07.arch.boundaries.index@0.1.0"));
    if (plan.hasContracts) contracts.contractsLock = yield* readContractDoc(nodePath.join(root, CONTRACTS_LOCK_PATH), CONTRACTS_LOCK_PATH, async () => []);
    return { outcome: checkArch(plan, scanned, contracts), lockAbs };
  });

const pretty = (v: unknown): string => canonicalJsonPretty(v as JsonValue) + "\n";

/** Applies one patch target to its file (x07AST files are re-canonicalized, others written as pretty canonical JSON). */
const applyTarget = (root: string, t: PatchTarget) =>
  Effect.gen(function* () {
    const abs = under(root, t.path);
    const bytes = yield* readBytes(abs);
    const j = readJson(bytes);
    const fail = (ds: ReadonlyArray<Diagnostic>) => Effect.fail(new InvalidInputError({ diagnostics: ds }));
    if (!j.ok) return yield* fail([makeDiagnostic("X07-JSON-PARSE-0001", `cannot patch ${t.path}: ${j.error.message}`, { file: t.path })]);
    const patched = applyJsonPatch(j.value, t.patch, t.path);
    if (!patched.ok) return yield* fail([patched.diagnostic]);
    let text = pretty(patched.value);
    if (t.path.endsWith(".x07.json")) {
      const f = formatX07Ast(JSON.stringify(patched.value), { file: t.path, pretty: true });
      if (!f.ok) return yield* fail(f.diagnostics);
      text = f.formatted;
    }
    yield* writeText(abs, text);
  });

/**
 * Runs `x07 arch check`. Problems in the repo are diagnostics in the report (with the exit code upstream
 * uses); only environment failures (an unreadable root, a failed write) are errors.
 */
export const runArchCheck = (options: ArchCheckOptions = {}): Effect.Effect<ArchCheckRun, X07Error, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const root = yield* resolveRepoRoot(options);
    const written = new Set<string>();
    const first = yield* checkOnce(root, options);
    if (options.emitPatch !== undefined) {
      yield* writeText(under(root, options.emitPatch), pretty(makePatchset(first.outcome.suggestedPatches)));
      written.add(relInside(root, under(root, options.emitPatch)) ?? options.emitPatch);
    }
    let final = first;
    if (options.write === true && first.outcome.suggestedPatches.length > 0) {
      for (const t of first.outcome.suggestedPatches) {
        yield* applyTarget(root, t);
        written.add(t.path);
      }
      final = yield* checkOnce(root, options);
    }
    const o = final.outcome;
    if (o.manifestLock !== undefined && final.lockAbs !== undefined) {
      yield* writeText(final.lockAbs, pretty(o.manifestLock));
      written.add(relInside(root, final.lockAbs) ?? final.lockAbs);
    }
    if (o.contractsLock !== undefined) {
      yield* writeText(nodePath.join(root, CONTRACTS_LOCK_PATH), pretty(o.contractsLock));
      written.add(CONTRACTS_LOCK_PATH);
    }
    return { ...o, repoRoot: root, written: [...written].sort() };
  });
