/**
 * Turns generated source (jsgen.ts) into a runnable /solve over one Runtime. Runners are memoised by source text
 * (a content digest of the program's code: the same text gets the same V8 functions, kept optimised across runs)
 * and the generated program by CheckedProgram identity, so a program run many times (property tests, benchmarks)
 * is generated, parsed and optimised once. Both memos are bounded and hold only pure functions of their keys.
 */
import type { CheckedProgram } from "../../check/index.ts";
import { generateSource } from "./jsgen.ts";
import type { GeneratedProgram } from "./jsgen.ts";
import type { Runtime } from "./runtime.ts";
import { InterpTrap, trap } from "./trap.ts";
import { Tagged, VecU8 } from "./values.ts";
import type { Value } from "./values.ts";

/** A factory instance: runs /solve of its program over one Runtime. */
type Runner = (rt: Runtime) => Value;
type Factory = (H: ReadonlyArray<unknown>, K: ReadonlyArray<Uint8Array>, tagged: typeof Tagged, trap: typeof InterpTrap) => Runner;

const MAX_RUNNERS = 64;
const runners = new Map<string, Runner>();
const generated = new WeakMap<CheckedProgram, GeneratedProgram | null>();

/**
 * The runner for generated code, instantiated once per source text. Runs are synchronous and never nest, so one
 * instance (whose per-run state is reset on entry) serves every run of that source.
 */
const runnerOf = (g: GeneratedProgram): Runner => {
  let r = runners.get(g.source);
  if (r === undefined) {
    const factory = new Function("H", "K", "Tagged", "Trap", g.source) as Factory;
    r = factory(g.heads, g.consts, Tagged, InterpTrap);
    if (runners.size >= MAX_RUNNERS) runners.delete(runners.keys().next().value as string);
    runners.set(g.source, r);
  }
  return r;
};

/**
 * Whether V8 can parse the generated source. Its parser is recursive: an expression nested about a thousand deep
 * (legal x07, well under the JSON parser's depth limit) exhausts the stack while parsing, before anything runs.
 * Such a program runs on the closure backend instead.
 */
const parses = (g: GeneratedProgram): boolean => {
  try {
    runnerOf(g);
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
};

/** The generated program (memoised), or undefined when it needs the closure backend. */
export const generatedOf = (program: CheckedProgram): GeneratedProgram | undefined => {
  let g = generated.get(program);
  if (g === undefined) {
    const source = generateSource(program);
    g = source !== undefined && parses(source) ? source : null;
    generated.set(program, g);
  }
  return g ?? undefined;
};

/** A /solve runner over `rt` from generated code. */
export const jsSolve = (g: GeneratedProgram, rt: Runtime): (() => Uint8Array) => {
  const run = runnerOf(g);
  return () => {
    const out = run(rt);
    if (out instanceof Uint8Array) return out;
    if (out instanceof VecU8) return out.buf.subarray(0, out.len);
    return trap("X07I_INTERNAL", "solve did not produce bytes");
  };
};
