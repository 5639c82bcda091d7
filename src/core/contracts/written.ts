/**
 * Validation at the SDK's edges, loading only the schema a document names (the full registry pulls in
 * every generated module, which costs seconds of start-up for a CLI call). Every report the CLI prints or
 * writes goes through `validateWritten` first (a document that does not validate is an SDK bug and is never
 * written); documents the SDK reads (x07.json, patchsets) go through `validateByVersion`, and a failure is
 * reported as a diagnostic at the first violation's pointer (`errors` has every violation, deduplicated, for
 * callers that report them all).
 */

import { lazyModules } from "../../../generated/lazy.ts";

type Compiled = { Check(v: unknown): boolean; Errors(v: unknown): Array<{ instancePath: string; message: string }> };

/** One schema violation: where (JSON pointer) and what. */
export interface SchemaViolation {
  readonly pointer: string;
  readonly message: string;
}

/** At most this many violations are listed (one mistake can fail many branches of a union). */
const MAX_VIOLATIONS = 20;

const failed = (pointer: string, message: string) => ({ ok: false as const, pointer, message, errors: [{ pointer, message }] });

/** Validates a document against the schema its `schema_version` names; unknown versions are an error too. */
export const validateByVersion = async (
  doc: unknown,
): Promise<{ ok: true } | { ok: false; pointer: string; message: string; errors: ReadonlyArray<SchemaViolation> }> => {
  const version = typeof doc === "object" && doc !== null ? (doc as { schema_version?: unknown }).schema_version : undefined;
  if (typeof version !== "string" || !/^[A-Za-z0-9_.@-]+$/.test(version)) return failed("/schema_version", "the document has no schema_version");
  const load = Object.hasOwn(lazyModules, version) ? lazyModules[version] : undefined;
  if (load === undefined) return failed("/schema_version", `no schema for ${version}`);
  const mod = await load();
  const key = Object.keys(mod).find((k) => k.endsWith("SchemaVersion") && mod[k] === version);
  const lazy = key === undefined ? undefined : mod[key.replace(/SchemaVersion$/, "Validator")];
  if (typeof lazy !== "function") return failed("/schema_version", `no validator for ${version}`);
  const v = (lazy as () => Compiled)();
  if (v.Check(doc)) return { ok: true };
  const seen = new Set<string>();
  const errors: SchemaViolation[] = [];
  for (const e of v.Errors(doc)) {
    const k = `${e.instancePath}\u0000${e.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    errors.push({ pointer: e.instancePath, message: e.message });
    if (errors.length === MAX_VIOLATIONS) break;
  }
  const first = errors[0] ?? { pointer: "", message: "invalid" };
  return { ok: false, pointer: first.pointer, message: first.message, errors: errors.length > 0 ? errors : [first] };
};

/** The write-edge check: the same validation, named for where it is used. */
export const validateWritten = validateByVersion;
