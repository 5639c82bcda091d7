/** Codes of `x07 arch check` and boundaries (`E_ARCH_…`). Spread into the one code table in `../codes.ts`. */
import type { CodeInfo } from "./info.ts";

export const ARCH_CODES = {
  // manifest and lock
  E_ARCH_MANIFEST_READ: { summary: "The architecture manifest could not be read.", stage: "parse" },
  E_ARCH_MANIFEST_JSON_PARSE: { summary: "The architecture manifest is not well-formed JSON.", stage: "parse" },
  E_ARCH_MANIFEST_SCHEMA_INVALID: { summary: "The architecture manifest does not match x07.arch.manifest@0.3.0.", stage: "parse" },
  E_ARCH_MANIFEST_INVALID: { summary: "The architecture manifest is schema-valid but unusable (duplicate node id, bad glob).", stage: "parse" },
  E_ARCH_LOCK_READ: { summary: "The manifest lock could not be read.", stage: "parse" },
  E_ARCH_LOCK_JSON_PARSE: { summary: "The manifest lock is not well-formed JSON.", stage: "parse" },
  E_ARCH_LOCK_SCHEMA_INVALID: { summary: "The manifest lock does not match x07.arch.manifest.lock@0.1.0.", stage: "parse" },
  E_ARCH_LOCK_INVALID: { summary: "The manifest lock is unusable (bad module-scan glob, manifest outside the repo root).", stage: "parse" },
  E_ARCH_LOCK_MISMATCH: { summary: "The manifest lock does not pin the current manifest (path or JCS hash differ); rerun with --write-lock.", stage: "lint" },
  E_ARCH_TOOL_BUDGET_EXCEEDED: { summary: "A tool budget (modules, edges, diagnostics, bytes read, contract files) was exceeded; the check stopped early.", stage: "lint" },
  // module scan
  E_ARCH_MODULE_PARSE: { summary: "A scanned *.x07.json file is not a valid x07AST document.", stage: "parse" },
  E_ARCH_DUPLICATE_MODULE_ID: { summary: "Two scanned files declare the same module_id.", stage: "lint" },
  // node assignment
  E_ARCH_NODE_ORPHAN_MODULE: { summary: "A module matches no architecture node (deny_orphans).", stage: "lint" },
  E_ARCH_NODE_OVERLAP_MODULE: { summary: "A module matches more than one architecture node.", stage: "lint" },
  // import policy
  E_ARCH_EXTERNAL_IMPORT_NOT_ALLOWED: { summary: "An import of a module outside the repo is not in externals.allowed_import_prefixes / allowed_exact.", stage: "lint" },
  E_ARCH_IMPORT_PREFIX_DENIED: { summary: "An import starts with one of its node's imports.deny_prefixes.", stage: "lint" },
  E_ARCH_IMPORT_PREFIX_NOT_ALLOWED: { summary: "An import starts with none of its node's imports.allow_prefixes.", stage: "lint" },
  // node graph
  E_ARCH_VISIBILITY: { summary: "A node depends on a restricted node that does not list it in visibility.visible_to.", stage: "lint" },
  E_ARCH_DEPS_DENY: { summary: "A node edge is forbidden by a deps_v1 deny rule.", stage: "lint" },
  E_ARCH_LAYERS_VIOLATION: { summary: "A node edge points up a layers_v1 stack (direction down allows only edges to the same or a later layer).", stage: "lint" },
  E_ARCH_CYCLE: { summary: "Nodes depend on each other in a cycle (deny_cycles).", stage: "lint" },
  E_ARCH_EDGE_NOT_ALLOWED: { summary: "Allowlist mode: an internal node edge is allowed by no deps_v1 allow rule and no layers_v1 rule.", stage: "lint" },
  E_ARCH_WORLD_EDGE_FORBIDDEN: { summary: "A solve-* node depends on a run-os* node.", stage: "lint" },
  E_ARCH_TRUST_ZONE_EDGE: { summary: "A verified_core node depends on a node outside verified_core / certified_capsule.", stage: "lint" },
  E_ARCH_SMOKE_MISSING: { summary: "A node's contracts.smoke_entry is not exported by any of its modules.", stage: "lint" },
  E_ARCH_PUBLIC_BYTES_UNBRANDED: { summary: "An exported function of a public node takes or returns bytes-like data without a brand.", stage: "lint" },
  // contracts_v1
  E_ARCH_CONTRACTS_CANONICAL_JSON_UNSUPPORTED: { summary: "contracts_v1.canonical_json.mode is not jcs_rfc8785_v1.", stage: "lint" },
  E_ARCH_CONTRACTS_DOMAIN_UNSUPPORTED: { summary: "The manifest enables a contracts_v1 domain (rr, sm, budgets, web, …) this SDK does not check; arch check fails closed.", stage: "lint" },
  E_ARCH_BOUNDARY_INDEX_INVALID: { summary: "The boundaries index is missing, not JSON, or does not match x07.arch.boundaries.index@0.1.0.", stage: "lint" },
  E_ARCH_BOUNDARY_BRAND_OR_SCHEMA_REQUIRED: { summary: "A bytes-like boundary param or output has neither a brand nor a schema.", stage: "lint" },
  E_ARCH_BOUNDARY_ERROR_SPACE_REQUIRED: { summary: "A result-typed boundary output has no error_space.", stage: "lint" },
  E_ARCH_BOUNDARY_VERIFY_REQUIRED: { summary: "A boundary does not require prove-mode verification.", stage: "lint" },
  E_ARCH_BOUNDARY_MISSING: { summary: "An exported function of a public verified_core / certified_capsule node is missing from the boundaries index.", stage: "lint" },
  E_ARCH_CONTRACTS_LOCK_JSON_PARSE: { summary: "arch/contracts.lock.json is not well-formed JSON.", stage: "parse" },
  E_ARCH_CONTRACTS_LOCK_SCHEMA_INVALID: { summary: "arch/contracts.lock.json does not match x07.arch.contracts.lock@0.1.0.", stage: "parse" },
  E_ARCH_CONTRACTS_LOCK_MISMATCH: { summary: "arch/contracts.lock.json does not pin the current contract files; rerun with --write-lock.", stage: "lint" },
  W_ARCH_CONTRACTS_LOCK_MISSING: { summary: "contracts_v1 is enabled but arch/contracts.lock.json does not exist (a warning).", stage: "lint" },
} as const satisfies Record<string, CodeInfo>;
