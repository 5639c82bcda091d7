/**
 * The x07AST differ: declarations keyed by (kind, name) (exports by each exported name), compared by
 * signature, body and position; plus the module's sensitive-namespace and budget-scope deltas, which
 * go to the capability and budget highlights.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { asArray, asStr, byteCompare, difference, get, isObject, jsonEq, orNull } from "./json.ts";
import type { Maybe } from "./json.ts";
import { pushChange } from "./model.ts";
import type { Change, DiffCtx } from "./model.ts";
import { scanSensitive } from "./scan.ts";

interface DeclView {
  readonly kind: string;
  readonly name: string;
  readonly ptr: string;
  readonly sig: JsonValue | undefined;
  readonly body: JsonValue | undefined;
}

const SIG_KINDS = new Set(["defn", "defasync", "extern"]);

const keyOf = (kind: string, name: string): string => `${kind}\u0000${name}`;

/** Declarations of a module, keyed by (kind, name); a later duplicate replaces an earlier one. */
export const collectDecls = (module: Maybe): Map<string, DeclView> => {
  const out = new Map<string, DeclView>();
  (asArray(get(module, "decls")) ?? []).forEach((decl, idx) => {
    if (!isObject(decl)) return;
    const kind = asStr(decl["kind"]);
    if (kind === undefined) return;
    const base = `/decls/${idx}`;
    if (kind === "export") {
      (asArray(decl["names"]) ?? []).forEach((n, j) => {
        if (typeof n === "string") out.set(keyOf("export", n), { kind: "export", name: n, ptr: `${base}/names/${j}`, sig: undefined, body: undefined });
      });
      return;
    }
    const name = asStr(decl["name"]);
    if (name === undefined) return;
    const sig = SIG_KINDS.has(kind) ? { params: decl["params"] ?? [], result: decl["result"] ?? "" } : undefined;
    out.set(keyOf(kind, name), { kind, name, ptr: base, sig, body: decl["body"] });
  });
  return out;
};

const sortedKeys = (a: Map<string, DeclView>, b: Map<string, DeclView>): string[] => {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.sort((x, y) => {
    const [kx, nx] = x.split("\u0000") as [string, string];
    const [ky, ny] = y.split("\u0000") as [string, string];
    return byteCompare(kx, ky) || byteCompare(nx, ny);
  });
};

interface BodyScan {
  readonly caps: Set<string>;
  readonly scopes: number;
}

const scanBody = (body: JsonValue | undefined): BodyScan => {
  if (body === undefined) return { caps: new Set(), scopes: 0 };
  const s = scanSensitive(body);
  return { caps: new Set(s.namespaces), scopes: s.budgetScopes.length };
};

const scanAll = (decls: Map<string, DeclView>): BodyScan => {
  const caps = new Set<string>();
  let scopes = 0;
  for (const d of decls.values()) {
    const s = scanBody(d.body);
    s.caps.forEach((c) => caps.add(c));
    scopes += s.scopes;
  }
  return { caps, scopes };
};

/** Counters the x07AST differ contributes to the report summary. */
export interface AstCounts {
  readonly decls_added: number;
  readonly decls_removed: number;
  readonly decls_changed: number;
  readonly modules_changed: number;
}

const addedChange = (moduleId: string, d: DeclView): Change => ({
  kind: "decl_added",
  severity: "info",
  title: `added ${d.kind} ${d.name}`,
  entity: { module_id: moduleId, decl_kind: d.kind, decl_name: d.name },
  ptr_before: null,
  ptr_after: d.ptr,
  before: null,
  after: { kind: d.kind, name: d.name, sig: orNull(d.sig) },
  ops: [{ op: "insert", summary: "declaration inserted", before_ptr: null, after_ptr: d.ptr, meta: {} }],
  notes: [],
  meta: {},
});

const removedChange = (moduleId: string, d: DeclView): Change => ({
  kind: "decl_removed",
  severity: "warn",
  title: `removed ${d.kind} ${d.name}`,
  entity: { module_id: moduleId, decl_kind: d.kind, decl_name: d.name },
  ptr_before: d.ptr,
  ptr_after: null,
  before: { kind: d.kind, name: d.name, sig: orNull(d.sig) },
  after: null,
  ops: [{ op: "delete", summary: "declaration removed", before_ptr: d.ptr, after_ptr: null, meta: {} }],
  notes: [],
  meta: {},
});

/** The detail of a changed declaration: its ops, intent lenses and severity. */
const changedDetail = (b: DeclView, a: DeclView) => {
  const sigChanged = !jsonEq(b.sig, a.sig);
  const bodyChanged = !jsonEq(b.body, a.body);
  const moved = b.ptr !== a.ptr;
  const bs = scanBody(b.body);
  const as = scanBody(a.body);
  const addedCaps = difference(as.caps, bs.caps);
  const removedCaps = difference(bs.caps, as.caps);
  const signature = [...(sigChanged ? ["signature changed"] : []), ...(moved ? [`declaration moved: ${b.ptr} -> ${a.ptr}`] : [])];
  const effects = [
    ...(addedCaps.length > 0 ? [`new sensitive namespaces: ${addedCaps.join(", ")}`] : []),
    ...(removedCaps.length > 0 ? [`removed sensitive namespaces: ${removedCaps.join(", ")}`] : []),
  ];
  const budgets = [
    ...(bs.scopes !== as.scopes ? [`budget scopes changed: ${bs.scopes} -> ${as.scopes}`] : []),
    ...(moved ? ["declaration moved (scope binding context may differ)"] : []),
  ];
  const capabilities = [...(addedCaps.length > 0 ? [`added: ${addedCaps.join(", ")}`] : []), ...(removedCaps.length > 0 ? [`removed: ${removedCaps.join(", ")}`] : [])];
  const severity = addedCaps.some((s) => s.startsWith("std.os.")) ? "high" : moved || addedCaps.length > 0 || budgets.length > 0 || sigChanged ? "warn" : "info";
  const ops: JsonValue[] = [
    ...(moved ? [{ op: "move", summary: "declaration moved", before_ptr: b.ptr, after_ptr: a.ptr, meta: {} }] : []),
    ...(sigChanged ? [{ op: "update", summary: "signature changed", before_ptr: b.ptr, after_ptr: a.ptr, meta: {} }] : []),
    ...(bodyChanged ? [{ op: "update", summary: "function body changed", before_ptr: `${b.ptr}/body`, after_ptr: `${a.ptr}/body`, meta: {} }] : []),
  ];
  return { any: sigChanged || bodyChanged || moved, bodyChanged, severity, ops, lenses: { signature, effects, budgets, capabilities } };
};

/** Diffs one x07AST file; returns the summary counters it adds. */
export const diffX07Ast = (ctx: DiffCtx): AstCounts => {
  const { before, after, sink, highlights, path } = ctx;
  const beforeId = asStr(get(before, "module_id")) ?? "";
  const afterId = asStr(get(after, "module_id")) ?? "";
  const moduleId = afterId !== "" ? afterId : beforeId;
  const bDecls = collectDecls(before);
  const aDecls = collectDecls(after);
  const bAll = scanAll(bDecls);
  const aAll = scanAll(aDecls);
  const capAdded = difference(aAll.caps, bAll.caps);
  const capRemoved = difference(bAll.caps, aAll.caps);

  const declsAdded: JsonValue[] = [];
  const declsRemoved: JsonValue[] = [];
  const declsChanged: JsonValue[] = [];
  for (const key of sortedKeys(bDecls, aDecls)) {
    const b = bDecls.get(key);
    const a = aDecls.get(key);
    if (b === undefined && a !== undefined) {
      declsAdded.push({ kind: a.kind, name: a.name });
      sink.push(ctx.file.changes, addedChange(moduleId, a));
    } else if (b !== undefined && a === undefined) {
      declsRemoved.push({ kind: b.kind, name: b.name });
      sink.push(ctx.file.changes, removedChange(moduleId, b));
    } else if (b !== undefined && a !== undefined) {
      const d = changedDetail(b, a);
      if (!d.any) continue;
      declsChanged.push({
        kind: a.kind,
        name: a.name,
        ptr_before: b.ptr,
        ptr_after: a.ptr,
        sig: { before: orNull(b.sig), after: orNull(a.sig) },
        body: { changed: d.bodyChanged, ops: d.ops, truncated: false },
        lenses: d.lenses,
      });
      pushChange(ctx, "decl_changed", d.severity, `changed ${a.kind} ${a.name}`, {
        entity: { module_id: moduleId, decl_kind: a.kind, decl_name: a.name },
        ptr_before: b.ptr,
        ptr_after: a.ptr,
        before: { sig: orNull(b.sig) },
        after: { sig: orNull(a.sig) },
        ops: d.ops,
      });
    }
  }

  const changedCount = declsAdded.length + declsRemoved.length + declsChanged.length;
  const status = before === undefined ? "added" : after === undefined ? "removed" : changedCount > 0 ? "changed" : "unchanged";
  ctx.file.module = { module_id: moduleId, status, decls_added: declsAdded, decls_removed: declsRemoved, decls_changed: declsChanged };

  if (bAll.scopes !== aAll.scopes) {
    sink.push(highlights.budget_changes, {
      kind: "scope",
      severity: "warn",
      subject: "x07AST scope count",
      path,
      ptr_before: null,
      ptr_after: null,
      before: bAll.scopes,
      after: aAll.scopes,
      notes: [],
    });
  }
  if (capAdded.length > 0 || capRemoved.length > 0) {
    sink.push(highlights.capability_changes, {
      kind: "used_namespace",
      severity: capAdded.some((s) => s.startsWith("std.os.")) ? "high" : "warn",
      subject: "x07AST capability namespaces",
      path,
      added: capAdded,
      removed: capRemoved,
      notes: [],
    });
  }
  if (bAll.scopes !== aAll.scopes) {
    sink.push(highlights.budget_changes, {
      kind: "scope",
      severity: "warn",
      subject: "budget scopes changed",
      path,
      ptr_before: null,
      ptr_after: null,
      before: null,
      after: null,
      notes: ["budget.scope_v1 or budget.scope_from_arch_v1 changed"],
    });
  }
  return {
    decls_added: declsAdded.length,
    decls_removed: declsRemoved.length,
    decls_changed: declsChanged.length,
    modules_changed: status !== "unchanged" ? 1 : 0,
  };
};
