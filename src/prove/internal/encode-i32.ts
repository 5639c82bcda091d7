/**
 * The i32 fragment to SMT-LIB2 over 32-bit bitvectors: one deterministic obligation text per `ensures`
 * clause (requires assumed, the clause negated).
 *
 * Fragment: integer literals, parameters, `+ - *` (wrapping), `/ %` (unsigned, guarded: x/0 = 0, x%0 = x),
 * `& | ^`, `<<u >>u` (amount masked to 5 bits), signed and unsigned comparisons and `= !=` (i32 0/1),
 * short-circuit `&& ||`, `if`, `begin`/`unsafe`, `let`/`set`/`set0`. Anything else makes the function
 * unsupported (the caller reports which node). Every `let`/`set` and every value merged after an `if` gets
 * a `define-fun` with a numbered name, so the text grows linearly and is identical across runs.
 * `ensures` reads the parameters' values at entry (a snapshot), not their values after `set`.
 */
import type { CheckedFunction, TExpr } from "../../check/index.ts";

/** A node outside the fragment. */
export class OutsideFragment {
  constructor(
    readonly ptr: string,
    readonly detail: string,
  ) {}
}

/** The obligation for one ensures clause. */
export interface Obligation {
  readonly clauseIndex: number;
  readonly clauseId?: string;
  readonly ptr: string;
  /** Parameter names in order, with their SMT constant names. */
  readonly params: ReadonlyArray<{ readonly name: string; readonly smt: string }>;
  readonly smt2: string;
}

const BV = "(_ BitVec 32)";
const ZERO = "#x00000000";
const ONE = "#x00000001";
const SCALAR: ReadonlySet<string> = new Set(["i32", "u32"]);

const lit = (n: number): string => `#x${(n >>> 0).toString(16).padStart(8, "0")}`;
const truth = (t: string): string => `(distinct ${t} ${ZERO})`;
const bool01 = (b: string): string => `(ite ${b} ${ONE} ${ZERO})`;

const BIN: Readonly<Record<string, (a: string, b: string) => string>> = {
  "+": (a, b) => `(bvadd ${a} ${b})`,
  "-": (a, b) => `(bvsub ${a} ${b})`,
  "*": (a, b) => `(bvmul ${a} ${b})`,
  "/": (a, b) => `(ite (= ${b} ${ZERO}) ${ZERO} (bvudiv ${a} ${b}))`,
  "%": (a, b) => `(ite (= ${b} ${ZERO}) ${a} (bvurem ${a} ${b}))`,
  "&": (a, b) => `(bvand ${a} ${b})`,
  "|": (a, b) => `(bvor ${a} ${b})`,
  "^": (a, b) => `(bvxor ${a} ${b})`,
  "<<u": (a, b) => `(bvshl ${a} (bvand ${b} #x0000001f))`,
  ">>u": (a, b) => `(bvlshr ${a} (bvand ${b} #x0000001f))`,
  "=": (a, b) => bool01(`(= ${a} ${b})`),
  "!=": (a, b) => bool01(`(distinct ${a} ${b})`),
  "<": (a, b) => bool01(`(bvslt ${a} ${b})`),
  "<=": (a, b) => bool01(`(bvsle ${a} ${b})`),
  ">": (a, b) => bool01(`(bvsgt ${a} ${b})`),
  ">=": (a, b) => bool01(`(bvsge ${a} ${b})`),
  "<u": (a, b) => bool01(`(bvult ${a} ${b})`),
  "<=u": (a, b) => bool01(`(bvule ${a} ${b})`),
  ">u": (a, b) => bool01(`(bvugt ${a} ${b})`),
  ">=u": (a, b) => bool01(`(bvuge ${a} ${b})`),
};

type Scopes = Array<Map<string, string>>;

/** Emits definitions in order and hands out fresh, numbered names. */
class Emitter {
  readonly lines: string[] = [];
  private n = 0;
  define(hint: string, term: string): string {
    const name = `|v${this.n}!${hint}|`;
    this.n += 1;
    this.lines.push(`(define-fun ${name} () ${BV} ${term})`);
    return name;
  }
}

const lookup = (scopes: Scopes, name: string): Map<string, string> | undefined => {
  for (let i = scopes.length - 1; i >= 0; i -= 1) if ((scopes[i] as Map<string, string>).has(name)) return scopes[i];
  return undefined;
};
const cloneScopes = (s: Scopes): Scopes => s.map((m) => new Map(m));

const encode = (e: TExpr, scopes: Scopes, em: Emitter): string => {
  if (e.ty !== "never" && !SCALAR.has(e.ty)) throw new OutsideFragment(e.ptr, `type ${e.ty} is outside the i32 fragment`);
  switch (e.kind) {
    case "int":
      return lit(e.value);
    case "local": {
      const m = lookup(scopes, e.name);
      if (m === undefined) throw new OutsideFragment(e.ptr, `unbound local ${e.name}`);
      return m.get(e.name) as string;
    }
    case "builtin": {
      const op = BIN[e.head];
      if (op === undefined || e.args.length !== 2) throw new OutsideFragment(e.ptr, `builtin ${e.head} is outside the i32 fragment`);
      const a = encode(e.args[0] as TExpr, scopes, em);
      const b = encode(e.args[1] as TExpr, scopes, em);
      return op(a, b);
    }
    case "form":
      return encodeForm(e, scopes, em);
    default:
      throw new OutsideFragment(e.ptr, `${e.kind} is outside the i32 fragment`);
  }
};

const encodeForm = (e: Extract<TExpr, { kind: "form" }>, scopes: Scopes, em: Emitter): string => {
  const arg = (i: number): TExpr => {
    const a = e.args[i];
    if (a === undefined) throw new OutsideFragment(e.ptr, `${e.form} lacks operand ${i}`);
    return a;
  };
  switch (e.form) {
    case "begin":
    case "unsafe": {
      scopes.push(new Map());
      let last = ZERO;
      for (const a of e.args) last = encode(a, scopes, em);
      scopes.pop();
      return last;
    }
    case "let": {
      const v = em.define(e.name ?? "", encode(arg(0), scopes, em));
      (scopes[scopes.length - 1] as Map<string, string>).set(e.name ?? "", v);
      return v;
    }
    case "set":
    case "set0": {
      const m = lookup(scopes, e.name ?? "");
      if (m === undefined) throw new OutsideFragment(e.ptr, `set of unbound ${e.name}`);
      const v = em.define(e.name ?? "", encode(arg(0), scopes, em));
      m.set(e.name ?? "", v);
      return e.form === "set0" ? ZERO : v;
    }
    case "&&":
    case "||": {
      const a = encode(arg(0), scopes, em);
      // Both operands are side-effect free in this fragment, so evaluating b unconditionally is exact.
      const b = encode(arg(1), cloneScopes(scopes), em);
      return e.form === "&&" ? bool01(`(and ${truth(a)} ${truth(b)})`) : bool01(`(or ${truth(a)} ${truth(b)})`);
    }
    case "if": {
      const c = em.define("cond", encode(arg(0), scopes, em));
      const ts = cloneScopes(scopes);
      ts.push(new Map());
      const t = encode(arg(1), ts, em);
      ts.pop();
      const es = cloneScopes(scopes);
      es.push(new Map());
      const f = encode(arg(2), es, em);
      es.pop();
      // Merge every variable an arm assigned.
      scopes.forEach((m, i) => {
        for (const k of [...m.keys()].sort()) {
          const tv = (ts[i] as Map<string, string>).get(k) as string;
          const ev = (es[i] as Map<string, string>).get(k) as string;
          if (tv !== ev) m.set(k, em.define(k, `(ite ${truth(c)} ${tv} ${ev})`));
        }
      });
      return `(ite ${truth(c)} ${t} ${f})`;
    }
    default:
      throw new OutsideFragment(e.ptr, `form ${e.form} is outside the i32 fragment`);
  }
};

/**
 * Encodes one obligation per ensures clause of `fn`; throws {@link OutsideFragment} on the first node
 * outside the fragment.
 */
export const encodeI32Obligations = (fn: CheckedFunction): ReadonlyArray<Obligation> => {
  for (const p of [...fn.params, { name: "__result", ty: fn.result }])
    if (!SCALAR.has(p.ty)) throw new OutsideFragment(fn.decl.ptr, `${p.name} has type ${p.ty}, outside the i32 fragment`);
  const params = fn.params.map((p) => ({ name: p.name, smt: `|p!${p.name}|` }));
  const entry = (): Scopes => [new Map(params.map((p) => [p.name, p.smt]))];
  const em = new Emitter();
  const result = em.define("__result", encode(fn.body, entry(), em));
  const requires = fn.requires.map((r) => truth(encode(r.expr, entry(), em)));
  const ensures = fn.ensures.map((c) => {
    const scopes = entry();
    scopes.push(new Map([["__result", result]]));
    return em.define("ensures", encode(c.expr, scopes, em));
  });
  const head = ["(set-logic QF_BV)", ...params.map((p) => `(declare-const ${p.smt} ${BV})`), ...em.lines, ...requires.map((r) => `(assert ${r})`)];
  return fn.ensures.map((c, i) => ({
    clauseIndex: i,
    ...(c.clause.id !== undefined ? { clauseId: c.clause.id } : {}),
    ptr: `${c.clause.expr.ptr}`,
    params,
    smt2: [...head, `(assert (= ${ensures[i] as string} ${ZERO}))`, ""].join("\n"),
  }));
};
