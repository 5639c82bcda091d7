/**
 * option_* and result_* heads. All are contract-pure upstream (`contract_pure_call_head` admits any head
 * starting with `option_` or `result_`).
 * Upstream: `emit_option_*_to`, `emit_result_*_to` (crates/x07c/src/c_emit_builtins.rs), `infer` (c_emit_types.rs).
 *
 * Representation: tag 1 = some/ok, tag 0 = none/err. `err_code` of an ok value is 0. Inspecting heads
 * (`is_some`, `is_ok`, `err_code`) read an identifier without moving it; `unwrap_or` consumes the container
 * and the default. Brands: `some`/`ok` carry the payload's brand; `none`/`err` have the wildcard brand.
 */
import { borrow, copy, i32, move, row, type HeadSpec, type ParamSpec } from "../spec.ts";
import type { TypeName } from "../types.ts";

const B = "c_emit_builtins.rs";
const P = { pure: true } as const;

/** How a payload of this type is passed into a constructor. */
const payloadParam = (name: string, ty: TypeName): ParamSpec =>
  ty === "i32" ? copy(name, ty) : ty === "bytes_view" ? borrow(name, ty) : move(name, ty);
/** How the container is passed to inspecting heads. */
const inspect = (ty: TypeName): ParamSpec => (ty.endsWith("_i32") ? copy("x", ty) : borrow("x", ty));
/** How the container is passed to unwrap_or. */
const consume = (ty: TypeName): ParamSpec => (ty.endsWith("_i32") || ty.endsWith("_view") ? copy("x", ty) : move("x", ty));

const none = (ty: TypeName): HeadSpec => row("option", [], ty, "The empty option (tag 0).", `${B}:emit_${ty}_none_to`, P);
const some = (ty: TypeName, payload: TypeName): HeadSpec =>
  row("option", [payloadParam("x", payload)], ty, `Wraps the ${payload} (tag 1).`, `${B}:emit_${ty}_some_to`, P);
const isSome = (ty: TypeName): HeadSpec => row("option", [inspect(ty)], "i32", "1 if some, else 0; does not consume.", `${B}:emit_${ty}_is_some_to`, P);
const unwrapOr = (family: "option" | "result", ty: TypeName, payload: TypeName): HeadSpec =>
  row(family, [consume(ty), payloadParam("default", payload)], payload, `The ${family === "option" ? "payload if some" : "ok payload if ok"}, else the default; consumes both.`, `${B}:emit_${ty}_unwrap_or_to`, P);
const ok = (ty: TypeName, payload: TypeName): HeadSpec =>
  row("result", [payloadParam("x", payload)], ty, `Ok (tag 1) holding the ${payload}.`, `${B}:emit_${ty}_ok_to`, P);
const err = (ty: TypeName): HeadSpec =>
  row("result", [i32("code")], ty, "Err (tag 0) holding the i32 code (stored as given, 0 included).", `${B}:emit_${ty}_err_to`, P);
const isOk = (ty: TypeName): HeadSpec => row("result", [inspect(ty)], "i32", "1 if ok, else 0; does not consume.", `${B}:emit_${ty}_is_ok_to`, P);
const errCode = (ty: TypeName): HeadSpec => row("result", [inspect(ty)], "i32", "The error code if err, 0 if ok; does not consume.", `${B}:emit_${ty}_err_code_to`, P);

export const OPTION_RESULT_HEADS = {
  "option_i32.none": none("option_i32"),
  "option_i32.some": some("option_i32", "i32"),
  "option_i32.is_some": isSome("option_i32"),
  "option_i32.unwrap_or": unwrapOr("option", "option_i32", "i32"),
  "option_bytes.none": none("option_bytes"),
  "option_bytes.some": some("option_bytes", "bytes"),
  "option_bytes.is_some": isSome("option_bytes"),
  "option_bytes.unwrap_or": unwrapOr("option", "option_bytes", "bytes"),
  "option_bytes_view.none": none("option_bytes_view"),
  "option_bytes_view.some": some("option_bytes_view", "bytes_view"),
  "option_bytes_view.is_some": isSome("option_bytes_view"),
  "option_bytes_view.unwrap_or": unwrapOr("option", "option_bytes_view", "bytes_view"),
  "result_i32.ok": ok("result_i32", "i32"),
  "result_i32.err": err("result_i32"),
  "result_i32.is_ok": isOk("result_i32"),
  "result_i32.err_code": errCode("result_i32"),
  "result_i32.unwrap_or": unwrapOr("result", "result_i32", "i32"),
  "result_bytes.ok": ok("result_bytes", "bytes"),
  "result_bytes.err": err("result_bytes"),
  "result_bytes.is_ok": isOk("result_bytes"),
  "result_bytes.err_code": errCode("result_bytes"),
  "result_bytes.unwrap_or": unwrapOr("result", "result_bytes", "bytes"),
  "result_bytes_view.ok": ok("result_bytes_view", "bytes_view"),
  "result_bytes_view.err": err("result_bytes_view"),
  "result_bytes_view.is_ok": isOk("result_bytes_view"),
  "result_bytes_view.err_code": errCode("result_bytes_view"),
  "result_bytes_view.unwrap_or": unwrapOr("result", "result_bytes_view", "bytes_view"),
  "result_result_bytes.is_ok": row("result", [borrow("x", "result_result_bytes")], "i32", "1 if the outer result is ok, else 0; does not consume.", `${B}:emit_result_result_bytes_is_ok_to`, P),
  "result_result_bytes.err_code": row("result", [borrow("x", "result_result_bytes")], "i32", "The outer error code if err, 0 if ok; does not consume.", `${B}:emit_result_result_bytes_err_code_to`, P),
  "result_result_bytes.unwrap_or": row("result", [move("x", "result_result_bytes"), move("default", "result_bytes")], "result_bytes", "The inner result_bytes if the outer is ok, else the default; consumes both. There are no ok/err constructors for this type: it only comes from task joins.", `${B}:emit_result_result_bytes_unwrap_or_to`, P),
} as const satisfies Record<string, HeadSpec>;
