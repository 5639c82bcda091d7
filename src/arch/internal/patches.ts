/**
 * Suggested fixes, as upstream computes them: allow the external imports that were rejected (manifest
 * `externals.allowed_exact`), drop imports a node's prefix policy forbids (module `imports`), add a node
 * for each orphan module, and add a `deps_v1` allow rule for each edge allowlist mode rejected.
 *
 * Differs from upstream on purpose: the node added for an orphan carries `trust_zone: "untrusted"`, which
 * the 0.3.0 manifest schema requires (upstream's suggestion omits it, so applying it breaks the manifest).
 */
import { sha256Hex } from "../../core/json/index.ts";
import type { PatchOp } from "../../diag/index.ts";
import type { ModuleInfo } from "./model.ts";
import { cmpStr } from "./model.ts";
import type { PatchTarget } from "./report.ts";

/** The node a `--write` adds for an orphan module: matched by its path, restricted, solve-pure, untrusted. */
export const orphanNode = (moduleId: string, modulePath: string) => {
  let id = `orphan.${moduleId}`;
  if (id.length > 128) id = `orphan.${sha256Hex(id).slice(0, 32)}`;
  const first = (moduleId.split(".")[0] ?? "").trim();
  return {
    id,
    match: { module_prefixes: [], path_globs: [modulePath] },
    world: "solve-pure",
    trust_zone: "untrusted",
    visibility: { mode: "restricted", visible_to: [] },
    imports: { deny_prefixes: [], allow_prefixes: first === "" ? ["std.", "ext."] : ["std.", "ext.", `${first}.`] },
  };
};

/** The id of the allow rule added for an edge. */
export const allowRuleId = (from: string, to: string): string => {
  const raw = `allow:${from}->${to}`;
  return raw.length <= 128 ? raw : `allow:sha256:${sha256Hex(raw)}`;
};

/** Everything the patches are computed from. */
export interface PatchInputs {
  readonly manifestPath: string;
  readonly allowedExact: ReadonlyArray<string>;
  readonly externalNotAllowed: ReadonlyArray<string>;
  readonly importsToRemove: ReadonlyMap<string, ReadonlySet<string>>;
  readonly modules: ReadonlyMap<string, ModuleInfo>;
  readonly denyOrphans: boolean;
  readonly orphans: ReadonlyArray<readonly [string, string]>;
  readonly missingAllowEdges: ReadonlyArray<readonly [string, string]>;
}

/** The suggested patches, one target per file, sorted by path. */
export const suggestPatches = (p: PatchInputs): PatchTarget[] => {
  const byPath = new Map<string, { path: string; patch: PatchOp[]; note?: string }>();
  const manifestTarget = (note: string) => {
    const t = byPath.get(p.manifestPath) ?? { path: p.manifestPath, patch: [], note };
    byPath.set(p.manifestPath, t);
    return t;
  };
  const exact = new Set(p.allowedExact);
  const allow = p.externalNotAllowed.filter((i) => !exact.has(i)).map((i): PatchOp => ({ op: "add", path: "/externals/allowed_exact/-", value: i }));
  if (allow.length > 0) byPath.set(p.manifestPath, { path: p.manifestPath, patch: allow, note: "Allow external imports explicitly (exact)." });
  for (const [moduleId, drop] of [...p.importsToRemove].sort(([a], [b]) => cmpStr(a, b))) {
    const m = p.modules.get(moduleId);
    if (m === undefined) continue;
    const kept = m.imports.map((i) => i.module).filter((i) => !drop.has(i));
    byPath.set(m.relPath, { path: m.relPath, patch: [{ op: "replace", path: "/imports", value: kept }], note: "Remove forbidden imports." });
  }
  if (p.denyOrphans && p.orphans.length > 0) {
    const t = manifestTarget("Add nodes for orphan modules.");
    for (const [id, path] of p.orphans) t.patch.push({ op: "add", path: "/nodes/-", value: orphanNode(id, path) });
  }
  if (p.missingAllowEdges.length > 0) {
    const t = manifestTarget("Allow internal edges explicitly.");
    for (const [from, to] of p.missingAllowEdges) t.patch.push({ op: "add", path: "/rules/-", value: { kind: "deps_v1", id: allowRuleId(from, to), from, to: [to], mode: "allow" } });
  }
  return [...byPath.values()].sort((a, b) => cmpStr(a.path, b.path));
};
