/**
 * Repro files (`x07.pbt.repro@0.1.0`): built from a failing suite, written as canonical pretty JSON (u64
 * seeds exact), read back and checked against our schema. Replay needs only `counterexample.case_bytes_b64`.
 */
import { validateAs } from "../../core/contracts/index.ts";
import { sha256Hex } from "../../core/json/index.ts";
import { SDK_VERSION } from "../../version.ts";
import { canonicalPrettyU64, parseJsonU64 } from "./u64-json.ts";
import type { U64JsonValue } from "./u64-json.ts";
import type { CaseValue } from "./case-bytes.ts";

/**
 * The schema version of repro files.
 * @since 0.1.0
 * @category models
 */
export const PBT_REPRO_SCHEMA_VERSION = "x07.pbt.repro@0.1.0";

/**
 * Why a property case failed.
 * @since 0.1.0
 * @category models
 */
export type FailureKind = "assert" | "trap" | "timeout" | "fuel" | "nondeterminism";

/**
 * Per-case limits.
 * @since 0.1.0
 * @category models
 */
export interface CaseBudget {
  readonly fuel: number;
  readonly timeout_ms: number;
  readonly max_mem_bytes: number;
  readonly max_output_bytes: number;
}

/**
 * One counterexample parameter as the repro records it.
 * @since 0.1.0
 * @category models
 */
export type ReproParam =
  | { readonly name: string; readonly ty: "i32"; readonly value: number }
  | { readonly name: string; readonly ty: "bytes"; readonly b64: string; readonly len: number };

/**
 * A repro document (seeds as bigint so they stay exact).
 * @since 0.1.0
 * @category models
 */
export interface PbtRepro {
  readonly schema_version: typeof PBT_REPRO_SCHEMA_VERSION;
  readonly tool: { readonly x07_version: string; readonly x07c_version: string; readonly git_sha?: string };
  readonly test: { readonly id: string; readonly entry: string; readonly world: string };
  readonly suite_seed_u64: bigint;
  readonly effective_seed_u64: bigint;
  readonly cases: { readonly attempted: number; readonly configured: number };
  readonly shrinking: { readonly attempted: number; readonly limit: number; readonly result: "minimal_found" | "limit_hit" };
  readonly failure: { readonly kind: FailureKind; readonly assert_code_u32?: number; readonly trap_id?: string; readonly trap_message?: string };
  readonly counterexample: { readonly params: ReadonlyArray<ReproParam>; readonly case_bytes_b64: string };
  readonly budget: CaseBudget;
}

/** The tool block of every repro this SDK writes. */
export const reproTool = (): PbtRepro["tool"] => ({ x07_version: SDK_VERSION, x07c_version: SDK_VERSION });

/** Counterexample parameters for named values. */
export const reproParams = (names: ReadonlyArray<string>, values: ReadonlyArray<CaseValue>): ReproParam[] =>
  values.map((v, i) =>
    v.ty === "i32"
      ? { name: names[i] ?? `p${i}`, ty: "i32", value: v.value }
      : { name: names[i] ?? `p${i}`, ty: "bytes", b64: Buffer.from(v.value).toString("base64"), len: v.value.length },
  );

/**
 * The repro directory of a test under an artifact dir: `pbt/id_<sha256(id)>`.
 * @since 0.1.0
 * @category models
 */
export const reproDirName = (testId: string): string => `pbt/id_${sha256Hex(new TextEncoder().encode(testId))}`;

/**
 * The repro as plain JSON (seeds as numbers: rounded above 2^53; for reports and validation only).
 * @since 0.1.0
 * @category models
 */
export const reproToJson = (r: PbtRepro): { [k: string]: unknown } => ({ ...r, suite_seed_u64: Number(r.suite_seed_u64), effective_seed_u64: Number(r.effective_seed_u64) });

/**
 * Canonical pretty bytes of a repro (exact seeds, trailing newline).
 * @since 0.1.0
 * @category models
 */
export const reproText = (r: PbtRepro): string => canonicalPrettyU64(r as unknown as U64JsonValue);

/**
 * The counterexample's case bytes.
 * @since 0.1.0
 * @category models
 */
export const reproCaseBytes = (r: PbtRepro): Uint8Array => new Uint8Array(Buffer.from(r.counterexample.case_bytes_b64, "base64"));

/**
 * The parameter types of a repro's counterexample.
 * @since 0.1.0
 * @category models
 */
export const reproTys = (r: PbtRepro): Array<"i32" | "bytes"> => r.counterexample.params.map((p) => p.ty);

/**
 * Reads a repro from its text; a string says why it is not one (`parse` or `schema`).
 * @since 0.1.0
 * @category models
 */
export const parseRepro = (text: string): { ok: true; repro: PbtRepro } | { ok: false; kind: "parse" | "schema"; message: string } => {
  let raw: unknown;
  try {
    raw = parseJsonU64(text);
  } catch (e) {
    return { ok: false, kind: "parse", message: (e as Error).message };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, kind: "schema", message: "a repro is a JSON object" };
  const o = raw as Record<string, unknown>;
  const asBig = (v: unknown): bigint | undefined => (typeof v === "bigint" ? v : typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : undefined);
  const suite = asBig(o["suite_seed_u64"]);
  const eff = asBig(o["effective_seed_u64"]);
  const forCheck = { ...o, suite_seed_u64: suite !== undefined ? Number(suite) : o["suite_seed_u64"], effective_seed_u64: eff !== undefined ? Number(eff) : o["effective_seed_u64"] };
  const v = validateAs(PBT_REPRO_SCHEMA_VERSION, forCheck);
  if (!v.ok) return { ok: false, kind: "schema", message: v.errors.map((e) => `${e.pointer || "/"}: ${e.message}`).join("; ") };
  if (suite === undefined || eff === undefined) return { ok: false, kind: "schema", message: "seeds must be non-negative integers" };
  return { ok: true, repro: { ...(o as unknown as PbtRepro), suite_seed_u64: suite, effective_seed_u64: eff } };
};

/**
 * Validates a repro against the schema before it is written (the SDK writes nothing that does not validate).
 * @since 0.1.0
 * @category guards
 */
export const checkRepro = (r: PbtRepro): string | undefined => {
  const v = validateAs(PBT_REPRO_SCHEMA_VERSION, reproToJson(r));
  return v.ok ? undefined : v.errors.map((e) => `${e.pointer || "/"}: ${e.message}`).join("; ");
};
