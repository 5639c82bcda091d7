/** A contract or lock file as the shell hands it to the pure check: read, parsed and schema-validated (or why not). */
import type { JsonValue } from "../../core/json/index.ts";

/** One violation found by schema validation. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly message: string;
}

/** The state of a JSON file the check reads. */
export type ContractDoc =
  | { readonly status: "missing"; readonly relPath: string }
  | { readonly status: "unreadable"; readonly relPath: string; readonly message: string }
  | { readonly status: "bad_json"; readonly relPath: string; readonly message: string; readonly bytes: number }
  | { readonly status: "invalid"; readonly relPath: string; readonly value: JsonValue; readonly issues: ReadonlyArray<SchemaIssue>; readonly bytes: number }
  | { readonly status: "ok"; readonly relPath: string; readonly value: JsonValue; readonly bytes: number };
