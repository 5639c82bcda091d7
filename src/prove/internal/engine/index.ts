/**
 * The prover engine: encodes a contract-carrying function of the checked IR to deterministic SMT-LIB2
 * obligations and solves them with the in-process z3 (the contract is `../outcome.ts`).
 *
 * Pipeline: prechecks (upstream's order and codes) → symbolic execution ({@link Exec}) into guarded
 * definitions → one text per obligation (cone of influence, integer encoding where overflow-freedom is
 * established, bitvectors otherwise) → z3 → for sat, the model as inputs, replayed through the interpreter.
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../../check/index.ts";
import type { CexValue, ClauseRef, Counterexample, Encoding, EncodeSymbol, ObligationResult, ProveDiag, ProveOptions, ProveSymbol, SymbolProof } from "../outcome.ts";
import { VERIFY_ENGINE } from "../outcome.ts";
import { collectTyped, emptyRefs } from "../refs.ts";
import type { Z3Handle } from "../z3.ts";
import { OutsideFragment } from "./errors.ts";
import type { ExecResult, Line, Val } from "./exec.ts";
import { Exec, isCarrier, payloadOf } from "./exec.ts";
import { layoutOf, replayObligation } from "./replay.ts";
import * as S from "./smt.ts";

const DEFAULT_UNWIND = 8;
const DEFAULT_MAX_BYTES = 16;

interface Resolved {
  readonly unwind: number;
  readonly maxBytesLen: number;
  readonly allowTraps: boolean;
  readonly parity: "sound" | "upstream";
}
const resolve = (o: ProveOptions): Resolved => ({ unwind: Math.max(1, o.unwind ?? DEFAULT_UNWIND), maxBytesLen: Math.max(0, o.maxBytesLen ?? DEFAULT_MAX_BYTES), allowTraps: o.allowTraps ?? false, parity: o.parity ?? "sound" });

const HEAP: ReadonlySet<string> = new Set(["bytes.set_u8", "bytes.as_ptr", "bytes.as_mut_ptr", "view.as_ptr", "vec_u8.as_ptr", "vec_u8.as_mut_ptr", "addr_of", "addr_of_mut", "memcpy", "memmove", "memset"]);

const callsOf = (fn: CheckedFunction): Set<string> => {
  const r = emptyRefs();
  collectTyped(fn.body, r);
  for (const c of [...fn.requires, ...fn.ensures]) collectTyped(c.expr, r);
  return r.calls;
};

/** Direct self-calls of fn (their TExpr nodes). */
const selfCalls = (fn: CheckedFunction): Array<Extract<TExpr, { kind: "call" }>> => {
  const out: Array<Extract<TExpr, { kind: "call" }>> = [];
  const stack: TExpr[] = [fn.body];
  while (stack.length > 0) {
    const x = stack.pop() as TExpr;
    if (x.kind === "call" && x.fn === fn.name) out.push(x);
    if (x.kind === "form" || x.kind === "builtin" || x.kind === "call" || x.kind === "record-make" || x.kind === "record-field" || x.kind === "enum-make") stack.push(...x.args);
    else if (x.kind === "coerce") stack.push(x.arg);
    else if (x.kind === "match") stack.push(x.scrutinee, ...x.arms.map((a) => a.body));
  }
  return out;
};

/** Upstream's prechecks, in its order: no contracts → recursion → for arity → rich types → heap effects. */
const precheck = (program: CheckedProgram, fn: CheckedFunction, o: Resolved): ProveDiag | undefined => {
  const d = fn.decl;
  if (fn.requires.length + fn.ensures.length + d.invariant.length === 0) return { code: "X07V_NO_CONTRACTS", message: "target function has no requires/ensures/invariant clauses", ptr: d.ptr };
  if (d.kind === "defasync") return { code: "X07V_UNSUPPORTED_DEFASYNC_FORM", message: "defasync targets are not supported by this engine", ptr: d.ptr };
  // recursion: BFS over the reachable closure
  const seen = new Set<string>();
  const queue = [...callsOf(fn)].sort();
  let mutual = false;
  while (queue.length > 0) {
    const s = queue.shift() as string;
    if (s === fn.name || seen.has(s)) continue;
    seen.add(s);
    const g = program.functions.get(s);
    if (g === undefined) continue;
    const cs = callsOf(g);
    if (cs.has(fn.name)) mutual = true;
    queue.push(...[...cs].sort());
  }
  if (mutual) return { code: "X07V_UNSUPPORTED_MUTUAL_RECURSION", message: `${fn.name} is reached again through another function (mutual recursion)`, ptr: d.ptr };
  const selfs = selfCalls(fn);
  if (selfs.length > 0) {
    const dec = d.kind === "defn" ? d.decreases : [];
    if (dec.length === 0) return { code: "X07V_RECURSIVE_DECREASES_REQUIRED", message: `${fn.name} is recursive and has no decreases clause`, ptr: d.ptr };
    // upstream's syntactic check on a bare-parameter measure
    const first = dec[0]?.expr;
    if (first?.kind === "atom") {
      const pi = fn.params.findIndex((p) => p.name === first.name);
      if (pi >= 0)
        for (const c of selfs) {
          const a = c.args[pi];
          const isN = (x: TExpr | undefined): boolean => x?.kind === "local" && x.name === first.name;
          const lit = (x: TExpr | undefined): number | undefined => (x?.kind === "int" ? x.value : undefined);
          const bad =
            isN(a) ||
            (a?.kind === "builtin" && a.head === "+" && ((isN(a.args[0]) && (lit(a.args[1]) ?? -1) >= 0) || (isN(a.args[1]) && (lit(a.args[0]) ?? -1) >= 0))) ||
            (a?.kind === "builtin" && a.head === "-" && isN(a.args[0]) && (lit(a.args[1]) ?? 1) <= 0);
          if (bad) return { code: "X07V_RECURSION_TERMINATION_FAILED", message: `recursive self-call does not obviously decrease "${first.name}"`, ptr: c.ptr };
        }
    }
  }
  for (const p of fn.params) if (!isCarrier(p.ty)) return { code: "X07V_UNSUPPORTED_RICH_TYPE", message: `parameter ${p.name} has type ${p.ty}, outside the proof carriers`, ptr: d.ptr };
  if (!isCarrier(fn.result)) return { code: "X07V_UNSUPPORTED_RICH_TYPE", message: `the result type ${fn.result} is outside the proof carriers`, ptr: d.ptr };
  if (d.params.some((p) => p.brand !== undefined) || d.resultBrand !== undefined) return { code: "X07V_UNSUPPORTED_RICH_TYPE", message: "branded parameters or results are not supported by this engine", ptr: d.ptr };
  // heap effects anywhere in the target or an inlined helper
  const heapIn = (g: CheckedFunction): TExpr | undefined => {
    const stack: TExpr[] = [g.body];
    while (stack.length > 0) {
      const x = stack.pop() as TExpr;
      if (x.kind === "builtin" && (HEAP.has(x.head) || x.head.startsWith("ptr."))) return x;
      if (x.kind === "form" && x.form === "unsafe") return x;
      if (x.kind === "form" || x.kind === "builtin" || x.kind === "call") stack.push(...x.args);
      else if (x.kind === "coerce") stack.push(x.arg);
    }
    return undefined;
  };
  for (const s of [fn.name, ...[...seen].sort()]) {
    const g = program.functions.get(s);
    const h = g !== undefined ? heapIn(g) : undefined;
    if (h !== undefined) return { code: "X07V_UNSUPPORTED_HEAP_EFFECT", message: `${h.kind === "builtin" ? h.head : "unsafe"} is a heap effect`, ptr: h.ptr };
  }
  void o;
  return undefined;
};

/** One obligation's text in the chosen world. */
const textOf = (lines: ReadonlyArray<Line>, goal: S.T): { smt2: string; encoding: Encoding } => {
  const byName = new Map<string, number>();
  lines.forEach((l, i) => byName.set(l.name, i));
  const need = new Set<number>();
  const stack: string[] = [...S.namesIn(goal.b), ...(goal.i !== undefined ? S.namesIn(goal.i) : [])];
  lines.forEach((l, i) => {
    if (l.global) {
      need.add(i);
      stack.push(...l.deps);
    }
  });
  while (stack.length > 0) {
    const n = stack.pop() as string;
    const i = byName.get(n);
    if (i === undefined || need.has(i)) continue;
    need.add(i);
    stack.push(...(lines[i] as Line).deps);
  }
  const kept = lines.filter((_l, i) => need.has(i));
  const intOk = goal.i !== undefined && kept.every((l) => l.i !== undefined || l.b === "");
  if (intOk) {
    const body = kept.map((l) => l.i).filter((x): x is string => x !== undefined && x !== "");
    return { encoding: "int", smt2: ["(set-logic QF_NIA)", ...body, `(assert ${goal.i as string})`, "(check-sat)", ""].join("\n") };
  }
  const body = kept.map((l) => l.b).filter((x) => x !== "");
  const arrays = body.some((x) => x.includes("Array"));
  return { encoding: "bv32", smt2: [`(set-logic ${arrays ? "QF_ABV" : "QF_BV"})`, ...body, `(assert ${goal.b})`, "(check-sat)", ""].join("\n") };
};

interface Encoded {
  readonly exec: ExecResult;
  readonly obligations: ReadonlyArray<{ readonly clause: ClauseRef; readonly encoding: Encoding; readonly smt2: string }>;
}

const encodeFn = (program: CheckedProgram, fn: CheckedFunction, o: Resolved): Encoded => {
  const x = new Exec(program, fn, { ...o, selfRecursive: selfCalls(fn).length > 0 });
  const exec = x.run();
  const obligations = exec.obligations.map((ob) => ({ clause: ob.clause, ...textOf(x.em.lines, S.or(...ob.violations)) }));
  return { exec, obligations };
};

const unsupported = (d: ProveDiag): { kind: "unsupported"; diagnostics: ReadonlyArray<ProveDiag> } => ({ kind: "unsupported", diagnostics: [d] });

/** How far the proof reaches: self-recursion (decreases checked → unbounded), unrolled loops, inductive loops. */
const recursionOf = (enc: Encoded, o: ReturnType<typeof resolve>): SymbolProof["recursion"] => {
  const { exec } = enc;
  const loopsUnrolled = exec.loops.some((l) => l.kind === "unrolled");
  return {
    kind: exec.selfRecursive ? "self_recursive" : "none",
    boundKind: exec.selfRecursive ? (o.parity === "sound" ? "unbounded" : "bounded_by_unwind") : loopsUnrolled ? "bounded_by_unwind" : exec.loops.length > 0 ? "inductive" : "none",
  };
};

/** The obligations of a symbol, deterministic for the same program and options. */
export const encodeSymbol: EncodeSymbol = async (program, _z3, options) => {
  const o = resolve(options);
  const fn = program.functions.get(options.entry);
  if (fn === undefined) return unsupported({ code: "X07V_ETARGET", message: `entry ${options.entry} is not a function of the checked program` });
  const pre = precheck(program, fn, o);
  if (pre !== undefined) return unsupported(pre);
  try {
    const enc = encodeFn(program, fn, o);
    return { kind: "encoded", obligations: enc.obligations, recursion: recursionOf(enc, o) };
  } catch (e) {
    if (e instanceof OutsideFragment) return unsupported({ code: e.code, message: e.detail, ...(e.ptr !== "" ? { ptr: e.ptr } : {}) });
    throw e;
  }
};

// ---------------------------------------------------------------- models → inputs
const u32le = (v: number): number[] => {
  const u = v >>> 0;
  return [u & 255, (u >>> 8) & 255, (u >>> 16) & 255, (u >>> 24) & 255];
};

interface ModelParam {
  readonly cex: CexValue;
  readonly bytes: number[];
  readonly layout: { readonly ty: string; readonly len?: number; readonly tag?: boolean; readonly payloadLen?: number };
}

const modelParam = (model: ReadonlyMap<string, bigint>, name: string, displayName: string, ty: string, M: number): ModelParam => {
  const i32 = (n: string): number => Number(BigInt.asIntN(32, model.get(n) ?? 0n));
  if (ty === "i32" || ty === "u32") {
    const v = i32(`p!${name}`);
    return { cex: { name: displayName, ty, value: v }, bytes: u32le(v), layout: { ty } };
  }
  const pay = payloadOf(ty);
  if (pay === undefined) {
    const len = Math.min(M, Math.max(0, i32(`p!${name}!len`)));
    const content = Array.from({ length: len }, (_x, k) => Number((model.get(`p!${name}!${k}`) ?? 0n) & 255n));
    return { cex: { name: displayName, ty, bytes: Uint8Array.from(content) }, bytes: [...u32le(len), ...content], layout: { ty, len } };
  }
  const tag = (model.get(`p!${name}!tag`) ?? 0n) !== 0n;
  let bytes: number[];
  let payloadLen: number | undefined;
  if (tag) {
    const inner = modelParam(model, `${name}!val`, displayName, pay, M);
    bytes = [1, ...inner.bytes];
    payloadLen = inner.layout.len;
  } else bytes = ty.startsWith("result_") ? [0, ...u32le(i32(`p!${name}!err`))] : [0];
  return { cex: { name: displayName, ty, bytes: Uint8Array.from(bytes) }, bytes, layout: { ty, tag, ...(payloadLen !== undefined ? { payloadLen } : {}) } };
};

const timeoutCode = (reason: string): string => (/timeout|canceled|cancelled|interrupted/i.test(reason) ? "X07V_SMT_TIMEOUT" : "X07V_SMT_UNKNOWN");

/** Proves a symbol: every obligation solved; the first sat obligation (in obligation order) replayed. */
export const proveSymbol: ProveSymbol = async (program, z3, options) => {
  const o = resolve(options);
  const fn = program.functions.get(options.entry);
  const base = {
    symbol: options.entry,
    bounds: { unwind: o.unwind, maxBytesLen: o.maxBytesLen, allowTraps: o.allowTraps },
    engine: VERIFY_ENGINE,
    parity: o.parity,
  } as const;
  const none = { recursion: { kind: "none", boundKind: "none" }, loops: [], calleeSummaries: [] } as const;
  if (fn === undefined) return { ...base, ...none, kind: "error", obligations: [], diagnostics: [{ code: "X07V_ETARGET", message: `entry ${options.entry} is not a function of the checked program` }] };
  const pre = precheck(program, fn, o);
  if (pre !== undefined) return { ...base, ...none, kind: "unsupported", obligations: [], diagnostics: [pre] };
  let enc: Encoded;
  try {
    enc = encodeFn(program, fn, o);
  } catch (e) {
    if (e instanceof OutsideFragment) return { ...base, ...none, kind: "unsupported", obligations: [], diagnostics: [{ code: e.code, message: e.detail, ...(e.ptr !== "" ? { ptr: e.ptr } : {}) }] };
    throw e;
  }
  const { exec } = enc;
  const recursion = recursionOf(enc, o);
  const shape = { recursion, loops: exec.loops.map((l) => ({ ptr: l.ptr, kind: l.kind })), calleeSummaries: exec.calleeSummaries };
  const results: ObligationResult[] = [];
  const diags: ProveDiag[] = [];
  let counterexample: Counterexample | undefined;
  let verdict = "proven" as SymbolProof["kind"];
  const rank: Record<SymbolProof["kind"], number> = { proven: 0, inconclusive: 1, counterexample_found: 2, error: 3, unsupported: 3 };
  const raise = (k: SymbolProof["kind"]): void => {
    if (rank[k] > rank[verdict]) verdict = k;
  };
  for (const ob of enc.obligations) {
    const t0 = performance.now();
    const a = await z3.solve(ob.smt2, { ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.memoryMb !== undefined ? { memoryMb: options.memoryMb } : {}) });
    const solveMs = performance.now() - t0;
    results.push({ clause: ob.clause, encoding: ob.encoding, smt2: ob.smt2, result: a.kind, ...(a.kind === "unknown" ? { unknownReason: a.reason } : {}), solveMs });
    if (a.kind === "unsat") continue;
    if (a.kind === "unknown") {
      diags.push({ code: timeoutCode(a.reason), message: `solver: ${a.reason} on ${ob.clause.kind} ${ob.clause.fn}[${ob.clause.index}]`, ptr: ob.clause.ptr });
      raise("inconclusive");
      continue;
    }
    if (ob.clause.kind === "unwind") {
      diags.push({ code: "X07V_UNWIND_INCOMPLETE", message: `the loop or recursion at ${ob.clause.ptr} can run past the unwind bound ${o.unwind}`, ptr: ob.clause.ptr });
      raise("inconclusive");
      continue;
    }
    if (counterexample !== undefined || verdict === "error") continue;
    const mp = fn.params.map((p) => modelParam(a.model, p.name, p.name, p.ty, o.maxBytesLen));
    const inputBytes = Uint8Array.from(mp.flatMap((m) => m.bytes));
    const replay = replayObligation(program, fn, ob.clause, layoutOf(mp.map((m) => m.layout)), inputBytes);
    if (replay.kind === "violated") {
      counterexample = { clause: ob.clause, inputs: mp.map((m) => m.cex), inputBytes, replay };
      diags.push({ code: "X07V_SMT_SAT", message: `counterexample: ${ob.clause.kind} ${ob.clause.fn}[${ob.clause.index}] is violated`, ptr: ob.clause.ptr });
      raise("counterexample_found");
    } else if (exec.abstraction) {
      // The obligation used an abstraction (a callee contract, a loop contract, a recursive summary): the
      // model may be unreachable. Not proven, not a counterexample.
      diags.push({ code: "X07V_CEX_NOT_REPLAYED", message: `the solver's model for ${ob.clause.kind} ${ob.clause.fn}[${ob.clause.index}] does not violate it when run (${replay.kind}: ${replay.detail}); the obligation depends on a contract abstraction`, ptr: ob.clause.ptr });
      raise("inconclusive");
    } else {
      diags.push({ code: "X07V_INTERNAL", message: `internal: the model for ${ob.clause.kind} ${ob.clause.fn}[${ob.clause.index}] does not violate it when run (${replay.kind}: ${replay.detail})`, ptr: ob.clause.ptr });
      raise("error");
    }
  }
  return { ...base, ...shape, kind: verdict, obligations: results, ...(counterexample !== undefined && verdict === "counterexample_found" ? { counterexample } : {}), diagnostics: diags };
};

export type { Val };
