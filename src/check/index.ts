/**
 * The `check` stage (`x07-sdk/check`): module resolution and type checking.
 *
 * Consumes an entry document (or file) plus module roots and a world; loads the import closure (built-in
 * std modules first, then module roots), lints every module for its world, and types every function body,
 * contract clause and the entry's /solve. Produces a {@link CheckedProgram} (typed IR, resolved calls,
 * explicit coercions) and x07diag diagnostics. Needs effect's `FileSystem` and the {@link StdModules}
 * service. Emits `X07-MODULE-*`, `X07-TYPE-*`, `X07-MOVE-*`, `X07-BORROW-*`, `X07-CONTRACT-*` plus the lint codes.
 *
 * Covers generics (monomorphised per `tapp` instance), records/enums/exhaustive `match`, async forms, brands, moves
 * (bytes, vec_u8, owned options/results used once) and views that outlive their owner's move. Layout and how it
 * stays fast: `src/check/README.md`.
 *
 * @packageDocumentation
 */
import { Effect } from "effect";
import { readBytes } from "../core/io/files.ts";
import { DEFAULT_WORLD } from "../core/worlds/table.ts";
import type { WorldId } from "../core/worlds/table.ts";
import { hasErrors } from "../diag/index.ts";
import type { Diagnostic } from "../diag/index.ts";
import { parseX07Ast } from "../parse/index.ts";
import { lintDocument } from "../authoring/index.ts";
import type { X07AstDocument } from "../parse/index.ts";
import { builtinLookup } from "./internal/builtins.ts";
import { checkLoadedProgram } from "./internal/program.ts";
import { loadProgram } from "./internal/resolve.ts";

export type { BudgetCfg, CheckedProgram, CheckedFunction, TExpr, Ty, FormName } from "./ir.ts";
export { StdModules, layerNoStd, layerStdModules, makeStdModules } from "./internal/std-modules.ts";
export type { BuiltinModule, StdModulesShape } from "./internal/std-modules.ts";
export { modulePath } from "./internal/resolve.ts";
export type { LoadedProgram, LoadedModule } from "./internal/resolve.ts";

/**
 * Options for checking.
 * @since 0.1.0
 * @category models
 */
export interface CheckOptions {
  /** Directories searched for imported modules, in order. */
  readonly moduleRoots?: ReadonlyArray<string>;
  /** The world the program runs in (default solve-pure). */
  readonly world?: WorldId;
  /** Stop after loading, schema/shape and lint (no type checking), like upstream `x07 check --ast`. */
  readonly astOnly?: boolean;
}

/**
 * What checking returns: the checked program when there are no errors, and every diagnostic.
 * @since 0.1.0
 * @category models
 */
export interface CheckResult {
  readonly ok: boolean;
  readonly program?: import("./ir.ts").CheckedProgram;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
}

/**
 * Checks a parsed entry document.
 * @since 0.1.0
 * @category stages
 */
export const checkDocument = (entry: X07AstDocument, options: CheckOptions = {}) =>
  Effect.gen(function* () {
    const world = options.world ?? DEFAULT_WORLD;
    const loaded = yield* loadProgram(entry, { moduleRoots: options.moduleRoots ?? [], world });
    if (options.astOnly === true) {
      const docs = [...loaded.program.modules.map((m) => m.document), entry];
      const diagnostics = [...loaded.diagnostics, ...docs.flatMap((d) => lintDocument(d, { world }))];
      return { ok: !hasErrors(diagnostics), diagnostics } satisfies CheckResult;
    }
    const checked = checkLoadedProgram(loaded.program, builtinLookup);
    const diagnostics = [...loaded.diagnostics, ...checked.diagnostics];
    const ok = !hasErrors(diagnostics);
    return { ok, ...(ok ? { program: checked.program } : {}), diagnostics } satisfies CheckResult;
  });

/**
 * Reads, parses and checks an entry file.
 * @since 0.1.0
 * @category stages
 */
export const checkFile = (path: string, options: CheckOptions = {}) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(path);
    const parsed = parseX07Ast(bytes, { file: path });
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics } satisfies CheckResult;
    return yield* checkDocument(parsed.document, options);
  });
