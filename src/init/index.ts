/**
 * Project scaffolding (`x07-sdk/init`): `x07 init [DIR]` writes a solve-pure project skeleton, and
 * `x07 init --template T` one of six templates — `verified-core-pure` or a service archetype (`api-cell`,
 * `event-consumer`, `scheduled-job`, `policy-service`, `workflow-service`).
 *
 * Consumes a target directory; produces files written through temp file + rename, and the list of paths
 * written. Templates are data (pure functions of nothing), so scaffolding twice gives byte-identical trees.
 * Needs effect's `FileSystem`. Codes: `X07INIT_*`.
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import type { TemplateFile } from "./internal/files.ts";
import { writeTemplate } from "./internal/scaffold.ts";
import { ARCHETYPE_TEMPLATE_IDS, archetypeFiles, POLICY_PATH, SERVICE_MANIFEST_PATH } from "./internal/service.ts";
import { skeletonFiles } from "./internal/skeleton.ts";
import { TRUST_PROFILE_PATH, VERIFIED_KERNEL, verifiedCorePureFiles } from "./internal/verified-core-pure.ts";
import { kernelSymbols } from "./internal/kernel.ts";

export { InitError } from "./internal/scaffold.ts";
export type { TemplateFile } from "./internal/files.ts";
export { GITIGNORE_PATTERNS, mergeGitignore } from "./internal/files.ts";
export { SERVICE_MANIFEST_PATH, POLICY_PATH, TRUST_PROFILE_PATH };

/**
 * Every `--template` value, in help order.
 * @since 0.1.0
 * @category models
 */
export const INIT_TEMPLATES = ["verified-core-pure", ...ARCHETYPE_TEMPLATE_IDS] as const;

/**
 * A `--template` value.
 * @since 0.1.0
 * @category models
 */
export type InitTemplate = (typeof INIT_TEMPLATES)[number];

/**
 * Whether a string is a template id.
 * @since 0.1.0
 * @category guards
 */
export const isInitTemplate = (s: string): s is InitTemplate => (INIT_TEMPLATES as ReadonlyArray<string>).includes(s);

/**
 * The files of a template (the plain skeleton when `template` is undefined), sorted by path.
 * @since 0.1.0
 * @category constructors
 */
export const templateFiles = (template?: InitTemplate): TemplateFile[] => {
  const files = template === undefined ? skeletonFiles() : template === "verified-core-pure" ? verifiedCorePureFiles() : archetypeFiles(template);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};

/**
 * Options of {@link scaffold}.
 * @since 0.1.0
 * @category models
 */
export interface ScaffoldOptions {
  readonly template?: InitTemplate;
  /** Write into a non-empty directory, replacing scaffold files (a .gitignore is merged, not replaced). */
  readonly force?: boolean;
}

/**
 * What a scaffold wrote, with upstream's report fields (`root`, `created`, `notes`, `next_steps`).
 * @since 0.1.0
 * @category models
 */
export interface ScaffoldResult {
  readonly root: string;
  readonly template: InitTemplate | null;
  /** Project-relative paths written, sorted. */
  readonly created: ReadonlyArray<string>;
  readonly notes: ReadonlyArray<string>;
  readonly next_steps: ReadonlyArray<string>;
}

const notesFor = (template: InitTemplate | undefined): string[] => {
  if (template === undefined) return ["Solve-pure project skeleton: entry src/main.x07.json, module app, one smoke test, strict arch manifest."];
  if (template === "verified-core-pure") return [`Certifiable solve-pure project: kernel ${kernelSymbols(VERIFIED_KERNEL).kernel}, boundary index and the verified_core_pure_v1 profile.`];
  const notes = [`Service scaffold for the ${template} archetype: a solve-pure domain kernel, the service manifest ${SERVICE_MANIFEST_PATH} and the sandbox policy ${POLICY_PATH}.`];
  if (template === "workflow-service") notes.push("workflow-service is scaffold-only: the manifest describes the cell; no runtime ships for it yet.");
  return notes;
};

const nextStepsFor = (template: InitTemplate | undefined): string[] => {
  const common = ["x07 check --project x07.json", template === undefined ? "x07 test --manifest tests/tests.json" : "x07 test --all --manifest tests/tests.json", "x07 arch check"];
  if (template === undefined) return common;
  if (template === "verified-core-pure") {
    const k = kernelSymbols(VERIFIED_KERNEL).kernel;
    return [...common, `x07 verify --prove --entry ${k}`, `x07 trust profile check --profile ${TRUST_PROFILE_PATH} --project x07.json --entry ${k}`];
  }
  return [`x07 service validate --manifest ${SERVICE_MANIFEST_PATH}`, ...common];
};

/**
 * Scaffolds a project into `dir` (created when missing; refused when not empty unless `force`). Every file
 * is written through a temp file + rename. Fails with {@link InitError}.
 * @since 0.1.0
 * @category stages
 */
export const scaffold = (dir: string, options: ScaffoldOptions = {}) =>
  Effect.map(
    writeTemplate(dir, templateFiles(options.template), options.force === true),
    (created): ScaffoldResult => ({
      root: dir,
      template: options.template ?? null,
      created,
      notes: notesFor(options.template),
      next_steps: nextStepsFor(options.template),
    }),
  );
