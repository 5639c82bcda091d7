/** option_* and result_* heads: {@link Tagged} values, tag 1 some/ok and 0 none/err; err keeps its code in `val`. */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import { EMPTY_BYTES, Tagged } from "../values.ts";
import type { Value } from "../values.ts";
import type { HeadFn } from "./impl.ts";

const NONE_I32 = new Tagged(0, 0);
const NONE_BYTES = new Tagged(0, EMPTY_BYTES);
const none = (v: Tagged) => (): Tagged => v;
const wrap = (_rt: Runtime, x: Value): Tagged => new Tagged(1, x);
const err = (_rt: Runtime, code: number): Tagged => new Tagged(0, code | 0);
const isTag1 = (_rt: Runtime, x: Tagged): number => x.tag;
const errCode = (_rt: Runtime, x: Tagged): number => (x.tag === 1 ? 0 : (x.val as number));
const unwrapOr = (_rt: Runtime, x: Tagged, d: Value): Value => (x.tag === 1 ? x.val : d);

export const OPTION_RESULT_HEADS = {
  "option_i32.none": none(NONE_I32),
  "option_i32.some": wrap,
  "option_i32.is_some": isTag1,
  "option_i32.unwrap_or": unwrapOr,
  "option_bytes.none": none(NONE_BYTES),
  "option_bytes.some": wrap,
  "option_bytes.is_some": isTag1,
  "option_bytes.unwrap_or": unwrapOr,
  "option_bytes_view.none": none(NONE_BYTES),
  "option_bytes_view.some": wrap,
  "option_bytes_view.is_some": isTag1,
  "option_bytes_view.unwrap_or": unwrapOr,
  "result_i32.ok": wrap,
  "result_i32.err": err,
  "result_i32.is_ok": isTag1,
  "result_i32.err_code": errCode,
  "result_i32.unwrap_or": unwrapOr,
  "result_bytes.ok": wrap,
  "result_bytes.err": err,
  "result_bytes.is_ok": isTag1,
  "result_bytes.err_code": errCode,
  "result_bytes.unwrap_or": unwrapOr,
  "result_bytes_view.ok": wrap,
  "result_bytes_view.err": err,
  "result_bytes_view.is_ok": isTag1,
  "result_bytes_view.err_code": errCode,
  "result_bytes_view.unwrap_or": unwrapOr,
  "result_result_bytes.is_ok": isTag1,
  "result_result_bytes.err_code": errCode,
  "result_result_bytes.unwrap_or": unwrapOr,
} as const satisfies { readonly [K in HeadName]?: HeadFn };
