/**
 * The entry document a unit test runs: `/solve` calls the test function and turns its result into a
 * bytes_status_v1 record (`result_i32` through std.test.status_from_result_i32; `bytes_status_v1` as is).
 * An async entry is spawned and awaited first.
 */
import type { JsonValue } from "../../core/json/index.ts";
import { DRIVER_AST_VERSION } from "../../pbt/index.ts";

export const unitDriver = (entry: string, kind: "defn" | "defasync", returns: "result_i32" | "bytes_status_v1", resultTy: string): JsonValue => {
  const mod = entry.slice(0, entry.lastIndexOf("."));
  const call: JsonValue = [entry];
  const toStatus = (v: JsonValue): JsonValue => (returns === "result_i32" ? ["std.test.status_from_result_i32", v] : v);
  const solve: JsonValue =
    kind === "defn"
      ? toStatus(call)
      : resultTy === "result_bytes" && returns === "bytes_status_v1"
        ? ["begin", ["let", "t", call], ["task.spawn", "t"], ["let", "r", ["task.join.result_bytes", "t"]], ["if", ["result_bytes.is_ok", "r"], ["std.test.status_ok"], ["std.test.status_fail", ["result_bytes.err_code", "r"]]]]
        : ["begin", ["let", "t", call], ["task.spawn", "t"], toStatus(["await", "t"])];
  return { schema_version: DRIVER_AST_VERSION, kind: "entry", module_id: "main", imports: [...new Set(["std.test", mod])].sort(), decls: [], solve };
};
