/**
 * The sensitive-namespace scan over an x07AST expression, shared by the review diff (capability and
 * budget-scope deltas) and the trust report (used namespaces, op counts, budget scopes, `std.os.time`).
 * A list whose head is a string is an operation: it is counted, matched against the sensitive prefixes
 * (first match wins) and, for `budget.scope_v1` / `budget.scope_from_arch_v1`, recorded as a scope with
 * its JSON pointer. Objects are walked in sorted key order, so pointers come out in a stable order.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { asStr, asU64, byteCompare, get, isObject } from "./json.ts";

/** Operation-name prefixes that reach outside pure computation, in match order. */
export const SENSITIVE_NAMESPACES: ReadonlyArray<string> = [
  "std.fs.",
  "std.rr.",
  "std.kv.",
  "std.db.",
  "std.msg.",
  "std.os.env.",
  "std.os.fs.",
  "std.os.net.",
  "std.os.process.",
  "std.os.time.",
  "os.db.",
  "os.msg.",
  "ext.http.",
  "ext.db.",
  "ext.msg.",
];

/** The limit keys a `budget.scope_v1` config may set. */
export const BUDGET_LIMIT_KEYS = ["fuel", "alloc_bytes", "alloc_calls", "realloc_calls", "free_calls", "memcpy_bytes", "sched_ticks"] as const;

/** One `budget.scope_*` occurrence. */
export interface BudgetScopeHit {
  readonly kind: "inline_v1" | "from_arch_v1";
  readonly ptr: string;
  readonly label: string | null;
  readonly mode: string | null;
  /** All seven keys (null when unset) when the config has a `limits` object; empty otherwise. */
  readonly limits: Readonly<Record<string, number | null>>;
  readonly arch_profile_id: string | null;
}

/** What the scan found. */
export interface SensitiveScan {
  readonly namespaces: ReadonlySet<string>;
  readonly opCounts: ReadonlyMap<string, number>;
  readonly budgetScopes: ReadonlyArray<BudgetScopeHit>;
  readonly usesOsTime: boolean;
}

const escapeToken = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

const inlineScope = (items: ReadonlyArray<JsonValue>, ptr: string): BudgetScopeHit => {
  const cfg = items[1];
  const limitsObj = get(cfg, "limits");
  const limits: Record<string, number | null> = {};
  if (isObject(limitsObj)) for (const k of BUDGET_LIMIT_KEYS) limits[k] = asU64(get(limitsObj, k)) ?? null;
  return {
    kind: "inline_v1",
    ptr,
    label: asStr(get(cfg, "label")) ?? null,
    mode: asStr(get(cfg, "mode")) ?? null,
    limits,
    arch_profile_id: null,
  };
};

const archScope = (items: ReadonlyArray<JsonValue>, ptr: string): BudgetScopeHit => {
  const v = items[1];
  const id = typeof v === "string" ? v : (asStr(get(v, "profile_id")) ?? asStr(get(v, "id")) ?? null);
  return { kind: "from_arch_v1", ptr, label: null, mode: null, limits: {}, arch_profile_id: id };
};

/** Scans one expression (a body, a `solve`, any JSON). */
export const scanSensitive = (value: JsonValue): SensitiveScan => {
  const namespaces = new Set<string>();
  const opCounts = new Map<string, number>();
  const budgetScopes: BudgetScopeHit[] = [];
  let usesOsTime = false;
  const walk = (v: JsonValue, ptr: string): void => {
    if (Array.isArray(v)) {
      const items = v as ReadonlyArray<JsonValue>;
      const op = items[0];
      if (typeof op === "string") {
        opCounts.set(op, (opCounts.get(op) ?? 0) + 1);
        const ns = SENSITIVE_NAMESPACES.find((p) => op.startsWith(p));
        if (ns !== undefined) {
          namespaces.add(ns);
          if (ns === "std.os.time.") usesOsTime = true;
        }
        if (op === "budget.scope_v1") budgetScopes.push(inlineScope(items, ptr));
        else if (op === "budget.scope_from_arch_v1") budgetScopes.push(archScope(items, ptr));
      }
      items.forEach((item, i) => walk(item, `${ptr}/${i}`));
    } else if (isObject(v)) {
      for (const k of Object.keys(v).sort(byteCompare)) walk(v[k]!, `${ptr}/${escapeToken(k)}`);
    }
  };
  walk(value, "");
  return { namespaces, opCounts, budgetScopes, usesOsTime };
};
