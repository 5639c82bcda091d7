/**
 * `lint`: parse diagnostics plus the file-local rules upstream `x07 lint` applies without type checking:
 * form arity (from the form table), the `for` variable, world capability rules on heads and imports,
 * builtin namespaces that must not be imported, and an oversized `unsafe` block.
 */
import { BUILTIN_NAMESPACES, arityViolated, capabilityOf, formShapeOf, needsUnsafe } from "../../core/heads/forms.ts";
import type { FormShape } from "../../core/heads/forms.ts";
import { WORLDS, DEFAULT_WORLD } from "../../core/worlds/table.ts";
import type { WorldCaps, WorldId } from "../../core/worlds/table.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, DiagnosticCode, DiagnosticInit, Quickfix } from "../../diag/index.ts";
import { parseX07Ast, exprToJson, ruleSitesOf } from "../../parse/index.ts";
import type { Expr, ListExpr, RuleSites, TypeRef, X07AstDocument } from "../../parse/index.ts";

export interface LintOptions {
  readonly file?: string;
  readonly world?: WorldId;
}

export interface LintResult {
  readonly ok: boolean;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly document?: X07AstDocument;
}

const UNSAFE_BLOCK_LIMIT = 16;

type Emit = (code: DiagnosticCode, message: string, init: DiagnosticInit) => void;

const nestBinary = (e: ListExpr): unknown => {
  const [a, b, ...rest] = e.args.map(exprToJson);
  return rest.reduce<unknown>((acc, x) => [e.head, acc, x], [e.head, a, b]);
};

const arityRepair = (e: ListExpr, shape: FormShape): Quickfix | undefined => {
  const r = shape.repair;
  if (r === undefined) return undefined;
  if (r === "nest-binary") {
    if (e.args.length <= 2) return undefined;
    return { kind: "json_patch", patch: [{ op: "replace", path: e.ptr, value: nestBinary(e) }], note: `Rewrite n-ary ${e.head} as nested binary operations` };
  }
  const from = r.wrapBeginFrom;
  if (e.args.length <= from) return undefined;
  const args = e.args.map(exprToJson);
  const value = [e.head, ...args.slice(0, from - 1), ["begin", ...args.slice(from - 1)]];
  return { kind: "json_patch", patch: [{ op: "replace", path: e.ptr, value }], note: `Wrap the extra ${e.head} body expressions in begin` };
};

const checkArity = (e: ListExpr, emit: Emit): void => {
  const shape = formShapeOf(e.head);
  if (shape === undefined) return;
  const got = e.args.length;
  const a = shape.arity;
  if (!arityViolated(shape, got)) {
    if (e.head === "for" && e.args[0]?.kind !== "atom") {
      emit("X07-FOR-0001", "the for loop variable must be an identifier", { ptr: `${e.ptr}/1`, notes: [`Valid form: ${shape.form}`] });
    }
    return;
  }
  const want = "exact" in a ? `${a.exact}` : `at least ${a.min}`;
  const fix = arityRepair(e, shape);
  emit(shape.code, `${e.head} expects ${want} argument${want === "1" ? "" : "s"}; got ${got}`, {
    ptr: e.ptr,
    notes: [`Valid form: ${shape.form}`],
    data: { head: e.head, want: "exact" in a ? a.exact : a.min, got },
    ...(fix !== undefined ? { quickfix: fix } : {}),
  });
};

const checkWorldHead = (e: ListExpr, world: WorldId, caps: WorldCaps, emit: Emit): void => {
  const h = e.head;
  const cap = capabilityOf(h);
  if (needsUnsafe(h) && !caps.unsafe) {
    emit("X07-WORLD-UNSAFE-0001", `unsafe code is not allowed in world ${world}: ${h}`, { ptr: e.ptr, notes: ["Unsafe and raw-pointer operations need --world run-os or run-os-sandboxed."] });
  }
  if (caps.eval && cap === "os") {
    emit("X07-WORLD-OS-0002", `OS operation ${h} is not allowed in solve-* worlds (this is ${world})`, { ptr: e.ptr, notes: ["os.* and std.os.* operations run only in the run-os and run-os-sandboxed worlds."] });
  }
  if (!caps.fs && cap === "fs") emit("X07-WORLD-FS-0001", `filesystem operation ${h} is not available in world ${world}`, { ptr: e.ptr, notes: ["Use --world solve-fs or solve-full (fixture filesystem)."] });
  if (!caps.rr && cap === "rr") emit("X07-WORLD-RR-0001", `record/replay operation ${h} is not available in world ${world}`, { ptr: e.ptr, notes: ["Use --world solve-rr or solve-full."] });
  if (!caps.kv && cap === "kv") emit("X07-WORLD-KV-0001", `key/value operation ${h} is not available in world ${world}`, { ptr: e.ptr, notes: ["Use --world solve-kv or solve-full."] });
  if (h === "unsafe" && e.args.length > UNSAFE_BLOCK_LIMIT) {
    emit("X07-UNSAFE-0001", `unsafe block holds ${e.args.length} expressions`, { ptr: e.ptr, severity: "warning", notes: ["Keep the unsafe surface small."] });
  }
};

const lintList = (e: ListExpr, world: WorldId, caps: WorldCaps, emit: Emit): void => {
  checkArity(e, emit);
  checkWorldHead(e, world, caps, emit);
};

/**
 * Applies the per-list rules to every list expression under the roots, in pre-order. With the parser's rule sites
 * (parse `ruleSitesOf`) only the lists a rule may apply to are visited; otherwise (a document made by other means)
 * every list, without recursion (expressions may be deep).
 */
const lintLists = (roots: ReadonlyArray<Expr>, sites: RuleSites | undefined, world: WorldId, caps: WorldCaps, emit: Emit): void => {
  if (sites !== undefined) {
    for (const r of roots) for (const e of sites.get(r) ?? []) lintList(e, world, caps, emit);
    return;
  }
  const stack: Expr[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]!);
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind !== "list") continue;
    lintList(e, world, caps, emit);
    for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]!);
  }
};

const isPointerType = (t: TypeRef): boolean => t.kind === "named" && t.name.startsWith("ptr_");

const importRules = (doc: X07AstDocument, world: WorldId, caps: WorldCaps, emit: Emit): void => {
  const mods = doc.imports.map((i) => i.module);
  for (const ns of BUILTIN_NAMESPACES) {
    if (!mods.includes(ns)) continue;
    emit("X07-IMPORT-0002", `${ns} is a builtin namespace and must not be imported`, {
      ptr: "/imports",
      notes: [`${ns}.* operations resolve as builtins; remove ${ns} from imports.`],
      quickfix: { kind: "json_patch", patch: [{ op: "replace", path: "/imports", value: mods.filter((m) => m !== ns) }], note: `Remove the ${ns} import` },
    });
  }
  if (caps.eval && mods.some((m) => m.startsWith("std.os."))) {
    emit("X07-WORLD-OS-0001", `std.os.* modules are not allowed in solve-* worlds (this is ${world})`, {
      ptr: "/imports",
      notes: ["std.os.* is for run-os / run-os-sandboxed; solve-* worlds use fixture adapters (std.fs, std.rr, std.kv)."],
      quickfix: { kind: "json_patch", patch: [{ op: "replace", path: "/imports", value: mods.filter((m) => !m.startsWith("std.os.")) }], note: "Remove std.os.* imports" },
    });
  }
  const forbidden = [!caps.fs ? "std.fs" : "", !caps.rr ? "std.rr" : "", !caps.kv ? "std.kv" : ""].filter((m) => m !== "" && mods.includes(m));
  if (forbidden.length > 0) {
    emit("X07-WORLD-0001", `the program imports modules world ${world} does not provide: ${forbidden.join(", ")}`, {
      ptr: "/imports",
      quickfix: { kind: "json_patch", patch: [{ op: "replace", path: "/imports", value: mods.filter((m) => !forbidden.includes(m)) }], note: "Remove imports this world does not provide" },
    });
  }
};

const declRules = (doc: X07AstDocument, world: WorldId, caps: WorldCaps, emit: Emit): void => {
  for (const d of doc.decls) {
    if (d.kind === "extern" && !caps.ffi) {
      emit("X07-WORLD-FFI-0001", `extern declarations (FFI) are not allowed in world ${world}: ${d.name}`, { ptr: d.ptr, notes: ["FFI needs --world run-os or run-os-sandboxed."] });
    }
    if ((d.kind === "defn" || d.kind === "defasync" || d.kind === "extern") && !caps.unsafe) {
      const pointerParam = d.params.find((p) => isPointerType(p.ty));
      if (pointerParam !== undefined) emit("X07-WORLD-UNSAFE-0002", `raw pointer type in the signature of ${d.name} needs unsafe code (world ${world})`, { ptr: `${pointerParam.ptr}/ty` });
      if (isPointerType(d.result)) emit("X07-WORLD-UNSAFE-0002", `raw pointer result type of ${d.name} needs unsafe code (world ${world})`, { ptr: d.result.ptr });
    }
  }
};

/** Lints a parsed document. */
export const lintDocument = (doc: X07AstDocument, options: LintOptions = {}): Diagnostic[] => {
  const world = options.world ?? DEFAULT_WORLD;
  const caps = WORLDS[world];
  const out: Diagnostic[] = [];
  const file = options.file ?? doc.file;
  const emit: Emit = (code, message, init) => out.push(makeDiagnostic(code, message, { ...init, ...(file !== undefined ? { file } : {}) }));
  importRules(doc, world, caps, emit);
  declRules(doc, world, caps, emit);
  const roots: Expr[] = [];
  if (doc.solve !== undefined) roots.push(doc.solve);
  for (const d of doc.decls) {
    if (d.kind !== "defn" && d.kind !== "defasync") continue;
    roots.push(d.body);
    for (const c of d.requires) roots.push(c.expr);
    for (const c of d.ensures) roots.push(c.expr);
    for (const c of d.invariant) roots.push(c.expr);
  }
  lintLists(roots, ruleSitesOf(doc), world, caps, emit);
  return out;
};

/** Parses and lints x07AST text/bytes. */
export const lintX07Ast = (input: string | Uint8Array, options: LintOptions = {}): LintResult => {
  const parsed = parseX07Ast(input, options.file !== undefined ? { file: options.file } : {});
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const diagnostics = [...parsed.diagnostics, ...lintDocument(parsed.document, options)];
  return { ok: !diagnostics.some((d) => d.severity === "error"), diagnostics, document: parsed.document };
};
