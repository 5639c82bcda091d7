/**
 * Compiles the checked IR to JavaScript closures over one `Runtime`. Each function gets a frame (a plain array);
 * every local is resolved to a slot index at compile time following the checker's scoping (begin, if branches,
 * loop bodies and while conditions open scopes; `let` binds in the current one).
 *
 * Fuel: a node charges 1 before it runs, as upstream's `emit_expr_to` does (`rt_fuel(ctx, 1)`) — literals,
 * identifiers, heads, calls and forms alike. As upstream's `emit_stmt`, the forms begin/if/let/set/set0/for/
 * while/return do not charge for themselves in statement position (non-final begin items, loop bodies and the
 * branches of a statement `if`); their operands still do. `text` literals and checker-inserted coercions are not
 * expressions upstream and cost nothing.
 */
import type { CheckedFunction, CheckedProgram, TExpr } from "../../check/index.ts";
import { resolveHead } from "../../core/heads/table.ts";
import { enumMake, matchEnum, recordField, recordMake } from "./adt.ts";
import { inBudget } from "./budget.ts";
import { BRAND_CASTS, PURE_HEADS } from "./head-kinds.ts";
import { headImpl } from "./heads/index.ts";
import type { HeadCall } from "./heads/index.ts";
import type { Runtime } from "./runtime.ts";
import { taskKindOf } from "./sched.ts";
import { InterpTrap, trap } from "./trap.ts";
import { Tagged, VecU8 } from "./values.ts";
import type { Value } from "./values.ts";

type Frame = Value[];
type Code = (f: Frame) => Value;

/** Thrown by `return` and by `try` on err; caught by the enclosing function (or solve) only. */
export class ReturnSignal {
  constructor(readonly value: Value) {}
}

/** A program the compiler cannot lower (an IR shape the checker should not produce); reported as an internal trap. */
export class CompileError extends Error {}

interface Binding {
  readonly slot: number;
  readonly ty: string;
}

class FnBuilder {
  nslots = 0;
  hasReturn = false;
  private scopes: Array<Map<string, Binding>> = [new Map()];
  push(): void {
    this.scopes.push(new Map());
  }
  pop(): void {
    this.scopes.pop();
  }
  bind(name: string, ty: string): number {
    const slot = this.nslots++;
    (this.scopes[this.scopes.length - 1] as Map<string, Binding>).set(name, { slot, ty });
    return slot;
  }
  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = (this.scopes[i] as Map<string, Binding>).get(name);
      if (b !== undefined) return b;
    }
    return undefined;
  }
}

interface FnRecord {
  nslots: number;
  run: (fr: Frame) => Value;
}

const textEncoder = new TextEncoder();

/** Attaches a pointer to a trap raised below a head that did not know its own location. */
const withPtr = (e: unknown, ptr: string): unknown => {
  if (e instanceof InterpTrap && e.ptr === "") e.ptr = ptr;
  return e;
};

export interface CompiledProgram {
  /** Runs /solve; returns the output bytes (throws InterpTrap, ReturnSignal never escapes). */
  readonly solve: () => Uint8Array;
}

export const compileProgram = (program: CheckedProgram, rt: Runtime): CompiledProgram => {
  const records = new Map<string, FnRecord>();
  const pending: Array<[CheckedFunction, FnRecord]> = [];

  const recordOf = (name: string): FnRecord => {
    let rec = records.get(name);
    if (rec === undefined) {
      const fn = program.functions.get(name);
      if (fn === undefined) throw new CompileError(`call to unknown function ${name}`);
      rec = { nslots: 0, run: () => trap("X07I_INTERNAL", `function ${name} was not compiled`) };
      records.set(name, rec);
      pending.push([fn, rec]);
    }
    return rec;
  };

  const compileBody = (b: FnBuilder, body: TExpr): ((fr: Frame) => Value) => {
    const code = compile(b, body, false);
    if (!b.hasReturn) return code;
    return (fr) => {
      try {
        return code(fr);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.value;
        throw e;
      }
    };
  };

  const compile = (b: FnBuilder, e: TExpr, stmt: boolean): Code => {
    const ptr = e.ptr;
    switch (e.kind) {
      case "int": {
        const v = e.value | 0;
        // Type and symbol arguments (ty.*, brands) come as untyped placeholders; they are not expressions upstream.
        if (e.ty === "unknown") return () => v;
        return () => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return v;
        };
      }
      case "local": {
        const bnd = b.lookup(e.name);
        if (bnd === undefined) throw new CompileError(`unbound local ${e.name} at ${ptr}`);
        const slot = bnd.slot;
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return f[slot] as Value;
        };
      }
      case "input":
        return () => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return rt.input;
        };
      case "text": {
        const bytes = textEncoder.encode(e.value);
        return () => bytes;
      }
      case "coerce": {
        const inner = compile(b, e.arg, false);
        if (e.from === "vec_u8") return (f) => {
          const v = inner(f) as VecU8;
          return v.buf.subarray(0, v.len);
        };
        return inner;
      }
      case "builtin":
        return compileHead(b, e.head, e.args, ptr, e.tys ?? []);
      case "call":
        return compileCall(b, e.fn, e.args, ptr);
      case "form": {
        const inner = compileForm(b, e, stmt);
        if (stmt && STATEMENT_FREE.has(e.form)) return inner;
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return inner(f);
        };
      }
      case "record-make":
        return recordMake(rt, e.args.map((a) => compile(b, a, false)), ptr);
      case "record-field": {
        const rec = e.args[0];
        if (rec === undefined) throw new CompileError(`record field read at ${ptr} lacks its record`);
        return recordField(rt, compile(b, rec, false), e.offset, ptr);
      }
      case "enum-make": {
        const p = e.args[0];
        return enumMake(rt, e.index, p === undefined ? undefined : compile(b, p, false), ptr);
      }
      case "match": {
        const scrut = compile(b, e.scrutinee, false);
        const s = e.scrutinee;
        const isIdent = s.kind === "local" || (s.kind === "coerce" && s.arg.kind === "local");
        const arms = e.arms.map((arm) =>
          scoped(b, () => {
            const bindSlot = arm.bind !== undefined ? b.bind(arm.bind, "i32") : undefined;
            return { index: arm.index, bindSlot, body: compile(b, arm.body, false) };
          }),
        );
        return matchEnum(rt, scrut, isIdent, arms, ptr);
      }
      default: {
        // IR kinds newer than this interpreter: reaching one is a clear trap, not a crash.
        const kind: string = (e as { readonly kind: string }).kind;
        return () => {
          throw new InterpTrap("X07I_UNSUPPORTED_HEAD", `the interpreter does not implement ${kind} expressions yet`, ptr);
        };
      }
    }
  };

  /**
   * std.brand.cast_*_v1 (upstream emit_std_brand_cast_*_to): the head charges 1, evaluates its value, and calls the
   * validator (bytes_view) -> result_i32 directly; err(code) passes the code on, ok gives the value (cast_bytes_v1:
   * the bytes moved in; cast_view_copy_v1: a copy of the view; cast_view_v1: the view itself).
   */
  const compileBrandCast = (b: FnBuilder, head: string, argExprs: ReadonlyArray<TExpr>, ptr: string): Code => {
    const validator = argExprs[1];
    const valueExpr = argExprs[2];
    if (validator?.kind !== "text" || valueExpr === undefined) throw new CompileError(`${head} at ${ptr} lacks its validator or value`);
    const rec = recordOf(validator.value);
    const value = compile(b, valueExpr, false);
    const copy = head === "std.brand.cast_view_copy_v1";
    return (f) => {
      if (--rt.fuel < 0) rt.refuel(ptr);
      const v = value(f) as Uint8Array;
      const fr: Frame = new Array(rec.nslots);
      fr[0] = v;
      const r = rec.run(fr) as Tagged;
      if (r.tag !== 1) return new Tagged(0, r.val);
      return new Tagged(1, copy ? rt.copyOf(v) : v);
    };
  };

  const compileHead = (b: FnBuilder, head: string, argExprs: ReadonlyArray<TExpr>, ptr: string, tys: ReadonlyArray<string>): Code => {
    if (BRAND_CASTS.has(head)) return compileBrandCast(b, head, argExprs, ptr);
    const resolved = resolveHead(head);
    const impl: HeadCall | undefined = resolved === undefined ? undefined : headImpl(resolved.name, tys, resolved.bindings);
    const args = argExprs.map((a) => compile(b, a, false));
    if (impl === undefined) {
      return (f) => {
        if (--rt.fuel < 0) rt.refuel(ptr);
        for (const a of args) a(f);
        const t = new InterpTrap("X07I_UNSUPPORTED_HEAD", `the interpreter does not implement ${head}${tys.length > 0 ? `<${tys.join(",")}>` : ""} yet`, ptr);
        throw t;
      };
    }
    if (resolved !== undefined && PURE_HEADS.has(resolved.name)) return headClosure(impl, args, ptr);
    // A trap raised by the evaluator itself (not by its arguments) gets this node's pointer.
    const call: HeadCall = (r, ...xs) => {
      try {
        return impl(r, ...xs);
      } catch (err) {
        throw withPtr(err, ptr);
      }
    };
    return headClosure(call, args, ptr);
  };

  /** Arity-specialised head calls with the fuel charge inlined: one closure per node, no argument arrays. */
  const headClosure = (impl: HeadCall, args: ReadonlyArray<Code>, ptr: string): Code => {
    const [a0, a1, a2, a3] = args as [Code, Code, Code, Code];
    switch (args.length) {
      case 0:
        return () => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt);
        };
      case 1:
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt, a0(f));
        };
      case 2:
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt, a0(f), a1(f));
        };
      case 3:
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt, a0(f), a1(f), a2(f));
        };
      case 4:
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt, a0(f), a1(f), a2(f), a3(f));
        };
      default:
        return (f) => {
          if (--rt.fuel < 0) rt.refuel(ptr);
          return impl(rt, ...args.map((a) => a(f)));
        };
    }
  };

  const compileCall = (b: FnBuilder, name: string, argExprs: ReadonlyArray<TExpr>, ptr: string): Code => {
    const args = argExprs.map((a) => compile(b, a, false));
    const fn = program.functions.get(name);
    if (fn === undefined) throw new CompileError(`call to unknown function ${name}`);
    const rec = recordOf(name);
    const n = args.length;
    if (fn.decl.kind === "defasync") {
      // A defasync call evaluates its arguments now and creates a ready task that runs the body later.
      const kind = taskKindOf(fn.result);
      return (f) => {
        if (--rt.fuel < 0) rt.refuel(ptr);
        const fr: Frame = new Array(rec.nslots);
        for (let i = 0; i < n; i++) fr[i] = (args[i] as Code)(f);
        return rt.sched.create(kind, () => rec.run(fr));
      };
    }
    return (f) => {
      if (--rt.fuel < 0) rt.refuel(ptr);
      const fr: Frame = new Array(rec.nslots);
      for (let i = 0; i < n; i++) fr[i] = (args[i] as Code)(f);
      return rec.run(fr);
    };
  };

  const seq = (codes: ReadonlyArray<Code>): Code => {
    const n = codes.length;
    const [c0, c1, c2] = codes as [Code, Code, Code];
    if (n === 1) return c0;
    if (n === 2) return (f) => (c0(f), c1(f));
    if (n === 3) return (f) => (c0(f), c1(f), c2(f));
    const last = codes[n - 1] as Code;
    return (f) => {
      for (let i = 0; i < n - 1; i++) (codes[i] as Code)(f);
      return last(f);
    };
  };

  const scoped = <T>(b: FnBuilder, k: () => T): T => {
    b.push();
    try {
      return k();
    } finally {
      b.pop();
    }
  };

  const compileForm = (b: FnBuilder, e: Extract<TExpr, { kind: "form" }>, stmt: boolean): Code => {
    const args = e.args;
    const arg = (i: number): TExpr => {
      const a = args[i];
      if (a === undefined) throw new CompileError(`${e.form} at ${e.ptr} lacks operand ${i}`);
      return a;
    };
    switch (e.form) {
      case "begin":
      case "unsafe":
        return scoped(b, () => seq(args.map((a, i) => compile(b, a, i < args.length - 1 ? true : stmt))));
      case "let": {
        const v = compile(b, arg(0), false);
        const slot = b.bind(e.name ?? "", arg(0).ty);
        return (f) => (f[slot] = v(f));
      }
      case "set":
      case "set0": {
        const v = compile(b, arg(0), false);
        const bnd = b.lookup(e.name ?? "");
        if (bnd === undefined) throw new CompileError(`set of unbound ${e.name} at ${e.ptr}`);
        const slot = bnd.slot;
        if (e.form === "set0") return (f) => ((f[slot] = v(f)), 0);
        return (f) => (f[slot] = v(f));
      }
      case "if": {
        const c = compile(b, arg(0), false);
        const t = scoped(b, () => compile(b, arg(1), stmt));
        const el = scoped(b, () => compile(b, arg(2), stmt));
        return (f) => ((c(f) as number) !== 0 ? t(f) : el(f));
      }
      case "for": {
        // Upstream (`emit_for_to`): start is stored in the variable, then end is evaluated once; the loop runs
        // while var <u end, re-reading the variable (the body may assign it) and adding 1 after each pass. An
        // existing i32 variable of that name is reused (and keeps the final value), else a new one is bound.
        const start = compile(b, arg(0), false);
        const end = compile(b, arg(1), false);
        return scoped(b, () => {
          const name = e.name ?? "";
          const existing = b.lookup(name);
          const slot = existing !== undefined && existing.ty === "i32" ? existing.slot : b.bind(name, "i32");
          const body = scoped(b, () => compile(b, arg(2), true));
          return (f) => {
            f[slot] = start(f);
            const stop = (end(f) as number) >>> 0;
            while ((f[slot] as number) >>> 0 < stop) {
              body(f);
              f[slot] = ((f[slot] as number) + 1) | 0;
            }
            return 0;
          };
        });
      }
      case "while": {
        const c = scoped(b, () => compile(b, arg(0), false));
        const body = scoped(b, () => compile(b, arg(1), true));
        return (f) => {
          while ((c(f) as number) !== 0) body(f);
          return 0;
        };
      }
      case "return": {
        b.hasReturn = true;
        const v = compile(b, arg(0), false);
        return (f) => {
          throw new ReturnSignal(v(f));
        };
      }
      case "try": {
        b.hasReturn = true;
        const v = compile(b, arg(0), false);
        return (f) => {
          const r = v(f) as Tagged;
          if (r.tag === 1) return r.val;
          throw new ReturnSignal(new Tagged(0, r.val));
        };
      }
      case "&&": {
        const x = compile(b, arg(0), false);
        const y = compile(b, arg(1), false);
        return (f) => ((x(f) as number) !== 0 && (y(f) as number) !== 0 ? 1 : 0);
      }
      case "||": {
        const x = compile(b, arg(0), false);
        const y = compile(b, arg(1), false);
        return (f) => ((x(f) as number) !== 0 || (y(f) as number) !== 0 ? 1 : 0);
      }
      case "budget.scope_v1": {
        const cfg = e.budget;
        if (cfg === undefined) throw new CompileError(`budget.scope_v1 at ${e.ptr} lacks its cfg`);
        const body = scoped(b, () => compile(b, arg(0), false));
        return (f) => inBudget(rt, cfg, e.ptr, () => body(f));
      }
      default: {
        const form: string = e.form;
        return () => {
          throw new InterpTrap("X07I_UNSUPPORTED_HEAD", `the interpreter does not implement the ${form} form yet`, e.ptr);
        };
      }
    }
  };

  // /solve, then every function it reaches (a worklist, so recursion and mutual recursion need no ordering).
  const solveExpr = program.solve;
  if (solveExpr === undefined) throw new CompileError("the program has no /solve expression");
  const sb = new FnBuilder();
  const solveCode = compileBody(sb, solveExpr);
  while (pending.length > 0) {
    const [fn, rec] = pending.pop() as [CheckedFunction, FnRecord];
    const fb = new FnBuilder();
    for (const p of fn.params) fb.bind(p.name, p.ty);
    rec.run = compileBody(fb, fn.body);
    rec.nslots = fb.nslots;
  }
  const solveSlots = sb.nslots;
  return {
    solve: () => {
      const out = solveCode(new Array(solveSlots));
      if (out instanceof Uint8Array) return out;
      if (out instanceof VecU8) return out.buf.subarray(0, out.len);
      return trap("X07I_INTERNAL", "solve did not produce bytes");
    },
  };
};

/** Forms that upstream's `emit_stmt` lowers without charging fuel for the form itself. */
const STATEMENT_FREE: ReadonlySet<string> = new Set(["begin", "unsafe", "if", "let", "set", "set0", "for", "while", "return"]);
