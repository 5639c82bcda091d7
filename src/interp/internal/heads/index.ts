/**
 * THE dispatch table of the interpreter: one evaluator per builtin head, keyed by `HeadName` (the keys of
 * core/heads/table.ts), assembled from one file per family. A head missing here is reported at run time as
 * the trap `X07I_UNSUPPORTED_HEAD` when the program reaches it; `test/interp/heads.test.ts` pins the list.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import { BRAND_HEADS } from "./brand.ts";
import { BYTES_HEADS } from "./bytes.ts";
import { CODEC_HEADS } from "./codec.ts";
import { F64_HEADS } from "./f64.ts";
import { I32_HEADS } from "./i32.ts";
import type { HeadCall, HeadFn, TypedHead } from "./impl.ts";
import { LIT_HEADS } from "./lit.ts";
import { MAP_U32_HEADS } from "./map-u32.ts";
import { MAP_VALUE_HEADS } from "./map-value.ts";
import { OPTION_RESULT_HEADS } from "./option-result.ts";
import { SCRATCH_HEADS } from "./scratch.ts";
import { TASK_HEADS } from "./task.ts";
import { TY_HEADS } from "./ty.ts";
import { VEC_VALUE_HEADS } from "./vec-value.ts";

export type { HeadCall, HeadFn, TypedHead } from "./impl.ts";

export const HEAD_IMPLS: { readonly [K in HeadName]?: HeadFn | TypedHead } = {
  ...I32_HEADS,
  ...F64_HEADS,
  ...LIT_HEADS,
  ...BYTES_HEADS,
  ...OPTION_RESULT_HEADS,
  ...CODEC_HEADS,
  ...TY_HEADS,
  ...MAP_U32_HEADS,
  ...SCRATCH_HEADS,
  ...VEC_VALUE_HEADS,
  ...MAP_VALUE_HEADS,
  ...BRAND_HEADS,
  ...TASK_HEADS,
};

/**
 * The evaluator of a head row for the given type arguments, or undefined when the interpreter does not
 * implement it (for those types) yet.
 */
export const headImpl = (name: HeadName, tys: ReadonlyArray<string>, bindings: Readonly<Record<string, string>>): HeadCall | undefined => {
  const impl = HEAD_IMPLS[name];
  if (impl === undefined) return undefined;
  return (typeof impl === "function" ? impl : impl.byType(tys, bindings)) as HeadCall | undefined;
};
