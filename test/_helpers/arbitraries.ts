/**
 * fast-check arbitraries for x07AST documents and their parts.
 *
 * `x07AstDocument()` builds well-formed documents for any version 0.3.0–0.9.0: only the declaration kinds
 * and fields that version allows, names prefixed with the module id, i32/atom/list/`bytes.lit` expressions
 * and type references of the version's shape. With `canonical: true` the document is already in the
 * formatter's layout (sorted imports, canonical decl order, no empty optional fields, trimmed docs), so
 * `fmt` must print exactly its JCS text.
 */
import fc from "fast-check";
import type { JsonValue } from "../../src/core/json/index.ts";
import { X07AST_VERSIONS, X07AST_VERSION_LIST } from "../../src/parse/index.ts";
import type { X07AstFeatures, X07AstVersion } from "../../src/parse/index.ts";

/** The one seed every property test runs with (override with X07_FC_SEED to explore). */
export const PROPERTY_SEED: number = Number(process.env["X07_FC_SEED"] ?? 0x07a57);

type Obj = { [key: string]: JsonValue };

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

export const i32 = (): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: I32_MIN, max: I32_MAX }), fc.constantFrom(0, 1, -1, I32_MIN, I32_MAX));

/** A dot-separated identifier (module id / symbol segment grammar). */
// Arbitraries are built once: building one (regex parsing, combinator wiring) costs more than drawing from it.
const ident = (first: string, rest: string, maxRest: number): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(...rest), maxLength: maxRest })).map(([a, b]) => a + b);
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const SEGMENT = ident(UPPER + LOWER + "_", UPPER + LOWER + DIGITS + "_-", 7);
const MODULE_ID = fc.array(SEGMENT, { minLength: 1, maxLength: 3 }).map((s) => s.join("."));
const LOCAL_NAME = ident(UPPER + LOWER + "_", UPPER + LOWER + DIGITS + "_", 9);
const tparamName = ident(UPPER, UPPER + LOWER + DIGITS + "_", 5);
export const moduleId = (): fc.Arbitrary<string> => MODULE_ID;
export const localName = (): fc.Arbitrary<string> => LOCAL_NAME;

/** An atom: 1–12 non-whitespace characters, never a text head. */
const ATOM = fc
  .oneof(
    fc.constantFrom("x", "n", "+", "-", "<u", ">=u", "=", "begin", "if", "let", "for", "std.vec.len", "view.len", "main.f", "é", "😀", "a\u00adb"),
    fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }).filter((s) => !/\s/.test(s)),
  )
  .filter((s) => s !== "bytes.lit" && s !== "bytes.view_lit");
export const atom = (): fc.Arbitrary<string> => ATOM;

/** Text for `bytes.lit`: anything, whitespace included. */
const LIT_TEXT = fc.oneof(fc.constantFrom("", " ", "hello world", "a\tb\nc", "  lead and trail  ", "ü ✓ 😀"), fc.string({ maxLength: 24 }));
export const litText = (): fc.Arbitrary<string> => LIT_TEXT;

/** A json-sexpr expression tree. */
const EXPRS = new Map<number, fc.Arbitrary<JsonValue>>();
export const expr = (maxDepth = 4): fc.Arbitrary<JsonValue> => {
  const cached = EXPRS.get(maxDepth);
  if (cached !== undefined) return cached;
  const { e } = fc.letrec<{ e: JsonValue; list: JsonValue }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", maxDepth, withCrossShrink: true },
      i32(),
      atom(),
      fc.tuple(fc.constant("bytes.lit"), litText()).map((t): JsonValue => [...t]),
      tie("list"),
    ),
    list: fc.tuple(atom(), fc.array(tie("e"), { maxLength: 4 })).map(([h, args]): JsonValue => [h, ...args]),
  }));
  EXPRS.set(maxDepth, e);
  return e;
};

const NAMED_TYPES = ["i32", "u32", "bytes", "bytes_view", "vec_u8", "option_i32", "option_bytes", "result_i32", "result_bytes", "iface"] as const;
const BYTES_TYPES = ["bytes", "bytes_view", "vec_u8", "option_bytes", "result_bytes"] as const;

/** A type reference valid in a version (structured refs from 0.4.0). */
const NAMED_TYPE_REF = fc.constantFrom<JsonValue>(...NAMED_TYPES);
export const typeRef = (f: X07AstFeatures): fc.Arbitrary<JsonValue> => (f.generics ? TYPE_REF : NAMED_TYPE_REF);
const TYPE_REF = ((): fc.Arbitrary<JsonValue> => {
  const { t } = fc.letrec<{ t: JsonValue }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      fc.constantFrom<JsonValue>(...NAMED_TYPES),
      tparamName.map((n): JsonValue => ["t", n]),
      fc.tuple(fc.constantFrom("option", "result", "vec", "map"), fc.array(tie("t"), { minLength: 1, maxLength: 2 })).map(([h, a]): JsonValue => [h, ...a]),
    ),
  }));
  return t;
})();

const param = (f: X07AstFeatures, name: string): fc.Arbitrary<Obj> =>
  fc.oneof(
    typeRef(f).map((ty): Obj => ({ name, ty })),
    fc.tuple(fc.constantFrom(...BYTES_TYPES), moduleId()).map(([ty, brand]): Obj => ({ name, ty, brand })),
  );

const params = (f: X07AstFeatures): fc.Arbitrary<JsonValue[]> =>
  fc.uniqueArray(localName(), { maxLength: 3 }).chain((names) => (names.length === 0 ? fc.constant([]) : fc.tuple(...names.map((n) => param(f, n)))));

const CLAUSES = new Map<boolean, fc.Arbitrary<JsonValue[]>>();
const clause = (canonical: boolean): fc.Arbitrary<Obj> =>
  fc
    .record(
      { id: fc.string({ maxLength: 8 }), expr: expr(2), witness: fc.array(expr(1), { minLength: canonical ? 1 : 0, maxLength: 2 }) },
      { requiredKeys: ["expr"] },
    )
    .map((c) => c as Obj);

const clauses = (canonical: boolean): fc.Arbitrary<JsonValue[]> => {
  let c = CLAUSES.get(canonical);
  if (c === undefined) CLAUSES.set(canonical, (c = fc.array(clause(canonical), { minLength: canonical ? 1 : 0, maxLength: 2 })));
  return c;
};

/** Optional fields: absent, or (outside canonical mode) possibly present and empty. */
const optional = <T extends JsonValue>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

const docText = (canonical: boolean): fc.Arbitrary<string> =>
  (canonical ? fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()) : fc.string({ minLength: 1, maxLength: 30 })).filter((s) => s.length > 0);

/** The body of a defn/defasync, without kind/name; `index` is the decl's index for loop-contract pointers. */
const functionFields = (f: X07AstFeatures, kind: "defn" | "defasync", index: number, canonical: boolean): fc.Arbitrary<Obj> => {
  const gate = <T extends JsonValue>(on: boolean, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => (on ? optional(arb) : fc.constant(undefined));
  const loopContract = fc
    .record(
      {
        ptr: fc.constantFrom(`/decls/${index}/body`, `/decls/${index}/body/1`, `/decls/${index}/body/2/3`),
        invariant: clauses(canonical),
        decreases: clauses(canonical),
      },
      { requiredKeys: ["ptr"] },
    )
    .map((o) => o as Obj);
  const protocol = fc
    .record({ await_invariant: clauses(canonical), scope_invariant: clauses(canonical), cancellation_ensures: clauses(canonical) }, { requiredKeys: [] })
    .map((o) => o as Obj);
  const typeParams = fc.uniqueArray(tparamName, { minLength: canonical ? 1 : 0, maxLength: 2 }).chain((names) =>
    names.length === 0
      ? fc.constant<JsonValue[]>([])
      : fc.tuple(...names.map((n) => fc.option(fc.constantFrom("any", "bytes_like", "num_like", "value", "hashable", "orderable"), { nil: undefined }).map((b): JsonValue => (b === undefined ? { name: n } : { name: n, bound: b })))),
  );
  const result = fc.oneof(
    typeRef(f).map((r) => ({ result: r }) as Obj),
    fc.tuple(fc.constantFrom(...BYTES_TYPES), moduleId()).map(([r, b]): Obj => ({ result: r, result_brand: b })),
  );
  return fc
    .record({
      result,
      params: params(f),
      body: expr(4),
      doc: gate(f.decreasesAndDoc, docText(canonical)),
      type_params: gate(f.generics, typeParams),
      requires: gate(f.contracts, clauses(canonical)),
      ensures: gate(f.contracts, clauses(canonical)),
      invariant: gate(f.contracts, clauses(canonical)),
      loop_contracts: gate(f.loopContracts, fc.array(loopContract, { minLength: canonical ? 1 : 0, maxLength: 2 })),
      decreases: gate(f.decreasesAndDoc && kind === "defn", clauses(canonical)),
      protocol: gate(f.asyncProtocol && kind === "defasync", protocol),
    })
    .map(({ result: r, ...rest }) => {
      const o: Obj = { ...r };
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) o[k] = v;
      return o;
    });
};

type DeclKind = "defn" | "defasync" | "extern" | "defrecord" | "defenum";

/** One declaration of `kind` named `name` at index `index`. */
const decl = (f: X07AstFeatures, kind: DeclKind, name: string, index: number, canonical: boolean): fc.Arbitrary<Obj> => {
  switch (kind) {
    case "defn":
    case "defasync":
      return functionFields(f, kind, index, canonical).map((o): Obj => ({ kind, name, ...o }));
    case "extern":
      return fc
        .record({ link_name: fc.option(localName(), { nil: undefined }), params: params(f), result: typeRef(f) })
        .map(({ link_name, ...o }): Obj => ({ kind, abi: "C", name, ...(link_name !== undefined ? { link_name } : {}), ...o }));
    case "defrecord":
      return fc
        .record({
          doc: fc.option(docText(canonical), { nil: undefined }),
          fields: fc.uniqueArray(localName(), { minLength: 1, maxLength: 4 }).chain((ns) => fc.tuple(...ns.map((n) => fc.constantFrom("i32", "u32").map((ty): JsonValue => ({ name: n, ty }))))),
        })
        .map(({ doc, fields }): Obj => ({ kind, name, ...(doc !== undefined ? { doc } : {}), fields }));
    case "defenum":
      return fc
        .record({
          doc: fc.option(docText(canonical), { nil: undefined }),
          variants: fc
            .uniqueArray(localName(), { minLength: 1, maxLength: 4 })
            .chain((ns) => fc.tuple(...ns.map((n) => fc.option(fc.constantFrom("i32", "u32"), { nil: undefined }).map((p): JsonValue => (p === undefined ? { name: n } : { name: n, payload: p }))))),
        })
        .map(({ doc, variants }): Obj => ({ kind, name, ...(doc !== undefined ? { doc } : {}), variants }));
  }
};

const DECL_SUFFIX = ident(UPPER + LOWER + "_", UPPER + LOWER + DIGITS + "_", 6);
const EXPORT_SUFFIX = fc.string({ unit: fc.constantFrom(...LOWER), minLength: 1, maxLength: 4 });
const metaOf = (minKeys: number) =>
  fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys, maxKeys: 3 }), { nil: undefined, freq: 3 });
const META = metaOf(0);
const META_CANONICAL = metaOf(1);

const CANONICAL_RANK: Record<DeclKind, number> = { extern: 0, defn: 1, defasync: 2, defrecord: 3, defenum: 4 };

export interface DocumentOptions {
  /** Restrict to one version. */
  readonly version?: X07AstVersion;
  /** Build the document already in the formatter's canonical layout. */
  readonly canonical?: boolean;
  readonly maxDecls?: number;
}

/** A well-formed x07AST document as a JSON value. */
export const x07AstDocument = (options: DocumentOptions = {}): fc.Arbitrary<Obj> => {
  const canonical = options.canonical ?? false;
  const version = options.version !== undefined ? fc.constant(options.version) : fc.constantFrom(...X07AST_VERSION_LIST);
  return fc
    .record({ version, kind: fc.constantFrom("entry" as const, "module" as const), moduleId: moduleId() })
    .chain(({ version: v, kind, moduleId: mid }) => {
      const f = X07AST_VERSIONS[v];
      const kinds: DeclKind[] = f.recordsAndEnums ? ["defn", "defasync", "extern", "defrecord", "defenum"] : ["defn", "defasync", "extern"];
      const entries = fc.uniqueArray(
        fc.tuple(DECL_SUFFIX, fc.constantFrom(...kinds)),
        { selector: ([n]) => n, maxLength: options.maxDecls ?? 5 },
      );
      const imports = fc.uniqueArray(moduleId(), { maxLength: 3 }).map((is) => (canonical ? [...is].sort() : is));
      return fc
        .record({
          entries,
          imports,
          exportNames: kind === "module" || !canonical ? fc.uniqueArray(EXPORT_SUFFIX, { maxLength: 3 }) : fc.constant<string[]>([]),
          exportAt: fc.nat(),
          solve: expr(5),
          meta: canonical ? META_CANONICAL : META,
        })
        .chain(({ entries: es, imports: is, exportNames, exportAt, solve, meta }) => {
          let ordered = es.map(([n, k]) => ({ name: `${mid}.${n}`, kind: k }));
          if (canonical) {
            const rank = (d: { name: string; kind: DeclKind }) => CANONICAL_RANK[d.kind];
            ordered = [...ordered].sort((a, b) => rank(a) - rank(b) || (a.kind === "defrecord" || a.kind === "defenum" ? 0 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          }
          const names = exportNames.map((n) => `${mid}.${n}`);
          const exportDecl: Obj | undefined = names.length > 0 ? { kind: "export", names: canonical ? [...names].sort() : names } : undefined;
          const exportIndex = exportDecl === undefined ? -1 : canonical ? 0 : exportAt % (ordered.length + 1);
          const shift = (i: number) => (exportIndex >= 0 && i >= exportIndex ? i + 1 : i);
          const declArbs = ordered.map((d, i) => decl(f, d.kind, d.name, shift(i), canonical));
          return (declArbs.length === 0 ? fc.constant<Obj[]>([]) : fc.tuple(...declArbs)).map((ds): Obj => {
            const decls: JsonValue[] = [...ds];
            if (exportDecl !== undefined) decls.splice(exportIndex, 0, exportDecl);
            // Through JSON text, as a reader would produce it (plain prototypes, no -0).
            return JSON.parse(JSON.stringify({
              schema_version: v,
              kind,
              module_id: mid,
              imports: is,
              decls,
              ...(kind === "entry" ? { solve } : {}),
              ...(meta !== undefined ? { meta: meta as JsonValue } : {}),
            })) as Obj;
          });
        });
    });
};

/** Every JSON Pointer inside a value (the root included). */
export const pointersOf = (v: JsonValue, base = "", out: string[] = []): string[] => {
  out.push(base);
  if (Array.isArray(v)) v.forEach((x, i) => pointersOf(x, `${base}/${i}`, out));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) pointersOf(x, `${base}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  return out;
};

const setAt = (root: JsonValue, tokens: string[], edit: (parent: JsonValue[] | Obj, key: string) => void): JsonValue => {
  const copy = JSON.parse(JSON.stringify(root)) as JsonValue;
  if (tokens.length === 0) return copy;
  let cur: JsonValue = copy;
  for (const t of tokens.slice(0, -1)) cur = Array.isArray(cur) ? cur[Number(t)]! : (cur as Obj)[t]!;
  edit(cur as JsonValue[] | Obj, tokens[tokens.length - 1]!);
  return copy;
};

/**
 * A well-formed document with one random edit: a value replaced by arbitrary JSON or by a nearby
 * shape (a string, an int out of range, an empty list), or a field removed or added.
 */
export const mutatedDocument = (): fc.Arbitrary<JsonValue> =>
  x07AstDocument({ maxDecls: 3 }).chain((doc) => {
    const ptrs = pointersOf(doc);
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
      fc.constantFrom<JsonValue>("", "a b", "x", 2147483648, -2147483649, 1.5, [], [1], {}, null, true, "x07.x07ast@0.10.0", "bytes.lit", ["t", "A"]),
    );
    return fc.record({ at: fc.constantFrom(...ptrs), op: fc.constantFrom("replace", "replace", "delete", "add"), value: replacement, key: fc.constantFrom("extra", "doc", "kind", "name", "solve", "protocol") }).map(
      ({ at, op, value, key }): JsonValue => {
        const tokens = at === "" ? [] : at.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
        if (tokens.length === 0) return op === "replace" ? value : setAt(doc, [key], (p) => ((p as Obj)[key] = value));
        return setAt(doc, tokens, (parent, k) => {
          if (Array.isArray(parent)) {
            const i = Number(k);
            if (op === "delete") parent.splice(i, 1);
            else if (op === "add") parent.splice(i, 0, value);
            else parent[i] = value;
          } else if (op === "delete") delete parent[k];
          else if (op === "add" && parent[key] === undefined) parent[key] = value;
          else parent[k] = value;
        });
      },
    );
  });
