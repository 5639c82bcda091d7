/**
 * THE builtin-head table: the `solve-pure` subset plus the world I/O heads (families/world-io.ts, which need a
 * world capability or are not run by the interpreter): one row per head (parametric prefix families are one
 * row each, keyed by their pattern, e.g. `vec_value.push_<T>_v1`). `check` and `interp` type their handlers as
 * `Record<HeadName, …>`, so a missing head is a compile error. Special forms live in ./special-forms.ts.
 *
 * Facts are from upstream x07 0.2.17 (emitter, typing pass, C runtime); docs/semantics/heads.md explains them
 * and lists what is still open (rows with an `open` field).
 */
import { BRAND_TASK_HEADS } from "./families/brand-task.ts";
import { BYTES_HEADS } from "./families/bytes.ts";
import { CODEC_HEADS } from "./families/codec.ts";
import { COLLECTION_HEADS } from "./families/collections.ts";
import { OPTION_RESULT_HEADS } from "./families/option-result.ts";
import { SCALAR_HEADS } from "./families/scalar.ts";
import { TY_HEADS } from "./families/ty-internal.ts";
import { WORLD_IO_HEADS } from "./families/world-io.ts";
import type { HeadSpec } from "./spec.ts";
import type { TypeName } from "./types.ts";

export const HEADS = {
  ...SCALAR_HEADS,
  ...BYTES_HEADS,
  ...OPTION_RESULT_HEADS,
  ...CODEC_HEADS,
  ...COLLECTION_HEADS,
  ...BRAND_TASK_HEADS,
  ...TY_HEADS,
  ...WORLD_IO_HEADS,
} as const satisfies Record<string, HeadSpec>;

export type HeadName = keyof typeof HEADS;

export const HEAD_NAMES: ReadonlyArray<HeadName> = Object.keys(HEADS) as HeadName[];

/** The one builtin identifier that is not a head: the solve entry's input (`infer`/`emit_ident_to`: bytes_view, borrowed from the runner). */
export const BUILTIN_IDENTS = {
  input: { ty: "bytes_view", note: "The solve input; a view that outlives every local, so it may be returned from solve-like code and is never moved." },
} as const satisfies Record<string, { readonly ty: TypeName; readonly note: string }>;

/** A head name resolved against the table: the row key and the type-variable bindings of a prefix family. */
export interface ResolvedHead {
  readonly name: HeadName;
  readonly spec: HeadSpec;
  readonly bindings: Readonly<Record<string, TypeName>>;
}

const PARAMETRIC: ReadonlyArray<readonly [HeadName, HeadSpec]> = HEAD_NAMES.flatMap((n) => {
  const spec: HeadSpec = HEADS[n];
  return spec.prefix !== undefined ? [[n, spec] as const] : [];
});

/** Match a concrete head like `map_value.get_i32_bytes_v1` against a pattern row like `map_value.get_<K>_<V>_v1`. */
const matchPattern = (pattern: string, spec: HeadSpec, head: string): Record<string, TypeName> | undefined => {
  const prefix = spec.prefix;
  if (prefix === undefined || !head.startsWith(prefix.prefix)) return undefined;
  const vars = [...pattern.matchAll(/<([A-Z])>/g)].map((m) => m[1] as string);
  const tryVars = (rest: string, i: number, acc: Record<string, TypeName>): Record<string, TypeName> | undefined => {
    if (i === vars.length) return rest === "_v1" ? acc : undefined;
    const v = vars[i] as string;
    // Longest option first so `bytes_view` wins over `bytes`.
    const options = [...(prefix.vars[v] ?? [])].sort((a, b) => b.length - a.length);
    for (const ty of options) {
      const sep = i === 0 ? "" : "_";
      if (rest.startsWith(sep + ty)) {
        const found = tryVars(rest.slice(sep.length + ty.length), i + 1, { ...acc, [v]: ty });
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return tryVars(head.slice(prefix.prefix.length), 0, {});
};

/** Look a list head up: an exact row, else the parametric row whose pattern it instantiates; undefined when it is not a builtin head. */
export const resolveHead = (head: string): ResolvedHead | undefined => {
  if (Object.prototype.hasOwnProperty.call(HEADS, head)) {
    const name = head as HeadName;
    const spec: HeadSpec = HEADS[name];
    // A pattern key such as `vec_value.push_<T>_v1` is not itself a head.
    return spec.prefix === undefined ? { name, spec, bindings: {} } : undefined;
  }
  for (const [name, spec] of PARAMETRIC) {
    const bindings = matchPattern(name, spec, head);
    if (bindings !== undefined) return { name, spec, bindings };
  }
  return undefined;
};
