/**
 * The compile attestation: this SDK's equivalent of upstream's native rebuild check. The project's entry
 * program is built twice, each time from scratch (read, parse, resolve, type-check, generate the JS backend's
 * evaluator source); the two artifacts must be byte-identical. The artifact is the JS evaluator module of the
 * program (factory source plus its constant byte strings) as canonical JSON; `x07.compile.attest@0.1.0`
 * records its sha256 and the rebuild match.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { checkFile } from "../../check/index.ts";
import type { StdModules } from "../../check/index.ts";
import { canonicalJson, sha256Hex } from "../../core/json/index.ts";
import { isWorldId } from "../../core/worlds/table.ts";
import { evaluatorSource } from "../../interp/index.ts";
import { testModuleRoots } from "../../test/index.ts";
import { SDK_VERSION } from "../../version.ts";
import { StepFailure } from "../chain/services.ts";
import type { CompileShape } from "../chain/services.ts";
import type { CertifyProject } from "../chain/project.ts";

/** The language id recorded as the compiler. */
export const COMPILER_LANG_ID = "x07-sdk-js-evaluator";
/** The artifact format. */
export const ARTIFACT_FORMAT = "x07-sdk.js-evaluator@0.1.0";

const b64 = (b: Uint8Array): string => Buffer.from(b).toString("base64");

/** One build from scratch: the artifact bytes, or why there is none. */
const buildOnce = (project: CertifyProject, roots: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const entryPath = nodePath.resolve(project.root, project.manifest.entry);
    const world = project.manifest.world;
    if (!isWorldId(world)) return yield* Effect.fail(new StepFailure({ message: `unknown world ${world}` }));
    const checked = yield* checkFile(entryPath, { moduleRoots: roots, world }).pipe(Effect.mapError((e) => new StepFailure({ message: `cannot read ${entryPath}: ${e.message}` })));
    if (!checked.ok || checked.program === undefined)
      return yield* Effect.fail(new StepFailure({ message: `the entry program does not check: ${checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`).slice(0, 3).join("; ")}` }));
    const g = evaluatorSource(checked.program);
    if (g === undefined) return yield* Effect.fail(new StepFailure({ message: "the entry program uses constructs the JS backend does not lower; no compiled artifact can be attested" }));
    const text = canonicalJson({ format: ARTIFACT_FORMAT, world, source: g.source, consts_b64: g.consts.map(b64) }) + "\n";
    return new TextEncoder().encode(text);
  });

/** The compile attestation of the project's entry program (both builds, compared byte for byte). */
export const attestCompile = (project: CertifyProject, entry: string): Effect.Effect<{ attestation: import("../../core/json/index.ts").JsonValue; artifact: Uint8Array }, StepFailure, FileSystem.FileSystem | StdModules> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const roots = yield* testModuleRoots(project.root, [], project.root);
    const programBytes = yield* fs.readFile(nodePath.resolve(project.root, project.manifest.entry)).pipe(Effect.mapError(() => new StepFailure({ message: `cannot read the entry program ${project.manifest.entry}` })));
    const lockRel = project.manifest.lockfile ?? "x07.lock.json";
    const lock = yield* Effect.result(fs.readFile(nodePath.join(project.root, lockRel)));
    const first = yield* buildOnce(project, roots);
    const second = yield* buildOnce(project, roots);
    const match = first.length === second.length && first.every((b, i) => b === second[i]);
    const attestation = {
      schema_version: "x07.compile.attest@0.1.0",
      world: project.manifest.world,
      bundle_kind: "native",
      output_path: `bundle/id_${sha256Hex(entry)}`,
      inputs: {
        target_kind: "project",
        target_path: "x07.json",
        project_path: "x07.json",
        lockfile_path: lock._tag === "Success" ? lockRel : null,
        program_sha256: sha256Hex(programBytes),
        lockfile_sha256: lock._tag === "Success" ? sha256Hex(lock.success) : null,
        module_roots: [...project.manifest.module_roots],
      },
      artifacts: { freestanding_c_sha256: null, wrapper_c_sha256: null, combined_c_sha256: null, binary_sha256: sha256Hex(first) },
      compiler: { lang_id: `${COMPILER_LANG_ID}@${SDK_VERSION}`, ok: true, exit_status: null, stdout_sha256: null, stderr_sha256: null },
      rebuild: { deterministic_match: match, binary_sha256: sha256Hex(second) },
    };
    return { attestation, artifact: first };
  });

/** The compile service over the SDK's own checker and JS backend. */
export const makeCompileService = (provide: <A, E>(eff: Effect.Effect<A, E, FileSystem.FileSystem | StdModules>) => Effect.Effect<A, E>): CompileShape => ({
  attest: (project, entry) => provide(attestCompile(project, entry)),
});
