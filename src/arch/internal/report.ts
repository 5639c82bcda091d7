/** The arch report (`x07.arch.report@0.1.0`), suggested patches and exit codes. */
import type { Diagnostic, PatchOp } from "../../diag/index.ts";
import type { BoundariesReport } from "./boundaries.ts";

/** A JSON Patch for one repo file that would fix findings (also the `x07.arch.patchset@0.1.0` item). */
export interface PatchTarget {
  readonly path: string;
  readonly patch: ReadonlyArray<PatchOp>;
  readonly note?: string;
}

/** `x07.arch.report@0.1.0`. */
export interface ArchReport {
  readonly schema_version: "x07.arch.report@0.1.0";
  readonly manifest: { readonly path: string; readonly jcs_sha256_hex: string | null };
  readonly stats: { readonly modules: number; readonly nodes: number; readonly module_edges: number; readonly node_edges: number };
  readonly boundaries_report?: BoundariesReport;
  readonly diags: ReadonlyArray<Diagnostic>;
  readonly suggested_patches: ReadonlyArray<PatchTarget>;
}

/** Exit codes of `x07 arch check`: 0 pass, 2 errors, 3 manifest/lock unusable, 4 a tool budget was exceeded. */
export const ARCH_EXIT = { ok: 0, errors: 2, invalidInput: 3, budget: 4 } as const;
export type ArchExitCode = (typeof ARCH_EXIT)[keyof typeof ARCH_EXIT];

export const zeroStats = (nodes = 0): ArchReport["stats"] => ({ modules: 0, nodes, module_edges: 0, node_edges: 0 });

export const makeReport = (
  manifestPath: string,
  jcs: string | null,
  stats: ArchReport["stats"],
  diags: ReadonlyArray<Diagnostic>,
  patches: ReadonlyArray<PatchTarget> = [],
  boundaries?: BoundariesReport,
): ArchReport => ({
  schema_version: "x07.arch.report@0.1.0",
  manifest: { path: manifestPath, jcs_sha256_hex: jcs },
  stats,
  ...(boundaries !== undefined ? { boundaries_report: boundaries } : {}),
  diags,
  suggested_patches: patches,
});

/** `x07.arch.patchset@0.1.0` (what `--emit-patch` writes). */
export const makePatchset = (patches: ReadonlyArray<PatchTarget>) => ({ schema_version: "x07.arch.patchset@0.1.0" as const, patches });
