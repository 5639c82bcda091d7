/**
 * The static scan of a project's modules: sensitive namespaces used, op counts, budget scopes (with
 * their module, function and pointer) and whether `std.os.time.*` is called. Bodies of defn/defasync
 * and an entry's `solve` are scanned.
 */
import { Effect } from "effect";
import type { JsonValue } from "../../../core/json/index.ts";
import { scanSensitive } from "../../../review/index.ts";
import type { SensitiveScan } from "../../../review/index.ts";
import { asArray, asStr, byteCompare, get } from "./json.ts";
import { readJsonFile, x07FilesUnder } from "./read.ts";

/** A budget scope as the trust report lists it. */
export interface BudgetScope {
  readonly kind: "inline_v1" | "from_arch_v1";
  readonly module_id: string;
  readonly fn: string;
  readonly ptr: string;
  readonly label: string | null;
  readonly mode: string | null;
  readonly limits: Readonly<Record<string, number | null>>;
  readonly arch_profile_id: string | null;
}

export interface StaticScan {
  readonly namespaces: Set<string>;
  readonly opCounts: Map<string, number>;
  readonly scopes: BudgetScope[];
  usesOsTime: boolean;
}

export const emptyScan = (): StaticScan => ({ namespaces: new Set(), opCounts: new Map(), scopes: [], usesOsTime: false });

const merge = (out: StaticScan, scan: SensitiveScan, moduleId: string, fn: string, ptrOf: (hit: string) => string): void => {
  out.usesOsTime = out.usesOsTime || scan.usesOsTime;
  scan.namespaces.forEach((n) => out.namespaces.add(n));
  scan.opCounts.forEach((c, op) => out.opCounts.set(op, (out.opCounts.get(op) ?? 0) + c));
  for (const hit of scan.budgetScopes) {
    out.scopes.push({ kind: hit.kind, module_id: moduleId, fn, ptr: ptrOf(hit.ptr), label: hit.label, mode: hit.mode, limits: hit.limits, arch_profile_id: hit.arch_profile_id });
  }
};

/** Scans one parsed x07AST document into `out`. */
export const scanDocument = (doc: JsonValue, out: StaticScan): void => {
  const moduleId = asStr(get(doc, "module_id")) ?? "";
  asArray(get(doc, "decls"))?.forEach((decl, i) => {
    const kind = asStr(get(decl, "kind"));
    if (kind !== "defn" && kind !== "defasync") return;
    const body = get(decl, "body");
    if (body === undefined) return;
    merge(out, scanSensitive(body), moduleId, asStr(get(decl, "name")) ?? "", (p) => `/decls/${i}/body${p}`);
  });
  const solve = get(doc, "solve");
  if (get(doc, "kind") === "entry" && solve !== undefined) merge(out, scanSensitive(solve), moduleId, "solve", (p) => `/solve${p}`);
};

/** Scans every `*.x07.json` under the module roots; scopes sorted by (module, fn, ptr). */
export const scanModuleRoots = (roots: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const out = emptyScan();
    for (const root of roots) {
      for (const file of yield* x07FilesUnder(root)) {
        const doc = yield* readJsonFile(file);
        if (doc.ok) scanDocument(doc.value, out);
      }
    }
    out.scopes.sort((a, b) => byteCompare(a.module_id, b.module_id) || byteCompare(a.fn, b.fn) || byteCompare(a.ptr, b.ptr));
    return out;
  });
