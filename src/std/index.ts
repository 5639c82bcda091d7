/**
 * The standard library (`x07-sdk/std`): the 51 built-in std modules, written in this project, and the
 * {@link StdModules} layer that makes `check`/`interp` resolve them before any module root (as upstream).
 *
 * Sources live next to this file in `modules/` (one x07AST document per module, `std.text.ascii` →
 * `modules/std/text/ascii.x07.json`) and are read on first use. The table of modules, their implementation
 * kind and how the prover treats them is {@link STD_MODULES} (rendered in `src/std/README.md`).
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Layer } from "effect";
import { StdModules } from "../check/index.ts";
import type { BuiltinModule, StdModulesShape } from "../check/index.ts";
import { isStdModuleId, STD_MODULE_IDS } from "./table.ts";

export { STD_MODULES, STD_MODULE_IDS, isStdModuleId } from "./table.ts";
export type { StdImplementationKind, StdModuleId, StdModuleRow, StdWorldNeed } from "./table.ts";

const MODULES_DIR = new URL("./modules/", import.meta.url);

/** The file (URL) a std module's source lives in. */
const sourceUrl = (id: string): URL => new URL(`${id.split(".").join("/")}.x07.json`, MODULES_DIR);

/**
 * The std modules whose sources are present, read lazily and cached. A module of the table with no source yet
 * resolves as unknown (so an import of it reports X07-MODULE-0001 instead of a crash).
 */
const makeBundledStd = (): StdModulesShape => {
  const cache = new Map<string, BuiltinModule | null>();
  const get = (id: string): BuiltinModule | undefined => {
    if (!isStdModuleId(id)) return undefined;
    let hit = cache.get(id);
    if (hit === undefined) {
      const url = sourceUrl(id);
      hit = existsSync(url) ? { moduleId: id, text: readFileSync(url, "utf8") } : null;
      cache.set(id, hit);
    }
    return hit ?? undefined;
  };
  let ids: ReadonlyArray<string> | undefined;
  return {
    get,
    ids: () => (ids ??= STD_MODULE_IDS.filter((id) => existsSync(sourceUrl(id)))),
  };
};

let bundled: StdModulesShape | undefined;

/**
 * The bundled std modules as a {@link StdModulesShape} (shared, read lazily).
 * @since 0.1.0
 * @category std
 */
export const bundledStd = (): StdModulesShape => (bundled ??= makeBundledStd());

/**
 * The bundled std as the `StdModules` service: what `x07 check`/`x07 run` use.
 * @since 0.1.0
 * @category std
 */
export const layerStd: Layer.Layer<StdModules> = Layer.sync(StdModules)(() => bundledStd());

/** The directory holding the std module sources (for tools that list or format them). */
export const stdModulesDir = (): string => fileURLToPath(MODULES_DIR);
