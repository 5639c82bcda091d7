/**
 * Tests manifests (`x07.tests_manifest@0.1.0` / `@0.2.0`): read, checked rule by rule and normalized into
 * {@link TestDecl}s with defaults applied. Every problem is an `ETEST_*` / `X07T_EPBT_*` diagnostic whose
 * pointer names the offending field; the manifest is usable only when there are none.
 */
import * as nodePath from "node:path";
import { Effect, FileSystem } from "effect";
import { readJson } from "../../core/json/index.ts";
import { isWorldId, WORLDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, DiagnosticCode } from "../../diag/index.ts";
import { DEFAULT_CASE_BUDGET } from "../../pbt/index.ts";
import type { CaseBudget, Expect, PbtGen } from "../../pbt/index.ts";

/**
 * TESTS_MANIFEST_VERSIONS.
 * @since 0.1.0
 * @category models
 */
export const TESTS_MANIFEST_VERSIONS = ["x07.tests_manifest@0.1.0", "x07.tests_manifest@0.2.0"] as const;

/**
 * The PBT settings of a test, defaults applied.
 * @since 0.1.0
 * @category models
 */
export interface PbtDecl {
  readonly cases: number;
  readonly maxShrinks: number;
  readonly params: ReadonlyArray<{ readonly name: string; readonly gen: PbtGen }>;
  readonly budget: CaseBudget;
  readonly budgetScope?: { readonly [k: string]: number };
}

/**
 * One test, defaults applied.
 * @since 0.1.0
 * @category models
 */
export interface TestDecl {
  readonly id: string;
  readonly world: WorldId;
  readonly entry: string;
  readonly expect: Expect;
  readonly returns: "result_i32" | "bytes_status_v1";
  readonly timeoutMs?: number;
  readonly solveFuel?: number;
  readonly input?: Uint8Array;
  readonly fixtureRoot?: string;
  readonly policyJson?: string;
  readonly pbt?: PbtDecl;
}

/**
 * A read manifest.
 * @since 0.1.0
 * @category models
 */
export interface TestsManifest {
  readonly path: string;
  readonly dir: string;
  readonly schemaVersion: string;
  readonly tests: ReadonlyArray<TestDecl>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);
const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const LOCAL = /^[A-Za-z_][A-Za-z0-9_]*$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

/** A relative path that stays inside its base (no `..`, no absolute, no backslash). */
const safeRel = (p: string): boolean => p !== "" && !nodePath.isAbsolute(p) && !p.includes("\\") && !p.split("/").includes("..");

/**
 * Validates a parsed manifest; `readFile` is used for input_path.
 * @since 0.1.0
 * @category stages
 */
export const validateManifest = (
  value: unknown,
  path: string,
  options: { readonly allowEmpty?: boolean; readonly readInput?: (p: string) => Uint8Array | undefined; readonly exists?: (p: string) => boolean } = {},
): { manifest?: TestsManifest; diagnostics: Diagnostic[] } => {
  const ds: Diagnostic[] = [];
  const diag = (code: DiagnosticCode, msg: string, ptr: string) => ds.push(makeDiagnostic(code, msg, { ptr, file: path }));
  const dir = nodePath.dirname(path);
  if (!isObj(value)) {
    diag("ETEST_MANIFEST_JSON", "a tests manifest is a JSON object", "");
    return { diagnostics: ds };
  }
  const sv = value["schema_version"];
  if (typeof sv !== "string" || !(TESTS_MANIFEST_VERSIONS as ReadonlyArray<string>).includes(sv)) {
    diag("ETEST_SCHEMA_VERSION", `schema_version must be one of ${TESTS_MANIFEST_VERSIONS.join(", ")}`, "/schema_version");
    return { diagnostics: ds };
  }
  const v010 = sv === "x07.tests_manifest@0.1.0";
  const rawTests = value["tests"] ?? [];
  if (!Array.isArray(rawTests)) {
    diag("ETEST_MANIFEST_JSON", "tests must be an array", "/tests");
    return { diagnostics: ds };
  }
  if (rawTests.length === 0 && options.allowEmpty !== true) diag("ETEST_TESTS_EMPTY", "the manifest has no tests (pass --allow-empty to accept that)", "/tests");
  const seen = new Set<string>();
  const tests: TestDecl[] = [];
  rawTests.forEach((raw: unknown, i) => {
    const at = (f: string) => `/tests/${i}${f === "" ? "" : `/${f}`}`;
    if (!isObj(raw)) return void diag("ETEST_MANIFEST_JSON", "a test is a JSON object", at(""));
    const before = ds.length;
    const id = raw["id"];
    if (typeof id !== "string" || id === "") diag("ETEST_ID_EMPTY", "a test needs a non-empty id", at("id"));
    else if (!/^[\x20-\x7e]+$/.test(id)) diag("ETEST_ID_NON_ASCII", `test id ${JSON.stringify(id)} must be printable ASCII`, at("id"));
    else if (seen.has(id)) diag("ETEST_ID_DUPLICATE", `test id ${JSON.stringify(id)} appears twice`, at("id"));
    else seen.add(id);
    const world = raw["world"];
    if (typeof world !== "string" || !isWorldId(world)) diag("ETEST_WORLD_INVALID", `unknown world ${JSON.stringify(world)}`, at("world"));
    const entry = raw["entry"];
    if (typeof entry !== "string" || !SYMBOL.test(entry)) diag("ETEST_ENTRY_INVALID", `entry ${JSON.stringify(entry)} must be module.symbol`, at("entry"));
    const expect = raw["expect"] ?? "pass";
    if (expect !== "pass" && expect !== "fail" && expect !== "skip") diag("ETEST_EXPECT_INVALID", `expect must be pass, fail or skip`, at("expect"));
    const hasPbt = raw["pbt"] !== undefined;
    const returns = raw["returns"] ?? (hasPbt ? "bytes_status_v1" : "result_i32");
    if (returns !== "result_i32" && returns !== "bytes_status_v1") diag("ETEST_RETURNS_INVALID", "returns must be result_i32 or bytes_status_v1", at("returns"));
    const evalWorld = typeof world === "string" && isWorldId(world) && WORLDS[world].eval;
    for (const k of ["timeout_ms", "solve_fuel"] as const)
      if (raw[k] !== undefined && (!isInt(raw[k]) || (raw[k] as number) < 1)) diag("ETEST_TIMEOUT_INVALID", `${k} must be an integer ≥ 1`, at(k));
    // fixture_root / policy_json per world
    const fixture = raw["fixture_root"];
    if (typeof world === "string" && isWorldId(world)) {
      const needsFixture = world === "solve-fs" || world === "solve-rr" || world === "solve-kv" || world === "solve-full";
      if (needsFixture && fixture === undefined) diag("ETEST_FIXTURE_REQUIRED", `world ${world} needs fixture_root`, at("fixture_root"));
      if (!needsFixture && fixture !== undefined) diag("ETEST_FIXTURE_FORBIDDEN", `world ${world} takes no fixture_root`, at("fixture_root"));
      if (fixture !== undefined && needsFixture) {
        if (typeof fixture !== "string" || !safeRel(fixture)) diag("ETEST_FIXTURE_UNSAFE_PATH", "fixture_root must be a relative path inside the manifest's directory", at("fixture_root"));
        else if (options.exists !== undefined && !options.exists(nodePath.join(dir, fixture))) diag("ETEST_FIXTURE_MISSING", `fixture_root ${fixture} does not exist`, at("fixture_root"));
      }
      const policy = raw["policy_json"];
      if (world === "run-os-sandboxed" && policy === undefined) diag("ETEST_POLICY_REQUIRED", "run-os-sandboxed needs policy_json", at("policy_json"));
      if (world !== "run-os-sandboxed" && policy !== undefined) diag("ETEST_POLICY_FORBIDDEN", `world ${world} takes no policy_json`, at("policy_json"));
      if (policy !== undefined && (typeof policy !== "string" || !safeRel(policy))) diag("ETEST_POLICY_UNSAFE_PATH", "policy_json must be a relative path inside the manifest's directory", at("policy_json"));
      for (const k of ["require_runtime_attestation", "required_capsules", "sandbox_smoke"])
        if (raw[k] !== undefined && world !== "run-os-sandboxed") diag("ETEST_SANDBOX_ONLY", `${k} is only for run-os-sandboxed tests`, at(k));
    }
    // inputs
    let input: Uint8Array | undefined;
    const ib64 = raw["input_b64"];
    const ipath = raw["input_path"];
    if (ib64 !== undefined || ipath !== undefined) {
      if (v010) diag("ETEST_INPUT_NOT_ALLOWED_V010", "input_b64/input_path need x07.tests_manifest@0.2.0", at(ib64 !== undefined ? "input_b64" : "input_path"));
      else if (!evalWorld) diag("ETEST_INPUT_UNSUPPORTED_WORLD", "inputs are for solve-* worlds only", at(ib64 !== undefined ? "input_b64" : "input_path"));
      else if (ib64 !== undefined && ipath !== undefined) diag("ETEST_INPUT_CONFLICT", "give at most one of input_b64 and input_path", at("input_b64"));
      else if (hasPbt) diag("ETEST_INPUT_CONFLICT", "a pbt test generates its own input", at(ib64 !== undefined ? "input_b64" : "input_path"));
      else if (ib64 !== undefined) {
        if (typeof ib64 !== "string" || !B64.test(ib64) || ib64.length % 4 !== 0) diag("ETEST_INPUT_B64_INVALID", "input_b64 is not base64", at("input_b64"));
        else input = new Uint8Array(Buffer.from(ib64, "base64"));
      } else if (typeof ipath !== "string" || !safeRel(ipath)) diag("ETEST_INPUT_UNSAFE_PATH", "input_path must be a relative path inside the manifest's directory", at("input_path"));
      else {
        input = options.readInput?.(nodePath.join(dir, ipath));
        if (input === undefined) diag("ETEST_INPUT_PATH_READ_FAILED", `cannot read input_path ${ipath}`, at("input_path"));
      }
    }
    const pbt = hasPbt ? validatePbt(raw["pbt"], at("pbt"), typeof world === "string" ? world : "", returns, diag) : undefined;
    if (ds.length > before) return;
    tests.push({
      id: id as string,
      world: world as WorldId,
      entry: entry as string,
      expect: expect as Expect,
      returns: returns as TestDecl["returns"],
      ...(raw["timeout_ms"] !== undefined ? { timeoutMs: raw["timeout_ms"] as number } : {}),
      ...(raw["solve_fuel"] !== undefined ? { solveFuel: raw["solve_fuel"] as number } : {}),
      ...(input !== undefined ? { input } : {}),
      ...(typeof fixture === "string" ? { fixtureRoot: fixture } : {}),
      ...(typeof raw["policy_json"] === "string" ? { policyJson: raw["policy_json"] } : {}),
      ...(pbt !== undefined ? { pbt } : {}),
    });
  });
  return ds.length > 0 ? { diagnostics: ds } : { manifest: { path, dir, schemaVersion: sv, tests }, diagnostics: ds };
};

const validatePbt = (raw: unknown, at: string, world: string, returns: unknown, diag: (c: DiagnosticCode, m: string, p: string) => void): PbtDecl | undefined => {
  if (!isObj(raw)) return void diag("X07T_EPBT_MANIFEST_INVALID", "pbt must be an object", at);
  if (!world.startsWith("solve-")) diag("X07T_EPBT_UNSUPPORTED_WORLD", `property tests run only in solve-* worlds (got ${world})`, `${at}`);
  if (returns !== "bytes_status_v1") diag("X07T_EPBT_MANIFEST_INVALID", "a pbt test must return bytes_status_v1", `${at}`);
  const num = (k: string, dflt: number, min: number, max = 4294967295): number => {
    const v = raw[k];
    if (v === undefined) return dflt;
    if (!isInt(v) || v < min || v > max) {
      diag("X07T_EPBT_MANIFEST_INVALID", `pbt.${k} must be an integer in ${min}..${max}`, `${at}/${k}`);
      return dflt;
    }
    return v;
  };
  const cases = num("cases", 100, 1);
  const maxShrinks = num("max_shrinks", 4096, 0);
  const params = raw["params"];
  if (!Array.isArray(params) || params.length === 0) {
    diag("X07T_EPBT_PARAM_EMPTY", "pbt.params needs at least one parameter", `${at}/params`);
    return undefined;
  }
  const names = new Set<string>();
  const out: Array<{ name: string; gen: PbtGen }> = [];
  params.forEach((p: unknown, j) => {
    const pa = `${at}/params/${j}`;
    if (!isObj(p)) return void diag("X07T_EPBT_MANIFEST_INVALID", "a pbt param is an object {name, gen}", pa);
    const name = p["name"];
    if (typeof name !== "string" || !LOCAL.test(name) || name === "input" || names.has(name))
      return void diag("X07T_EPBT_MANIFEST_INVALID", `param name ${JSON.stringify(name)} must be a unique local name other than input`, `${pa}/name`);
    names.add(name);
    const gen = p["gen"];
    if (!isObj(gen)) return void diag("X07T_EPBT_MANIFEST_INVALID", "gen must be an object", `${pa}/gen`);
    if (gen["kind"] === "i32") {
      const min = gen["min"] ?? I32_MIN;
      const max = gen["max"] ?? I32_MAX;
      if (!isInt(min) || !isInt(max) || min < I32_MIN || max > I32_MAX || min > max)
        return void diag("X07T_EPBT_MANIFEST_INVALID", "i32 gen needs min ≤ max within the i32 range", `${pa}/gen`);
      out.push({ name, gen: { kind: "i32", min, max } });
    } else if (gen["kind"] === "bytes") {
      const ml = gen["max_len"];
      if (!isInt(ml) || ml < 0 || ml > 16 * 1024 * 1024) return void diag("X07T_EPBT_MANIFEST_INVALID", "bytes gen needs max_len (0..16 MiB)", `${pa}/gen/max_len`);
      out.push({ name, gen: { kind: "bytes", maxLen: ml } });
    } else diag("X07T_EPBT_UNKNOWN_GEN_KIND", `unknown generator kind ${JSON.stringify(gen["kind"])} (i32 or bytes)`, `${pa}/gen/kind`);
  });
  const cb = raw["case_budget"];
  let budget = DEFAULT_CASE_BUDGET;
  if (cb !== undefined) {
    if (!isObj(cb)) diag("X07T_EPBT_MANIFEST_INVALID", "case_budget must be an object", `${at}/case_budget`);
    else {
      const b = (k: keyof CaseBudget): number => {
        const v = cb[k];
        if (v === undefined) return DEFAULT_CASE_BUDGET[k];
        if (!isInt(v) || v < 1) {
          diag("X07T_EPBT_MANIFEST_INVALID", `case_budget.${k} must be an integer ≥ 1`, `${at}/case_budget/${k}`);
          return DEFAULT_CASE_BUDGET[k];
        }
        return v;
      };
      budget = { fuel: b("fuel"), timeout_ms: b("timeout_ms"), max_mem_bytes: b("max_mem_bytes"), max_output_bytes: b("max_output_bytes") };
    }
  }
  const bs = raw["budget_scope"];
  let budgetScope: Record<string, number> | undefined;
  if (bs !== undefined) {
    if (!isObj(bs)) diag("X07T_EPBT_MANIFEST_INVALID", "budget_scope must be an object", `${at}/budget_scope`);
    else {
      budgetScope = {};
      for (const [k, v] of Object.entries(bs)) {
        if (!["alloc_bytes", "alloc_calls", "realloc_calls", "memcpy_bytes", "sched_ticks"].includes(k) || !isInt(v) || v < 0 || v > I32_MAX)
          diag("X07T_EPBT_MANIFEST_INVALID", `budget_scope.${k} must be a known counter with a value in 0..2^31-1`, `${at}/budget_scope/${k}`);
        else budgetScope[k] = v;
      }
    }
  }
  return { cases, maxShrinks, params: out, budget, ...(budgetScope !== undefined ? { budgetScope } : {}) };
};

/**
 * Reads and validates a manifest file.
 * @since 0.1.0
 * @category stages
 */
export const readManifest = (path: string, options: { readonly allowEmpty?: boolean } = {}) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const bytes = yield* Effect.result(fs.readFile(path));
    if (bytes._tag === "Failure") return { diagnostics: [makeDiagnostic("ETEST_MANIFEST_IO", `cannot read tests manifest ${path}`, { file: path })] };
    const j = readJson(bytes.success);
    if (!j.ok) return { diagnostics: [makeDiagnostic("ETEST_MANIFEST_JSON", `${path}: ${j.error.message}`, { file: path })] };
    // input_path files and fixture roots are looked up before validation finishes (small, synchronous reads).
    const dir = nodePath.dirname(path);
    const inputs = new Map<string, Uint8Array | undefined>();
    const exists = new Map<string, boolean>();
    const tests = Array.isArray((j.value as Obj)?.["tests"]) ? ((j.value as Obj)["tests"] as unknown[]) : [];
    for (const t of tests) {
      if (!isObj(t)) continue;
      if (typeof t["input_path"] === "string" && safeRel(t["input_path"])) {
        const p = nodePath.join(dir, t["input_path"]);
        const r = yield* Effect.result(fs.readFile(p));
        inputs.set(p, r._tag === "Success" ? r.success : undefined);
      }
      if (typeof t["fixture_root"] === "string" && safeRel(t["fixture_root"])) {
        const p = nodePath.join(dir, t["fixture_root"]);
        exists.set(p, yield* fs.exists(p).pipe(Effect.orElseSucceed(() => false)));
      }
    }
    return validateManifest(j.value, path, { ...options, readInput: (p) => inputs.get(p), exists: (p) => exists.get(p) ?? false });
  });
