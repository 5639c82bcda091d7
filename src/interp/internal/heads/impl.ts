/**
 * The shape of one head's evaluator. Arguments arrive evaluated, in order, as the runtime values described in
 * ../values.ts; `text` arguments (bytes.lit, bytes.view_lit) arrive as their UTF-8 bytes, and type/symbol
 * arguments as an ignored placeholder.
 */
import type { Runtime } from "../runtime.ts";
import type { Value } from "../values.ts";

/**
 * `never[]` parameters make every concrete signature assignable here (parameters are contravariant); the
 * compiler calls it with exactly the arity the checked IR gives.
 */
export type HeadFn = (rt: Runtime, ...args: never[]) => Value;

/**
 * A head whose evaluator depends on its concrete types: the type arguments of ty.* (`tys`) or the type variables
 * a parametric row's name binds (`vec_value.push_<T>_v1` → `{ T: "bytes" }`). Chosen once, at compile time.
 */
export interface TypedHead {
  readonly byType: (tys: ReadonlyArray<string>, bindings: Readonly<Record<string, string>>) => HeadFn | undefined;
}

/** The evaluator as the compiler calls it. */
export type HeadCall = (rt: Runtime, ...args: Value[]) => Value;
