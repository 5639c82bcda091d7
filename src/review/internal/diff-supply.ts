/**
 * Differs for supply-chain and runtime evidence: the lockfile, dependency-closure attestations, peer
 * policies and runtime attestations.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { allowlistEntries, asArray, asBool, asStr, byteCompare, get, isSubset, jsonEq, orElse, orNull, pointer } from "./json.ts";
import type { Maybe } from "./json.ts";
import { pushSimple } from "./model.ts";
import type { DiffCtx } from "./model.ts";
import { tlsModeRank } from "./ranks.ts";

/** The lockfile's `name@version` set, sorted. */
const lockfilePackages = (v: Maybe): JsonValue => {
  const out: string[] = [];
  for (const dep of asArray(get(v, "dependencies")) ?? []) {
    const name = asStr(get(dep, "name"));
    const version = asStr(get(dep, "version"));
    if (name !== undefined && version !== undefined) out.push(`${name}@${version}`);
  }
  return out.sort(byteCompare);
};

/** Some dependency is yanked or carries advisories. */
const hasAdvisoryAllowance = (v: Maybe): boolean =>
  (asArray(get(v, "dependencies")) ?? []).some((d) => asBool(get(d, "yanked")) === true || (asArray(get(d, "advisories"))?.length ?? 0) > 0);

export const diffLockfile = (ctx: DiffCtx): void => {
  const { before, after, path, sink, highlights } = ctx;
  if (jsonEq(before, after)) return;
  const out = highlights.dependency_closure_changes;
  const bp = lockfilePackages(before);
  const ap = lockfilePackages(after);
  if (!jsonEq(bp, ap)) sink.push(out, { kind: "package_set", severity: "high", subject: path, path, before: bp, after: ap });
  sink.push(out, { kind: "lockfile_hash", severity: "high", subject: path, path, before: orNull(before), after: orNull(after) });
  if (hasAdvisoryAllowance(after) && !hasAdvisoryAllowance(before)) {
    sink.push(out, { kind: "advisory_allowance", severity: "high", subject: path, path, before: orNull(before), after: orNull(after) });
  }
  pushSimple(ctx, "lockfile_changed", "high", "lockfile changed");
};

export const diffDependencyClosure = (ctx: DiffCtx): void => {
  const { before, after, path, sink, highlights } = ctx;
  if (jsonEq(before, after)) return;
  const out = highlights.dependency_closure_changes;
  const bd = get(before, "package_set_digest");
  const ad = get(after, "package_set_digest");
  if (!jsonEq(bd, ad)) sink.push(out, { kind: "package_set", severity: "high", subject: path, path, before: orNull(bd), after: orNull(ad) });
  const bl = get(before, "lockfile_digest");
  const al = get(after, "lockfile_digest");
  if (!jsonEq(bl, al)) sink.push(out, { kind: "lockfile_hash", severity: "high", subject: path, path, before: orNull(bl), after: orNull(al) });
  const bOk = asBool(pointer(before, "/advisory_check/ok")) ?? true;
  const aOk = asBool(pointer(after, "/advisory_check/ok")) ?? true;
  if (bOk && !aOk) sink.push(out, { kind: "advisory_allowance", severity: "high", subject: path, path, before: orNull(before), after: orNull(after) });
  pushSimple(ctx, "dependency_closure_changed", "high", "dependency closure changed");
};

const setOf = (v: Maybe, key: string): Set<string> => allowlistEntries(get(v, key) ?? []);

/** Whether a peer policy got weaker: host, transport changed; ports added; TLS weaker; CA roots or pins removed. */
export const peerPolicyRelaxed = (b: Maybe, a: Maybe): boolean => {
  if (a === undefined) return b !== undefined;
  if (b === undefined) return true;
  return (
    !jsonEq(get(b, "host"), get(a, "host")) ||
    !isSubset(setOf(a, "ports"), setOf(b, "ports")) ||
    !jsonEq(get(b, "transport"), get(a, "transport")) ||
    tlsModeRank(get(a, "tls_mode")) < tlsModeRank(get(b, "tls_mode")) ||
    !isSubset(setOf(b, "ca_paths"), setOf(a, "ca_paths")) ||
    !isSubset(setOf(b, "spki_sha256"), setOf(a, "spki_sha256"))
  );
};

export const diffPeerPolicy = (ctx: DiffCtx): void => {
  const { before, after, path, sink, highlights } = ctx;
  if (jsonEq(before, after)) return;
  const severity = peerPolicyRelaxed(before, after) ? "high" : "warn";
  sink.push(highlights.peer_policy_changes, { kind: "peer_policy", severity, subject: path, path, before: orNull(before), after: orNull(after) });
  pushSimple(ctx, "peer_policy_changed", severity, "peer policy changed");
};

export const diffRuntimeAttestation = (ctx: DiffCtx): void => {
  const { before, after, path, sink, highlights } = ctx;
  if (jsonEq(before, after)) return;
  const afterBackend = get(after, "sandbox_backend");
  const bWeaker = orElse(get(before, "weaker_isolation"), false)!;
  const aWeaker = orElse(get(after, "weaker_isolation"), false)!;
  const weakerChanged = !jsonEq(bWeaker, aWeaker);
  const severity = weakerChanged || afterBackend !== "vm" ? "high" : "warn";
  sink.push(highlights.runtime_attestation_changes, { kind: "runtime_attestation", severity, subject: path, path, before: orNull(before), after: orNull(after) });
  if (weakerChanged && aWeaker === true) {
    sink.push(highlights.sandbox_policy_changes, { kind: "weaker_isolation", severity: "high", subject: path, path, before: bWeaker, after: aWeaker });
  }
  pushSimple(ctx, "runtime_attestation_changed", severity, "runtime attestation changed");
};
