/**
 * Builtin head signatures for the checker, read from the shared heads table (`core/heads/table.ts`); the
 * checker matches no head strings of its own.
 */
import { HEADS, HEAD_NAMES, resolveHead } from "../../core/heads/table.ts";
import type { HeadName } from "../../core/heads/table.ts";
import type { ArgMode } from "../../core/heads/spec.ts";
import type { Ty } from "../ir.ts";
import { UNKNOWN } from "./types.ts";

/** One parameter as the checker sees it. */
export interface BuiltinParam {
  readonly ty: Ty;
  /** The table's spelling (`$T` for a type variable bound by a type argument). */
  readonly raw: string;
  readonly mode: ArgMode;
  /** Other argument types accepted here and coerced to `ty` (bytes viewed in full). */
  readonly accepts: ReadonlyArray<Ty>;
  /** A user function parameter's `brand`: the argument must carry it (brands.ts). */
  readonly brand?: string;
}

/** What the checker needs of a builtin head. */
export interface BuiltinSig {
  readonly params: ReadonlyArray<BuiltinParam>;
  /** The result type, or "the type of argument n". */
  readonly result: Ty | { readonly sameAsParam: number };
  readonly rawResult: string | { readonly sameAsParam: number };
  /** Whether the head may appear in a contract clause. */
  readonly contractPure: boolean;
  /** Where the head may appear: anywhere, only in async code (solve/defasync), or only inside task.scope_v1. */
  readonly context: "any" | "async" | "task-scope";
  /** Whether some parameter is a type argument (ty.* intrinsics). */
  readonly hasTypeArgs: boolean;
}

/** Pattern rows are keyed like `vec_value.push_<T>_v1`. */
const PATTERN = /<[A-Z]>/;

export const bind = (t: string, bindings: Readonly<Record<string, string>>): Ty => (t.startsWith("$") ? (bindings[t.slice(1)] ?? UNKNOWN) : t);

/** Resolves a head against the table. */
export const lookupBuiltin = (head: string): BuiltinSig | undefined => {
  // Exact rows first: operator heads such as `<` and `<=u` contain '<' but are not patterns.
  const r = Object.prototype.hasOwnProperty.call(HEADS, head) && !PATTERN.test(head) ? { spec: HEADS[head as HeadName], bindings: {} } : resolveHead(head);
  if (r === undefined) return undefined;
  const { spec, bindings } = r;
  return {
    params: spec.params.map((p) => ({ ty: bind(p.ty, bindings), raw: p.mode === "type" ? `$${p.name}` : p.ty, mode: p.mode, accepts: p.accepts ?? [] })),
    result: typeof spec.result === "string" ? bind(spec.result, bindings) : spec.result,
    rawResult: spec.result,
    contractPure: spec.pure,
    context: spec.context,
    hasTypeArgs: spec.params.some((p) => p.mode === "type"),
  };
};

/**
 * Signatures are derived once per head name (the table is immutable). Only found heads are cached and the map is
 * bounded, so a long-lived process checking untrusted programs (unknown heads, many pattern instantiations)
 * cannot grow it without limit.
 */
const CACHE_MAX = 4096;
const cache = new Map<string, BuiltinSig>();
const cachedLookup = (head: string): BuiltinSig | undefined => {
  const hit = cache.get(head);
  if (hit !== undefined) return hit;
  const sig = lookupBuiltin(head);
  if (sig !== undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(head, sig);
  }
  return sig;
};

/** The lookup the checker uses. */
export const builtinLookup = {
  get: cachedLookup,
  names: (): Iterable<string> => HEAD_NAMES.filter((n) => !PATTERN.test(n)),
};
