/**
 * Node assignment and the import walk: which node each module belongs to (orphans, overlaps), the
 * external-import allowlist, per-node deny/allow prefixes, and the module and node edges with the import
 * that first produced each edge. Pure; diagnostics come back in upstream's order.
 */
import type { Diagnostic } from "../../diag/index.ts";
import { archDiag } from "./diag.ts";
import type { ArchManifest, EdgeEvidence, EdgeKey, ModuleInfo, NodeInfo } from "./model.ts";
import { cmpStr, edgeKey, splitEdge } from "./model.ts";

/** Node assignment of every module. */
export interface Assignment {
  readonly moduleToNode: ReadonlyMap<string, string>;
  readonly nodeToModules: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Modules matching no node: [module_id, module_path]. */
  readonly orphans: ReadonlyArray<readonly [string, string]>;
  readonly diags: ReadonlyArray<Diagnostic>;
}

/** A module belongs to a node when its id starts with one of the node's module prefixes or its path matches one of its globs. */
export const assignNodes = (manifest: ArchManifest, nodes: ReadonlyArray<NodeInfo>, modules: ReadonlyMap<string, ModuleInfo>): Assignment => {
  const moduleToNode = new Map<string, string>();
  const nodeToModules = new Map<string, string[]>();
  const orphans: Array<readonly [string, string]> = [];
  const diags: Diagnostic[] = [];
  for (const [moduleId, m] of modules) {
    const hits = nodes.filter((n) => n.node.match.module_prefixes.some((p) => moduleId.startsWith(p)) || n.pathGlobs.matches(m.relPath));
    if (hits.length === 0) {
      orphans.push([moduleId, m.relPath]);
      if (manifest.checks.deny_orphans)
        diags.push(archDiag("E_ARCH_NODE_ORPHAN_MODULE", "module matched no node", { file: m.relPath, ptr: "/module_id", data: { module_id: moduleId, module_path: m.relPath } }));
      continue;
    }
    if (hits.length > 1) {
      diags.push(
        archDiag("E_ARCH_NODE_OVERLAP_MODULE", "module matched multiple nodes", {
          file: m.relPath,
          ptr: "/module_id",
          data: { module_id: moduleId, module_path: m.relPath, matched_nodes: hits.map((n) => n.node.id) },
        }),
      );
      continue;
    }
    const nodeId = (hits[0] as NodeInfo).node.id;
    moduleToNode.set(moduleId, nodeId);
    nodeToModules.set(nodeId, [...(nodeToModules.get(nodeId) ?? []), moduleId]);
  }
  for (const [k, v] of nodeToModules) nodeToModules.set(k, [...new Set(v)].sort(cmpStr));
  return { moduleToNode, nodeToModules, orphans, diags };
};

/** The import walk's result. */
export interface ImportWalk {
  readonly moduleEdgeCount: number;
  readonly nodeEdges: ReadonlyArray<readonly [string, string]>;
  readonly evidence: ReadonlyMap<EdgeKey, EdgeEvidence>;
  /** External imports the externals policy does not allow (for the suggested patch). */
  readonly externalNotAllowed: ReadonlyArray<string>;
  /** Per module: imports its node's prefix policy forbids (for the suggested patch). */
  readonly importsToRemove: ReadonlyMap<string, ReadonlySet<string>>;
  readonly diags: ReadonlyArray<Diagnostic>;
}

/** Walks every import of every module (module-id order) once. */
export const walkImports = (manifest: ArchManifest, nodesById: ReadonlyMap<string, NodeInfo>, modules: ReadonlyMap<string, ModuleInfo>, moduleToNode: ReadonlyMap<string, string>): ImportWalk => {
  const allowlist = manifest.checks.allowlist_mode?.enabled === true ? manifest.checks.allowlist_mode : undefined;
  const allowedExact = new Set(manifest.externals.allowed_exact);
  const allowedPrefixes = allowlist !== undefined && !allowlist.default_allow_external ? [] : manifest.externals.allowed_import_prefixes;
  const moduleEdges = new Set<string>();
  const nodeEdges = new Set<EdgeKey>();
  const evidence = new Map<EdgeKey, EdgeEvidence>();
  const external = new Set<string>();
  const toRemove = new Map<string, Set<string>>();
  const diags: Diagnostic[] = [];
  const remove = (moduleId: string, imp: string) => toRemove.set(moduleId, new Set([...(toRemove.get(moduleId) ?? []), imp]));

  for (const [moduleId, m] of modules) {
    for (const { module: imp, ptr } of m.imports) {
      const internal = modules.has(imp);
      const at = { file: m.relPath, ptr };
      if (!internal && !(allowedExact.has(imp) || allowedPrefixes.some((p) => imp.startsWith(p)))) {
        diags.push(archDiag("E_ARCH_EXTERNAL_IMPORT_NOT_ALLOWED", "external import is not allowed by externals policy", { ...at, data: { module_id: moduleId, module_path: m.relPath, import: imp } }));
        external.add(imp);
      }
      const fromId = moduleToNode.get(moduleId);
      const from = fromId === undefined ? undefined : nodesById.get(fromId);
      if (fromId === undefined || from === undefined) continue;
      if (manifest.checks.enforce_world_caps) {
        const denied = from.node.imports.deny_prefixes.find((p) => imp.startsWith(p));
        if (denied !== undefined) {
          remove(moduleId, imp);
          diags.push(
            archDiag("E_ARCH_IMPORT_PREFIX_DENIED", "node import policy denies this prefix", {
              ...at,
              data: { node: fromId, module_id: moduleId, module_path: m.relPath, import: imp, denied_prefix: denied },
            }),
          );
        } else if (from.node.imports.allow_prefixes.length > 0 && !from.node.imports.allow_prefixes.some((p) => imp.startsWith(p))) {
          remove(moduleId, imp);
          diags.push(
            archDiag("E_ARCH_IMPORT_PREFIX_NOT_ALLOWED", "node import policy does not allow this import prefix", {
              ...at,
              data: { node: fromId, module_id: moduleId, module_path: m.relPath, import: imp },
            }),
          );
        }
      }
      if (internal) {
        const toId = moduleToNode.get(imp);
        if (toId === undefined) continue;
        moduleEdges.add(`${moduleId}\u0000${imp}`);
        const k = edgeKey(fromId, toId);
        nodeEdges.add(k);
        if (!evidence.has(k)) evidence.set(k, { modulePath: m.relPath, moduleId, import: imp, ptr });
      }
    }
  }
  return {
    moduleEdgeCount: moduleEdges.size,
    nodeEdges: [...nodeEdges].sort(cmpStr).map(splitEdge),
    evidence,
    externalNotAllowed: [...external].sort(cmpStr),
    importsToRemove: toRemove,
    diags,
  };
};
