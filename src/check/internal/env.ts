/** Lexical scopes of locals, with the move state of each binding. */
import type { Ty } from "../ir.ts";
import { MOVE_ONLY } from "./types.ts";

export interface Binding {
  readonly ty: Ty;
  /** Pointer of the expression that moved this binding's value, when it has been moved. */
  movedAt: string | undefined;
  /** For a view: the local binding it borrows from (its owner), with the owner's name. */
  readonly owner: { readonly binding: Binding; readonly name: string } | undefined;
  /** The brand of the value it holds (a parameter's `brand`, or what its `let` bound); see brands.ts. */
  readonly brand: string | undefined;
  /** Whether its type is move-only (only those bindings can change move state). */
  readonly moveOnly: boolean;
}

/** The move states of the visible move-only bindings at one point (parallel arrays). */
export interface Snapshot {
  readonly bindings: ReadonlyArray<Binding>;
  readonly movedAt: ReadonlyArray<string | undefined>;
}

const EMPTY_SNAPSHOT: Snapshot = { bindings: [], movedAt: [] };

/**
 * Scopes as one flat stack of (name, binding) pairs plus the start index of each open scope; inner scopes shadow
 * outer ones. Function bodies hold a handful of locals, so a backwards scan beats a map per block and allocates
 * nothing. Rebinding a name in the same scope replaces its binding in place (as a map per scope would).
 * Only bindings of move-only types can change state, so snapshots track just those.
 */
export class Scopes {
  // Entries at [0, size) are live; slots above are reused (no array shrinking on every pop).
  private readonly names: string[] = [];
  private readonly bindings: Binding[] = [];
  private size = 0;
  private readonly starts: number[] = [0];
  private depth = 0;
  /** Counts moves, so a loop body is re-checked only when its first pass moved something. */
  moves = 0;

  /** Empties every scope (the context is reused for the next function body). */
  reset(): void {
    this.size = 0;
    this.depth = 0;
    this.moves = 0;
  }

  push(): void {
    this.starts[++this.depth] = this.size;
  }

  pop(): void {
    this.size = this.starts[this.depth--]!;
  }

  bind(name: string, ty: Ty, owner?: { readonly binding: Binding; readonly name: string }, brand?: string): void {
    const b: Binding = { ty, movedAt: undefined, owner, brand, moveOnly: MOVE_ONLY.has(ty) };
    const start = this.starts[this.depth]!;
    for (let i = this.size - 1; i >= start; i--) {
      if (this.names[i] === name) {
        this.bindings[i] = b;
        return;
      }
    }
    this.names[this.size] = name;
    this.bindings[this.size] = b;
    this.size++;
  }

  lookup(name: string): Binding | undefined {
    const names = this.names;
    for (let i = this.size - 1; i >= 0; i--) if (names[i] === name) return this.bindings[i];
    return undefined;
  }

  /** Records that a binding's value moved. */
  move(b: Binding, at: string): void {
    b.movedAt = at;
    this.moves++;
  }

  /** Every name in scope (for did-you-mean), outermost first, each once. */
  visibleNames(): string[] {
    return [...new Set(this.names.slice(0, this.size))];
  }

  /** The move state of every visible move-only binding (to merge after branches). */
  snapshot(): Snapshot {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.bindings[i]!.moveOnly) n++;
    if (n === 0) return EMPTY_SNAPSHOT;
    const bindings: Binding[] = new Array(n);
    const movedAt: Array<string | undefined> = new Array(n);
    for (let i = 0, j = 0; i < this.size; i++) {
      const b = this.bindings[i]!;
      if (!b.moveOnly) continue;
      bindings[j] = b;
      movedAt[j++] = b.movedAt;
    }
    return { bindings, movedAt };
  }

  /** Restores move states from a snapshot. */
  restore(s: Snapshot): void {
    for (let i = 0; i < s.bindings.length; i++) s.bindings[i]!.movedAt = s.movedAt[i];
  }

  /** Whether every binding in a snapshot still has the move state it recorded. */
  unchangedSince(s: Snapshot): boolean {
    for (let i = 0; i < s.bindings.length; i++) if (s.bindings[i]!.movedAt !== s.movedAt[i]) return false;
    return true;
  }
}

/** Marks as moved every binding a snapshot (taken after a branch) saw moved that is not moved now. */
export const mergeMoves = (s: Snapshot): void => {
  for (let i = 0; i < s.bindings.length; i++) {
    const at = s.movedAt[i];
    const b = s.bindings[i]!;
    if (at !== undefined && b.movedAt === undefined) b.movedAt = at;
  }
};
