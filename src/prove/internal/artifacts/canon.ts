/**
 * The byte-level conventions every verify artifact follows: canonical pretty JSON (keys sorted, two-space
 * indent, trailing newline), `sha256:<hex>` digests, `id_<sha256(id)>` directory names, and contract clause
 * ids (the explicit `id`, else `c_` + 16 hex of a domain-separated hash of the clause).
 */
import { canonicalJson, canonicalJsonPretty, sha256Hex } from "../../../core/json/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";

/** Canonical pretty JSON text with a trailing newline (what every artifact file holds). */
export const canonicalPrettyText = (value: JsonValue | object): string => `${canonicalJsonPretty(value)}\n`;

/** `sha256:<hex>` of bytes or text. */
export const prefixedSha256 = (data: string | Uint8Array): string => `sha256:${sha256Hex(data)}`;

/** `id_<sha256(utf8 id)>`: the directory name of an artifact keyed by a symbol. */
export const artifactDirName = (id: string): string => `id_${sha256Hex(id)}`;

/** sha256 hex of the canonical pretty rendering of a declaration object (`decl_sha256_hex`). */
export const declSha256Hex = (decl: JsonValue): string => sha256Hex(canonicalPrettyText(decl));

const u64le = (n: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};

/** The clause id: the explicit one, else `c_` + the first 8 bytes (hex) of the domain-separated clause hash. */
export const clauseIdOf = (fn: string, kind: "requires" | "ensures" | "invariant", index: number, expr: JsonValue, explicit?: string): string => {
  if (explicit !== undefined) return explicit;
  const enc = new TextEncoder();
  const parts = [enc.encode(`x07.contract.id.v1\0${fn}\0${kind}\0`), u64le(index), enc.encode(canonicalJson(expr))];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return `c_${sha256Hex(all).slice(0, 16)}`;
};
