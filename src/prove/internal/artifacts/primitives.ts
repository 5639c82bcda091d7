/**
 * The trusted-primitive catalog (`x07.verify.primitives@0.2.0`): builtins whose meaning the encoding models
 * directly. Its canonical bytes are hashed into every proof object (`primitive_manifest_digest`), so a
 * change here invalidates old proofs. Unlike upstream there are no `imported_stub` entries: std helpers
 * written in x07 are encoded like user code, never replaced by a stub returning zero.
 */
import { canonicalPrettyText, prefixedSha256 } from "./canon.ts";

export interface PrimitiveEntry {
  readonly symbol: string;
  readonly kind: "builtin" | "imported_model" | "imported_stub";
  readonly assumption_class: "semantics_model" | "proof_summary" | "dev_stub";
  readonly certification_policy: "allowed" | "dev_only" | "forbidden";
  readonly note: string;
}

const entry = (symbol: string, note: string): PrimitiveEntry => ({ symbol, kind: "builtin", assumption_class: "semantics_model", certification_policy: "allowed", note });

/** The catalog document. */
export const PRIMITIVE_CATALOG = {
  schema_version: "x07.verify.primitives@0.2.0",
  primitives: [
    entry("bytes.empty", "A fresh bytes value of length 0."),
    entry("bytes.lit", "A bytes value holding the literal's UTF-8 bytes."),
    entry("view.slice", "A view of [start, start+len) of its base; out-of-range arguments trap."),
    entry("view.to_bytes", "A fresh bytes value with the view's contents."),
  ] as ReadonlyArray<PrimitiveEntry>,
} as const;

/** Catalog entries by symbol. */
export const PRIMITIVES: ReadonlyMap<string, PrimitiveEntry> = new Map(PRIMITIVE_CATALOG.primitives.map((p) => [p.symbol, p]));

/** `sha256:` of the catalog's canonical bytes. */
export const PRIMITIVE_MANIFEST_DIGEST = prefixedSha256(canonicalPrettyText(PRIMITIVE_CATALOG));
