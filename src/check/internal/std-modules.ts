/**
 * The built-in std modules, as a service. Upstream embeds 51 std modules in its compiler and resolves them
 * before any module root; the std issue supplies their sources. Until then `layerNoStd` resolves none, and an
 * import of `std.*` is reported like any unknown module.
 */
import { Context, Layer } from "effect";

/** One built-in module's source. */
export interface BuiltinModule {
  readonly moduleId: string;
  /** x07AST JSON text. */
  readonly text: string;
}

/** Looks up built-in modules by id. */
export interface StdModulesShape {
  readonly get: (moduleId: string) => BuiltinModule | undefined;
  readonly ids: () => ReadonlyArray<string>;
}

/**
 * The built-in std modules service.
 * @since 0.1.0
 * @category services
 */
export class StdModules extends Context.Service<StdModules, StdModulesShape>()("@x07/sdk/StdModules") {}

/** A std provider from a list of modules. */
export const makeStdModules = (modules: ReadonlyArray<BuiltinModule>): StdModulesShape => {
  const byId = new Map(modules.map((m) => [m.moduleId, m]));
  const ids = [...byId.keys()].sort();
  return { get: (id) => byId.get(id), ids: () => ids };
};

/** No built-in modules. */
export const layerNoStd: Layer.Layer<StdModules> = Layer.succeed(StdModules)(makeStdModules([]));

/** Built-in modules from a list (tests, embedders). */
export const layerStdModules = (modules: ReadonlyArray<BuiltinModule>): Layer.Layer<StdModules> => Layer.succeed(StdModules)(makeStdModules(modules));
