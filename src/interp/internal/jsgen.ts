/**
 * The fast backend: compiles a checked program to JavaScript *source* (one factory per program, one JS function per
 * x07 function), so V8 optimises x07 code like hand-written JS — locals are JS variables, i32 operators are inline
 * `|0` / `>>>0` / `Math.imul` arithmetic, byte reads are inline bounds-checked array reads, `return`/`try` are JS
 * returns, and every other head is a direct call to its evaluator in heads/ (the same table the closure backend
 * uses, so both backends share one meaning per head).
 *
 * Semantics are the closure backend's (compile.ts), node for node: the same fuel charges in the same order (one
 * per expression before it runs; statement-position begin/if/let/set/set0/for/while/return free), the same
 * evaluation order, the same traps and trap pointers. Differential tests run both on the same programs
 * (test/interp/backends.test.ts). Nodes this backend does not lower (records, enums, match, try_doc, budget and
 * task scopes) make `generateSource` return undefined and the program runs on the closure backend.
 *
 * Fuel: the generated code keeps the current fuel chunk in a factory-level variable `F` (a small integer) instead
 * of `rt.fuel`; every generated function shares it, no head evaluator charges fuel, and it is written back to the
 * runtime when a chunk runs out (refuel) and when the run ends. See README "Backends".
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../check/index.ts";
import { resolveHead } from "../../core/heads/table.ts";
import { BRAND_CASTS, INLINE, PURE_HEADS } from "./head-kinds.ts";
import { headImpl } from "./heads/index.ts";
import { taskKindOf } from "./sched.ts";
import type { HeadCall } from "./heads/index.ts";

/** Bounds-checked byte reads, inline: the trap message is the evaluator's (heads/bytes.ts). */
const INLINE_GET: Readonly<Record<string, string>> = {
  "bytes.get_u8": "view.get_u8 oob",
  "view.get_u8": "view.get_u8 oob",
};

/**
 * Inline fast paths with the evaluator as the fallback: `when` is a cheap guard under which `then` computes exactly
 * what the evaluator would; otherwise the evaluator runs (and does any growth or trapping itself).
 * ty.* operands start with the type placeholder, so their value operands are args[1..].
 */
/** A little-endian u32 read of `b` at `o` (already bounds-checked by the guard). */
const readLe = (b: string, o: string): string => `(${b}[${o} >>> 0] | (${b}[(${o} >>> 0) + 1] << 8) | (${b}[(${o} >>> 0) + 2] << 16) | (${b}[(${o} >>> 0) + 3] << 24))`;

const FAST_PATHS: Readonly<Record<string, { readonly when: (a: ReadonlyArray<string>) => string; readonly then: (a: ReadonlyArray<string>) => string }>> = {
  "vec_u8.push": { when: ([v]) => `${v}.len < ${v}.buf.length`, then: ([v, x]) => `((${v}.buf[${v}.len++] = ${x}), ${v})` },
  "ty.read_le_at": { when: ([, b, o]) => `(${o} >>> 0) + 4 <= ${b}.length`, then: ([, b, o]) => readLe(b as string, o as string) },
  "ty.write_le_at": {
    when: ([, b, o]) => `(${o} >>> 0) + 4 <= ${b}.length`,
    then: ([, b, o, x]) => `((${b}[${o} >>> 0] = ${x}), (${b}[(${o} >>> 0) + 1] = ${x} >>> 8), (${b}[(${o} >>> 0) + 2] = ${x} >>> 16), (${b}[(${o} >>> 0) + 3] = ${x} >>> 24), ${b})`,
  },
  "codec.read_u32_le": { when: ([b, o]) => `(${o} >>> 0) + 4 <= ${b}.length`, then: ([b, o]) => readLe(b as string, o as string) },
};

/**
 * Inline heads usable inside a JS expression: each operand appears once in the template (so a pure operand with an
 * inlined conditional fuel charge is evaluated exactly once). `COND` holds the comparisons as JS booleans (the
 * template without its `? 1 : 0`), for conditions of if/while/&&/||.
 */
const operandsOnce = (t: string): boolean => [...t.matchAll(/\$(\d)/g)].every((m, _i, all) => all.filter((n) => n[1] === m[1]).length === 1);
const EXPR_HEADS: ReadonlyMap<string, string> = new Map(Object.entries(INLINE).filter(([, t]) => operandsOnce(t)));
const COND: ReadonlyMap<string, string> = new Map([...EXPR_HEADS].filter(([, t]) => t.endsWith(" ? 1 : 0")).map(([h, t]) => [h, t.slice(0, -" ? 1 : 0".length)]));

/** The u32 little-endian heads whose bytes operand (args[1]) can be accessed through a DataView hoisted out of a loop. */
const LE_HEADS: ReadonlySet<string> = new Set(["ty.read_le_at", "ty.write_le_at"]);

/** The local an operand reads, through checker coercions that keep the object (bytes -> bytes_view; not vec_u8's). */
const localOf = (e: TExpr | undefined): Extract<TExpr, { kind: "local" }> | undefined =>
  e?.kind === "local" ? e : e?.kind === "coerce" && e.from !== "vec_u8" ? localOf(e.arg) : undefined;

/** The local read or written by a u32 LE head (its bytes operand), if the node is one. */
const leLocal = (e: TExpr): string | undefined =>
  e.kind === "builtin" && LE_HEADS.has(resolveHead(e.head)?.name ?? "") && (e.tys ?? []).every((x) => x === "i32" || x === "u32") ? localOf(e.args[1])?.name : undefined;

/**
 * What a loop does with local names: the names used as the bytes operand of a u32 LE read/write, and the names it
 * may rebind (let, for) or assign, except `set x (ty.write_le_at T x …)`, which writes x in place and yields x itself
 * (the evaluator returns its operand), so x stays the same object.
 */
const scanLoop = (es: ReadonlyArray<TExpr>, uses: Set<string>, assigned: Set<string>): void => {
  const walk = (e: TExpr): void => {
    const used = leLocal(e);
    if (used !== undefined) uses.add(used);
    if (e.kind === "form") {
      const a0 = e.args[0];
      const inPlace = e.form === "set" && a0?.kind === "builtin" && resolveHead(a0.head)?.name === "ty.write_le_at" && leLocal(a0) === e.name;
      if ((e.form === "set" || e.form === "set0" || e.form === "let" || e.form === "for") && !inPlace) assigned.add(e.name ?? "");
    }
    const sub = e as { readonly args?: ReadonlyArray<TExpr>; readonly arg?: TExpr };
    sub.args?.forEach(walk);
    if (sub.arg !== undefined) walk(sub.arg);
  };
  es.forEach(walk);
};

/** Forms that upstream's `emit_stmt` lowers without charging fuel for the form itself (as compile.ts). */
const STATEMENT_FREE: ReadonlySet<string> = new Set(["begin", "unsafe", "if", "let", "set", "set0", "for", "while", "return"]);

class Unsupported extends Error {}

/** What the factory needs besides its source. */
export interface GeneratedProgram {
  readonly source: string;
  /** Head evaluators, bound to `h0`, `h1`, … in the factory. */
  readonly heads: ReadonlyArray<HeadCall>;
  /** Constant byte strings (text literals), bound to `k0`, `k1`, …. */
  readonly consts: ReadonlyArray<Uint8Array>;
}

const textEncoder = new TextEncoder();
const lit = (s: string): string => JSON.stringify(s);

/**
 * How many warm-up calls a function with a loop gets when its factory is instantiated. V8 gives a function its
 * feedback vector (the record of operand types its optimising compiler specialises on) only after it has run for a
 * while; the code before a hot loop in the first call then runs without recording feedback, the loop is compiled
 * on-stack (OSR) meanwhile, the whole function's optimised code then deoptimises at that code on the next call, and
 * from there on every call runs the loop in the cached OSR code entered from the interpreter: measured 2-3x slower,
 * in about half of the processes. A few thousand calls that return at once (WARM) spend the allocation budget
 * (8 x the bytecode length, and the bytecode is shorter than the source text), so the first real call already
 * records feedback everywhere. Behaviour is unchanged: the warm calls return before touching any state.
 */
const warmCalls = (sourceLength: number): number => Math.min(200_000, Math.max(2_000, 2 * sourceLength));

/** Per-function code generation state. */
class FnGen {
  readonly lines: string[] = [];
  private depth = 1;
  private temps = 0;
  private readonly scopes: Array<Map<string, { readonly v: string; readonly ty: string }>> = [new Map()];
  private readonly vars: string[] = [];

  constructor(private readonly prog: ProgramGen) {}

  line(s: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}${s}`);
  }
  open(s: string): void {
    this.flush();
    this.line(s);
    this.depth++;
  }
  close(s = "}"): void {
    this.flush();
    this.depth--;
    this.line(s);
  }
  temp(): string {
    return `t${this.temps++}`;
  }
  push(): void {
    this.scopes.push(new Map());
  }
  pop(): void {
    this.scopes.pop();
  }
  /** A new JS variable (declared at the top of the function). */
  fresh(): string {
    const v = `v${this.vars.length}`;
    this.vars.push(v);
    return v;
  }
  bind(name: string, ty: string, v?: string): string {
    const name_ = v ?? this.fresh();
    (this.scopes[this.scopes.length - 1] as Map<string, { v: string; ty: string }>).set(name, { v: name_, ty });
    return name_;
  }
  lookup(name: string): { readonly v: string; readonly ty: string } | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = (this.scopes[i] as Map<string, { v: string; ty: string }>).get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }
  declarations(): string {
    return this.vars.length === 0 ? "" : `  let ${this.vars.join(", ")};`;
  }
  scoped<T>(k: () => T): T {
    this.push();
    try {
      return k();
    } finally {
      this.pop();
    }
  }

  /**
   * Fuel is charged per straight-line segment: a placeholder line at the segment's first charge becomes `F -= n`
   * when the segment closes (before any call, branch, loop or return), and the counter is tested only at check
   * points — each loop iteration, each function entry and each return — so a run that would exceed its budget
   * traps at the next check point (a loop or call cannot run unchecked). A node that may trap inside a segment
   * refers to a trap-site entry whose refund (the charges of the segment's later nodes, taken early) is filled in
   * at the close, so fuel_used at a trap is exact; a trap raised after the budget ran out is reported as the fuel
   * trap it would have been (trapAt / settle).
   */
  private seg: { line: number; count: number; ptr: string; sites: number[] } | undefined;

  /** DataViews hoisted out of the loops being emitted: JS variable of a bytes local -> its DataView constant. */
  private readonly views = new Map<string, { readonly dv: string; readonly last: string }>();

  /**
   * Before a loop: a DataView over each bytes local that the loop reads or writes as a u32 (LE heads) and never
   * rebinds or replaces (scanLoop), so one 32-bit access replaces four byte accesses; returns the JS variables
   * registered (the caller unregisters them after the loop). A local already hoisted by an enclosing loop is kept.
   */
  private hoistViews(parts: ReadonlyArray<TExpr>): string[] {
    const uses = new Set<string>();
    const assigned = new Set<string>();
    scanLoop(parts, uses, assigned);
    const added: string[] = [];
    for (const name of uses) {
      const b = this.lookup(name);
      if (assigned.has(name) || b === undefined || (b.ty !== "bytes" && b.ty !== "bytes_view") || this.views.has(b.v)) continue;
      // The object does not change in the loop, nor does a Uint8Array's length: the last u32 offset is fixed too.
      const d = { dv: `d${b.v}`, last: `l${b.v}` };
      this.line(`const ${d.dv} = new DataView(${b.v}.buffer, ${b.v}.byteOffset, ${b.v}.byteLength), ${d.last} = ${b.v}.length - 4;`);
      this.views.set(b.v, d);
      added.push(b.v);
    }
    return added;
  }

  /** The hoisted DataView of a local operand, if any. */
  private viewOf(e: TExpr | undefined): { readonly dv: string; readonly last: string } | undefined {
    const l = localOf(e);
    if (l === undefined) return undefined;
    const b = this.lookup(l.name);
    return b === undefined ? undefined : this.views.get(b.v);
  }

  /** Whether the function has a loop (then it gets the feedback warm-up, see ProgramGen.wrap). */
  hasLoop = false;

  fuel(ptr: string): void {
    if (this.seg === undefined) {
      this.seg = { line: this.lines.length, count: 0, ptr, sites: [] };
      this.lines.push("");
    }
    this.seg.count++;
  }

  /** A fuel check point: loop iterations, function entries and returns (see the class comment of `seg`). */
  checkpoint(ptr: string): void {
    this.flush();
    this.line(`if (F < 0) F = refuel(F, ${lit(ptr)});`);
  }

  /** A trap site (pointer + refund) for a node emitted now; returns its index in the factory's site table. */
  site(ptr: string): number {
    const i = this.prog.addSite(ptr, this.seg?.count ?? 0);
    this.seg?.sites.push(i);
    return i;
  }

  /** Closes the current fuel segment (call before emitting a call, a branch, a loop or a return). */
  flush(): void {
    const seg = this.seg;
    if (seg === undefined) return;
    this.seg = undefined;
    const pad = this.lines[seg.line + 1]?.match(/^ */)?.[0] ?? "  ".repeat(this.depth);
    // `| 0`: an int32 subtraction without V8's overflow check (F stays far inside int32: see `seg`).
    this.lines[seg.line] = `${pad}F = (F - ${seg.count}) | 0;`;
    for (const i of seg.sites) this.prog.settleSite(i, seg.count);
  }

  /** Adds n charges to the current segment. */
  private charge(ptr: string, n: number): void {
    for (let i = 0; i < n; i++) this.fuel(ptr);
  }

  /** The inline template of a builtin node usable in an expression (no type arguments, one use per operand). */
  private exprHead(e: Extract<TExpr, { kind: "builtin" }>): string | undefined {
    if ((e.tys ?? []).length > 0) return undefined;
    const name = resolveHead(e.head)?.name;
    if (name === undefined || headImpl(name, [], resolveHead(e.head)?.bindings ?? {}) === undefined) return undefined;
    const t = EXPR_HEADS.get(name);
    return t !== undefined && e.args.length === (name.endsWith(".len") ? 1 : 2) ? t : undefined;
  }

  /**
   * Whether `e` is pure and cannot trap: literals, locals, input, inline i32 heads and &&/|| of such. These become
   * one JS expression (nothing can run between its operands, so locals are read in place).
   */
  private isPure(e: TExpr): boolean {
    switch (e.kind) {
      case "int":
      case "input":
        return true;
      case "local":
        return this.lookup(e.name) !== undefined;
      case "builtin":
        return this.exprHead(e) !== undefined && e.args.every((a) => this.isPure(a));
      case "form":
        return (e.form === "&&" || e.form === "||") && e.args.length === 2 && e.args.every((a) => this.isPure(a));
      default:
        return false;
    }
  }

  /** `(F = (F - n) | 0, js)`: the charges of a conditionally evaluated operand, taken when it runs. */
  private static charged(x: { readonly js: string; readonly cost: number }): string {
    return x.cost > 0 ? `(F = (F - ${x.cost}) | 0, ${x.js})` : `(${x.js})`;
  }

  /**
   * A pure node (see isPure) as a JS expression with its value, and its unconditional fuel cost (the caller charges
   * it; the right operand of &&/|| carries its own charge, inlined). Costs are the per-node rule of emit().
   */
  private pureExpr(e: TExpr): { readonly js: string; readonly cost: number } {
    switch (e.kind) {
      case "int": {
        const v = e.value | 0;
        return { js: v < 0 ? `(${v})` : `${v}`, cost: e.ty !== "unknown" ? 1 : 0 };
      }
      case "input":
        return { js: "input", cost: 1 };
      case "local":
        return { js: (this.lookup(e.name) as { v: string }).v, cost: 1 };
      case "builtin": {
        const ops = e.args.map((a) => this.pureExpr(a));
        const js = (this.exprHead(e) as string).replace(/\$(\d)/g, (_m, i: string) => `(${(ops[Number(i)] as { js: string }).js})`);
        return { js: `(${js})`, cost: 1 + ops.reduce((n, o) => n + o.cost, 0) };
      }
      case "form": {
        const c = this.pureCond(e);
        return { js: `(${c.js} ? 1 : 0)`, cost: c.cost };
      }
      default:
        throw new Unsupported(`pureExpr of ${e.kind}`);
    }
  }

  /** A pure node as a JS boolean (its value is not 0), with its unconditional cost (see pureExpr). */
  private pureCond(e: TExpr): { readonly js: string; readonly cost: number } {
    if (e.kind === "form" && (e.form === "&&" || e.form === "||")) {
      const a = this.pureCond(e.args[0] as TExpr);
      const b = this.pureCond(e.args[1] as TExpr);
      return { js: `(${a.js} ${e.form} ${FnGen.charged(b)})`, cost: 1 + a.cost };
    }
    if (e.kind === "builtin") {
      const name = resolveHead(e.head)?.name ?? "";
      const t = COND.get(name);
      if (t !== undefined) {
        const ops = e.args.map((a) => this.pureExpr(a));
        return { js: `(${t.replace(/\$(\d)/g, (_m, i: string) => `(${(ops[Number(i)] as { js: string }).js})`)})`, cost: 1 + ops.reduce((n, o) => n + o.cost, 0) };
      }
    }
    const x = this.pureExpr(e);
    return { js: `(${x.js} !== 0)`, cost: x.cost };
  }

  /**
   * A condition (if/while/&&/||): the statements evaluating `e`, and a JS boolean expression (valid right after
   * them) that is true when its value is not 0. Fuel and evaluation order are emit()'s.
   */
  condition(e: TExpr): string {
    if (this.isPure(e)) {
      const c = this.pureCond(e);
      this.charge(e.ptr, c.cost);
      return c.js;
    }
    if (e.kind === "form" && (e.form === "begin" || e.form === "unsafe") && e.args.length > 0) {
      this.fuel(e.ptr);
      return this.scoped(() => {
        e.args.slice(0, -1).forEach((a) => this.emit(a, true));
        return this.condition(e.args[e.args.length - 1] as TExpr);
      });
    }
    if (e.kind === "builtin" && (e.tys ?? []).length === 0 && e.args.length === 2) {
      // A comparison whose operands need statements: the operands as atoms, the comparison as a JS boolean.
      const name = resolveHead(e.head)?.name ?? "";
      const t = COND.get(name);
      if (t !== undefined && this.exprHead(e) !== undefined) {
        this.fuel(e.ptr);
        const ops = e.args.map((x) => this.emit(x, false));
        return `(${t.replace(/\$(\d)/g, (_m, i: string) => ops[Number(i)] as string)})`;
      }
    }
    return `(${this.emit(e, false)} !== 0)`;
  }

  /** Emits the statements of `e` and returns an atom (a literal or a temp that nothing reassigns) holding its value. */
  emit(e: TExpr, stmt: boolean): string {
    if ((e.kind === "builtin" || (e.kind === "form" && (e.form === "&&" || e.form === "||"))) && this.isPure(e)) {
      const x = this.pureExpr(e);
      this.charge(e.ptr, x.cost);
      const t = this.temp();
      this.line(`const ${t} = ${x.js};`);
      return t;
    }
    switch (e.kind) {
      case "int": {
        const v = e.value | 0;
        if (e.ty !== "unknown") this.fuel(e.ptr);
        return v < 0 ? `(${v})` : `${v}`;
      }
      case "local": {
        const b = this.lookup(e.name);
        if (b === undefined) throw new Unsupported(`unbound local ${e.name}`);
        this.fuel(e.ptr);
        const t = this.temp();
        this.line(`const ${t} = ${b.v};`);
        return t;
      }
      case "input":
        this.fuel(e.ptr);
        return "input";
      case "text":
        return this.prog.constant(textEncoder.encode(e.value));
      case "coerce": {
        const a = this.emit(e.arg, false);
        if (e.from !== "vec_u8") return a;
        const t = this.temp();
        this.line(`const ${t} = ${a}.buf.subarray(0, ${a}.len);`);
        return t;
      }
      case "builtin":
        return this.head(e.head, e.args, e.ptr, e.tys ?? []);
      case "call":
        return this.call(e.fn, e.args, e.ptr);
      case "form":
        if (!(stmt && STATEMENT_FREE.has(e.form))) this.fuel(e.ptr);
        return this.form(e, stmt);
      default:
        throw new Unsupported(`${e.kind} expressions`);
    }
  }

  private head(head: string, argExprs: ReadonlyArray<TExpr>, ptr: string, tys: ReadonlyArray<string>): string {
    if (BRAND_CASTS.has(head)) throw new Unsupported(`${head} (brand casts run on the closure backend)`);
    const resolved = resolveHead(head);
    const impl = resolved === undefined ? undefined : headImpl(resolved.name, tys, resolved.bindings);
    this.fuel(ptr);
    const args = argExprs.map((a) => this.emit(a, false));
    const t = this.temp();
    if (impl === undefined) {
      this.line(`const ${t} = unsupported(${lit(`the interpreter does not implement ${head}${tys.length > 0 ? `<${tys.join(",")}>` : ""} yet`)}, ${this.site(ptr)}, F);`);
      return t;
    }
    const name = resolved?.name ?? head;
    const inline = tys.length === 0 ? INLINE[name] : undefined;
    if (inline !== undefined && args.length === (name.endsWith(".len") ? 1 : 2)) {
      this.line(`const ${t} = ${inline.replace(/\$(\d)/g, (_m, i: string) => args[Number(i)] as string)};`);
      return t;
    }
    const getMsg = INLINE_GET[name];
    if (getMsg !== undefined && tys.length === 0) {
      const [v, i] = args as [string, string];
      // One read: an index in bounds gives the byte (V8's own bounds check is the only one); anything else (out of
      // bounds, or a negative i32 that is a large unsigned index) gives undefined and takes getU8's exact check.
      this.line(`const ${t} = ${v}[${i}] ?? getU8(${v}, ${i}, ${lit(getMsg)}, ${this.site(ptr)}, F);`);
      return t;
    }
    const h = this.prog.headRef(impl, `${name}${tys.length > 0 ? `<${tys.join(",")}>` : ""}`);
    const fast = FAST_PATHS[name];
    const dv = LE_HEADS.has(name) && tys.every((x) => x === "i32" || x === "u32") ? this.viewOf(argExprs[1]) : undefined;
    if (dv !== undefined) {
      // The operand is the hoisted DataView's bytes (hoistViews): one 32-bit LE access when in bounds; else the
      // evaluator (exact check and trap).
      const [, b, o, x] = args as [string, string, string, string | undefined];
      // write_le_at's evaluator returns its operand (heads/ty.ts): saying so keeps the local one known object for V8.
      const read = name === "ty.read_le_at";
      const access = read ? `${dv.dv}.getInt32(${o}, true)` : `(${dv.dv}.setInt32(${o}, ${x}, true), ${b})`;
      this.line(`const ${t} = ${o} >= 0 && ${o} <= ${dv.last} ? ${access} : ((P = ${this.site(ptr)}), ${h}(rt${args.map((a) => `, ${a}`).join("")})${read ? "" : `, ${b}`});`);
      return t;
    }
    if (fast !== undefined && (tys.length === 0 || tys.every((x) => x === "i32" || x === "u32"))) {
      // An inline fast path for the common case; anything else (growth, an edge, a trap) takes the evaluator.
      const site = this.site(ptr);
      this.line(`const ${t} = ${fast.when(args)} ? ${fast.then(args)} : ((P = ${site}), ${h}(rt${args.map((a) => `, ${a}`).join("")}));`);
      return t;
    }
    const mayTrap = resolved === undefined || !PURE_HEADS.has(resolved.name);
    // Heads that run tasks call back into generated code: they end the fuel segment, like calls.
    const runsCode = resolved !== undefined && (resolved.spec.family === "task" || resolved.spec.family === "chan");
    if (runsCode) {
      this.flush();
      this.line(`FUEL = F;`);
    }
    // A trap raised by the evaluator gets this node's pointer and refund through P (read at the run boundary).
    if (mayTrap) this.line(`P = ${this.site(ptr)};`);
    this.line(`const ${t} = ${h}(rt${args.map((a) => `, ${a}`).join("")});`);
    if (runsCode) this.line(`F = FUEL;`);
    return t;
  }

  private call(fnName: string, argExprs: ReadonlyArray<TExpr>, ptr: string): string {
    const fn = this.prog.program.functions.get(fnName);
    if (fn === undefined) throw new Unsupported(`call to unknown function ${fnName}`);
    const ref = this.prog.fnRef(fnName);
    this.fuel(ptr);
    const args = argExprs.map((a) => this.emit(a, false));
    const t = this.temp();
    if (fn.decl.kind === "defasync") {
      const kind = taskKindOf(fn.result);
      this.line(`const ${t} = rt.sched.create(${lit(kind)}, () => ${ref}(${args.join(", ")}));`);
    } else {
      // The callee reads and writes the shared FUEL: hand over the local counter around the call.
      this.flush();
      this.line(`FUEL = F;`);
      this.line(`const ${t} = ${ref}(${args.join(", ")});`);
      this.line(`F = FUEL;`);
    }
    return t;
  }

  private form(e: Extract<TExpr, { kind: "form" }>, stmt: boolean): string {
    const args = e.args;
    const arg = (i: number): TExpr => {
      const a = args[i];
      if (a === undefined) throw new Unsupported(`${e.form} lacks operand ${i}`);
      return a;
    };
    switch (e.form) {
      case "begin":
      case "unsafe":
        return this.scoped(() => {
          let last = "0";
          args.forEach((a, i) => {
            last = this.emit(a, i < args.length - 1 ? true : stmt);
          });
          return last;
        });
      case "let": {
        const a = this.emit(arg(0), false);
        const v = this.bind(e.name ?? "", arg(0).ty);
        this.line(`${v} = ${a};`);
        return a;
      }
      case "set":
      case "set0": {
        const a = this.emit(arg(0), false);
        const b = this.lookup(e.name ?? "");
        if (b === undefined) throw new Unsupported(`set of unbound ${e.name}`);
        this.line(`${b.v} = ${a};`);
        return e.form === "set0" ? "0" : a;
      }
      case "if": {
        const c = this.condition(arg(0));
        const t = this.temp();
        this.line(`let ${t};`);
        this.open(`if (${c}) {`);
        this.scoped(() => this.line(`${t} = ${this.emit(arg(1), stmt)};`));
        this.close("} else {");
        this.depth++;
        this.scoped(() => this.line(`${t} = ${this.emit(arg(2), stmt)};`));
        this.close();
        return t;
      }
      case "for": {
        // As compile.ts: start into the variable, then end (resolved before the loop variable is bound) evaluated
        // once; loop while var <u end re-reading the variable, +1 after each pass; an existing i32 variable of that
        // name is reused (and keeps the final value).
        const start = this.emit(arg(0), false);
        const name = e.name ?? "";
        const existing = this.lookup(name);
        return this.scoped(() => {
          const slot = existing !== undefined && existing.ty === "i32" ? existing.v : this.fresh();
          this.line(`${slot} = ${start};`);
          const end = this.emit(arg(1), false);
          if (existing === undefined || existing.ty !== "i32") this.bind(name, "i32", slot);
          const stop = this.temp();
          this.line(`const ${stop} = ${end} >>> 0;`);
          this.hasLoop = true;
          const hoisted = this.hoistViews([arg(2)]);
          this.open(`while ((${slot} >>> 0) < ${stop}) {`);
          this.checkpoint(e.ptr);
          this.scoped(() => this.emit(arg(2), true));
          this.flush();
          this.line(`${slot} = (${slot} + 1) | 0;`);
          this.close();
          for (const v of hoisted) this.views.delete(v);
          return "0";
        });
      }
      case "while": {
        this.hasLoop = true;
        const hoisted = this.hoistViews([arg(0), arg(1)]);
        this.open("for (;;) {");
        this.checkpoint(e.ptr);
        const c = this.scoped(() => this.condition(arg(0)));
        this.flush();
        this.line(`if (!${c}) break;`);
        this.scoped(() => this.emit(arg(1), true));
        this.close();
        for (const v of hoisted) this.views.delete(v);
        return "0";
      }
      case "return": {
        const a = this.emit(arg(0), false);
        this.checkpoint(e.ptr);
        this.line(`FUEL = F;`);
        this.line(`return ${a};`);
        return "0";
      }
      case "try": {
        const r = this.emit(arg(0), false);
        this.flush();
        this.line(`if (${r}.tag !== 1) { if (F < 0) F = refuel(F, ${lit(e.ptr)}); FUEL = F; return new Tagged(0, ${r}.val); }`);
        const t = this.temp();
        this.line(`const ${t} = ${r}.val;`);
        return t;
      }
      case "&&":
      case "||": {
        const x = this.condition(arg(0));
        const t = this.temp();
        const and = e.form === "&&";
        this.line(`let ${t} = ${and ? 0 : 1};`);
        this.open(`if (${and ? x : `!${x}`}) {`);
        const y = this.condition(arg(1));
        this.line(`${t} = ${y} ? 1 : 0;`);
        this.close();
        return t;
      }
      default:
        throw new Unsupported(`the ${e.form} form`);
    }
  }
}

class ProgramGen {
  private readonly fnNames = new Map<string, string>();
  private readonly pending: string[] = [];
  readonly heads: HeadCall[] = [];
  private readonly headIds = new Map<HeadCall, string>();
  readonly consts: Uint8Array[] = [];

  constructor(readonly program: CheckedProgram) {}

  fnRef(name: string): string {
    let ref = this.fnNames.get(name);
    if (ref === undefined) {
      ref = `f${this.fnNames.size}`;
      this.fnNames.set(name, ref);
      this.pending.push(name);
    }
    return ref;
  }

  /** The head evaluators' identities (name, type arguments), in `h<i>` order: part of the source text. */
  private readonly headKeys: string[] = [];

  headRef(h: HeadCall, key: string): string {
    let ref = this.headIds.get(h);
    if (ref === undefined) {
      ref = `h${this.heads.length}`;
      this.heads.push(h);
      this.headKeys.push(key);
      this.headIds.set(h, ref);
    }
    return ref;
  }

  constant(b: Uint8Array): string {
    this.consts.push(b);
    return `k${this.consts.length - 1}`;
  }

  /** Trap sites: [pointer, charges taken at emission]; settled to [pointer, refund] when the segment closes. */
  readonly sites: Array<[string, number]> = [];

  addSite(ptr: string, countAtEmission: number): number {
    this.sites.push([ptr, countAtEmission]);
    return this.sites.length - 1;
  }

  settleSite(i: number, segmentTotal: number): void {
    const site = this.sites[i] as [string, number];
    site[1] = segmentTotal - site[1];
  }

  private fnSource(ref: string, fn: CheckedFunction): string {
    const g = new FnGen(this);
    const params = fn.params.map((p, i) => g.bind(p.name, p.ty, `p${i}`));
    const result = g.emit(fn.body, false);
    g.checkpoint(fn.body.ptr);
    g.line(`FUEL = F;`);
    g.line(`return ${result};`);
    return this.wrap(ref, `function ${ref}(${params.join(", ")})`, g, fn.body.ptr);
  }

  /**
   * A function: the fuel counter is a local `F` (loaded from the shared FUEL on entry, stored back before every
   * call and return), and a trap leaving the function stores the innermost function's counter once (SYNCED).
   */
  private wrap(ref: string, header: string, g: FnGen, ptr: string): string {
    const text = [
      `${header} {`,
      g.hasLoop ? "  if (WARM) return 0;" : "",
      "  let F = FUEL;",
      `  if (F < 0) F = refuel(F, ${lit(ptr)});`,
      "  const input = INPUT;",
      g.declarations(),
      "  try {",
      ...g.lines.map((l) => `  ${l}`),
      "  } catch (e) {",
      "    if (e !== SYNCED) { FUEL = F; SYNCED = e; }",
      "    throw e;",
      "  }",
      "}",
    ]
      .filter((l) => l !== "")
      .join("\n");
    if (g.hasLoop) this.warm.push(`for (let i = 0; i < ${warmCalls(text.length)}; i++) ${ref}();`);
    return text;
  }

  /**
   * Warm-up calls, run once when the factory is instantiated (see {@link warmCalls}): a function with a loop is
   * called that many times with WARM set, returning at its first statement.
   */
  private readonly warm: string[] = [];

  generate(): GeneratedProgram {
    const solve = this.program.solve;
    if (solve === undefined) throw new Unsupported("no /solve");
    const sg = new FnGen(this);
    const out = sg.emit(solve, false);
    sg.checkpoint(solve.ptr);
    sg.line(`FUEL = F;`);
    sg.line(`return ${out};`);
    const parts = [this.wrap("solve", "function solve()", sg, solve.ptr)];
    for (let name = this.pending.shift(); name !== undefined; name = this.pending.shift()) {
      const fn = this.program.functions.get(name);
      if (fn === undefined) throw new Unsupported(`unknown function ${name}`);
      parts.push(this.fnSource(this.fnNames.get(name) as string, fn));
    }
    // The source text is the memo key of its runner (jsrun.ts), so it names every head and spells every constant.
    const bindHeads = this.heads.map((_h, i) => `const h${i} = H[${i}]; // ${this.headKeys[i]}`).join("\n");
    const bindConsts = this.consts.map((k, i) => `const k${i} = K[${i}]; // ${Buffer.from(k).toString("hex")}`).join("\n");
    // One factory call per source: the functions below are created once and reused by every run (so V8 keeps
    // their optimised code); a run sets rt/input/F, and P (the last trap site entered) is read by `settle` when
    // a head evaluator traps without a pointer.
    const source = [
      '"use strict";',
      bindHeads,
      bindConsts,
      `const SITES = ${JSON.stringify(this.sites)};`,
      "let rt, INPUT, FUEL = 0, P = -1, SYNCED, WARM = false;",
      "const refuel = (f, ptr) => { rt.fuel = f; rt.refuel(ptr); return rt.fuel; };",
      // A trap met after the budget ran out (F < 0 between check points) is the fuel trap per-node charging met first.
      "const exhausted = (f, ptr) => { if (f >= 0) return f; rt.fuel = f; rt.refuel(ptr); return rt.fuel; };",
      "const trapAt = (code, message, i, f) => { const g = exhausted(f + SITES[i][1], SITES[i][0]); const e = new Trap(code, message, SITES[i][0]); FUEL = g; SYNCED = e; throw e; };",
      'const trapBoundsAt = (message, i, f) => trapAt("X07I_TRAP_BOUNDS", message, i, f);',
      'const unsupported = (message, i, f) => trapAt("X07I_UNSUPPORTED_HEAD", message, i, f);',
      "const getU8 = (b, i, message, s, f) => ((i >>> 0) < b.length ? b[i >>> 0] : trapBoundsAt(message, s, f));",
      ...parts,
      this.warm.length > 0 ? `WARM = true;\n${this.warm.join("\n")}\nWARM = false;` : "",
      "const settle = (e) => { if (e instanceof Trap && e.ptr === \"\" && P >= 0) { e.ptr = SITES[P][0]; FUEL += SITES[P][1]; } if (e instanceof Trap && FUEL < 0) { try { FUEL = exhausted(FUEL, e.ptr); } catch (t) { FUEL = rt.fuel; return t; } } return e; };",
      "return (r) => { rt = r; INPUT = r.input; FUEL = r.fuel; P = -1; SYNCED = undefined; try { return solve(); } catch (e) { throw settle(e); } finally { rt.fuel = FUEL; rt = undefined; INPUT = undefined; SYNCED = undefined; } };",
    ]
      .filter((l) => l !== "")
      .join("\n");
    return { source, heads: this.heads, consts: this.consts };
  }
}

/** The program as JavaScript source, or undefined when it uses a node this backend does not lower. */
export const generateSource = (program: CheckedProgram): GeneratedProgram | undefined => {
  try {
    return new ProgramGen(program).generate();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
};
