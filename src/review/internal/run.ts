/**
 * The review diff orchestrator: resolves the two snapshots, walks the compared files in path order,
 * routes each changed file to its differ, validates the report, applies the gates and renders JSON and
 * HTML.
 */
import { Effect } from "effect";
import { canonicalJsonPretty, sha256Hex } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { validateWritten } from "../../core/contracts/written.ts";
import { InvalidInputError } from "../../core/io/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { classifyFile, isRuntimeAttestationPath } from "./classify.ts";
import { diffArch } from "./diff-arch.ts";
import { diffX07Ast } from "./diff-ast.ts";
import { diffTrustCertificate } from "./diff-certificate.ts";
import { diffPolicy } from "./diff-policy.ts";
import { diffProject } from "./diff-project.ts";
import { diffProof } from "./diff-proof.ts";
import { diffDependencyClosure, diffLockfile, diffPeerPolicy, diffRuntimeAttestation } from "./diff-supply.ts";
import { firedGates, gateDiagnostics } from "./gates.ts";
import type { ReviewGate } from "./gates.ts";
import { compileGlobSet } from "../../core/glob.ts";
import { renderReviewHtml } from "./html.ts";
import { ChangeSink, emptyHighlights, pushSimple } from "./model.ts";
import type { DiffCtx, FileDiff, ReviewDiffReport, Summary } from "./model.ts";
import { collectRelPaths, joinRel, parseJsonBytes, pathKind, readIfFile, snapshotDigest } from "./snapshot.ts";

/** Default include globs per mode. */
export const DEFAULT_INCLUDES = {
  project: [
    "**/*.x07.json",
    "x07.json",
    "x07.lock.json",
    "**/*.x07project.json",
    "arch/**",
    "runtime-attest/**",
    "runtime.attest.json",
    "**/runtime.attest.json",
    ".x07/policies/**",
    "**/*.policy.json",
  ],
  "ast-only": ["**/*.x07.json"],
} as const;

/** Default exclude globs (both modes). */
export const DEFAULT_EXCLUDES = ["**/.git/**", "**/.x07/**/cache/**", "**/dist/**", "**/gen/**", "**/node_modules/**", "**/target/**", "**/tmp/**"] as const;

/**
 * Options of {@link reviewDiff} beyond the two snapshots and the gates.
 * @since 0.1.0
 * @category models
 */
export interface ReviewDiffOptions {
  /** `project` (default): sources, project, lockfile, arch, policies and runtime attestations; `ast-only`: `*.x07.json` only. */
  readonly mode?: "project" | "ast-only";
  /** Include globs; when empty the mode's defaults are used. */
  readonly include?: ReadonlyArray<string>;
  /** Exclude globs; when empty the defaults are used. */
  readonly exclude?: ReadonlyArray<string>;
  /** Keep at most this many change entries (files and highlights together); the rest are dropped and `truncated` is set. */
  readonly maxChanges?: number | undefined;
}

/**
 * The outcome of a review diff: the report, its canonical JSON and HTML renderings, the gates that
 * fired and the exit code upstream uses (20 when any diagnostic exists or any gate fired, else 0).
 * @since 0.1.0
 * @category models
 */
export interface ReviewDiffResult {
  readonly report: ReviewDiffReport;
  /** The report as canonical pretty JSON with a trailing newline (the `--json-out` bytes). */
  readonly json: string;
  /** The self-contained HTML page (the `--html-out` bytes). */
  readonly html: string;
  readonly firedGates: ReadonlyArray<ReviewGate>;
  readonly exitCode: 0 | 20;
}

const inputError = (message: string, data?: Record<string, JsonValue>) => new InvalidInputError({ diagnostics: [makeDiagnostic("X07RD_EINPUT", message, data === undefined ? {} : { data })] });

/** The report as plain JSON (an absent module becomes null, as upstream serializes it). */
export const reportJson = (r: ReviewDiffReport): JsonValue =>
  ({
    ...r,
    files: r.files.map((f) => ({ ...f, module: f.module ?? null })),
    diags: r.diags as unknown as JsonValue,
  }) as unknown as JsonValue;

const routeDiff = (kind: string, ctx: DiffCtx, summary: Summary): void => {
  switch (kind) {
    case "x07ast": {
      const c = diffX07Ast(ctx);
      summary.decls_added += c.decls_added;
      summary.decls_removed += c.decls_removed;
      summary.decls_changed += c.decls_changed;
      summary.modules_changed += c.modules_changed;
      return;
    }
    case "project":
      return diffProject(ctx);
    case "arch":
      return diffArch(ctx);
    case "proof":
      return diffProof(ctx);
    case "trust_certificate":
      return diffTrustCertificate(ctx);
    case "lockfile":
      return diffLockfile(ctx);
    case "peer_policy":
      return diffPeerPolicy(ctx);
    case "dependency_closure":
      return diffDependencyClosure(ctx);
    case "policy":
      return diffPolicy(ctx);
    case "json":
      return isRuntimeAttestationPath(ctx.path) ? diffRuntimeAttestation(ctx) : pushSimple(ctx, "json_changed", "info", "JSON file changed");
    default:
      return pushSimple(ctx, "text_changed", "info", "text file changed");
  }
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Runs the diff. */
export const runReviewDiff = (from: string, to: string, gates: ReadonlyArray<ReviewGate>, options: ReviewDiffOptions) =>
  Effect.gen(function* () {
    const mode = options.mode ?? "project";
    const fromKind = yield* pathKind(from);
    const toKind = yield* pathKind(to);
    if (fromKind === "missing") return yield* Effect.fail(inputError(`missing --from path: ${from}`, { path: from }));
    if (toKind === "missing") return yield* Effect.fail(inputError(`missing --to path: ${to}`, { path: to }));
    const dirs = fromKind === "dir";
    if (fromKind !== toKind) {
      const name = (k: string) => (k === "dir" ? "directory" : k);
      return yield* Effect.fail(inputError(`--from and --to must both be files or both be directories (got ${name(fromKind)} vs ${name(toKind)})`));
    }
    const includePats = options.include !== undefined && options.include.length > 0 ? options.include : DEFAULT_INCLUDES[mode];
    const excludePats = options.exclude !== undefined && options.exclude.length > 0 ? options.exclude : DEFAULT_EXCLUDES;
    const badGlob = (b: { glob: string; error: string }) => Effect.fail(inputError(`invalid glob ${JSON.stringify(b.glob)}: ${b.error}`, { glob: b.glob }));
    const inc = compileGlobSet(includePats);
    if (!inc.ok) return yield* badGlob(inc);
    const exc = compileGlobSet(excludePats);
    if (!exc.ok) return yield* badGlob(exc);
    const include = inc.set;
    const exclude = exc.set;

    const sink = new ChangeSink(options.maxChanges);
    const highlights = emptyHighlights();
    const summary: Summary = { files_total: 0, files_changed: 0, modules_changed: 0, decls_added: 0, decls_removed: 0, decls_changed: 0, high_severity_changes: 0, truncated: false };
    const files: FileDiff[] = [];
    for (const rel of yield* collectRelPaths(from, to, dirs, include, exclude)) {
      const beforeBytes = yield* readIfFile(dirs ? joinRel(from, rel) : from);
      const afterBytes = yield* readIfFile(dirs ? joinRel(to, rel) : to);
      if (beforeBytes === undefined && afterBytes === undefined) continue;
      const status: FileDiff["status"] =
        beforeBytes !== undefined && afterBytes !== undefined ? (sameBytes(beforeBytes, afterBytes) ? "unchanged" : "changed") : afterBytes !== undefined ? "added" : "removed";
      const before = parseJsonBytes(beforeBytes);
      const after = parseJsonBytes(afterBytes);
      const kind = classifyFile(rel, before, after);
      const file: FileDiff = {
        path: rel,
        kind,
        status,
        before_sha256_hex: beforeBytes === undefined ? null : sha256Hex(beforeBytes),
        after_sha256_hex: afterBytes === undefined ? null : sha256Hex(afterBytes),
        changes: [],
        module: undefined,
        truncated: false,
      };
      summary.files_total += 1;
      if (status !== "unchanged") {
        summary.files_changed += 1;
        routeDiff(kind, { path: rel, before, after, file, sink, highlights }, summary);
      }
      file.truncated = sink.truncated;
      files.push(file);
    }
    summary.high_severity_changes = sink.highSeverity;
    summary.truncated = sink.truncated;

    const snapshot = (p: string, k: "file" | "dir") => Effect.map(snapshotDigest(p, k), (sha) => ({ kind: k, path: p, sha256_hex: sha, note: "" }));
    const diags: Diagnostic[] = [];
    const report: ReviewDiffReport = {
      schema_version: "x07.review.diff@0.5.0",
      mode,
      from: yield* snapshot(from, fromKind),
      to: yield* snapshot(to, toKind),
      summary,
      highlights,
      files,
      diags,
    };
    const valid = yield* Effect.promise(() => validateWritten(reportJson(report)));
    if (!valid.ok) diags.push(makeDiagnostic("X07RD_ESCHEMA", `review diff report is not schema-valid at ${valid.pointer}: ${valid.message}`, { ptr: valid.pointer }));
    diags.push(...gateDiagnostics(highlights, gates));
    const fired = firedGates(highlights, gates);
    const json = canonicalJsonPretty(reportJson(report)) + "\n";
    const html = renderReviewHtml(report, { include: options.include ?? [], exclude: options.exclude ?? [], maxChanges: options.maxChanges, failOn: gates, fired });
    const exitCode: 0 | 20 = diags.length > 0 || fired.length > 0 ? 20 : 0;
    return { report, json, html, firedGates: fired, exitCode } satisfies ReviewDiffResult;
  });
