/**
 * The Promise façade (`x07-sdk/promise`) for users who do not use Effect. `createX07()` builds one
 * runtime from the Node layer (or layers you pass) and exposes each stage under the same verb; a failure
 * rejects with the tagged error instance itself (it extends Error and carries `diagnostics`). No logic of
 * its own lives here.
 *
 * @packageDocumentation
 */
import { Effect, ManagedRuntime } from "effect";
import type { FileSystem, Layer } from "effect";
import { fixFiles, fmtFiles, lintFiles, patchApply } from "../authoring/index.ts";
import { checkFile } from "../check/index.ts";
import type { CheckOptions, CheckResult } from "../check/index.ts";
import { interp } from "../interp/index.ts";
import type { InterpOptions, RunOutcome } from "../interp/index.ts";
import { layerStd } from "../std/index.ts";
import type { WorldId } from "../core/worlds/table.ts";
import type { ParseOptions } from "../parse/index.ts";
import { layerNode, parse, parseFile } from "../pipeline/index.ts";

/**
 * Options for {@link createX07}.
 * @since 0.1.0
 * @category models
 */
export interface CreateX07Options {
  /** The services to run with (default: the Node file system). */
  readonly layer?: Layer.Layer<FileSystem.FileSystem>;
}

/**
 * Creates a Promise-based SDK instance; call `dispose()` (or use `await using`) when done.
 * @example
 * ```ts
 * const x07 = createX07();
 * const doc = await x07.parseFile("examples/hello/main.x07.json");
 * await x07.dispose();
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const createX07 = (options: CreateX07Options = {}) => {
  const runtime = ManagedRuntime.make(options.layer ?? layerNode);
  const check = (path: string, o: CheckOptions = {}): Promise<CheckResult> => runtime.runPromise(checkFile(path, o).pipe(Effect.provide(layerStd)));
  return {
    /** Checks an entry file (std modules resolve first, then `moduleRoots`). */
    check,
    /**
     * Checks an entry file and runs it on `input` in-process; a check failure comes back as `{ checked }` with
     * its diagnostics and no run.
     */
    run: async (path: string, o: CheckOptions & Partial<InterpOptions> = {}): Promise<{ readonly checked: CheckResult; readonly run?: RunOutcome }> => {
      const checked = await check(path, o);
      if (checked.program === undefined) return { checked };
      const { input = new Uint8Array(0), ...limits } = o;
      return { checked, run: interp(checked.program, { input, ...limits }) };
    },
    parse: (input: string | Uint8Array, o: ParseOptions = {}) => runtime.runPromise(parse(input, o)),
    parseFile: (path: string) => runtime.runPromise(parseFile(path)),
    fmt: (paths: ReadonlyArray<string>, o: { write: boolean; pretty?: boolean }) => runtime.runPromise(fmtFiles(paths, o)),
    lint: (paths: ReadonlyArray<string>, o: { world?: WorldId } = {}) => runtime.runPromise(lintFiles(paths, o)),
    fix: (paths: ReadonlyArray<string>, o: { world?: WorldId; write: boolean }) => runtime.runPromise(fixFiles(paths, o)),
    patchApply: (patchset: string, o: { repoRoot?: string; write: boolean }) => runtime.runPromise(patchApply(patchset, o)),
    dispose: () => runtime.dispose(),
    [Symbol.asyncDispose]: () => runtime.dispose(),
  };
};

/**
 * A Promise-based SDK instance.
 * @since 0.1.0
 * @category models
 */
export type X07 = ReturnType<typeof createX07>;
