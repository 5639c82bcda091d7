/**
 * Symbolic execution of the checked IR into guarded SMT definitions.
 *
 * The executor walks a function body once, in evaluation order, keeping a path guard `g` (this point is
 * reached: no return taken, no trap, no exceeded bound, every assumed callee contract held). Values are
 * terms ({@link Val}); every binding, merge and guard is a numbered `define-fun`, so texts grow linearly and
 * are identical across runs. An operation that may fail adds a violation `g ∧ ¬ok` to its obligation
 * (obligations with the same clause are disjoined) and continues under `g ∧ ok`. `return` and `try` record
 * an exit and set `g` to false; the function's result is the merge of its exits.
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../../check/index.ts";
import type { ClauseRef, ObligationKind } from "../outcome.ts";
import { OutsideFragment } from "./errors.ts";
import type { I32, T } from "./smt.ts";
import * as S from "./smt.ts";
import { typeClause } from "./typer.ts";

/** A bytes-like value (bytes, bytes_view, vec_u8): an array, an offset into it and a length. */
export interface Bytes {
  readonly k: "bytes";
  readonly arr: string;
  readonly off: I32;
  readonly len: I32;
  /** A static upper bound of the length (Infinity when unknown). */
  readonly max: number;
}
/** option_* / result_*: tag (true = some/ok), payload, err code. */
export interface Tagged {
  readonly k: "tagged";
  readonly tag: T;
  readonly val: Val;
  readonly err: I32;
}
export type Val = I32 | Bytes | Tagged;

const SCALAR: ReadonlySet<string> = new Set(["i32", "u32"]);
const BYTES: ReadonlySet<string> = new Set(["bytes", "bytes_view", "vec_u8"]);
const TAGGED: Readonly<Record<string, string>> = {
  option_i32: "i32",
  option_bytes: "bytes",
  option_bytes_view: "bytes_view",
  result_i32: "i32",
  result_bytes: "bytes",
  result_bytes_view: "bytes_view",
};
/** Whether a type is one of the carriers the engine encodes. */
export const isCarrier = (ty: string): boolean => SCALAR.has(ty) || BYTES.has(ty) || TAGGED[ty] !== undefined;
export const payloadOf = (ty: string): string | undefined => TAGGED[ty];

const ARR = "(Array (_ BitVec 32) (_ BitVec 8))";
const EMPTY_ARR = `((as const ${ARR}) #x00)`;

/** One line of the prelude, in both worlds where it exists. */
export interface Line {
  readonly name: string;
  /** bitvector-world line (declare/define/assert) */
  readonly b: string;
  /** integer-world line, when the value has an integer form */
  readonly i?: string | undefined;
  /** names this line mentions (for cone-of-influence pruning) */
  readonly deps: ReadonlyArray<string>;
  /** global assumption lines are always kept */
  readonly global: boolean;
}

/** An obligation: the disjunction of its violations. */
export interface RawObligation {
  readonly clause: ClauseRef;
  readonly violations: T[];
  order: number;
}

/** Emits definitions and declarations with numbered names. */
export class Emitter {
  readonly lines: Line[] = [];
  private n = 0;
  fresh(hint: string): string {
    const name = `|${hint.replace(/[|\\]/g, "_")}~${this.n}|`;
    this.n += 1;
    return name;
  }
  private push(name: string, b: string, i: string | undefined, global = false): void {
    this.lines.push({ name, b, i, deps: [...new Set(S.namesIn(b).concat(i !== undefined ? S.namesIn(i) : []))].filter((d) => d !== name), global });
  }
  /** Declares an i32 constant with its integer twin (domain asserted) and interval. */
  declI32(name: string, lo = S.I32_MIN, hi = S.I32_MAX): I32 {
    this.push(name, `(declare-const ${name} (_ BitVec 32))`, `(declare-const ${name} Int)`);
    // The integer twin ranges over the interval the requires imply (a parameter) or all of i32 (fresh values),
    // so every integer form derived from it is exact on every model the requires admit.
    this.assume(`(<= ${S.intLit(lo)} ${name} ${S.intLit(hi)})`, true, "int");
    return S.mk({ b: name, i: name }, lo, hi);
  }
  declBool(name: string): T {
    this.push(name, `(declare-const ${name} Bool)`, `(declare-const ${name} Bool)`);
    return { b: name, i: name };
  }
  declByte(name: string): string {
    this.push(name, `(declare-const ${name} (_ BitVec 8))`, undefined);
    return name;
  }
  declArr(name: string): string {
    this.push(name, `(declare-const ${name} ${ARR})`, undefined);
    return name;
  }
  /** A global assumption in one or both worlds. */
  assume(term: string, global: boolean, world: "both" | "bv" | "int"): void {
    const name = this.fresh("assume");
    this.push(name, world === "int" ? "" : `(assert ${term})`, world === "bv" ? undefined : `(assert ${term})`, global);
  }
  /** A global assumption (the requires); without an integer form it keeps its obligations in bitvectors. */
  assumeT(t: T): void {
    const name = this.fresh("assume");
    this.push(name, `(assert ${t.b})`, t.i !== undefined ? `(assert ${t.i})` : undefined, true);
  }
  defBool(hint: string, t: T): T {
    if (/^(true|false|\|[^|]*\|)$/.test(t.b) && (t.i === undefined || /^(true|false|\|[^|]*\|)$/.test(t.i))) return t;
    const name = this.fresh(hint);
    this.push(name, `(define-fun ${name} () Bool ${t.b})`, t.i !== undefined ? `(define-fun ${name} () Bool ${t.i})` : undefined);
    return { b: name, i: t.i !== undefined ? name : undefined };
  }
  defI32(hint: string, x: I32): I32 {
    if (x.lo === x.hi || /^\|[^|]*\|$/.test(x.t.b)) return x;
    const name = this.fresh(hint);
    this.push(name, `(define-fun ${name} () (_ BitVec 32) ${x.t.b})`, x.t.i !== undefined ? `(define-fun ${name} () Int ${x.t.i})` : undefined);
    const d = S.mk({ b: name, i: x.t.i !== undefined ? name : undefined }, x.lo, x.hi);
    return x.c !== undefined ? { ...d, c: x.c } : d;
  }
  defArr(hint: string, a: string): string {
    if (/^\|[^|]*\|$/.test(a) || a === EMPTY_ARR) return a;
    const name = this.fresh(hint);
    this.push(name, `(define-fun ${name} () ${ARR} ${a})`, undefined);
    return name;
  }
  defVal(hint: string, v: Val): Val {
    switch (v.k) {
      case "i32":
        return this.defI32(hint, v);
      case "bytes":
        return { k: "bytes", arr: this.defArr(hint, v.arr), off: this.defI32(`${hint}.off`, v.off), len: this.defI32(`${hint}.len`, v.len), max: v.max };
      case "tagged":
        return { k: "tagged", tag: this.defBool(`${hint}.tag`, v.tag), val: this.defVal(`${hint}.val`, v.val), err: this.defI32(`${hint}.err`, v.err) };
    }
  }
}

/** Merges two values of the same type under a condition. */
export const iteVal = (c: T, a: Val, b: Val): Val => {
  if (c.b === "true") return a;
  if (c.b === "false") return b;
  if (a.k === "i32" && b.k === "i32") return S.iteI(c, a, b);
  if (a.k === "bytes" && b.k === "bytes")
    return { k: "bytes", arr: a.arr === b.arr ? a.arr : `(ite ${c.b} ${a.arr} ${b.arr})`, off: S.iteI(c, a.off, b.off), len: S.iteI(c, a.len, b.len), max: Math.max(a.max, b.max) };
  if (a.k === "tagged" && b.k === "tagged") return { k: "tagged", tag: S.iteT(c, a.tag, b.tag), val: iteVal(c, a.val, b.val), err: S.iteI(c, a.err, b.err) };
  throw new Error(`internal: merging ${a.k} with ${b.k}`);
};
const sameVal = (a: Val, b: Val): boolean => JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) === JSON.stringify(b, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

/** A default value of a type (what a dead path yields). */
export const zeroOf = (ty: string): Val => {
  if (SCALAR.has(ty) || ty === "never") return S.ZERO;
  if (BYTES.has(ty)) return { k: "bytes", arr: EMPTY_ARR, off: S.ZERO, len: S.ZERO, max: 0 };
  const p = TAGGED[ty];
  if (p !== undefined) return { k: "tagged", tag: S.FALSE, val: zeroOf(p), err: S.ZERO };
  throw new OutsideFragment("", `type ${ty} is outside the proof fragment`, "X07V_UNSUPPORTED_RICH_TYPE");
};

/** Options the executor needs. */
export interface ExecOptions {
  readonly unwind: number;
  readonly maxBytesLen: number;
  readonly allowTraps: boolean;
  readonly parity: "sound" | "upstream";
  /** The target calls itself (its decreases measure is checked). */
  readonly selfRecursive: boolean;
}

type Scopes = Array<Map<string, Val>>;
interface Exit {
  readonly g: T;
  readonly val: Val;
}
interface Frame {
  readonly fn: CheckedFunction;
  readonly exits: Exit[];
  /** entry values of the parameters (the target's self-calls compare their measure with these) */
  readonly entry: ReadonlyMap<string, Val>;
}

/** What executing the target produced. */
export interface ExecResult {
  readonly params: ReadonlyArray<{ readonly name: string; readonly ty: string; readonly val: Val }>;
  readonly obligations: ReadonlyArray<RawObligation>;
  readonly abstraction: boolean;
  readonly calleeSummaries: ReadonlyArray<string>;
  readonly loops: ReadonlyArray<{ readonly ptr: string; readonly kind: "unrolled" | "inductive" }>;
  readonly selfRecursive: boolean;
  readonly requiresAll: T;
}

const clauseId = (c: { readonly id?: string | undefined }): { id?: string } => (c.id !== undefined ? { id: c.id } : {});

/** The symbolic executor for one target. */
export class Exec {
  readonly em = new Emitter();
  g: T = S.TRUE;
  scopes: Scopes = [];
  private frames: Frame[] = [];
  private readonly obs = new Map<string, RawObligation>();
  private order = 0;
  abstraction = false;
  readonly summaries = new Set<string>();
  readonly loops: Array<{ ptr: string; kind: "unrolled" | "inductive" }> = [];
  selfRecursive = false;
  private readonly active = new Map<string, number>();
  /** >0 while evaluating a contract clause: a trap there makes the clause false, it is not an obligation of its own. */
  private inClause = 0;

  constructor(
    readonly program: CheckedProgram,
    readonly target: CheckedFunction,
    readonly opts: ExecOptions,
  ) {}

  // ---------------------------------------------------------------- obligations and guards
  private setG(t: T): void {
    this.g = this.em.defBool("g", t);
  }
  /** Adds the violation g ∧ ¬ok to the obligation `clause` (and nothing when ok is trivially true). */
  oblige(clause: ClauseRef, ok: T): void {
    const v = S.and(this.g, S.not(ok));
    const phase = (clause as { readonly phase?: string }).phase ?? "";
    const key = `${clause.kind}\u0000${clause.fn}\u0000${clause.index}\u0000${clause.ptr}\u0000${phase}`;
    let ob = this.obs.get(key);
    if (ob === undefined) {
      ob = { clause, violations: [], order: this.order };
      this.order += 1;
      this.obs.set(key, ob);
    }
    if (v.b !== "false") ob.violations.push(this.em.defBool("viol", v));
  }
  /** Continues only where `ok` holds. */
  assume(ok: T): void {
    if (ok.b === "true") return;
    this.setG(S.and(this.g, ok));
  }
  /** An operation that traps unless `ok`: an obligation (unless traps are allowed), then assumed. */
  trapUnless(ptr: string, ok: T): void {
    if (this.inClause === 0 && !this.opts.allowTraps && this.opts.parity === "sound") this.oblige({ kind: "trap", fn: this.frame().fn.name, index: 0, ptr }, ok);
    this.assume(ok);
  }

  private frame(): Frame {
    return this.frames[this.frames.length - 1] as Frame;
  }

  // ---------------------------------------------------------------- inputs
  /** A symbolic input of a carrier type. */
  input(name: string, ty: string, lo?: bigint, hi?: bigint): Val {
    if (SCALAR.has(ty)) return this.em.declI32(`|p!${name}|`, lo, hi);
    if (BYTES.has(ty)) {
      const M = this.opts.maxBytesLen;
      const len = this.em.declI32(`|p!${name}!len|`, 0n, BigInt(M));
      this.em.assume(`(bvule |p!${name}!len| ${S.bvLit(M)})`, true, "bv");
      this.em.assume(`(<= 0 |p!${name}!len| ${M})`, true, "int");
      let arr = EMPTY_ARR;
      for (let k = 0; k < M; k += 1) arr = `(store ${arr} ${S.bvLit(k)} ${this.em.declByte(`|p!${name}!${k}|`)})`;
      return { k: "bytes", arr: this.em.defArr(`p!${name}!arr`, arr), off: S.ZERO, len, max: M };
    }
    const p = TAGGED[ty];
    if (p !== undefined) {
      const tag = this.em.declBool(`|p!${name}!tag|`);
      const val = this.input(`${name}!val`, p);
      const err = ty.startsWith("result_") ? this.em.declI32(`|p!${name}!err|`) : S.ZERO;
      return { k: "tagged", tag, val, err };
    }
    throw new OutsideFragment(this.target.decl.ptr, `parameter ${name} has type ${ty}, outside the proof fragment`, "X07V_UNSUPPORTED_RICH_TYPE");
  }

  /** A fresh unconstrained value (callee results, havoc). */
  freshVal(hint: string, ty: string): Val {
    if (SCALAR.has(ty)) return this.em.declI32(this.em.fresh(hint));
    if (BYTES.has(ty)) {
      const len = this.em.declI32(this.em.fresh(`${hint}.len`));
      return { k: "bytes", arr: this.em.declArr(this.em.fresh(`${hint}.arr`)), off: S.ZERO, len: S.mk({ b: len.t.b }, S.I32_MIN, S.I32_MAX), max: Infinity };
    }
    const p = TAGGED[ty];
    if (p !== undefined) return { k: "tagged", tag: this.em.declBool(this.em.fresh(`${hint}.tag`)), val: this.freshVal(`${hint}.val`, p), err: this.em.declI32(this.em.fresh(`${hint}.err`)) };
    throw new OutsideFragment("", `type ${ty} is outside the proof fragment`, "X07V_UNSUPPORTED_RICH_TYPE");
  }

  // ---------------------------------------------------------------- the target
  run(): ExecResult {
    const fn = this.target;
    const ranges = paramRanges(fn);
    const params = fn.params.map((p) => {
      const r = ranges.get(p.name);
      return { name: p.name, ty: p.ty, val: this.input(p.name, p.ty, r?.[0], r?.[1]) };
    });
    if (!isCarrier(fn.result)) throw new OutsideFragment(fn.decl.ptr, `the result type ${fn.result} is outside the proof fragment`, "X07V_UNSUPPORTED_RICH_TYPE");
    const entry = new Map(params.map((p) => [p.name, p.val] as const));
    // requires: global assumptions
    this.frames.push({ fn, exits: [], entry });
    this.scopes = [new Map(entry)];
    const reqs: T[] = [];
    for (const r of fn.requires) {
      const t = this.evalClause(r.expr, entry);
      reqs.push(t);
      this.em.assumeT(t);
    }
    const requiresAll = S.and(...reqs);
    // invariant at entry
    const invs = fn.decl.invariant.map((c) => ({ c, e: typeClause(c.expr, new Map(fn.params.map((p) => [p.name, p.ty]))) }));
    invs.forEach(({ c, e }, index) => this.oblige({ kind: "invariant", fn: fn.name, ...clauseId(c), index, ptr: c.expr.ptr, phase: "entry" } as ClauseRef, this.evalClause(e, entry)));
    // decreases: the measure is >= 0 at entry under the requires (sound mode, self-recursive targets)
    if (this.opts.parity === "sound" && this.opts.selfRecursive) this.measureNonNegative();
    this.active.set(fn.name, 1);
    const bodyVal = this.eval(fn.body);
    const result = this.finishFrame(bodyVal);
    const finalEnv = new Map(fn.params.map((p) => [p.name, this.lookup(p.name) ?? (entry.get(p.name) as Val)] as const));
    const exitG = this.exitGuard;
    this.frames.pop();
    // ensures at every exit: the merged result, parameters at entry (snapshot)
    const saveG = this.g;
    this.g = exitG;
    fn.ensures.forEach((c, index) => {
      const env = new Map(entry);
      env.set("__result", result);
      this.oblige({ kind: "ensures", fn: fn.name, ...clauseId(c.clause), index, ptr: c.clause.expr.ptr }, this.evalClause(c.expr, env));
    });
    invs.forEach(({ c, e }, index) => this.oblige({ kind: "invariant", fn: fn.name, ...clauseId(c), index, ptr: c.expr.ptr, phase: "exit" } as ClauseRef, this.evalClause(e, finalEnv)));
    this.g = saveG;
    return {
      params,
      obligations: [...this.obs.values()].sort((a, b) => a.order - b.order),
      abstraction: this.abstraction,
      calleeSummaries: [...this.summaries].sort(),
      loops: this.loops,
      selfRecursive: this.selfRecursive,
      requiresAll,
    };
  }

  private exitGuard: T = S.FALSE;
  /** Merges the exits of the current frame with the fall-through value; sets g to "some exit taken". */
  private finishFrame(bodyVal: Val): Val {
    const f = this.frame();
    const exits = [...f.exits, { g: this.g, val: bodyVal }];
    let v: Val = (exits[exits.length - 1] as Exit).val;
    for (let i = exits.length - 2; i >= 0; i -= 1) v = iteVal((exits[i] as Exit).g, (exits[i] as Exit).val, v);
    this.exitGuard = this.em.defBool("exit", S.or(...exits.map((e) => e.g)));
    return this.em.defVal("ret", v);
  }

  /** Evaluates a clause (i32) in an environment of values; clauses have no effects, so g is unchanged. */
  evalClause(e: TExpr, env: ReadonlyMap<string, Val>): T {
    const saveS = this.scopes;
    const saveG = this.g;
    this.scopes = [new Map(env), new Map()];
    this.inClause += 1;
    const v = this.eval(e);
    this.inClause -= 1;
    this.scopes = saveS;
    // a trap inside a clause (e.g. an out-of-bounds get_u8) makes the clause false where it traps
    const ok = this.g;
    this.g = saveG;
    return S.and(ok, S.truth(asI32(v, e.ptr)));
  }

  // ---------------------------------------------------------------- environment
  private lookupMap(name: string): Map<string, Val> | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i -= 1) if ((this.scopes[i] as Map<string, Val>).has(name)) return this.scopes[i];
    return undefined;
  }
  lookup(name: string): Val | undefined {
    return this.lookupMap(name)?.get(name);
  }
  private bind(name: string, v: Val): void {
    (this.scopes[this.scopes.length - 1] as Map<string, Val>).set(name, v);
  }
  private cloneScopes(): Scopes {
    return this.scopes.map((m) => new Map(m));
  }

  /** Runs `k` in a branch under guard g ∧ c; returns its value, guard and scopes. */
  private branch(c: T, k: () => Val): { v: Val; g: T; scopes: Scopes } {
    const saveS = this.scopes;
    const saveG = this.g;
    this.scopes = this.cloneScopes();
    this.scopes.push(new Map());
    this.setG(S.and(saveG, c));
    const v = k();
    this.scopes.pop();
    const out = { v, g: this.g, scopes: this.scopes };
    this.scopes = saveS;
    this.g = saveG;
    return out;
  }
  /** Joins two branch states under c (variables bound outside both branches are merged). */
  private join(c: T, a: { v: Val; g: T; scopes: Scopes }, b: { v: Val; g: T; scopes: Scopes }, ty: string): Val {
    this.scopes.forEach((m, i) => {
      for (const k of [...m.keys()].sort()) {
        const av = (a.scopes[i] as Map<string, Val>).get(k) as Val;
        const bv = (b.scopes[i] as Map<string, Val>).get(k) as Val;
        if (!sameVal(av, bv)) m.set(k, this.em.defVal(k, iteVal(c, av, bv)));
      }
    });
    this.setG(S.iteT(c, a.g, b.g));
    if (ty === "never") return a.v;
    return this.em.defVal("if", iteVal(c, a.v, b.v));
  }

  // ---------------------------------------------------------------- expressions
  eval(e: TExpr): Val {
    switch (e.kind) {
      case "int":
        return S.i32Lit(e.value);
      case "local": {
        const v = this.lookup(e.name);
        if (v === undefined) throw new OutsideFragment(e.ptr, `unbound local ${e.name}`);
        return v;
      }
      case "input":
        return { k: "bytes", arr: EMPTY_ARR, off: S.ZERO, len: S.ZERO, max: 0 };
      case "coerce": {
        const v = this.eval(e.arg);
        if ((BYTES.has(e.from) || e.from === "bytes") && BYTES.has(e.ty)) return v;
        if (SCALAR.has(e.from) && SCALAR.has(e.ty)) return v;
        throw new OutsideFragment(e.ptr, `coercion ${e.from} → ${e.ty} is outside the proof fragment`);
      }
      case "builtin":
        return this.builtin(e);
      case "call":
        return this.call(e);
      case "form":
        return this.form(e);
      default:
        throw new OutsideFragment(e.ptr, `${e.kind} is outside the proof fragment`, e.kind === "text" ? "X07V_PROVE_UNSUPPORTED" : "X07V_UNSUPPORTED_RICH_TYPE");
    }
  }

  private form(e: Extract<TExpr, { kind: "form" }>): Val {
    const arg = (i: number): TExpr => {
      const a = e.args[i];
      if (a === undefined) throw new OutsideFragment(e.ptr, `${e.form} lacks operand ${i}`);
      return a;
    };
    switch (e.form) {
      case "begin": {
        this.scopes.push(new Map());
        let last: Val = S.ZERO;
        for (const a of e.args) last = this.eval(a);
        this.scopes.pop();
        return last;
      }
      case "unsafe":
        throw new OutsideFragment(e.ptr, "unsafe is a heap effect", "X07V_UNSUPPORTED_HEAP_EFFECT");
      case "let": {
        const v = this.em.defVal(e.name ?? "let", this.eval(arg(0)));
        this.bind(e.name ?? "", v);
        return v;
      }
      case "set":
      case "set0": {
        const v = this.em.defVal(e.name ?? "set", this.eval(arg(0)));
        const m = this.lookupMap(e.name ?? "");
        if (m === undefined) throw new OutsideFragment(e.ptr, `set of unbound ${e.name}`);
        m.set(e.name ?? "", v);
        return e.form === "set0" ? S.ZERO : v;
      }
      case "if": {
        const c = this.em.defBool("cond", S.truth(asI32(this.eval(arg(0)), e.ptr)));
        const a = this.branch(c, () => this.eval(arg(1)));
        const b = this.branch(S.not(c), () => this.eval(arg(2)));
        return this.join(c, a, b, e.ty);
      }
      case "&&":
      case "||": {
        const x = this.em.defBool("sc", S.truth(asI32(this.eval(arg(0)), e.ptr)));
        const run = e.form === "&&" ? x : S.not(x);
        const a = this.branch(run, () => this.eval(arg(1)));
        const skip = { v: S.ZERO as Val, g: this.g, scopes: this.cloneScopes() };
        const y = S.truth(asI32(a.v, e.ptr));
        this.join(run, { ...a, v: S.ZERO }, skip, "i32");
        return this.em.defI32("sc", S.bool01(e.form === "&&" ? S.and(x, y) : S.or(x, y)));
      }
      case "return": {
        const v = this.eval(arg(0));
        this.frame().exits.push({ g: this.g, val: v });
        this.setG(S.FALSE);
        return zeroOf(this.frame().fn.result);
      }
      case "try": {
        const v = this.eval(arg(0));
        if (v.k !== "tagged") throw new OutsideFragment(e.ptr, "try of a non-option/result value");
        const fnTy = this.frame().fn.result;
        const out = zeroOf(fnTy);
        if (out.k !== "tagged") throw new OutsideFragment(e.ptr, "try in a function that does not return option/result");
        const errVal: Val = { k: "tagged", tag: S.FALSE, val: out.val, err: v.err };
        this.frame().exits.push({ g: this.em.defBool("try", S.and(this.g, S.not(v.tag))), val: errVal });
        this.assume(v.tag);
        return v.val;
      }
      case "for":
        return this.forLoop(e);
      case "while":
        return this.whileLoop(e);
      default:
        throw new OutsideFragment(e.ptr, `form ${e.form} is outside the proof fragment`);
    }
  }

  // ---------------------------------------------------------------- loops
  private loopContract(ptr: string): { readonly invariant: TExpr[]; readonly decreases: TExpr[]; readonly clauses: ReadonlyArray<{ readonly id?: string; readonly ptr: string }>; readonly dptrs: ReadonlyArray<string> } | undefined {
    if (this.opts.parity === "upstream") return undefined;
    const fn = this.frame().fn;
    const lc = fn.decl.loopContracts.find((l) => l.target === ptr);
    if (lc === undefined) return undefined;
    const scope = new Map<string, string>();
    for (const m of this.scopes) for (const [k, v] of m) scope.set(k, tyOfVal(v));
    return {
      invariant: lc.invariant.map((c) => typeClause(c.expr, scope)),
      decreases: lc.decreases.map((c) => typeClause(c.expr, scope)),
      clauses: lc.invariant.map((c) => ({ ...clauseId(c), ptr: c.expr.ptr })),
      dptrs: lc.decreases.map((c) => c.expr.ptr),
    };
  }

  private unwindOb(ptr: string, stillRunning: T): void {
    this.oblige({ kind: "unwind", fn: this.frame().fn.name, index: 0, ptr }, S.not(stillRunning));
    this.assume(S.not(stillRunning));
  }

  private forLoop(e: Extract<TExpr, { kind: "form" }>): Val {
    const [startE, endE, body] = e.args;
    if (startE === undefined || endE === undefined || body === undefined || e.name === undefined) throw new OutsideFragment(e.ptr, "for must be [for, i, start, end, body]", "X07V_UNSUPPORTED_FOR_BOUNDS");
    const name = e.name;
    const start = asI32(this.eval(startE), e.ptr);
    this.scopes.push(new Map());
    const existing = this.lookupMap(name);
    const home = existing !== undefined && existing.get(name)?.k === "i32" ? existing : (this.scopes[this.scopes.length - 1] as Map<string, Val>);
    home.set(name, start);
    const end = this.em.defI32("end", asI32(this.eval(endE), e.ptr));
    const cond = (): T => S.cmp("<", true, asI32(home.get(name) as Val, e.ptr), end);
    const step = (): void => {
      home.set(name, this.em.defI32(name, S.add(asI32(home.get(name) as Val, e.ptr), S.ONE)));
    };
    const lc = this.loopContract(e.ptr);
    if (lc !== undefined) this.inductive(e.ptr, lc, cond, () => {
      this.scopes.push(new Map());
      this.eval(body);
      this.scopes.pop();
      step();
    }, [name, ...assignedIn(body)]);
    else this.unroll(e.ptr, cond, () => {
      this.scopes.push(new Map());
      this.eval(body);
      this.scopes.pop();
      step();
    });
    this.scopes.pop();
    return S.ZERO;
  }

  private whileLoop(e: Extract<TExpr, { kind: "form" }>): Val {
    const [condE, body] = e.args;
    if (condE === undefined || body === undefined) throw new OutsideFragment(e.ptr, "while needs a condition and a body");
    const cond = (): T => {
      this.scopes.push(new Map());
      const c = this.em.defBool("wc", S.truth(asI32(this.eval(condE), e.ptr)));
      this.scopes.pop();
      return c;
    };
    const lc = this.loopContract(e.ptr);
    const iter = (): void => {
      this.scopes.push(new Map());
      this.eval(body);
      this.scopes.pop();
    };
    if (lc !== undefined) this.inductive(e.ptr, lc, cond, iter, [...assignedIn(condE), ...assignedIn(body)]);
    else this.unroll(e.ptr, cond, iter);
    return S.ZERO;
  }

  /** Unrolls a loop: at most unwind − 1 iterations, then the unwind obligation that the next check exits. */
  private unroll(ptr: string, cond: () => T, iter: () => void): void {
    this.loops.push({ ptr, kind: "unrolled" });
    const U = this.opts.unwind;
    const saves: Array<{ c: T; g: T; scopes: Scopes }> = [];
    for (let k = 0; k < U - 1; k += 1) {
      const c = cond();
      saves.push({ c, g: this.g, scopes: this.cloneScopes() });
      this.setG(S.and(this.g, c));
      iter();
      if (this.g.b === "false") break;
    }
    const cLast = this.g.b === "false" ? S.FALSE : cond();
    this.unwindOb(ptr, cLast);
    // Unwind the saved states: after the loop, the state is the one where the condition first failed.
    for (let k = saves.length - 1; k >= 0; k -= 1) {
      const s = saves[k] as { c: T; g: T; scopes: Scopes };
      const stay = S.not(s.c);
      this.scopes.forEach((m, i) => {
        for (const key of [...m.keys()].sort()) {
          const before = (s.scopes[i] as Map<string, Val> | undefined)?.get(key);
          const after = m.get(key) as Val;
          if (before !== undefined && !sameVal(before, after)) m.set(key, this.em.defVal(key, iteVal(stay, before, after)));
        }
      });
      this.setG(S.iteT(stay, s.g, this.g));
    }
  }

  /**
   * A loop with a loop contract, checked inductively: the invariant holds on entry; from any state where the
   * invariant and the guard hold, one iteration keeps the invariant and strictly decreases the measure
   * (which is >= 0); after the loop, any state with the invariant and not the guard.
   */
  private inductive(
    ptr: string,
    lc: { readonly invariant: TExpr[]; readonly decreases: TExpr[]; readonly clauses: ReadonlyArray<{ readonly id?: string; readonly ptr: string }>; readonly dptrs: ReadonlyArray<string> },
    cond: () => T,
    iter: () => void,
    modified: ReadonlyArray<string>,
  ): void {
    this.loops.push({ ptr, kind: "inductive" });
    this.abstraction = true;
    const fnName = this.frame().fn.name;
    const invHolds = (): T[] => lc.invariant.map((x) => this.evalInScope(x));
    invHolds().forEach((t, index) => this.oblige({ kind: "loop_invariant_entry", fn: fnName, ...clauseId(lc.clauses[index] ?? {}), index, ptr: lc.clauses[index]?.ptr ?? ptr }, t));
    const havoc = (): void => {
      for (const name of [...new Set(modified)].sort()) {
        const m = this.lookupMap(name);
        const cur = m?.get(name);
        if (m === undefined || cur === undefined) continue;
        m.set(name, this.freshVal(`h!${name}`, tyOfVal(cur)));
      }
    };
    const saveS = this.cloneScopes();
    const saveG = this.g;
    // one arbitrary iteration
    havoc();
    invHolds().forEach((t) => this.assume(t));
    const c = cond();
    this.assume(c);
    const measure = lc.decreases.map((d) => asI32(this.em.defVal("measure", asI32(this.evalInScope1(d), ptr)), ptr));
    measure.forEach((m, index) => this.oblige({ kind: "loop_decreases", fn: fnName, index, ptr: lc.dptrs[index] ?? ptr }, S.cmp(">=", false, m, S.ZERO)));
    iter();
    invHolds().forEach((t, index) => this.oblige({ kind: "loop_invariant_preserved", fn: fnName, ...clauseId(lc.clauses[index] ?? {}), index, ptr: lc.clauses[index]?.ptr ?? ptr }, t));
    if (measure.length > 0) {
      const after = lc.decreases.map((d) => asI32(this.evalInScope1(d), ptr));
      this.oblige({ kind: "loop_decreases", fn: fnName, index: 0, ptr: lc.dptrs[0] ?? ptr }, lexLess(after, measure));
    }
    // after the loop (restored in place: callers hold the scope maps)
    this.scopes.forEach((m, i) => {
      m.clear();
      for (const [k, v] of saveS[i] as Map<string, Val>) m.set(k, v);
    });
    this.g = saveG;
    havoc();
    invHolds().forEach((t) => this.assume(t));
    this.assume(S.not(cond()));
  }

  private evalInScope(e: TExpr): T {
    const env = new Map<string, Val>();
    for (const m of this.scopes) for (const [k, v] of m) env.set(k, v);
    return this.evalClause(e, env);
  }
  private evalInScope1(e: TExpr): Val {
    const env = new Map<string, Val>();
    for (const m of this.scopes) for (const [k, v] of m) env.set(k, v);
    const saveS = this.scopes;
    const saveG = this.g;
    this.scopes = [env, new Map()];
    const v = this.eval(e);
    this.scopes = saveS;
    this.g = saveG;
    return v;
  }

  // ---------------------------------------------------------------- calls
  private call(e: Extract<TExpr, { kind: "call" }>): Val {
    const callee = this.program.functions.get(e.fn);
    if (callee === undefined) throw new OutsideFragment(e.ptr, `call of ${e.fn}, which is not a checked function`, "X07V_PROOF_SUMMARY_REQUIRED");
    if (callee.decl.kind !== "defn") throw new OutsideFragment(e.ptr, `call of the defasync ${e.fn}`, "X07V_UNSUPPORTED_DEFASYNC_FORM");
    const args = e.args.map((a) => this.eval(a));
    const sound = this.opts.parity === "sound";
    const isSelf = callee.name === this.target.name;
    if (isSelf) this.selfRecursive = true;
    const hasContract = callee.requires.length + callee.ensures.length > 0;
    if (sound && isSelf) {
      this.decreasesAt(e.ptr, args);
      return this.summary(callee, args);
    }
    if (sound && hasContract && !isSelf) return this.summary(callee, args);
    return this.inline(callee, args, e.ptr);
  }

  private paramEnv(callee: CheckedFunction, args: ReadonlyArray<Val>): Map<string, Val> {
    return new Map(callee.params.map((p, i) => [p.name, args[i] as Val] as const));
  }

  /** A callee by its contract: requires asserted at the call, ensures assumed of a fresh result. */
  private summary(callee: CheckedFunction, args: ReadonlyArray<Val>): Val {
    this.abstraction = true;
    this.summaries.add(callee.name);
    const env = this.paramEnv(callee, args);
    callee.requires.forEach((r, index) => {
      const t = this.evalClause(r.expr, env);
      this.oblige({ kind: "callee_requires", fn: callee.name, ...clauseId(r.clause), index, ptr: r.clause.expr.ptr }, t);
      this.assume(t);
    });
    const result = this.freshVal(`r!${callee.name}`, callee.result);
    env.set("__result", result);
    callee.ensures.forEach((c) => this.assume(this.evalClause(c.expr, env)));
    return result;
  }

  /** The target's measure at a self-call: >= 0 at entry is obliged separately; here strictly smaller. */
  private decreasesAt(ptr: string, args: ReadonlyArray<Val>): void {
    const fn = this.target;
    const dec = fn.decl.kind === "defn" ? fn.decl.decreases : [];
    const scope = new Map(fn.params.map((p) => [p.name, p.ty] as const));
    const entry = (this.frames[0] as Frame).entry;
    const now = dec.map((d) => asI32(this.valIn(typeClause(d.expr, scope), entry), ptr));
    const next = dec.map((d) => asI32(this.valIn(typeClause(d.expr, scope), this.paramEnv(fn, args)), ptr));
    this.oblige({ kind: "decreases", fn: fn.name, index: 0, ptr }, lexLess(next, now));
  }
  /** The measure is >= 0 under the requires (each component). */
  measureNonNegative(): void {
    const fn = this.target;
    const dec = fn.decl.kind === "defn" ? fn.decl.decreases : [];
    const scope = new Map(fn.params.map((p) => [p.name, p.ty] as const));
    const entry = (this.frames[0] as Frame | undefined)?.entry;
    if (entry === undefined) return;
    const saveG = this.g;
    this.g = S.TRUE;
    dec.forEach((d, index) => this.oblige({ kind: "decreases", fn: fn.name, ...clauseId(d), index, ptr: d.expr.ptr }, S.cmp(">=", false, asI32(this.valIn(typeClause(d.expr, scope), entry), d.expr.ptr), S.ZERO)));
    this.g = saveG;
  }
  private valIn(e: TExpr, env: ReadonlyMap<string, Val>): Val {
    const saveS = this.scopes;
    const saveG = this.g;
    this.scopes = [new Map(env), new Map()];
    const v = this.eval(e);
    this.scopes = saveS;
    this.g = saveG;
    return v;
  }

  /** A callee inlined (its own returns are local to it); recursion is unrolled to the unwind bound. */
  private inline(callee: CheckedFunction, args: ReadonlyArray<Val>, ptr: string): Val {
    const depth = this.active.get(callee.name) ?? 0;
    if (depth >= this.opts.unwind - 1) {
      this.unwindOb(ptr, S.TRUE);
      return zeroOf(callee.result);
    }
    const env = this.paramEnv(callee, args);
    const saveS = this.scopes;
    this.active.set(callee.name, depth + 1);
    this.frames.push({ fn: callee, exits: [], entry: env });
    this.scopes = [new Map(env)];
    // upstream parity: a callee's requires are assumed at its entry, its ensures asserted at its exits
    if (this.opts.parity === "upstream") for (const r of callee.requires) this.assume(this.evalClause(r.expr, env));
    const v = this.eval(callee.body);
    const result = this.finishFrame(v);
    this.frames.pop();
    this.scopes = saveS;
    this.active.set(callee.name, depth);
    this.g = this.exitGuard;
    if (this.opts.parity === "upstream") {
      const renv = new Map(env);
      renv.set("__result", result);
      callee.ensures.forEach((c, index) => {
        const t = this.evalClause(c.expr, renv);
        this.oblige({ kind: "ensures", fn: callee.name, ...clauseId(c.clause), index, ptr: c.clause.expr.ptr }, t);
        this.assume(t);
      });
    }
    return result;
  }

  // ---------------------------------------------------------------- builtins
  private builtin(e: Extract<TExpr, { kind: "builtin" }>): Val {
    const h = e.head;
    const bin = BIN[h];
    if (bin !== undefined) {
      const [x, y] = e.args;
      if (x === undefined || y === undefined) throw new OutsideFragment(e.ptr, `${h} needs two operands`);
      const a = asI32(this.eval(x), e.ptr);
      const b = asI32(this.eval(y), e.ptr);
      return bin(a, b);
    }
    const rule = BUILTINS[h];
    if (rule === undefined) throw new OutsideFragment(e.ptr, `builtin ${h} is outside the proof fragment`, HEAP_EFFECT.has(h) || h.startsWith("ptr.") ? "X07V_UNSUPPORTED_HEAP_EFFECT" : "X07V_PROVE_UNSUPPORTED");
    return rule(this, e);
  }

  /** Evaluates operand i. */
  argv(e: Extract<TExpr, { kind: "builtin" }>, i: number): Val {
    const a = e.args[i];
    if (a === undefined) throw new OutsideFragment(e.ptr, `${e.head} lacks operand ${i}`);
    return this.eval(a);
  }
}

const HEAP_EFFECT: ReadonlySet<string> = new Set(["bytes.set_u8", "bytes.as_ptr", "bytes.as_mut_ptr", "view.as_ptr", "vec_u8.as_ptr", "vec_u8.as_mut_ptr", "addr_of", "addr_of_mut", "memcpy", "memmove", "memset"]);

/** Strict lexicographic decrease (signed components). */
const lexLess = (next: ReadonlyArray<I32>, now: ReadonlyArray<I32>): T => {
  let r: T = S.FALSE;
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const a = next[i] as I32;
    const b = now[i] as I32;
    r = S.or(S.cmp("<", false, a, b), S.and(S.eqI(a, b), r));
  }
  return r;
};

export const asI32 = (v: Val, ptr: string): I32 => {
  if (v.k !== "i32") throw new OutsideFragment(ptr, `expected an i32 value, got ${v.k}`);
  return v;
};
const asBytes = (v: Val, ptr: string): Bytes => {
  if (v.k !== "bytes") throw new OutsideFragment(ptr, `expected a bytes value, got ${v.k}`);
  return v;
};
const asTagged = (v: Val, ptr: string): Tagged => {
  if (v.k !== "tagged") throw new OutsideFragment(ptr, `expected an option/result value, got ${v.k}`);
  return v;
};
const tyOfVal = (v: Val): string => (v.k === "i32" ? "i32" : v.k === "bytes" ? "bytes" : `option_${tyOfVal(v.val)}`);

const BIN: Readonly<Record<string, (a: I32, b: I32) => I32>> = {
  "+": S.add,
  "-": S.sub,
  "*": S.mul,
  "/": S.udiv,
  "%": S.urem,
  "&": S.band,
  "|": S.bor,
  "^": S.bxor,
  "<<u": S.shl,
  ">>u": S.lshr,
  "=": (a, b) => S.bool01(S.eqI(a, b)),
  "!=": (a, b) => S.bool01(S.not(S.eqI(a, b))),
  "<": (a, b) => S.bool01(S.cmp("<", false, a, b)),
  "<=": (a, b) => S.bool01(S.cmp("<=", false, a, b)),
  ">": (a, b) => S.bool01(S.cmp(">", false, a, b)),
  ">=": (a, b) => S.bool01(S.cmp(">=", false, a, b)),
  "<u": (a, b) => S.bool01(S.cmp("<", true, a, b)),
  "<=u": (a, b) => S.bool01(S.cmp("<=", true, a, b)),
  ">u": (a, b) => S.bool01(S.cmp(">", true, a, b)),
  ">=u": (a, b) => S.bool01(S.cmp(">=", true, a, b)),
};

// ---------------------------------------------------------------- bytes helpers
const byteAt = (b: Bytes, i: I32): string => `(select ${b.arr} (bvadd ${b.off.t.b} ${i.t.b}))`;
const zext8 = (t: string): I32 => S.mk({ b: `((_ zero_extend 24) ${t})` }, 0n, 255n);
const bvU = (x: I32): I32 => S.mk({ b: x.t.b }, x.lo, x.hi);
/** index < len (unsigned) */
const inBounds = (i: I32, len: I32): T => S.cmp("<", true, i, len);
/** start <= len && n <= len - start (unsigned) */
const rangeOk = (start: I32, n: I32, len: I32): T => S.and(S.cmp("<=", true, start, len), S.cmp("<=", true, n, S.sub(len, start)));

const litBytes = (text: string): Bytes => {
  const data = new TextEncoder().encode(text);
  let arr = EMPTY_ARR;
  data.forEach((x, k) => {
    if (x !== 0) arr = `(store ${arr} ${S.bvLit(k)} ${S.bv8Lit(x)})`;
  });
  return { k: "bytes", arr, off: S.ZERO, len: S.i32Lit(data.length), max: data.length };
};

const getU8 = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>): Val => {
  const b = asBytes(x.argv(e, 0), e.ptr);
  const i = asI32(x.argv(e, 1), e.ptr);
  x.trapUnless(e.ptr, inBounds(i, b.len));
  return zext8(byteAt(b, i));
};
const len = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>): Val => bvU(asBytes(x.argv(e, 0), e.ptr).len);
const same = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>): Val => asBytes(x.argv(e, 0), e.ptr);
const slice = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>): Val => {
  const b = asBytes(x.argv(e, 0), e.ptr);
  const s = asI32(x.argv(e, 1), e.ptr);
  const n = asI32(x.argv(e, 2), e.ptr);
  x.trapUnless(e.ptr, rangeOk(s, n, b.len));
  return { k: "bytes", arr: b.arr, off: S.mk({ b: `(bvadd ${b.off.t.b} ${s.t.b})` }, S.I32_MIN, S.I32_MAX), len: S.mk({ b: n.t.b }, 0n, BigInt(Number.isFinite(b.max) ? b.max : 2 ** 31 - 1)), max: b.max };
};
/** Byte-wise equality of two bounded values (lengths equal and every byte below the length equal). */
const bytesEq = (a: Bytes, b: Bytes, ptr: string): T => {
  const m = Math.min(a.max, b.max);
  if (!Number.isFinite(m)) throw new OutsideFragment(ptr, "byte comparison of values without a length bound");
  const parts: string[] = [`(= ${a.len.t.b} ${b.len.t.b})`];
  for (let k = 0; k < m; k += 1) {
    const i = S.i32Lit(k);
    parts.push(`(or (bvule ${a.len.t.b} ${S.bvLit(k)}) (= ${byteAt(a, i)} ${byteAt(b, i)}))`);
  }
  return { b: `(and ${parts.join(" ")})` };
};
const readU32 = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>): Val => {
  const b = asBytes(x.argv(e, 0), e.ptr);
  const off = asI32(x.argv(e, 1), e.ptr);
  x.trapUnless(e.ptr, S.and(S.cmp("<=", true, off, b.len), S.cmp(">=", true, S.sub(b.len, off), S.i32Lit(4))));
  const at = (k: number): string => byteAt(b, S.add(off, S.i32Lit(k)));
  return S.bvOnly(`(concat ${at(3)} ${at(2)} ${at(1)} ${at(0)})`);
};
const concatBytes = (a: Bytes, b: Bytes, ptr: string): Bytes => {
  if (!Number.isFinite(b.max)) throw new OutsideFragment(ptr, "concatenation of a value without a length bound");
  let arr = a.arr;
  for (let k = 0; k < b.max; k += 1) {
    const dst = `(bvadd ${a.off.t.b} (bvadd ${a.len.t.b} ${S.bvLit(k)}))`;
    arr = `(ite (bvult ${S.bvLit(k)} ${b.len.t.b}) (store ${arr} ${dst} ${byteAt(b, S.i32Lit(k))}) ${arr})`;
  }
  return { k: "bytes", arr, off: a.off, len: S.add(bvU(a.len), bvU(b.len)), max: a.max + b.max };
};

type Rule = (x: Exec, e: Extract<TExpr, { kind: "builtin" }>) => Val;
const some = (tag: boolean, err: boolean): Rule => (x, e) => {
  const v = e.args.length > 0 ? x.argv(e, 0) : undefined;
  const pay = payloadOf(e.ty) ?? "i32";
  if (tag) return { k: "tagged", tag: S.TRUE, val: v ?? zeroOf(pay), err: S.ZERO };
  return { k: "tagged", tag: S.FALSE, val: zeroOf(pay), err: err && v !== undefined ? asI32(v, e.ptr) : S.ZERO };
};

const BUILTINS: Readonly<Record<string, Rule>> = {
  "i32.lit": (x, e) => x.argv(e, 0),
  "bytes.lit": (_x, e) => litBytes(e.args[0]?.kind === "text" ? e.args[0].value : ""),
  "bytes.view_lit": (_x, e) => litBytes(e.args[0]?.kind === "text" ? e.args[0].value : ""),
  "bytes.empty": () => litBytes(""),
  "bytes1": (x, e) => {
    const v = asI32(x.argv(e, 0), e.ptr);
    return { k: "bytes", arr: `(store ${EMPTY_ARR} #x00000000 ((_ extract 7 0) ${v.t.b}))`, off: S.ZERO, len: S.ONE, max: 1 };
  },
  "bytes.len": len,
  "view.len": len,
  "vec_u8.len": len,
  "bytes.get_u8": getU8,
  "view.get_u8": getU8,
  "vec_u8.get": getU8,
  "bytes.view": same,
  "view.to_bytes": same,
  "vec_u8.into_bytes": same,
  "vec_u8.as_view": same,
  "bytes.subview": slice,
  "view.slice": slice,
  "bytes.slice": slice,
  "bytes.eq": (x, e) => S.bool01(bytesEq(asBytes(x.argv(e, 0), e.ptr), asBytes(x.argv(e, 1), e.ptr), e.ptr)),
  "view.eq": (x, e) => S.bool01(bytesEq(asBytes(x.argv(e, 0), e.ptr), asBytes(x.argv(e, 1), e.ptr), e.ptr)),
  "codec.read_u32_le": readU32,
  "bytes.concat": (x, e) => concatBytes(asBytes(x.argv(e, 0), e.ptr), asBytes(x.argv(e, 1), e.ptr), e.ptr),
  "vec_u8.extend_bytes": (x, e) => concatBytes(asBytes(x.argv(e, 0), e.ptr), asBytes(x.argv(e, 1), e.ptr), e.ptr),
  "vec_u8.with_capacity": (x, e) => {
    x.argv(e, 0);
    return { k: "bytes", arr: EMPTY_ARR, off: S.ZERO, len: S.ZERO, max: 0 };
  },
  "vec_u8.push": (x, e) => {
    const v = asBytes(x.argv(e, 0), e.ptr);
    const b = asI32(x.argv(e, 1), e.ptr);
    const arr = `(store ${v.arr} (bvadd ${v.off.t.b} ${v.len.t.b}) ((_ extract 7 0) ${b.t.b}))`;
    return { k: "bytes", arr, off: v.off, len: S.add(bvU(v.len), S.ONE), max: v.max + 1 };
  },
  "vec_u8.set": (x, e) => {
    const v = asBytes(x.argv(e, 0), e.ptr);
    const i = asI32(x.argv(e, 1), e.ptr);
    const b = asI32(x.argv(e, 2), e.ptr);
    x.trapUnless(e.ptr, inBounds(i, v.len));
    return { ...v, arr: `(store ${v.arr} (bvadd ${v.off.t.b} ${i.t.b}) ((_ extract 7 0) ${b.t.b}))` };
  },
  "vec_u8.clear": (x, e) => ({ ...asBytes(x.argv(e, 0), e.ptr), len: S.ZERO }),
};
for (const [ty, pay] of Object.entries(TAGGED)) {
  const isOpt = ty.startsWith("option_");
  const R = BUILTINS as Record<string, Rule>;
  if (isOpt) {
    R[`${ty}.none`] = some(false, false);
    R[`${ty}.some`] = some(true, false);
    R[`${ty}.is_some`] = (x, e) => S.bool01(asTagged(x.argv(e, 0), e.ptr).tag);
  } else {
    R[`${ty}.ok`] = some(true, false);
    R[`${ty}.err`] = some(false, true);
    R[`${ty}.is_ok`] = (x, e) => S.bool01(asTagged(x.argv(e, 0), e.ptr).tag);
    R[`${ty}.err_code`] = (x, e) => {
      const t = asTagged(x.argv(e, 0), e.ptr);
      return S.iteI(t.tag, S.ZERO, t.err);
    };
  }
  R[`${ty}.unwrap_or`] = (x, e) => {
    const t = asTagged(x.argv(e, 0), e.ptr);
    const d = x.argv(e, 1);
    return iteVal(t.tag, t.val, d);
  };
  void pay;
}

/** Names assigned with set/set0 (and loop variables) anywhere inside e. */
const assignedIn = (e: TExpr): string[] => {
  const out: string[] = [];
  const stack: TExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as TExpr;
    if (x.kind === "form") {
      if ((x.form === "set" || x.form === "set0" || x.form === "for") && x.name !== undefined) out.push(x.name);
      stack.push(...x.args);
    } else if (x.kind === "builtin" || x.kind === "call") stack.push(...x.args);
    else if (x.kind === "coerce") stack.push(x.arg);
  }
  return out;
};

/**
 * Parameter intervals implied by the requires: conjuncts of the form `p op c` / `c op p` with a signed
 * comparison or `=` (and `p <u c`, `p <=u c`), where p is a parameter and c a literal.
 */
export const paramRanges = (fn: CheckedFunction): Map<string, [bigint, bigint]> => {
  const r = new Map<string, [bigint, bigint]>(fn.params.map((p) => [p.name, [S.I32_MIN, S.I32_MAX]]));
  const narrow = (n: string, lo: bigint, hi: bigint): void => {
    const cur = r.get(n);
    if (cur === undefined) return;
    r.set(n, [cur[0] > lo ? cur[0] : lo, cur[1] < hi ? cur[1] : hi]);
  };
  const FLIP: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<u": ">u", "<=u": ">=u", ">u": "<u", ">=u": "<=u" };
  const visit = (e: TExpr): void => {
    if (e.kind === "form" && e.form === "&&") {
      e.args.forEach(visit);
      return;
    }
    if (e.kind === "form" && e.form === "begin" && e.args.length === 1) {
      visit(e.args[0] as TExpr);
      return;
    }
    if (e.kind !== "builtin" || e.args.length !== 2) return;
    const [a, b] = e.args as [TExpr, TExpr];
    let op = e.head;
    let v: string;
    let c: bigint;
    if (a.kind === "local" && b.kind === "int") {
      v = a.name;
      c = BigInt(b.value);
    } else if (a.kind === "int" && b.kind === "local") {
      v = b.name;
      c = BigInt(a.value);
      op = FLIP[op] ?? "";
    } else return;
    switch (op) {
      case "<":
        narrow(v, S.I32_MIN, c - 1n);
        break;
      case "<=":
        narrow(v, S.I32_MIN, c);
        break;
      case ">":
        narrow(v, c + 1n, S.I32_MAX);
        break;
      case ">=":
        narrow(v, c, S.I32_MAX);
        break;
      case "=":
        narrow(v, c, c);
        break;
      case "<u": {
        const u = BigInt.asUintN(32, c);
        if (u >= 1n && u <= S.I32_MAX + 1n) narrow(v, 0n, u - 1n);
        break;
      }
      case "<=u": {
        const u = BigInt.asUintN(32, c);
        if (u <= S.I32_MAX) narrow(v, 0n, u);
        break;
      }
    }
  };
  fn.requires.forEach((q) => visit(q.expr));
  // an empty interval (contradictory requires) is kept as the full range: the requires themselves are asserted
  for (const [k, [lo, hi]] of r) if (lo > hi) r.set(k, [S.I32_MIN, S.I32_MAX]);
  return r;
};

/** Re-exported for the driver. */
export { OutsideFragment };
export const EMPTY = EMPTY_ARR;
