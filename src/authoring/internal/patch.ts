/**
 * RFC 6902 JSON Patch, through the `fast-json-patch` package (validated operations, no mutation of the
 * input). A failing operation becomes an `X07-PATCH-0001` diagnostic naming the operation's index and path.
 */
import jsonpatch from "fast-json-patch";
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic, PatchOp } from "../../diag/index.ts";

export type PatchResult = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly diagnostic: Diagnostic };

const isPatchOp = (x: unknown): x is PatchOp =>
  typeof x === "object" && x !== null && typeof (x as { op?: unknown }).op === "string" && typeof (x as { path?: unknown }).path === "string";

/** Checks that a JSON value is an array of patch operations. */
export const asPatch = (v: unknown): PatchOp[] | undefined => (Array.isArray(v) && v.every(isPatchOp) ? (v as PatchOp[]) : undefined);

/** Applies a patch to a copy of `doc`. */
export const applyJsonPatch = (doc: JsonValue, patch: ReadonlyArray<PatchOp>, file?: string): PatchResult => {
  try {
    const copy = structuredClone(doc);
    const r = jsonpatch.applyPatch(copy, patch as jsonpatch.Operation[], true, true);
    return { ok: true, value: r.newDocument as JsonValue };
  } catch (err) {
    const e = err as { name?: string; index?: number; message?: string; operation?: { path?: string } };
    const index = typeof e.index === "number" ? e.index : undefined;
    const path = e.operation?.path ?? (index !== undefined ? patch[index]?.path : undefined) ?? "";
    const reason = typeof e.name === "string" ? e.name : "PATCH_FAILED";
    const first = (e.message ?? String(err)).split("\n")[0] ?? "";
    return {
      ok: false,
      diagnostic: makeDiagnostic("X07-PATCH-0001", `patch operation${index !== undefined ? ` ${index}` : ""} failed: ${first}`, {
        ptr: path,
        ...(file !== undefined ? { file } : {}),
        data: { reason, ...(index !== undefined ? { op_index: index } : {}) },
      }),
    };
  }
};
