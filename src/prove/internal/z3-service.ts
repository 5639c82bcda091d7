/** The Z3 service and its layer (defined here so internal modules and the public index share one tag). */
import { Context, Effect, Layer } from "effect";
import { startZ3 } from "./z3.ts";
import type { StartZ3Options, Z3Handle } from "./z3.ts";

/**
 * The in-process z3 solver, started once and reused.
 * @since 0.1.0
 * @category services
 */
export class Z3 extends Context.Service<Z3, Z3Handle>()("@x07/sdk/Z3") {}

/**
 * Starts `z3-solver` with the given options when built (e.g. `{ api }`: a z3 the caller already began to
 * initialise) and stops its worker threads when released.
 * @since 0.1.0
 * @category layers
 */
export const layerZ3With = (options: StartZ3Options): Layer.Layer<Z3> =>
  Layer.effect(Z3)(
    Effect.acquireRelease(
      Effect.promise(() => startZ3(options)),
      (h) => Effect.promise(() => h.dispose()),
    ),
  );

/**
 * Starts `z3-solver` when built and stops its worker threads when released.
 * @since 0.1.0
 * @category layers
 */
export const layerZ3: Layer.Layer<Z3> = layerZ3With({});
