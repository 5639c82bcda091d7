/**
 * The data the architecture check works on: the manifest (as the schema types it), scanned modules,
 * nodes with compiled matchers, and node edges with the import that first produced each.
 */
import type { TypeRef } from "../../parse/index.ts";
import type { GlobSet } from "../../core/glob.ts";

/** A trust zone (x07.arch.manifest@0.3.0). */
export type TrustZone = "verified_core" | "certified_capsule" | "test_only" | "untrusted";

/** One node of the manifest. */
export interface ManifestNode {
  readonly id: string;
  readonly match: { readonly module_prefixes: ReadonlyArray<string>; readonly path_globs: ReadonlyArray<string> };
  readonly world: string;
  readonly trust_zone: TrustZone;
  readonly visibility: { readonly mode: "public" | "restricted"; readonly visible_to: ReadonlyArray<string> };
  readonly imports: { readonly deny_prefixes: ReadonlyArray<string>; readonly allow_prefixes: ReadonlyArray<string> };
  readonly contracts?: { readonly smoke_entry?: string };
}

/** A manifest rule. */
export type ManifestRule =
  | { readonly kind: "deps_v1"; readonly id: string; readonly from: string; readonly to: ReadonlyArray<string>; readonly mode: "deny" | "allow" }
  | { readonly kind: "layers_v1"; readonly id: string; readonly layers: ReadonlyArray<string>; readonly direction: "down" }
  | { readonly kind: "deny_cycles_v1"; readonly id: string; readonly scope: "nodes" | "modules" };

/** A contract index reference (`contracts_v1.<domain>`). */
export interface ContractIndexRef {
  readonly index_path: string;
  readonly enforce: "error" | "warn" | "off";
}

/** The manifest fields the check reads (x07.arch.manifest@0.3.0; validated before use). */
export interface ArchManifest {
  readonly schema_version: "x07.arch.manifest@0.3.0";
  readonly repo: { readonly id: string; readonly root: string };
  readonly externals: { readonly allowed_import_prefixes: ReadonlyArray<string>; readonly allowed_exact: ReadonlyArray<string> };
  readonly nodes: ReadonlyArray<ManifestNode>;
  readonly rules: ReadonlyArray<ManifestRule>;
  readonly contracts_v1?: { readonly boundaries?: ContractIndexRef; readonly canonical_json: { readonly mode: string } } & { readonly [domain: string]: unknown };
  readonly checks: {
    readonly deny_cycles: boolean;
    readonly deny_orphans: boolean;
    readonly enforce_visibility: boolean;
    readonly enforce_world_caps: boolean;
    readonly allowlist_mode?: { readonly enabled: boolean; readonly default_allow_external: boolean; readonly default_allow_internal: boolean };
    readonly brand_boundary_v1?: { readonly enabled: boolean };
    readonly world_of_imported_v1?: { readonly enabled: boolean };
  };
  readonly tool_budgets: {
    readonly max_modules: number;
    readonly max_edges: number;
    readonly max_diags: number;
    readonly contracts_budgets?: { readonly max_contract_files: number; readonly max_contract_bytes: number };
  };
}

/** A function parameter as the brand checks see it. */
export interface FnParam {
  readonly name: string;
  readonly ty: TypeRef;
  readonly brand?: string;
  readonly ptr: string;
}

/** An exported-or-not function of a scanned module. */
export interface FnInfo {
  readonly kind: "defn" | "defasync";
  readonly name: string;
  readonly ptr: string;
  readonly params: ReadonlyArray<FnParam>;
  readonly result: TypeRef;
  readonly resultBrand?: string;
}

/** One scanned module. */
export interface ModuleInfo {
  /** Repo-relative path with `/` separators. */
  readonly relPath: string;
  readonly moduleId: string;
  readonly imports: ReadonlyArray<{ readonly module: string; readonly ptr: string }>;
  readonly exports: ReadonlySet<string>;
  readonly functions: ReadonlyArray<FnInfo>;
}

/** A node with its compiled path matcher and its index in `manifest.nodes`. */
export interface NodeInfo {
  readonly index: number;
  readonly node: ManifestNode;
  readonly pathGlobs: GlobSet;
}

/** The import that first produced a node edge (upstream's edge evidence). */
export interface EdgeEvidence {
  readonly modulePath: string;
  readonly moduleId: string;
  readonly import: string;
  readonly ptr: string;
}

/** `from\u0000to`: a node edge key, sorted like upstream's BTreeSet of pairs. */
export type EdgeKey = string;
export const edgeKey = (from: string, to: string): EdgeKey => `${from}\u0000${to}`;
export const splitEdge = (k: EdgeKey): readonly [string, string] => {
  const i = k.indexOf("\u0000");
  return [k.slice(0, i), k.slice(i + 1)];
};

/** Everything the rule checks read. */
export interface ArchGraph {
  readonly manifest: ArchManifest;
  readonly manifestPath: string;
  readonly modules: ReadonlyMap<string, ModuleInfo>;
  readonly moduleToNode: ReadonlyMap<string, string>;
  readonly nodeToModules: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  /** Node edges in upstream's order (sorted pairs). */
  readonly nodeEdges: ReadonlyArray<readonly [string, string]>;
  readonly evidence: ReadonlyMap<EdgeKey, EdgeEvidence>;
}

/** Code-unit string order (Rust's `str` Ord and BTreeMap order for ASCII ids). */
export const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
