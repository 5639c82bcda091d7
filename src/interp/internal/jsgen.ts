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
import { PURE_HEADS } from "./compile.ts";
import { headImpl } from "./heads/index.ts";
import type { HeadCall } from "./heads/index.ts";

/** Inline templates for heads that cannot trap and need no runtime: `$0`, `$1` are the operand atoms. */
const INLINE: Readonly<Record<string, string>> = {
  "+": "($0 + $1) | 0",
  "-": "($0 - $1) | 0",
  "*": "Math.imul($0, $1)",
  "/": "($1 === 0 ? 0 : ((($0 >>> 0) / ($1 >>> 0)) >>> 0) | 0)",
  "%": "($1 === 0 ? $0 : (($0 >>> 0) % ($1 >>> 0)) | 0)",
  "&": "$0 & $1",
  "|": "$0 | $1",
  "^": "$0 ^ $1",
  "<<u": "$0 << $1",
  ">>u": "($0 >>> $1) | 0",
  "=": "$0 === $1 ? 1 : 0",
  "!=": "$0 !== $1 ? 1 : 0",
  "<": "$0 < $1 ? 1 : 0",
  "<=": "$0 <= $1 ? 1 : 0",
  ">": "$0 > $1 ? 1 : 0",
  ">=": "$0 >= $1 ? 1 : 0",
  "<u": "($0 >>> 0) < ($1 >>> 0) ? 1 : 0",
  "<=u": "($0 >>> 0) <= ($1 >>> 0) ? 1 : 0",
  ">u": "($0 >>> 0) > ($1 >>> 0) ? 1 : 0",
  ">=u": "($0 >>> 0) >= ($1 >>> 0) ? 1 : 0",
  "bytes.len": "$0.length",
  "view.len": "$0.length",
  "vec_u8.len": "$0.len",
};

/** Bounds-checked byte reads, inline: the trap message is the evaluator's (heads/bytes.ts). */
const INLINE_GET: Readonly<Record<string, string>> = {
  "bytes.get_u8": "view.get_u8 oob",
  "view.get_u8": "view.get_u8 oob",
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
    this.line(s);
    this.depth++;
  }
  close(s = "}"): void {
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

  fuel(ptr: string): void {
    this.line(`if (--F < 0) F = refuel(F, ${lit(ptr)});`);
  }

  /** Emits the statements of `e` and returns an atom (a literal or a temp that nothing reassigns) holding its value. */
  emit(e: TExpr, stmt: boolean): string {
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
    const resolved = resolveHead(head);
    const impl = resolved === undefined ? undefined : headImpl(resolved.name, tys, resolved.bindings);
    this.fuel(ptr);
    const args = argExprs.map((a) => this.emit(a, false));
    const t = this.temp();
    if (impl === undefined) {
      this.line(`const ${t} = unsupported(${lit(`the interpreter does not implement ${head}${tys.length > 0 ? `<${tys.join(",")}>` : ""} yet`)}, ${lit(ptr)});`);
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
      this.line(`const ${t} = (${i} >>> 0) < ${v}.length ? ${v}[${i} >>> 0] : trapBoundsAt(${lit(getMsg)}, ${lit(ptr)});`);
      return t;
    }
    const h = this.prog.headRef(impl);
    const mayTrap = resolved === undefined || !PURE_HEADS.has(resolved.name);
    // A trap raised by the evaluator gets this node's pointer (the function's catch attaches P), as compile.ts.
    if (mayTrap) this.line(`P = ${lit(ptr)};`);
    this.line(`const ${t} = ${h}(rt${args.map((a) => `, ${a}`).join("")});`);
    if (mayTrap) this.line(`P = "";`);
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
      const kind = fn.result === "result_bytes" ? "result_bytes" : "bytes";
      this.line(`const ${t} = rt.sched.create(${lit(kind)}, () => ${ref}(${args.join(", ")}));`);
    } else {
      this.line(`const ${t} = ${ref}(${args.join(", ")});`);
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
        const c = this.emit(arg(0), false);
        const t = this.temp();
        this.line(`let ${t};`);
        this.open(`if (${c} !== 0) {`);
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
          this.open(`while ((${slot} >>> 0) < ${stop}) {`);
          this.scoped(() => this.emit(arg(2), true));
          this.line(`${slot} = (${slot} + 1) | 0;`);
          this.close();
          return "0";
        });
      }
      case "while": {
        this.open("for (;;) {");
        const c = this.scoped(() => this.emit(arg(0), false));
        this.line(`if (${c} === 0) break;`);
        this.scoped(() => this.emit(arg(1), true));
        this.close();
        return "0";
      }
      case "return": {
        const a = this.emit(arg(0), false);
        this.line(`return ${a};`);
        return "0";
      }
      case "try": {
        const r = this.emit(arg(0), false);
        this.line(`if (${r}.tag !== 1) return new Tagged(0, ${r}.val);`);
        const t = this.temp();
        this.line(`const ${t} = ${r}.val;`);
        return t;
      }
      case "&&":
      case "||": {
        const x = this.emit(arg(0), false);
        const t = this.temp();
        const and = e.form === "&&";
        this.line(`let ${t} = ${and ? 0 : 1};`);
        this.open(`if (${x} ${and ? "!==" : "==="} 0) {`);
        const y = this.emit(arg(1), false);
        this.line(`${t} = ${y} !== 0 ? 1 : 0;`);
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

  headRef(h: HeadCall): string {
    let ref = this.headIds.get(h);
    if (ref === undefined) {
      ref = `h${this.heads.length}`;
      this.heads.push(h);
      this.headIds.set(h, ref);
    }
    return ref;
  }

  constant(b: Uint8Array): string {
    this.consts.push(b);
    return `k${this.consts.length - 1}`;
  }

  private fnSource(ref: string, fn: CheckedFunction): string {
    const g = new FnGen(this);
    const params = fn.params.map((p, i) => g.bind(p.name, p.ty, `p${i}`));
    const result = g.emit(fn.body, false);
    g.line(`return ${result};`);
    return this.wrap(`function ${ref}(${params.join(", ")})`, g);
  }

  private wrap(header: string, g: FnGen): string {
    return [
      `${header} {`,
      `  let P = "";`,
      g.declarations(),
      "  try {",
      ...g.lines.map((l) => `  ${l}`),
      "  } catch (e) {",
      "    throw attach(e, P);",
      "  }",
      "}",
    ]
      .filter((l) => l !== "")
      .join("\n");
  }

  generate(): GeneratedProgram {
    const solve = this.program.solve;
    if (solve === undefined) throw new Unsupported("no /solve");
    const sg = new FnGen(this);
    const out = sg.emit(solve, false);
    sg.line(`return ${out};`);
    const parts = [this.wrap("function solve()", sg)];
    for (let name = this.pending.shift(); name !== undefined; name = this.pending.shift()) {
      const fn = this.program.functions.get(name);
      if (fn === undefined) throw new Unsupported(`unknown function ${name}`);
      parts.push(this.fnSource(this.fnNames.get(name) as string, fn));
    }
    const bindHeads = this.heads.map((_h, i) => `const h${i} = H[${i}];`).join("\n");
    const bindConsts = this.consts.map((_k, i) => `const k${i} = K[${i}];`).join("\n");
    const source = [
      '"use strict";',
      bindHeads,
      bindConsts,
      "const input = rt.input;",
      "let F = 0;",
      "const refuel = (f, ptr) => { rt.fuel = f; rt.refuel(ptr); return rt.fuel; };",
      ...parts,
      "return () => { F = rt.fuel; try { return solve(); } finally { rt.fuel = F; } };",
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
