/**
 * The dependency capability policy (`x07.deps.capability-policy.json`): which sensitive namespaces
 * locked dependencies may use. Each dependency's module root is scanned; a namespace that the policy's
 * default denies and the package's allowlist does not re-allow is a violation.
 */
import { Effect } from "effect";
import type { JsonValue } from "../../../core/json/index.ts";
import { makeDiagnostic } from "../../../diag/index.ts";
import type { Diagnostic } from "../../../diag/index.ts";
import { asArray, asStr, byteCompare, get, isObject } from "./json.ts";
import { dropCurDir, joinPath } from "./paths.ts";
import { readJsonFile } from "./read.ts";
import { scanModuleRoots } from "./scan.ts";
import type { LockedDep } from "./context.ts";

export interface DepsCapPolicy {
  readonly policyId: string;
  readonly deny: ReadonlyArray<string>;
  readonly packages: ReadonlyArray<{ readonly name: string; readonly allow: ReadonlyArray<string> }>;
}

/** Trims and adds the trailing dot (`std.os.net` → `std.os.net.`); empty entries are dropped. */
export const normalizeNamespaces = (xs: ReadonlyArray<string>): Set<string> => new Set(xs.map((s) => s.trim()).filter((s) => s !== "").map((s) => (s.endsWith(".") ? s : `${s}.`)));

const strings = (v: JsonValue | undefined): string[] | undefined => {
  const a = asArray(v);
  return a === undefined || !a.every((x) => typeof x === "string") ? undefined : (a as string[]);
};

/** Reads the policy's shape (policy_id; default.deny_sensitive_namespaces; packages[].{name, allow_sensitive_namespaces}). */
export const parseDepsCapPolicy = (doc: JsonValue): DepsCapPolicy | string => {
  if (!isObject(doc)) return "the policy must be a JSON object";
  const policyId = asStr(doc["policy_id"]);
  if (policyId === undefined) return "policy_id must be a string";
  const dflt = doc["default"] ?? {};
  const deny = get(dflt, "deny_sensitive_namespaces") === undefined ? [] : strings(get(dflt, "deny_sensitive_namespaces"));
  if (!isObject(dflt) || deny === undefined) return "default.deny_sensitive_namespaces must be an array of strings";
  const pkgs: Array<{ name: string; allow: string[] }> = [];
  for (const p of asArray(doc["packages"] ?? []) ?? []) {
    const name = asStr(get(p, "name"));
    const allow = get(p, "allow_sensitive_namespaces") === undefined ? [] : strings(get(p, "allow_sensitive_namespaces"));
    if (name === undefined || allow === undefined) return "packages[] entries need a name and allow_sensitive_namespaces strings";
    pkgs.push({ name, allow });
  }
  if (doc["packages"] !== undefined && asArray(doc["packages"]) === undefined) return "packages must be an array";
  return { policyId, deny, packages: pkgs };
};

export interface DepsCapOutcome {
  readonly diagnostics: Diagnostic[];
  readonly missing: boolean;
  readonly invalid: boolean;
  readonly violated: boolean;
}

/** Checks the dependencies' namespaces against the policy at `policyPath` (relative paths resolved by the caller). */
export const checkDepsCapability = (policyPath: string, root: string, lockDeps: ReadonlyArray<LockedDep> | null, failOn: boolean) =>
  Effect.gen(function* () {
    const file = yield* readJsonFile(policyPath);
    if (!file.ok && file.reason === "missing") {
      const d = makeDiagnostic("W_DEPS_CAP_POLICY_MISSING", "dependency capability policy missing", { severity: failOn ? "error" : "warning", data: { expected_path: policyPath } });
      return { diagnostics: [d], missing: true, invalid: false, violated: false } satisfies DepsCapOutcome;
    }
    const parsed = file.ok ? parseDepsCapPolicy(file.value) : file.detail;
    if (typeof parsed === "string") {
      return { diagnostics: [makeDiagnostic("E_DEPS_CAP_POLICY_INVALID", `dependency capability policy ${policyPath}: ${parsed}`, { file: policyPath })], missing: false, invalid: true, violated: false } satisfies DepsCapOutcome;
    }
    const diagnostics: Diagnostic[] = [];
    const deny = normalizeNamespaces(parsed.deny);
    for (const dep of lockDeps ?? []) {
      const scan = yield* scanModuleRoots([dropCurDir(joinPath(joinPath(root, dep.path), dep.module_root))]);
      if (scan.namespaces.size === 0) continue;
      const allow = normalizeNamespaces(parsed.packages.filter((p) => p.name === dep.name).flatMap((p) => p.allow));
      const offending = [...scan.namespaces].filter((n) => deny.has(n) && !allow.has(n)).sort(byteCompare);
      if (offending.length === 0) continue;
      diagnostics.push(
        makeDiagnostic("E_DEPS_CAP_POLICY_DENY", `dependency ${JSON.stringify(dep.name)} uses denied sensitive namespaces`, {
          data: {
            package: { name: dep.name, version: dep.version, path: dep.path },
            offending_namespaces: offending,
            policy: { path: policyPath, policy_id: parsed.policyId, rule_ptr: "/default/deny_sensitive_namespaces" },
          },
        }),
      );
    }
    return { diagnostics, missing: false, invalid: false, violated: diagnostics.length > 0 } satisfies DepsCapOutcome;
  });
