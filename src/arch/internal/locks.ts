/**
 * The two lock files: `arch/manifest.lock.json` (x07.arch.manifest.lock@0.1.0: the manifest's repo path,
 * its JCS sha256 and the module-scan globs) and `arch/contracts.lock.json` (x07.arch.contracts.lock@0.1.0:
 * JCS sha256 of each contract index and file). Our schema registry has no entry for either yet, so their
 * shape is checked here, field by field, with the rules of upstream's spec files.
 */
import type { JsonValue } from "../../core/json/index.ts";
import type { SchemaIssue } from "./contract-doc.ts";

/** The default module scan (no lock): every `*.x07.json`, minus tool and build directories. */
export const DEFAULT_SCAN_INCLUDE: ReadonlyArray<string> = ["**/*.x07.json"];
export const DEFAULT_SCAN_EXCLUDE: ReadonlyArray<string> = ["**/.agent/**", "**/.git/**", "**/.x07/**", "**/dist/**", "**/gen/**", "**/node_modules/**", "**/target/**", "**/tmp/**"];

export const MANIFEST_LOCK_VERSION = "x07.arch.manifest.lock@0.1.0";
export const CONTRACTS_LOCK_VERSION = "x07.arch.contracts.lock@0.1.0";

/** x07.arch.manifest.lock@0.1.0. */
export interface ManifestLock {
  readonly schema_version: typeof MANIFEST_LOCK_VERSION;
  readonly manifest_path: string;
  readonly jcs_sha256_hex: string;
  readonly module_scan: { readonly include_globs: ReadonlyArray<string>; readonly exclude_globs: ReadonlyArray<string> };
}

/** x07.arch.contracts.lock@0.1.0. */
export interface ContractsLock {
  readonly schema_version: typeof CONTRACTS_LOCK_VERSION;
  readonly indexes: Readonly<Record<string, { readonly jcs_sha256_hex: string }>>;
  readonly files: Readonly<Record<string, { readonly jcs_sha256_hex: string }>>;
}

const SHA = /^[0-9a-f]{64}$/;
const REL_PATH = /^(?![\\/])(?![A-Za-z]:)(?!.*(?:^|[\\/])\.\.(?:[\\/]|$)).+/;

const isObj = (v: unknown): v is Record<string, JsonValue> => typeof v === "object" && v !== null && !Array.isArray(v);

const exactKeys = (v: Record<string, JsonValue>, ptr: string, keys: ReadonlyArray<string>, out: SchemaIssue[]): void => {
  for (const k of keys) if (!(k in v)) out.push({ pointer: ptr, message: `must have required property '${k}'` });
  for (const k of Object.keys(v)) if (!keys.includes(k)) out.push({ pointer: `${ptr}/${k}`, message: "must NOT have additional properties" });
};

const globList = (v: JsonValue | undefined, ptr: string, out: SchemaIssue[]): void => {
  if (!Array.isArray(v)) return void out.push({ pointer: ptr, message: "must be array" });
  v.forEach((g, i) => {
    if (typeof g !== "string" || g.length < 1 || g.length > 256) out.push({ pointer: `${ptr}/${i}`, message: "must be a glob string of 1..256 characters" });
  });
};

/** Shape check of a manifest lock. */
export const manifestLockIssues = (v: JsonValue): SchemaIssue[] => {
  const out: SchemaIssue[] = [];
  if (!isObj(v)) return [{ pointer: "", message: "must be object" }];
  exactKeys(v, "", ["schema_version", "manifest_path", "jcs_sha256_hex", "module_scan"], out);
  if ("schema_version" in v && v["schema_version"] !== MANIFEST_LOCK_VERSION) out.push({ pointer: "/schema_version", message: `must be equal to constant ${MANIFEST_LOCK_VERSION}` });
  const p = v["manifest_path"];
  if ("manifest_path" in v && (typeof p !== "string" || p.length > 1024 || !REL_PATH.test(p))) out.push({ pointer: "/manifest_path", message: "must be a relative path inside the repo" });
  if ("jcs_sha256_hex" in v && (typeof v["jcs_sha256_hex"] !== "string" || !SHA.test(v["jcs_sha256_hex"]))) out.push({ pointer: "/jcs_sha256_hex", message: "must be 64 lower-case hex digits" });
  const scan = v["module_scan"];
  if ("module_scan" in v) {
    if (!isObj(scan)) out.push({ pointer: "/module_scan", message: "must be object" });
    else {
      exactKeys(scan, "/module_scan", ["include_globs", "exclude_globs"], out);
      if ("include_globs" in scan) globList(scan["include_globs"], "/module_scan/include_globs", out);
      if ("exclude_globs" in scan) globList(scan["exclude_globs"], "/module_scan/exclude_globs", out);
    }
  }
  return out;
};

const lockMap = (v: JsonValue | undefined, ptr: string, out: SchemaIssue[]): void => {
  if (!isObj(v)) return void out.push({ pointer: ptr, message: "must be object" });
  for (const [k, e] of Object.entries(v)) {
    const ep = `${ptr}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!isObj(e)) {
      out.push({ pointer: ep, message: "must be object" });
      continue;
    }
    exactKeys(e, ep, ["jcs_sha256_hex"], out);
    if ("jcs_sha256_hex" in e && (typeof e["jcs_sha256_hex"] !== "string" || !SHA.test(e["jcs_sha256_hex"]))) out.push({ pointer: `${ep}/jcs_sha256_hex`, message: "must be 64 lower-case hex digits" });
  }
};

/** Shape check of a contracts lock. */
export const contractsLockIssues = (v: JsonValue): SchemaIssue[] => {
  const out: SchemaIssue[] = [];
  if (!isObj(v)) return [{ pointer: "", message: "must be object" }];
  exactKeys(v, "", ["schema_version", "indexes", "files"], out);
  if ("schema_version" in v && v["schema_version"] !== CONTRACTS_LOCK_VERSION) out.push({ pointer: "/schema_version", message: `must be equal to constant ${CONTRACTS_LOCK_VERSION}` });
  if ("indexes" in v) lockMap(v["indexes"], "/indexes", out);
  if ("files" in v) lockMap(v["files"], "/files", out);
  return out;
};
