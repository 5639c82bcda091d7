/** Lexical scopes of locals, with the move state of each binding. */
import type { Ty } from "../ir.ts";
import { MOVE_ONLY } from "./types.ts";

export interface Binding {
  readonly ty: Ty;
  /** Pointer of the expression that moved this binding's value, when it has been moved. */
  movedAt: string | undefined;
  /** For a view: the local binding it borrows from (its owner), with the owner's name. */
  owner?: { readonly binding: Binding; readonly name: string };
  /** The brand of the value it holds (a parameter's `brand`, or what its `let` bound); see brands.ts. */
  readonly brand?: string;
}

/**
 * Scopes as a stack of maps (created lazily: most blocks bind nothing); inner scopes shadow outer ones.
 * Only bindings of move-only types can change state, so snapshots track just those.
 */
export class Scopes {
  private readonly stack: Array<Map<string, Binding> | undefined> = [undefined];
  /** Counts moves, so a loop body is re-checked only when its first pass moved something. */
  moves = 0;

  push(): void {
    this.stack.push(undefined);
  }

  pop(): void {
    this.stack.pop();
  }

  bind(name: string, ty: Ty, owner?: { readonly binding: Binding; readonly name: string }, brand?: string): void {
    const i = this.stack.length - 1;
    let m = this.stack[i];
    if (m === undefined) {
      m = new Map();
      this.stack[i] = m;
    }
    const b: Binding = owner !== undefined ? { ty, movedAt: undefined, owner } : { ty, movedAt: undefined };
    m.set(name, brand !== undefined ? { ...b, brand } : b);
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const b = this.stack[i]?.get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }

  /** Records that a binding's value moved. */
  move(b: Binding, at: string): void {
    b.movedAt = at;
    this.moves++;
  }

  /** Every name in scope (for did-you-mean). */
  names(): string[] {
    return [...new Set(this.stack.flatMap((m) => (m === undefined ? [] : [...m.keys()])))];
  }

  /** The move state of every visible move-only binding (to merge after branches). */
  snapshot(): Map<Binding, string | undefined> {
    const out = new Map<Binding, string | undefined>();
    for (const m of this.stack) if (m !== undefined) for (const b of m.values()) if (MOVE_ONLY.has(b.ty)) out.set(b, b.movedAt);
    return out;
  }

  /** Restores move states from a snapshot. */
  restore(s: Map<Binding, string | undefined>): void {
    for (const [b, movedAt] of s) b.movedAt = movedAt;
  }
}
