/**
 * `x07 fix --from-pbt`: turns a repro into a regression test. Writes the wrapper module
 * `repro.pbt.<case_tag>` (its `run` replays the case bytes given as input) and a canonical copy of the repro
 * under `<root>/repro/pbt/`, and appends a unit test running the wrapper with `input_b64` = the case bytes.
 * `case_tag` is `c` + the first 12 hex digits of sha256(case bytes). Idempotent: identical files or an
 * identical test entry are left alone; a differing one is a conflict and nothing is written.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { canonicalJson, canonicalJsonPretty, readJson, sha256Hex } from "../../core/json/index.ts";
import { writeFileAtomic } from "../../core/io/atomic.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { reproWrapperModule } from "./driver.ts";
import { parseRepro, reproCaseBytes, reproText, reproTys } from "./repro.ts";

/**
 * Options of {@link fixFromPbt}.
 * @since 0.1.0
 * @category models
 */
export interface FixFromPbtOptions {
  /** The tests manifest to extend (default `tests/tests.json`). */
  readonly testsManifest?: string;
  /** Must be true: the command only ever writes. */
  readonly write?: boolean;
  /** The module root the wrapper goes under (default: the manifest's directory). */
  readonly outDir?: string;
}

/**
 * What {@link fixFromPbt} did.
 * @since 0.1.0
 * @category models
 */
export interface FixFromPbtResult {
  readonly ok: boolean;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly caseTag?: string;
  readonly testId?: string;
  readonly wrapperPath?: string;
  readonly reproCopyPath?: string;
  readonly manifestPath?: string;
  /** Paths written by this call (empty on a no-op). */
  readonly written: ReadonlyArray<string>;
}

const fail = (d: Diagnostic): FixFromPbtResult => ({ ok: false, diagnostics: [d], written: [] });

const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a as object) === canonicalJson(b as object);

/**
 * Writes the regression test for a repro file.
 * @since 0.1.0
 * @category stages
 */
export const fixFromPbt = (reproPath: string, options: FixFromPbtOptions = {}) =>
  Effect.gen(function* () {
    if (options.write !== true) return fail(makeDiagnostic("X07-PBT-FIX-ARGS-0001", "fix --from-pbt needs --write"));
    const fs = yield* FileSystem.FileSystem;
    const reproBytes = yield* Effect.result(fs.readFileString(reproPath));
    if (reproBytes._tag === "Failure") return fail(makeDiagnostic("X07-PBT-REPRO-READ-0001", `cannot read repro ${reproPath}`, { file: reproPath }));
    const parsed = parseRepro(reproBytes.success);
    if (!parsed.ok)
      return fail(makeDiagnostic(parsed.kind === "parse" ? "X07-PBT-REPRO-PARSE-0001" : "X07-PBT-REPRO-SCHEMA-0001", `${reproPath}: ${parsed.message}`, { file: reproPath }));
    const repro = parsed.repro;

    const manifestPath = options.testsManifest ?? "tests/tests.json";
    const manifestText = yield* Effect.result(fs.readFileString(manifestPath));
    if (manifestText._tag === "Failure") return fail(makeDiagnostic("X07-PBT-FIX-MANIFEST-0001", `cannot read tests manifest ${manifestPath}`, { file: manifestPath }));
    const mj = readJson(manifestText.success);
    const manifest = mj.ok ? mj.value : undefined;
    if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest) || !Array.isArray((manifest as Record<string, unknown>)["tests"]))
      return fail(makeDiagnostic("X07-PBT-FIX-MANIFEST-0001", `${manifestPath} is not a tests manifest (an object with a tests array)`, { file: manifestPath }));
    const m = manifest as { schema_version?: unknown; tests: Array<Record<string, unknown>> };
    const orig = m.tests.find((t) => t["id"] === repro.test.id);
    if (orig === undefined || orig["entry"] !== repro.test.entry || orig["world"] !== repro.test.world)
      return fail(
        makeDiagnostic("X07-PBT-FIX-TEST-NOT-FOUND-0001", `${manifestPath} has no test ${JSON.stringify(repro.test.id)} with entry ${repro.test.entry} in world ${repro.test.world}`, {
          file: manifestPath,
        }),
      );
    const tys = reproTys(repro);
    if (tys.some((t) => t !== "i32" && t !== "bytes")) return fail(makeDiagnostic("X07-PBT-FIX-UNSUPPORTED-TY-0001", "the counterexample has a parameter type other than i32 or bytes"));

    const caseBytes = reproCaseBytes(repro);
    const caseTag = `c${sha256Hex(caseBytes).slice(0, 12)}`;
    const moduleId = `repro.pbt.${caseTag}`;
    const root = options.outDir ?? nodePath.dirname(manifestPath);
    const wrapperPath = nodePath.join(root, "repro", "pbt", `${caseTag}.x07.json`);
    const reproCopyPath = nodePath.join(root, "repro", "pbt", `${caseTag}.repro.json`);
    // The repro does not record budget_scope; the original test's pbt object does.
    const scope = (orig["pbt"] as { budget_scope?: Record<string, number> } | undefined)?.budget_scope;
    const wrapperText = canonicalJson(reproWrapperModule(moduleId, repro.test.entry, tys, repro.test.id, scope)) + "\n";
    const copyText = reproText(repro);
    const testId = `pbt_repro/${repro.test.id}/${caseTag}`;
    const entry: Record<string, unknown> = {
      id: testId,
      world: repro.test.world,
      entry: `${moduleId}.run`,
      returns: "bytes_status_v1",
      expect: "pass",
      input_b64: repro.counterexample.case_bytes_b64,
      ...(orig["fixture_root"] !== undefined ? { fixture_root: orig["fixture_root"] } : {}),
      ...(orig["policy_json"] !== undefined ? { policy_json: orig["policy_json"] } : {}),
      ...(orig["timeout_ms"] !== undefined ? { timeout_ms: orig["timeout_ms"] } : {}),
    };

    // Decide everything before writing anything.
    const conflicts: Diagnostic[] = [];
    const toWrite: Array<[string, string]> = [];
    for (const [p, text] of [
      [wrapperPath, wrapperText],
      [reproCopyPath, copyText],
    ] as const) {
      const existing = yield* Effect.result(fs.readFileString(p));
      if (existing._tag === "Failure") toWrite.push([p, text]);
      else if (existing.success !== text) conflicts.push(makeDiagnostic("X07-PBT-FIX-CONFLICT-0001", `${p} exists with other content; not overwriting it`, { file: p }));
    }
    const existingEntry = m.tests.find((t) => t["id"] === testId);
    if (existingEntry !== undefined && !sameJson(existingEntry, entry))
      conflicts.push(makeDiagnostic("X07-PBT-FIX-CONFLICT-0001", `${manifestPath} already has a different test ${JSON.stringify(testId)}`, { file: manifestPath }));
    if (conflicts.length > 0) return { ok: false, diagnostics: conflicts, written: [] } satisfies FixFromPbtResult;
    if (existingEntry === undefined) {
      const next = { ...m, schema_version: "x07.tests_manifest@0.2.0", tests: [...m.tests, entry] };
      toWrite.push([manifestPath, canonicalJsonPretty(next) + "\n"]);
    }
    for (const [p, text] of toWrite) {
      const w = yield* Effect.result(writeFileAtomic(fs, p, text));
      if (w._tag === "Failure") return { ok: false, diagnostics: [makeDiagnostic("X07-IO-WRITE-0001", `cannot write ${p}`, { file: p })], written: toWrite.slice(0, toWrite.findIndex(([q]) => q === p)).map(([q]) => q) } satisfies FixFromPbtResult;
    }
    const info = makeDiagnostic("X07-PBT-FIX-INFO-0001", toWrite.length === 0 ? `regression test ${testId} is already in place` : `added regression test ${testId}`, {
      severity: "info",
      data: { test_id: testId, orig_test_id: repro.test.id, case_tag: caseTag, case_sha256: sha256Hex(caseBytes), wrapper_path: wrapperPath, repro_path: reproCopyPath, manifest_path: manifestPath, written: toWrite.map(([p]) => p) },
    });
    return { ok: true, diagnostics: [info], caseTag, testId, wrapperPath, reproCopyPath, manifestPath, written: toWrite.map(([p]) => p) } satisfies FixFromPbtResult;
  });
