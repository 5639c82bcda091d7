/** A {@link Coverage} as the `x07.verify.coverage@0.4.0` document (the `coverage` object of verify reports). */
import type { WorldId } from "../../core/worlds/table.ts";
import type { Coverage } from "./coverage.ts";

export const VERIFY_COVERAGE_SCHEMA_VERSION = "x07.verify.coverage@0.4.0";

/** The document; reasons become `details` ("CODE: detail" lines, in order). */
export const coverageDocument = (c: Coverage, worlds: ReadonlyArray<WorldId>) => ({
  schema_version: VERIFY_COVERAGE_SCHEMA_VERSION,
  entry: c.entry,
  worlds: [...worlds],
  summary: { ...c.summary, async_model: null },
  functions: c.functions.map((r) => ({
    symbol: r.symbol,
    kind: r.kind,
    status: r.status,
    ...(r.signature !== undefined ? { signature: r.signature } : {}),
    ...(r.support_summary !== undefined ? { support_summary: r.support_summary } : {}),
    ...(r.reasons.length > 0 ? { details: r.reasons.map((x) => `${x.code}: ${x.detail}`).join("\n") } : {}),
  })),
});
