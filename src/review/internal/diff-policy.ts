/**
 * The sandbox-policy differ (`*.policy.json`, `.x07/policies/**`): boolean switches, allowlists,
 * resource limits and the set of declared capabilities. Network switches and host allowlists also feed
 * the network-policy and sandbox-policy highlights.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { allowlistEntries, asBool, asU64, difference, jsonEq, pointer } from "./json.ts";
import type { Maybe } from "./json.ts";
import { pushChange, pushSimple } from "./model.ts";
import type { DiffCtx } from "./model.ts";

/** Compared switches, in report order: pointer, highlight kind, subject. */
export const POLICY_BOOLS: ReadonlyArray<readonly [ptr: string, kind: "policy_field" | "policy_language_toggle", subject: string]> = [
  ["/fs/enabled", "policy_field", "policy.fs.enabled"],
  ["/language/allow_unsafe", "policy_language_toggle", "policy.language.allow_unsafe"],
  ["/language/allow_ffi", "policy_language_toggle", "policy.language.allow_ffi"],
  ["/net/enabled", "policy_field", "policy.net.enabled"],
  ["/net/allow_dns", "policy_field", "policy.net.allow_dns"],
  ["/net/allow_tcp", "policy_field", "policy.net.allow_tcp"],
  ["/net/allow_udp", "policy_field", "policy.net.allow_udp"],
  ["/env/enabled", "policy_field", "policy.env.enabled"],
  ["/process/enabled", "policy_field", "policy.process.enabled"],
  ["/process/allow_spawn", "policy_field", "policy.process.allow_spawn"],
  ["/process/allow_exec", "policy_field", "policy.process.allow_exec"],
  ["/process/allow_exit", "policy_field", "policy.process.allow_exit"],
  ["/time/allow_wall_clock", "policy_field", "policy.time.allow_wall_clock"],
];

/** Compared allowlists, in report order. */
export const POLICY_ALLOWLISTS: ReadonlyArray<readonly [ptr: string, subject: string]> = [
  ["/fs/read_roots", "policy.fs.read_roots"],
  ["/fs/write_roots", "policy.fs.write_roots"],
  ["/env/allow_keys", "policy.env.allow_keys"],
  ["/process/allow_execs", "policy.process.allow_execs"],
  ["/process/allow_exec_prefixes", "policy.process.allow_exec_prefixes"],
  ["/net/allow_hosts", "policy.net.allow_hosts"],
];

export const POLICY_LIMITS = ["cpu_ms", "wall_ms", "mem_bytes", "fds", "procs"] as const;

/** Switches whose enabling is high severity. */
const HIGH_ON_ENABLE = new Set(["policy.language.allow_unsafe", "policy.language.allow_ffi", "policy.net.enabled", "policy.process.enabled"]);
/** Allowlists whose widening is high severity. */
const HIGH_ON_WIDEN = new Set(["policy.net.allow_hosts", "policy.process.allow_execs", "policy.process.allow_exec_prefixes", "policy.fs.write_roots"]);

/** Capabilities a policy declares by enabling them. */
const DECLARED_CAPS: ReadonlyArray<readonly [string, string]> = [
  ["/fs/enabled", "fs"],
  ["/net/enabled", "net"],
  ["/env/enabled", "env"],
  ["/time/enabled", "time"],
  ["/process/enabled", "process"],
  ["/language/allow_unsafe", "allow_unsafe"],
  ["/language/allow_ffi", "allow_ffi"],
];

const ptrBool = (v: Maybe, ptr: string): boolean | null => (v === undefined ? null : (asBool(pointer(v, ptr)) ?? null));

const compareBool = (ctx: DiffCtx, ptr: string, kind: string, subject: string): void => {
  const { sink, highlights, path } = ctx;
  const b = ptrBool(ctx.before, ptr);
  const a = ptrBool(ctx.after, ptr);
  if (b === a) return;
  const severity = a === true && (kind === "policy_language_toggle" || HIGH_ON_ENABLE.has(subject)) ? "high" : "warn";
  sink.push(highlights.policy_changes, { kind, severity, subject, path, ptr_before: ptr, ptr_after: ptr, before: b, after: a, notes: [] });
  if (subject.startsWith("policy.net.")) sink.push(highlights.network_policy_changes, { kind: "network_policy", severity, subject, path, before: b, after: a });
  if (subject === "policy.net.enabled" && a === true) sink.push(highlights.sandbox_policy_changes, { kind: "sandbox_policy", severity: "high", subject, path, before: b, after: a });
  pushChange(ctx, "policy_bool_changed", severity, `${subject} changed`, { ptr_before: ptr, ptr_after: ptr, before: b, after: a });
};

const compareAllowlist = (ctx: DiffCtx, ptr: string, subject: string): void => {
  const { sink, highlights, path } = ctx;
  const b: JsonValue = (ctx.before === undefined ? undefined : pointer(ctx.before, ptr)) ?? [];
  const a: JsonValue = (ctx.after === undefined ? undefined : pointer(ctx.after, ptr)) ?? [];
  const bs = allowlistEntries(b);
  const as = allowlistEntries(a);
  const added = difference(as, bs);
  const removed = difference(bs, as);
  if (jsonEq(b, a)) return;
  const widened = added.length > 0;
  const severity = widened && HIGH_ON_WIDEN.has(subject) ? "high" : "warn";
  const notes = [`added entries: ${added.length}`, `removed entries: ${removed.length}`];
  sink.push(highlights.policy_changes, { kind: "policy_allowlist", severity, subject, path, ptr_before: ptr, ptr_after: ptr, before: b, after: a, notes });
  if (widened && subject === "policy.net.allow_hosts") {
    sink.push(highlights.network_policy_changes, { kind: "network_allowlist", severity: "high", subject, path, before: b, after: a });
    sink.push(highlights.sandbox_policy_changes, { kind: "sandbox_policy", severity: "high", subject, path, before: b, after: a });
  }
  pushChange(ctx, "policy_allowlist_changed", severity, `${subject} changed`, { ptr_before: ptr, ptr_after: ptr, before: b, after: a, notes });
};

const declaredCaps = (v: Maybe): Set<string> => new Set(v === undefined ? [] : DECLARED_CAPS.filter(([ptr]) => asBool(pointer(v, ptr)) === true).map(([, name]) => name));

export const diffPolicy = (ctx: DiffCtx): void => {
  const { sink, highlights, path } = ctx;
  for (const [ptr, kind, subject] of POLICY_BOOLS) compareBool(ctx, ptr, kind, subject);
  for (const [ptr, subject] of POLICY_ALLOWLISTS) compareAllowlist(ctx, ptr, subject);
  for (const field of POLICY_LIMITS) {
    const ptr = `/limits/${field}`;
    const b = ctx.before === undefined ? undefined : asU64(pointer(ctx.before, ptr));
    const a = ctx.after === undefined ? undefined : asU64(pointer(ctx.after, ptr));
    if (b === a) continue;
    const severity = b !== undefined && a !== undefined && a > b ? "high" : "warn";
    const change = { kind: "policy_limit", severity, subject: `policy.limits.${field}`, path, ptr_before: ptr, ptr_after: ptr, before: b ?? null, after: a ?? null, notes: [] };
    sink.push(highlights.policy_changes, change);
    sink.push(highlights.budget_changes, { ...change });
  }
  const bd = declaredCaps(ctx.before);
  const ad = declaredCaps(ctx.after);
  const added = difference(ad, bd);
  const removed = difference(bd, ad);
  if (added.length > 0 || removed.length > 0) {
    const severity = added.some((s) => s === "allow_unsafe" || s === "allow_ffi") ? "high" : "warn";
    sink.push(highlights.capability_changes, { kind: "declared_policy", severity, subject: "declared policy capabilities", path, added, removed, notes: [] });
  }
  if (ctx.file.changes.length === 0) pushSimple(ctx, "policy_changed", "warn", "policy changed");
};
