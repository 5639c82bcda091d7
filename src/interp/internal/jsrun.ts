/**
 * Turns generated source (jsgen.ts) into a runnable /solve over one Runtime. Factories are memoised by source text
 * (a content digest of the program's code: same program text → the same V8 function, warm across runs), and the
 * generated program by CheckedProgram identity, so a program run many times (property tests, benchmarks) is
 * generated and parsed once. Both memos are bounded and only ever hold pure functions of their keys.
 */
import type { CheckedProgram } from "../../check/index.ts";
import { generateSource } from "./jsgen.ts";
import type { GeneratedProgram } from "./jsgen.ts";
import type { Runtime } from "./runtime.ts";
import { InterpTrap, trap } from "./trap.ts";
import { Tagged, VecU8 } from "./values.ts";
import type { Value } from "./values.ts";

type Factory = (
  rt: Runtime,
  H: ReadonlyArray<unknown>,
  K: ReadonlyArray<Uint8Array>,
  tagged: typeof Tagged,
  attach: (e: unknown, ptr: string) => unknown,
  unsupported: (message: string, ptr: string) => never,
  trapBoundsAt: (message: string, ptr: string) => never,
) => () => Value;

const MAX_FACTORIES = 64;
const factories = new Map<string, Factory>();
const generated = new WeakMap<CheckedProgram, GeneratedProgram | null>();

const attach = (e: unknown, ptr: string): unknown => {
  if (e instanceof InterpTrap && e.ptr === "" && ptr !== "") e.ptr = ptr;
  return e;
};
const unsupported = (message: string, ptr: string): never => {
  throw new InterpTrap("X07I_UNSUPPORTED_HEAD", message, ptr);
};
const trapBoundsAt = (message: string, ptr: string): never => {
  throw new InterpTrap("X07I_TRAP_BOUNDS", message, ptr);
};

const factoryOf = (source: string): Factory => {
  let f = factories.get(source);
  if (f === undefined) {
    f = new Function("rt", "H", "K", "Tagged", "attach", "unsupported", "trapBoundsAt", source) as Factory;
    if (factories.size >= MAX_FACTORIES) factories.delete(factories.keys().next().value as string);
    factories.set(source, f);
  }
  return f;
};

/** The generated program (memoised), or undefined when it needs the closure backend. */
export const generatedOf = (program: CheckedProgram): GeneratedProgram | undefined => {
  let g = generated.get(program);
  if (g === undefined) {
    g = generateSource(program) ?? null;
    generated.set(program, g);
  }
  return g ?? undefined;
};

/** A /solve runner over `rt` from generated code. */
export const jsSolve = (g: GeneratedProgram, rt: Runtime): (() => Uint8Array) => {
  const solve = factoryOf(g.source)(rt, g.heads, g.consts, Tagged, attach, unsupported, trapBoundsAt);
  return () => {
    const out = solve();
    if (out instanceof Uint8Array) return out;
    if (out instanceof VecU8) return out.buf.subarray(0, out.len);
    return trap("X07I_INTERNAL", "solve did not produce bytes");
  };
};
