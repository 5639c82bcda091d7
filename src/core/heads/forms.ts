/**
 * Special forms and operators whose shape is fixed, as data: one row per head with its arity rule and the
 * lint code a wrong arity gets. The lint pass reads this table; later stages extend the heads table next
 * to it rather than matching head strings of their own.
 */
import type { DiagnosticCode } from "../../diag/index.ts";

/** How many arguments a form takes. */
export type Arity = { readonly exact: number } | { readonly min: number };

/** A mechanical repair for a wrong arity. */
export type ArityRepair =
  /** `[op, a, b, c, …]` → `[op, [op, a, b], c]` … (left-associative nesting). */
  | "nest-binary"
  /** Wrap the arguments from index `from` onward in one `begin`. */
  | { readonly wrapBeginFrom: number };

export interface FormShape {
  readonly arity: Arity;
  readonly code: DiagnosticCode;
  readonly repair?: ArityRepair;
  /** A template shown in the diagnostic notes. */
  readonly form: string;
}

const binary = (op: string, repair?: ArityRepair): FormShape => ({
  arity: { exact: 2 },
  code: "X07-ARITY-BINOP-0001",
  form: `["${op}", <a>, <b>]`,
  ...(repair !== undefined ? { repair } : {}),
});

const BINARY_OPS = ["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "<u", "<=u", ">u", ">=u", "<<u", ">>u", "&", "|", "^", "&&", "||"] as const;

/** The shape table. Only `+` gets the nesting repair, as upstream (it is the only associative-safe rewrite offered). */
export const FORM_SHAPES: Readonly<Record<string, FormShape>> = {
  ...Object.fromEntries(BINARY_OPS.map((op) => [op, binary(op, op === "+" ? "nest-binary" : undefined)])),
  if: { arity: { exact: 3 }, code: "X07-ARITY-IF-0001", form: '["if", <cond>, <then>, <else>]' },
  for: { arity: { exact: 4 }, code: "X07-ARITY-FOR-0001", form: '["for", "i", <start:i32>, <end:i32>, <body>]', repair: { wrapBeginFrom: 4 } },
  while: { arity: { exact: 2 }, code: "X07-ARITY-WHILE-0001", form: '["while", <cond>, <body>]', repair: { wrapBeginFrom: 2 } },
  begin: { arity: { min: 1 }, code: "X07-ARITY-BEGIN-0001", form: '["begin", <expr>, …]' },
  unsafe: { arity: { min: 1 }, code: "X07-ARITY-UNSAFE-0001", form: '["unsafe", <expr>, …]' },
  let: { arity: { exact: 2 }, code: "X07-ARITY-LET-0001", form: '["let", "name", <value>]' },
  set: { arity: { exact: 2 }, code: "X07-ARITY-LET-0001", form: '["set", "name", <value>]' },
  set0: { arity: { exact: 2 }, code: "X07-ARITY-LET-0001", form: '["set0", "name", <value>]' },
  return: { arity: { exact: 1 }, code: "X07-ARITY-RETURN-0001", form: '["return", <value>]' },
};

const SHAPE_BY_HEAD: ReadonlyMap<string, FormShape> = new Map(Object.entries(FORM_SHAPES));

/**
 * The shape of a form head, or undefined. A Map, not `FORM_SHAPES[head]`: indexing an object by a head string makes
 * V8 intern it (every user-function head would be), and inherited names (`toString`) are not forms.
 */
export const formShapeOf = (head: string): FormShape | undefined => SHAPE_BY_HEAD.get(head);

/** Whether `argc` arguments break a form's arity. */
export const arityViolated = (shape: FormShape, argc: number): boolean => ("exact" in shape.arity ? argc !== shape.arity.exact : argc < shape.arity.min);

/** Heads that need the unsafe capability (upstream lint `lint_world_heads`). */
export const UNSAFE_HEADS: ReadonlySet<string> = new Set([
  "unsafe", "addr_of", "addr_of_mut", "memcpy", "memmove", "memset",
  "bytes.as_ptr", "bytes.as_mut_ptr", "view.as_ptr", "vec_u8.as_ptr", "vec_u8.as_mut_ptr",
]);
/** Head prefixes that need the unsafe capability. */
export const UNSAFE_PREFIXES: ReadonlyArray<string> = ["ptr."];

/** Capability-gated head prefixes, by the world capability they need. */
export const CAPABILITY_PREFIXES = {
  os: ["os.", "std.os."],
  fs: ["fs.", "std.fs."],
  rr: ["rr.", "std.rr."],
  kv: ["kv.", "std.kv."],
} as const;

/** Namespaces that are builtin and must not be imported. */
export const BUILTIN_NAMESPACES: ReadonlyArray<string> = ["std.brand"];

/** The first dotted segment(s) of each capability family, for a constant-time lookup per head. */
const CAPABILITY_BY_SEGMENT: ReadonlyMap<string, keyof typeof CAPABILITY_PREFIXES> = new Map(
  Object.entries(CAPABILITY_PREFIXES).flatMap(([cap, prefixes]) => prefixes.map((p) => [p.slice(0, -1), cap as keyof typeof CAPABILITY_PREFIXES] as const)),
);

/** The world capability a head needs (os, fs, rr, kv), or undefined. `a.b.c` is looked up as `a` and `a.b`. */
export const capabilityOf = (head: string): keyof typeof CAPABILITY_PREFIXES | undefined => {
  const d1 = head.indexOf(".");
  // Every capability family starts with a 2-letter segment (os, fs, rr, kv) or std.<2 letters>: skip the
  // substring lookups (and their garbage) for every other head.
  if (d1 !== 2 && !(d1 === 3 && head.startsWith("std.") && head.charCodeAt(6) === 46)) return undefined;
  const first = CAPABILITY_BY_SEGMENT.get(head.slice(0, d1));
  if (first !== undefined) return first;
  const d2 = head.indexOf(".", d1 + 1);
  return d2 < 0 ? undefined : CAPABILITY_BY_SEGMENT.get(head.slice(0, d2));
};

/** Whether a head needs the unsafe capability. */
export const needsUnsafe = (head: string): boolean => {
  if (UNSAFE_HEADS.has(head)) return true;
  for (const p of UNSAFE_PREFIXES) if (head.startsWith(p)) return true;
  return false;
};

/**
 * Whether a file-local rule (lint) may report the list `[head, …argc arguments]`: its form arity is broken, its
 * `for` variable is not an atom, or the head is world-gated (a capability or unsafe; whether the world has it is
 * lint's question). The parser notes such lists as it reads them (see parse `ruleSitesOf`), so lint need not walk
 * the whole program again; almost every list of a program answers no.
 */
export const ruleMayApply = (head: string, argc: number, firstArgIsAtom: boolean): boolean => {
  const shape = SHAPE_BY_HEAD.get(head);
  if (shape !== undefined && (arityViolated(shape, argc) || (head === "for" && !firstArgIsAtom))) return true;
  return capabilityOf(head) !== undefined || needsUnsafe(head);
};
