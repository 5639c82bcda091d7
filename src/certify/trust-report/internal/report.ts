/**
 * Assembling the `x07.trust.report@0.1.0` document from the project context, the static scan and
 * the observed inputs, and the `--fail-on` gates over it.
 */
import type { JsonValue } from "../../../core/json/index.ts";
import { WORLDS } from "../../../core/worlds/table.ts";
import { SDK_VERSION } from "../../../version.ts";
import { asBool, byteCompare, pointer } from "./json.ts";
import type { Maybe } from "./json.ts";
import type { ProjectContext } from "./context.ts";
import type { Observed } from "./observed.ts";
import { observedBudget } from "./observed.ts";
import type { SbomComponent, SbomFormat } from "./sbom.ts";
import type { StaticScan } from "./scan.ts";

/** The trust report's `--fail-on` conditions. */
export const TRUST_FAIL_ON = ["allow-unsafe", "allow-ffi", "net-enabled", "process-enabled", "nondeterminism", "sbom-missing", "deps-capability"] as const;

/**
 * A trust report `--fail-on` condition.
 * @since 0.1.0
 * @category models
 */
export type TrustFailOn = (typeof TRUST_FAIL_ON)[number];

export const isTrustFailOn = (s: string): s is TrustFailOn => (TRUST_FAIL_ON as ReadonlyArray<string>).includes(s);

export interface NondetFlag {
  readonly kind: string;
  readonly severity: "info" | "warn" | "high";
  readonly summary: string;
  readonly details: Record<string, JsonValue>;
}

const policyBool = (policy: Maybe, ptr: string): boolean => asBool(pointer(policy, ptr)) ?? false;

/** Policy switches that are nondeterminism sources: pointer, flag kind, severity, summary. */
const POLICY_FLAGS: ReadonlyArray<readonly [string, string, NondetFlag["severity"], string]> = [
  ["/language/allow_unsafe", "allow_unsafe", "high", "policy enables language.allow_unsafe"],
  ["/language/allow_ffi", "allow_ffi", "high", "policy enables language.allow_ffi"],
  ["/net/enabled", "net_enabled", "warn", "policy enables network access"],
  ["/process/enabled", "process_enabled", "warn", "policy enables process spawning"],
  ["/env/enabled", "os_env", "warn", "policy enables environment access"],
];

/** The nondeterminism flags, sorted by kind. */
export const nondeterminismFlags = (ctx: ProjectContext, usesOsTime: boolean): NondetFlag[] => {
  const flags: NondetFlag[] = [];
  if (!WORLDS[ctx.world].eval) flags.push({ kind: "world_non_deterministic", severity: "high", summary: `world ${ctx.world} can observe host OS state`, details: {} });
  const policy = ctx.policyDoc ?? undefined;
  if (policy !== undefined) {
    for (const [ptr, kind, severity, summary] of POLICY_FLAGS) if (policyBool(policy, ptr)) flags.push({ kind, severity, summary, details: {} });
    if (policyBool(policy, "/time/allow_wall_clock") && usesOsTime) flags.push({ kind: "os_time", severity: "warn", summary: "code calls std.os.time.* while wall clock is allowed", details: {} });
  }
  return flags.sort((a, b) => byteCompare(a.kind, b.kind));
};

const orNull = (v: Maybe): JsonValue => (v === undefined ? null : v);
const orEmpty = (v: Maybe): JsonValue => (v === undefined ? [] : v);

/** The declared policy, reduced to the fields the report shows. */
export const policySubset = (p: JsonValue): JsonValue => ({
  fs: { enabled: policyBool(p, "/fs/enabled"), read_roots: orEmpty(pointer(p, "/fs/read_roots")), write_roots: orEmpty(pointer(p, "/fs/write_roots")) },
  net: {
    enabled: policyBool(p, "/net/enabled"),
    allow_dns: orNull(pointer(p, "/net/allow_dns")),
    allow_tcp: orNull(pointer(p, "/net/allow_tcp")),
    allow_udp: orNull(pointer(p, "/net/allow_udp")),
    allow_hosts: orEmpty(pointer(p, "/net/allow_hosts")),
  },
  env: { enabled: policyBool(p, "/env/enabled"), allow_keys: orEmpty(pointer(p, "/env/allow_keys")), deny_keys: orEmpty(pointer(p, "/env/deny_keys")) },
  time: {
    enabled: policyBool(p, "/time/enabled"),
    allow_monotonic: orNull(pointer(p, "/time/allow_monotonic")),
    allow_wall_clock: orNull(pointer(p, "/time/allow_wall_clock")),
    allow_sleep: orNull(pointer(p, "/time/allow_sleep")),
    max_sleep_ms: orNull(pointer(p, "/time/max_sleep_ms")),
    allow_local_tzid: orNull(pointer(p, "/time/allow_local_tzid")),
  },
  process: {
    enabled: policyBool(p, "/process/enabled"),
    allow_spawn: orNull(pointer(p, "/process/allow_spawn")),
    allow_exec: orNull(pointer(p, "/process/allow_exec")),
    allow_exit: orNull(pointer(p, "/process/allow_exit")),
    allow_execs: orEmpty(pointer(p, "/process/allow_execs")),
    allow_exec_prefixes: orEmpty(pointer(p, "/process/allow_exec_prefixes")),
  },
  language: { allow_unsafe: orNull(pointer(p, "/language/allow_unsafe")), allow_ffi: orNull(pointer(p, "/language/allow_ffi")) },
});

/** The policy's limits (null for an absent one), or null when the policy has no `limits`. */
export const policyLimits = (p: JsonValue): JsonValue => {
  const limits = pointer(p, "/limits");
  if (limits === undefined) return null;
  return Object.fromEntries(["cpu_ms", "wall_ms", "mem_bytes", "fds", "procs"].map((k) => [k, orNull(pointer(limits, `/${k}`))]));
};

export interface Invocation {
  readonly argv: ReadonlyArray<string>;
  readonly cwd: string;
  readonly startedAtUnixMs: number;
}

export interface SbomSection {
  readonly format: SbomFormat;
  readonly generated: boolean;
  readonly path: string | null;
  readonly components: ReadonlyArray<SbomComponent>;
}

/** The whole report document. */
export const buildReport = (ctx: ProjectContext, scan: StaticScan, observed: Observed, flags: ReadonlyArray<NondetFlag>, sbom: SbomSection, inv: Invocation): JsonValue => {
  const capsObserved: JsonValue = Object.keys(observed.caps).length > 0 ? observed.caps : WORLDS[ctx.world].eval ? { mode: "deterministic-eval" } : null;
  return {
    schema_version: "x07.trust.report@0.1.0",
    tool: { name: "x07", version: SDK_VERSION },
    invocation: { argv: [...inv.argv], cwd: inv.cwd, started_at_unix_ms: inv.startedAtUnixMs, project_path: ctx.projectPath, profile: ctx.profile },
    project: {
      root: ctx.root,
      world: ctx.world,
      runner: ctx.runner,
      module_roots: ctx.moduleRoots,
      profile: ctx.profile,
      manifest_path: ctx.projectPath,
      lockfile_path: ctx.lockfilePath,
      stdlib_lock_path: ctx.stdlibLockPath,
      arch_root: ctx.archRoot,
      arch_manifest_path: ctx.archManifestPath,
      policy_base_path: ctx.policyPath,
      policy_effective_path: ctx.policyPath,
    },
    budgets: {
      caps: { run_profile: { ...ctx.runCaps }, policy_limits: ctx.policyDoc === null ? null : policyLimits(ctx.policyDoc) },
      scopes: scan.scopes.map((s) => ({ ...s, limits: { ...s.limits } })),
      arch_profiles: ctx.archBudgetProfiles.map((p) => ({ ...p })),
      observed: observedBudget(observed),
    },
    capabilities: {
      world: ctx.world,
      declared: { policy: ctx.policyDoc === null ? null : policySubset(ctx.policyDoc), arch_world_assignments: ctx.archWorldAssignments.map((a) => ({ ...a })) },
      used: { namespaces: [...scan.namespaces].sort(byteCompare), details: Object.fromEntries([...scan.opCounts].sort(([a], [b]) => byteCompare(a, b))) },
      observed: capsObserved,
    },
    nondeterminism: { flags: flags.map((f) => ({ ...f })) },
    sbom: {
      format: sbom.format,
      generated: sbom.generated,
      path: sbom.path,
      cyclonedx: sbom.format === "cyclonedx" ? { spec_version: "1.5" } : null,
      spdx: sbom.format === "spdx" ? { spec_version: "2.3" } : null,
      components: sbom.components.map((c) => ({ ...c })),
    },
  };
};

/** The `--fail-on` conditions among `failOn` that hold (deps-capability is decided by the policy check). */
export const firedTrustGates = (flags: ReadonlyArray<NondetFlag>, sbom: SbomSection, failOn: ReadonlyArray<TrustFailOn>, depsCapFired: boolean): TrustFailOn[] => {
  const has = (k: string) => flags.some((f) => f.kind === k);
  const test: Record<TrustFailOn, () => boolean> = {
    "allow-unsafe": () => has("allow_unsafe"),
    "allow-ffi": () => has("allow_ffi"),
    "net-enabled": () => has("net_enabled"),
    "process-enabled": () => has("process_enabled"),
    nondeterminism: () => flags.length > 0,
    "sbom-missing": () => !sbom.generated || sbom.path === null,
    "deps-capability": () => depsCapFired,
  };
  return [...new Set(failOn)].filter((g) => test[g]());
};
