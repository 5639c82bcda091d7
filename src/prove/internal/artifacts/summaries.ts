/**
 * Imported proof summaries: the ones named with `--proof-summary` (any problem is an error) and the ones in
 * the project's proof cache (`.x07/cache/verify/proof_summaries/`, used only while they still match the
 * current declaration, silently skipped otherwise), as upstream does.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { validateByVersion } from "../../../core/contracts/written.ts";
import { readJson, sha256Hex } from "../../../core/json/index.ts";
import { makeDiagnostic } from "../../../diag/index.ts";
import type { Diagnostic } from "../../../diag/index.ts";
import type { ImportedSummary, RecursionKind } from "../coverage.ts";

export const PROOF_SUMMARY_SCHEMA_VERSION = "x07.verify.proof_summary@0.2.0";

/** A summary file as read: its bytes and the fields coverage needs. */
export interface LoadedSummary extends ImportedSummary {
  /** Absolute path. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** How a summary path is shown: relative to the project root when inside it. */
export const displayPath = (root: string, file: string): string => {
  const rel = nodePath.relative(root, file);
  return rel !== "" && !rel.startsWith("..") && !nodePath.isAbsolute(rel) ? rel.split(nodePath.sep).join("/") : file;
};

/** Reads one summary file; a problem is the diagnostics upstream gives for it. */
export const readSummary = (file: string, root: string): Effect.Effect<LoadedSummary, ReadonlyArray<Diagnostic>, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const bad = (message: string) => [makeDiagnostic("X07V_SUMMARY_MISMATCH", message)];
    const bytes = yield* fs.readFile(file).pipe(Effect.mapError(() => bad(`cannot read proof summary ${file}`)));
    const j = readJson(bytes);
    if (!j.ok) return yield* Effect.fail(bad(`proof summary ${file} is not JSON`));
    const v = j.value;
    const version = typeof v === "object" && v !== null && !Array.isArray(v) ? v["schema_version"] : undefined;
    if (version === "x07.verify.summary@0.2.0") {
      return yield* Effect.fail([
        makeDiagnostic("X07V_COVERAGE_NOT_PROOF", `coverage/support summary ${file} is posture only and is not proof evidence`, { severity: "warning" }),
        makeDiagnostic("X07V_COVERAGE_SUMMARY_FORBIDDEN", `coverage/support summary ${file} cannot be imported as a proof summary; use the proof summary written by \`x07 verify --prove\``),
      ]);
    }
    if (version !== PROOF_SUMMARY_SCHEMA_VERSION) return yield* Effect.fail(bad(`${file} is not a ${PROOF_SUMMARY_SCHEMA_VERSION} document`));
    const valid = yield* Effect.promise(() => validateByVersion(v));
    if (!valid.ok) return yield* Effect.fail(bad(`proof summary ${file} does not match its schema at ${valid.pointer}: ${valid.message}`));
    const o = v as Record<string, unknown>;
    return {
      file,
      bytes,
      path: displayPath(root, file),
      sha256_hex: sha256Hex(bytes),
      symbol: o["symbol"] as string,
      kind: o["kind"] as "defn" | "defasync",
      decl_sha256_hex: o["decl_sha256_hex"] as string,
      recursion_kind: o["recursion_kind"] as RecursionKind,
    };
  });

/** The cache directory of proof summaries. */
export const summaryCacheDir = (root: string): string => nodePath.join(root, ".x07", "cache", "verify", "proof_summaries");

/** `*.json` files of a directory, sorted (none when it does not exist). */
export const jsonFilesIn = (dir: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const names = yield* fs.readDirectory(dir).pipe(Effect.orElseSucceed(() => [] as string[]));
    return names
      .filter((n) => n.endsWith(".json") && !n.includes("/"))
      .sort()
      .map((n) => nodePath.join(dir, n));
  });

/**
 * The summaries by symbol: explicit ones first (a duplicate symbol or an unreadable file fails), then cached
 * ones whose declaration hash still matches `currentDecl`.
 */
export const loadSummaries = (
  explicit: ReadonlyArray<string>,
  cached: ReadonlyArray<string>,
  root: string,
  currentDecl: (symbol: string) => { readonly sha: string; readonly kind: string } | undefined,
): Effect.Effect<ReadonlyMap<string, LoadedSummary>, ReadonlyArray<Diagnostic>, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const out = new Map<string, LoadedSummary>();
    for (const f of explicit) {
      const s = yield* readSummary(f, root);
      if (out.has(s.symbol)) return yield* Effect.fail([makeDiagnostic("X07V_SUMMARY_MISMATCH", `duplicate imported proof summary for ${JSON.stringify(s.symbol)} via ${s.path}`)]);
      out.set(s.symbol, s);
    }
    for (const f of cached) {
      const s = yield* readSummary(f, root).pipe(Effect.orElseSucceed(() => undefined));
      if (s === undefined || out.has(s.symbol)) continue;
      const cur = currentDecl(s.symbol);
      if (cur === undefined || cur.sha !== s.decl_sha256_hex || cur.kind !== s.kind) continue;
      out.set(s.symbol, s);
    }
    return out;
  });
