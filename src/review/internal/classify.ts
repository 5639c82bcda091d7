/** Which differ a file goes to: the first rule that matches its path (lower-cased) or schema_version. */
import { asStr, get } from "./json.ts";
import type { Maybe } from "./json.ts";

export type FileKind = "proof" | "trust_certificate" | "peer_policy" | "dependency_closure" | "lockfile" | "x07ast" | "project" | "arch" | "policy" | "json" | "text";

interface Rule {
  readonly kind: FileKind;
  readonly test: (lower: string, schemaVersion: string | undefined) => boolean;
}

/** The classification table, in priority order. */
export const CLASSIFY_RULES: ReadonlyArray<Rule> = [
  {
    kind: "proof",
    test: (p, v) => p.endsWith("verify.coverage.json") || p.endsWith("verify.summary.json") || v === "x07.verify.coverage@0.4.0" || v === "x07.verify.summary@0.2.0",
  },
  { kind: "trust_certificate", test: (p, v) => p.endsWith("certificate.json") || (v?.startsWith("x07.trust.certificate@") ?? false) },
  { kind: "peer_policy", test: (_p, v) => v === "x07.peer.policy@0.1.0" },
  { kind: "dependency_closure", test: (p, v) => v === "x07.dep.closure.attest@0.1.0" || p.endsWith("dep.closure.attest.json") },
  { kind: "lockfile", test: (p) => p === "x07.lock.json" },
  { kind: "x07ast", test: (p) => p.endsWith(".x07.json") },
  { kind: "project", test: (p) => p === "x07.json" || p.endsWith(".x07project.json") },
  { kind: "arch", test: (p) => p.includes("/arch/") || p.startsWith("arch/") },
  { kind: "policy", test: (p) => p.endsWith(".policy.json") || p.includes("/.x07/policies/") },
];

/**
 * Classifies a file by its relative path and parsed sides. The schema_version is taken from the
 * before side when it has one, else from the after side. Unmatched files are "json" when either side
 * parsed as JSON, else "text".
 */
export const classifyFile = (rel: string, before: Maybe, after: Maybe): FileKind => {
  const lower = rel.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const fromBefore = get(before, "schema_version");
  const sv = asStr(fromBefore !== undefined ? fromBefore : get(after, "schema_version"));
  const hit = CLASSIFY_RULES.find((r) => r.test(lower, sv));
  if (hit !== undefined) return hit.kind;
  return before !== undefined || after !== undefined ? "json" : "text";
};

/** Runtime attestations are JSON files under `runtime-attest/` or named `runtime.attest.json`. */
export const isRuntimeAttestationPath = (rel: string): boolean => rel.includes("runtime-attest/") || rel.endsWith("runtime.attest.json");
