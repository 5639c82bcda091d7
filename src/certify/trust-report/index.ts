/**
 * `x07 trust report` as a library (`trustReport`), usable by `trust certify` (`writeTrustReportBundle`).
 *
 * The report (`x07.trust.report@0.1.0`) says what a project may do and what its code uses: the
 * resolved world, runner and module roots; run-profile caps, policy limits and `budget.scope_*` uses;
 * declared policy capabilities and arch world assignments against the sensitive namespaces the code
 * calls; nondeterminism flags; and a deterministic SBOM (CycloneDX 1.5 by default, or SPDX 2.3) written
 * next to the report. `--fail-on` conditions, `--strict` issues, dependency capability policy violations
 * and a report that does not validate make the exit code 20.
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import type { FileSystem } from "effect";
import { validateWritten } from "../../core/contracts/written.ts";
import { InvalidInputError, writeText } from "../../core/io/index.ts";
import type { X07Error } from "../../core/io/index.ts";
import { canonicalJsonPretty } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { noProjectContext, resolveProjectContext } from "./internal/context.ts";
import type { ProjectContext } from "./internal/context.ts";
import { checkDepsCapability } from "./internal/deps-policy.ts";
import type { DepsCapOutcome } from "./internal/deps-policy.ts";
import { renderTrustHtml } from "./internal/html.ts";
import { asArray, asStr, get } from "./internal/json.ts";
import { emptyObserved, mergeRunReport, mergeX07Test } from "./internal/observed.ts";
import { isSafeRelPath, joinPath, withExtension } from "./internal/paths.ts";
import { readJsonFile } from "./internal/read.ts";
import { buildReport, firedTrustGates, nondeterminismFlags } from "./internal/report.ts";
import type { SbomSection, TrustFailOn } from "./internal/report.ts";
import { cycloneDx, sbomComponents, spdx, stdlibComponents } from "./internal/sbom.ts";
import type { SbomFormat } from "./internal/sbom.ts";
import { scanModuleRoots } from "./internal/scan.ts";

export { TRUST_FAIL_ON, isTrustFailOn } from "./internal/report.ts";
export type { TrustFailOn, NondetFlag } from "./internal/report.ts";
export type { SbomFormat, SbomComponent } from "./internal/sbom.ts";
export { TOOLCHAIN_NAME } from "./internal/sbom.ts";

/**
 * Options of {@link trustReport}.
 * @since 0.1.0
 * @category models
 */
export interface TrustReportOptions {
  /** Where the JSON report goes; the SBOM is written next to it (`x.json` → `x.sbom.cdx.json` / `x.sbom.spdx.json`). */
  readonly out: string;
  /** Where the HTML page goes (optional). */
  readonly htmlOut?: string | undefined;
  /** The run profile of x07.json to describe (default: default_profile, else "dev", else "os"). */
  readonly profile?: string | undefined;
  /** SBOM format (default cyclonedx). */
  readonly sbomFormat?: SbomFormat | undefined;
  readonly failOn?: ReadonlyArray<TrustFailOn> | undefined;
  /** A missing project, lockfile or sandbox policy, or an invalid dependency policy, fails the report. */
  readonly strict?: boolean | undefined;
  /** Dependency capability policy, relative to the project root (default `x07.deps.capability-policy.json`). */
  readonly depsCapPolicy?: string | undefined;
  /** Run wrapper reports whose `solve` stats are merged as observed usage. */
  readonly runReports?: ReadonlyArray<string> | undefined;
  /** Bundle reports: observed usage plus the policy paths they materialized. */
  readonly bundleReports?: ReadonlyArray<string> | undefined;
  /** x07test reports: max fuel, memory stats and the worlds tests ran in. */
  readonly x07testReports?: ReadonlyArray<string> | undefined;
  /** Recorded in `invocation` (default: empty argv and cwd, started at 0, so reports are reproducible). */
  readonly argv?: ReadonlyArray<string> | undefined;
  readonly cwd?: string | undefined;
  readonly startedAtUnixMs?: number | undefined;
  /**
   * Write the SBOM, report and HTML (default true). With false nothing is written: the SBOM counts as
   * generated at its path next to `out`, and the caller writes `json`, `html` and `sbom` (certify does).
   */
  readonly write?: boolean | undefined;
}

/**
 * What {@link trustReport} produced and wrote.
 * @since 0.1.0
 * @category models
 */
export interface TrustReportResult {
  /** The `x07.trust.report@0.1.0` document. */
  readonly report: JsonValue;
  /** Whether the report validated (an invalid report is not written to `out`). */
  readonly valid: boolean;
  readonly json: string;
  readonly html: string;
  /** The SBOM document (CycloneDX or SPDX), or null with `--sbom-format none`. */
  readonly sbom: JsonValue | null;
  /** Paths written: the report (when valid), the HTML (when asked for), the SBOM (when generated). */
  readonly paths: { readonly out: string | null; readonly html: string | null; readonly sbom: string | null };
  /** Dependency-policy, SBOM, schema and strict-mode diagnostics (warnings included). */
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly strictIssues: ReadonlyArray<string>;
  readonly firedGates: ReadonlyArray<TrustFailOn>;
  /** 20 when a gate fired, the report is invalid, or a strict/dependency-policy check failed; else 0. */
  readonly exitCode: 0 | 20;
}

const projectError = (message: string) => new InvalidInputError({ diagnostics: [makeDiagnostic("X07TR_EPROJECT", message)] });

/** Reads observed-usage documents; a missing or non-JSON one is an input error. */
const loadDocs = (paths: ReadonlyArray<string>, flag: string) =>
  Effect.forEach(paths, (p) =>
    Effect.flatMap(readJsonFile(p), (f) => (f.ok ? Effect.succeed(f.value) : Effect.fail(new InvalidInputError({ diagnostics: [makeDiagnostic("X07TR_EPROJECT", `load ${flag} ${p}: ${f.detail}`, { file: p })] })))),
  );

/**
 * Builds the trust report of the project at `project` (an x07.json path, or undefined for no project)
 * and writes the SBOM, the JSON report and (optionally) the HTML page.
 *
 * @example
 * ```ts
 * const r = yield* trustReport("x07.json", { out: "target/trust/trust.json", failOn: ["net-enabled"] });
 * if (r.exitCode === 20) console.log(r.firedGates);
 * ```
 * @since 0.1.0
 * @category certify
 */
export const trustReport = (project: string | undefined, options: TrustReportOptions): Effect.Effect<TrustReportResult, X07Error, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const failOn = options.failOn ?? [];
    const strict = options.strict === true;
    const format = options.sbomFormat ?? "cyclonedx";
    const ctx: ProjectContext = project === undefined ? noProjectContext(options.profile ?? null) : yield* resolveProjectContext(project, options.profile ?? null);

    const strictIssues: string[] = [];
    if (strict && ctx.projectPath === null) strictIssues.push("strict mode requires a project manifest");
    if (strict && ctx.world === "run-os-sandboxed" && ctx.policyPath === null) strictIssues.push("strict mode: run-os-sandboxed requires a resolved policy file");
    if (strict && ctx.projectPath !== null && ctx.lockfilePath === null && (ctx.lockDeps === null || ctx.lockDeps.length === 0)) strictIssues.push("strict mode: lockfile missing");

    const scan = yield* scanModuleRoots(ctx.moduleRoots);

    const depsFailOn = failOn.includes("deps-capability");
    let deps: DepsCapOutcome = { diagnostics: [], missing: false, invalid: false, violated: false };
    if (ctx.projectPath !== null && ctx.declaredDependencies.length > 0) {
      const raw = options.depsCapPolicy;
      if (raw !== undefined && !isSafeRelPath(raw)) return yield* Effect.fail(projectError(`--deps-cap-policy must be a safe relative path (no '..', no absolute paths): ${JSON.stringify(raw)}`));
      deps = yield* checkDepsCapability(joinPath(ctx.root, raw ?? "x07.deps.capability-policy.json"), ctx.root, ctx.lockDeps, depsFailOn);
    }

    const observed = emptyObserved();
    for (const doc of yield* loadDocs(options.runReports ?? [], "--run-report")) mergeRunReport(doc, observed);
    let policyPaths = { base: ctx.policyPath, effective: ctx.policyPath };
    for (const doc of yield* loadDocs(options.bundleReports ?? [], "--bundle-report")) {
      const policy = get(get(doc, "bundle"), "policy");
      if (policy !== undefined) {
        policyPaths = { base: asStr(get(policy, "base_policy")) ?? policyPaths.base, effective: asStr(get(policy, "effective_policy")) ?? policyPaths.effective };
        const keys = asArray(get(policy, "embedded_env_keys"));
        if (keys !== undefined) observed.caps["embedded_env_keys"] = [...keys];
      }
      mergeRunReport(doc, observed);
    }
    for (const doc of yield* loadDocs(options.x07testReports ?? [], "--x07test")) mergeX07Test(doc, observed);

    const flags = nondeterminismFlags(ctx, scan.usesOsTime);
    const components = sbomComponents(ctx.lockDeps ?? [], ctx.stdlibLockPath === null ? [] : yield* stdlibComponents(ctx.stdlibLockPath));
    const diagnostics: Diagnostic[] = [...deps.diagnostics];
    const write = options.write !== false;
    let sbom: SbomSection = { format, generated: false, path: null, components };
    const sbomDoc = format === "none" ? null : format === "cyclonedx" ? cycloneDx(components) : spdx(components);
    if (sbomDoc !== null) {
      const sbomPath = withExtension(options.out, format === "cyclonedx" ? "sbom.cdx.json" : "sbom.spdx.json");
      const written = write ? yield* Effect.result(writeText(sbomPath, canonicalJsonPretty(sbomDoc) + "\n")) : ({ _tag: "Success" } as const);
      if (written._tag === "Success") sbom = { ...sbom, generated: true, path: sbomPath };
      else diagnostics.push(makeDiagnostic("E_SBOM_GENERATION_FAILED", "write SBOM artifact failed", { data: { path: sbomPath, error: written.failure.message } }));
    } else if (failOn.includes("sbom-missing")) {
      diagnostics.push(makeDiagnostic("E_SBOM_GENERATION_FAILED", "SBOM generation disabled (--sbom-format none)"));
    }

    const base = buildReport({ ...ctx, policyPath: policyPaths.base }, scan, observed, flags, sbom, {
      argv: options.argv ?? [],
      cwd: options.cwd ?? "",
      startedAtUnixMs: options.startedAtUnixMs ?? 0,
    });
    const report = { ...(base as Record<string, JsonValue>), project: { ...(get(base, "project") as Record<string, JsonValue>), policy_effective_path: policyPaths.effective } } as JsonValue;
    const valid = yield* Effect.promise(() => validateWritten(report));
    if (!valid.ok) {
      strictIssues.push("generated report is not schema-valid");
      diagnostics.push(makeDiagnostic("X07TR_ESCHEMA", `trust report is not schema-valid at ${valid.pointer || "/"}: ${valid.message}`, { ptr: valid.pointer }));
    }
    if (strict && deps.invalid) strictIssues.push("strict mode: deps capability policy schema invalid");

    const fired = firedTrustGates(flags, sbom, failOn, depsFailOn && (deps.invalid || deps.violated || deps.missing));
    const depsStrict = strict && (deps.invalid || deps.violated);
    const exitCode: 0 | 20 = !valid.ok || fired.length > 0 || depsStrict || (strict && strictIssues.length > 0) ? 20 : 0;
    if (strict) diagnostics.unshift(...strictIssues.map((x) => makeDiagnostic("X07TR_ESTRICT", x)));

    const json = canonicalJsonPretty(report) + "\n";
    if (valid.ok && write) yield* writeText(options.out, json);
    const html = renderTrustHtml({ report, strictIssues, diagnostics, firedGates: fired, exitCode });
    if (options.htmlOut !== undefined && write) yield* writeText(options.htmlOut, html);
    return {
      report,
      valid: valid.ok,
      json,
      html,
      sbom: sbomDoc,
      paths: write ? { out: valid.ok ? options.out : null, html: options.htmlOut ?? null, sbom: sbom.path } : { out: null, html: null, sbom: null },
      diagnostics,
      strictIssues,
      firedGates: fired,
      exitCode,
    } satisfies TrustReportResult;
  });

/** The file names {@link writeTrustReportBundle} writes into its output directory. */
export const TRUST_REPORT_FILES = { json: "trust.report.json", html: "trust.report.html", cyclonedx: "trust.report.sbom.cdx.json" } as const;

/**
 * The certify step: writes `trust.report.json`, `trust.report.html` and the CycloneDX SBOM
 * `trust.report.sbom.cdx.json` into `outDir` (the file names upstream's certificate bundle uses).
 * @since 0.1.0
 * @category certify
 */
export const writeTrustReportBundle = (
  project: string,
  outDir: string,
  options: Omit<TrustReportOptions, "out" | "htmlOut" | "sbomFormat"> = {},
): Effect.Effect<TrustReportResult, X07Error, FileSystem.FileSystem> =>
  trustReport(project, { ...options, out: joinPath(outDir, TRUST_REPORT_FILES.json), htmlOut: joinPath(outDir, TRUST_REPORT_FILES.html), sbomFormat: "cyclonedx" });
