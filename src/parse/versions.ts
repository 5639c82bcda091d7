/**
 * The x07AST schema versions this SDK reads, and what each one allows. One row per version; every
 * version-gated rule in the parser reads this table instead of comparing version strings.
 */

/** Features that appeared over the x07AST versions. */
export interface X07AstFeatures {
  /** `type_params`, structured type refs `["t","A"]` / `[head, …]` (0.4.0). */
  readonly generics: boolean;
  /** `requires` / `ensures` / `invariant` on defn and defasync (0.5.0). */
  readonly contracts: boolean;
  /** `loop_contracts` (0.6.0). */
  readonly loopContracts: boolean;
  /** `protocol` on defasync (0.7.0). */
  readonly asyncProtocol: boolean;
  /** `decreases` and `doc` on defn/defasync (0.8.0). */
  readonly decreasesAndDoc: boolean;
  /** `defrecord`, `defenum` (0.9.0). */
  readonly recordsAndEnums: boolean;
}

const row = (n: number): X07AstFeatures => ({
  generics: n >= 4,
  contracts: n >= 5,
  loopContracts: n >= 6,
  asyncProtocol: n >= 7,
  decreasesAndDoc: n >= 8,
  recordsAndEnums: n >= 9,
});

/** Every accepted x07AST schema_version and its features. */
export const X07AST_VERSIONS = {
  "x07.x07ast@0.3.0": row(3),
  "x07.x07ast@0.4.0": row(4),
  "x07.x07ast@0.5.0": row(5),
  "x07.x07ast@0.6.0": row(6),
  "x07.x07ast@0.7.0": row(7),
  "x07.x07ast@0.8.0": row(8),
  "x07.x07ast@0.9.0": row(9),
} as const satisfies Record<string, X07AstFeatures>;

/** An accepted x07AST schema_version. */
export type X07AstVersion = keyof typeof X07AST_VERSIONS;

/** The version new documents get unless asked otherwise (as upstream). */
export const DEFAULT_X07AST_VERSION: X07AstVersion = "x07.x07ast@0.8.0";

/** All accepted versions, oldest first. */
export const X07AST_VERSION_LIST = Object.keys(X07AST_VERSIONS) as X07AstVersion[];

/** Whether a string is an accepted x07AST schema_version. */
export const isX07AstVersion = (v: unknown): v is X07AstVersion =>
  typeof v === "string" && Object.prototype.hasOwnProperty.call(X07AST_VERSIONS, v);

/** The features of a version. */
export const featuresOf = (v: X07AstVersion): X07AstFeatures => X07AST_VERSIONS[v];
