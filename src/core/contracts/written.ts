/**
 * Validation at the SDK's edges, loading only the schema a document names (the full registry pulls in
 * every generated module, which costs seconds of start-up for a CLI call). Every report the CLI prints or
 * writes goes through `validateWritten` first (a document that does not validate is an SDK bug and is never
 * written); documents the SDK reads (x07.json, patchsets) go through `validateByVersion`, and a failure is
 * reported as a diagnostic at the first violation's pointer.
 */

import { lazyModules } from "../../../generated/lazy.ts";

type Compiled = { Check(v: unknown): boolean; Errors(v: unknown): Array<{ instancePath: string; message: string }> };

/** Validates a document against the schema its `schema_version` names; unknown versions are an error too. */
export const validateByVersion = async (doc: unknown): Promise<{ ok: true } | { ok: false; pointer: string; message: string }> => {
  const version = typeof doc === "object" && doc !== null ? (doc as { schema_version?: unknown }).schema_version : undefined;
  if (typeof version !== "string" || !/^[A-Za-z0-9_.@-]+$/.test(version)) return { ok: false, pointer: "/schema_version", message: "the document has no schema_version" };
  const load = Object.hasOwn(lazyModules, version) ? lazyModules[version] : undefined;
  if (load === undefined) return { ok: false, pointer: "/schema_version", message: `no schema for ${version}` };
  const mod = await load();
  const key = Object.keys(mod).find((k) => k.endsWith("SchemaVersion") && mod[k] === version);
  const lazy = key === undefined ? undefined : mod[key.replace(/SchemaVersion$/, "Validator")];
  if (typeof lazy !== "function") return { ok: false, pointer: "/schema_version", message: `no validator for ${version}` };
  const v = (lazy as () => Compiled)();
  if (v.Check(doc)) return { ok: true };
  const first = v.Errors(doc)[0];
  return { ok: false, pointer: first?.instancePath ?? "", message: first?.message ?? "invalid" };
};

/** The write-edge check: the same validation, named for where it is used. */
export const validateWritten = validateByVersion;
