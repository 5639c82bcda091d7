/**
 * Architecture documents for scaffolds: `arch/manifest.x07arch.json` (x07.arch.manifest@0.3.0) and
 * `arch/boundaries/index.x07boundary.json` (x07.arch.boundaries.index@0.1.0). Manifests are strict from the
 * start (allowlist mode, no orphans, visibility, world caps) and list their nodes lowest layer first, so
 * every import a template makes is allowed by the one `layers_v1` rule.
 */
import { json } from "./files.ts";

/** One node: the files it owns (path globs), its world and trust zone, and the import prefixes it may use. */
export interface NodeSpec {
  readonly id: string;
  readonly globs: ReadonlyArray<string>;
  readonly world: string;
  readonly zone: "verified_core" | "certified_capsule" | "test_only" | "untrusted";
  /**
   * Nodes that may import this one. When given, the node is restricted to them (arch check then skips its
   * brand-boundary check, which covers public nodes only); tests pass [] (nobody imports tests).
   */
  readonly visibleTo?: ReadonlyArray<string>;
  readonly allow: ReadonlyArray<string>;
  readonly deny?: ReadonlyArray<string>;
}

export interface ArchSpec {
  readonly repoId: string;
  /** Lowest layer first: a node may import itself and the nodes before it. */
  readonly nodes: ReadonlyArray<NodeSpec>;
  /** External modules allowed by exact id (allowlist mode ignores prefixes). */
  readonly externals: ReadonlyArray<string>;
  readonly boundariesIndex?: string;
  /** Whether exported bytes of public nodes must carry brands (default true). */
  readonly brandBoundary?: boolean;
}

export const BOUNDARIES_INDEX_PATH = "arch/boundaries/index.x07boundary.json";
export const ARCH_MANIFEST_PATH = "arch/manifest.x07arch.json";

export const archManifest = (a: ArchSpec): string =>
  json({
    schema_version: "x07.arch.manifest@0.3.0",
    repo: { id: a.repoId, root: "." },
    externals: { allowed_import_prefixes: ["std."], allowed_exact: [...a.externals].sort() },
    nodes: a.nodes.map((n) => ({
      id: n.id,
      match: { module_prefixes: [], path_globs: [...n.globs] },
      world: n.world,
      trust_zone: n.zone,
      visibility: n.visibleTo !== undefined ? { mode: "restricted", visible_to: [...n.visibleTo] } : { mode: "public", visible_to: [] },
      imports: { deny_prefixes: [...(n.deny ?? ["std.os.", "ext."])], allow_prefixes: [...n.allow] },
    })),
    rules: [
      { kind: "layers_v1", id: "layers.scaffold_v1", layers: a.nodes.map((n) => n.id), direction: "down" },
      { kind: "deny_cycles_v1", id: "deny_cycles.nodes_v1", scope: "nodes" },
    ],
    checks: {
      deny_cycles: true,
      deny_orphans: true,
      enforce_visibility: true,
      enforce_world_caps: true,
      allowlist_mode: { enabled: true, default_allow_external: false, default_allow_internal: false },
      brand_boundary_v1: { enabled: a.brandBoundary ?? true },
      world_of_imported_v1: { enabled: true },
    },
    ...(a.boundariesIndex !== undefined ? { contracts_v1: { boundaries: { index_path: a.boundariesIndex, enforce: "error" }, canonical_json: { mode: "jcs_rfc8785_v1" } } } : {}),
    tool_budgets: { max_modules: 1000, max_edges: 4000, max_diags: 1000 },
  });

/** One public boundary: the kernel function, its signature, and the tests that stand behind it. */
export interface BoundarySpec {
  readonly id: string;
  readonly symbol: string;
  readonly nodeId: string;
  readonly params: ReadonlyArray<{ readonly name: string; readonly ty: string }>;
  readonly result: string;
  readonly smokeEntry: string;
  readonly smokeTests: ReadonlyArray<string>;
  readonly pbtTests: ReadonlyArray<string>;
}

export const boundariesIndex = (bs: ReadonlyArray<BoundarySpec>): string =>
  json({
    schema_version: "x07.arch.boundaries.index@0.1.0",
    boundaries: bs.map((b) => ({
      id: b.id,
      symbol: b.symbol,
      node_id: b.nodeId,
      kind: "public_function",
      from_zone: "verified_core",
      to_zone: "verified_core",
      worlds_allowed: ["solve-pure"],
      input: { params: b.params.map((p) => ({ name: p.name, ty: p.ty })) },
      output: { ty: b.result },
      smoke: { entry: b.smokeEntry, tests: [...b.smokeTests] },
      pbt: { required: true, tests: [...b.pbtTests] },
      verify: { required: true, mode: "prove" },
    })),
  });
