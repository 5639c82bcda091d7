/** Lexical scopes of locals, with the move state of each binding. */
import type { Ty } from "../ir.ts";

export interface Binding {
  readonly ty: Ty;
  /** Pointer of the expression that moved this binding's value, when it has been moved. */
  movedAt: string | undefined;
}

/** Scopes as a stack of maps; inner scopes shadow outer ones. */
export class Scopes {
  private readonly stack: Array<Map<string, Binding>> = [new Map()];

  push(): void {
    this.stack.push(new Map());
  }

  pop(): void {
    this.stack.pop();
  }

  bind(name: string, ty: Ty): void {
    this.stack[this.stack.length - 1]!.set(name, { ty, movedAt: undefined });
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const b = this.stack[i]!.get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }

  /** Every name in scope (for did-you-mean). */
  names(): string[] {
    return [...new Set(this.stack.flatMap((m) => [...m.keys()]))];
  }

  /** The move state of every visible binding (to merge after branches). */
  snapshot(): Map<Binding, string | undefined> {
    const out = new Map<Binding, string | undefined>();
    for (const m of this.stack) for (const b of m.values()) out.set(b, b.movedAt);
    return out;
  }

  /** Restores move states from a snapshot. */
  restore(s: Map<Binding, string | undefined>): void {
    for (const [b, movedAt] of s) b.movedAt = movedAt;
  }
}
