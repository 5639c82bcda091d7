/**
 * std.brand builtins, tasks, task.scope ops, select events and byte channels.
 * Upstream: `emit_std_brand_*_to` (c_emit_builtins.rs), brand arms of `infer` (c_emit_types.rs),
 * `emit_task_*`, `emit_chan_bytes_*` (c_emit_async.rs), `rt_task_*`, `rt_chan_bytes_*` (RUNTIME_C_PREAMBLE),
 * docs/language/concurrency-multiprocessing.md, docs/language/types-memory.md (brands).
 * The scheduler is deterministic and single-threaded (cooperative); "blocking" heads yield to it.
 */
import { asyncCall, borrow, copy, i32, move, owner, row, symbol, type HeadSpec } from "../spec.ts";

const B = "c_emit_builtins.rs";
const A = "c_emit_async.rs";
const T = "c_emit_types.rs:infer";
const handleB = { name: "h", ty: "task_handle_bytes_v1", mode: "copy", accepts: ["i32"] } as const;
const handleRB = { name: "h", ty: "task_handle_result_bytes_v1", mode: "copy", accepts: ["i32"] } as const;
const handleAny = { name: "h", ty: "task_handle_bytes_v1", mode: "copy", accepts: ["task_handle_result_bytes_v1", "i32"] } as const;
const slot = copy("slot", "task_slot_v1");
const evt = borrow("evt", "task_select_evt_v1");
const SCOPE = { context: "task-scope" } as const;

export const BRAND_TASK_HEADS = {
  "std.brand.assume_bytes_v1": row("brand", [symbol("brand_id"), move("b", "bytes")], "bytes", "Same bytes, now branded brand_id, without validation.", `${B}:emit_std_brand_assume_bytes_v1_to`),
  "std.brand.cast_bytes_v1": row("brand", [symbol("brand_id"), symbol("validator"), move("b", "bytes")], "result_bytes", "Runs the validator on the bytes; ok(bytes branded brand_id) on success, err(code) otherwise.", `${B}:emit_std_brand_cast_bytes_v1_to`, { allocates: false }),
  "std.brand.cast_view_copy_v1": row("brand", [symbol("brand_id"), symbol("validator"), borrow("v", "bytes_view")], "result_bytes", "Validates the view; on success copies it into bytes branded brand_id.", `${B}:emit_std_brand_cast_view_copy_v1_to`, { allocates: true }),
  "std.brand.cast_view_v1": row("brand", [symbol("brand_id"), symbol("validator"), borrow("v", "bytes_view")], "result_bytes_view", "Validates the view; on success the same view branded brand_id (no copy).", `${B}:emit_std_brand_cast_view_v1_to`),
  "std.brand.erase_bytes_v1": row("brand", [move("b", "bytes")], "bytes", "Same bytes with no brand.", `${B}:emit_std_brand_erase_bytes_v1_to`),
  "std.brand.erase_view_v1": row("brand", [borrow("v", "bytes_view")], "bytes_view", "Same view with no brand (fullness kept).", `${B}:emit_std_brand_erase_view_v1_to`),
  "std.brand.view_v1": row("brand", [owner("b", "bytes")], "bytes_view", "Full view of a bytes binding keeping its brand (like bytes.view).", `${B}:emit_std_brand_view_v1_to`),
  "std.brand.to_bytes_preserve_if_full_v1": row("brand", [borrow("v", "bytes_view")], "bytes", "Copies the view; the copy keeps the view's brand only if the view is known to be full (bytes.view, view_v1, bytes.view_lit).", `${B}:emit_std_brand_to_bytes_preserve_if_full_v1_to`, { allocates: true }),

  "await": row("task", [handleB], "bytes", "Waits for the task and takes its bytes output (alias of task.join.bytes in effect).", `${A}:emit_task_await_to; ${T}`, { context: "async" }),
  "task.spawn": row("task", [handleAny], { sameAsParam: 0 }, "Makes the task runnable; returns the same handle.", `${A}:emit_task_spawn_to; rt_task_spawn`),
  "task.is_finished": row("task", [handleAny], "i32", "1 if the task has completed, else 0.", `${A}:emit_task_is_finished_to; rt_task_is_finished`),
  "task.try_join.bytes": row("task", [handleB], "result_bytes", "ok(output) if finished, else err (not ready / canceled codes).", `${A}:emit_task_try_join_bytes_to; rt_task_try_join_bytes`, { open: "Exact err codes of rt_task_try_join_bytes not yet copied into the table." }),
  "task.try_join.result_bytes": row("task", [handleRB], "result_result_bytes", "ok(result) if finished, else err.", `${A}:emit_task_try_join_result_bytes_to; rt_task_try_join_result_bytes`, { open: "Exact err codes not yet read." }),
  "task.join.bytes": row("task", [handleB], "bytes", "Blocks (yielding to the scheduler) until done; takes the bytes output.", `${A}:emit_task_join_bytes_to`, { context: "async" }),
  "task.join.result_bytes": row("task", [handleRB], "result_bytes", "Blocks until done; takes the result_bytes output.", `${A}:emit_task_join_result_bytes_to`, { context: "async" }),
  "task.yield": row("task", [], "i32", "Yields to the scheduler; 0.", `${A}:emit_task_yield_to`, { context: "async" }),
  "task.sleep": row("task", [i32("ticks")], "i32", "Sleeps for a number of virtual scheduler ticks (deterministic, no wall clock).", `${A}:emit_task_sleep_to`, { context: "async" }),
  "task.cancel": row("task", [handleAny], "i32", "Requests cancellation.", `${A}:emit_task_cancel_to; rt_task_cancel`, { open: "Return value meaning not yet read from rt_task_cancel." }),

  "task.scope.start_soon_v1": row("task_scope", [asyncCall("call", "task_handle_bytes_v1")], "i32", "Starts an immediate defasync call as a child of the innermost scope; no handle is returned.", `${A}:emit_task_scope_start_soon_v1_to; docs concurrency-multiprocessing.md`, SCOPE),
  "task.scope.cancel_all_v1": row("task_scope", [], "i32", "Cancels all children in a deterministic order.", `${A}:emit_task_scope_cancel_all_v1_to`, SCOPE),
  "task.scope.wait_all_v1": row("task_scope", [], "i32", "Joins and drops all children started so far; the scope stays open.", `${A}:emit_task_scope_wait_all_v1_to`, SCOPE),
  "task.scope.async_let_bytes_v1": row("task_scope", [asyncCall("call", "task_handle_bytes_v1")], "task_slot_v1", "Starts a child whose bytes output is kept in a scope-owned slot.", `${A}:emit_task_scope_async_let_v1_to`, SCOPE),
  "task.scope.async_let_result_bytes_v1": row("task_scope", [asyncCall("call", "task_handle_result_bytes_v1")], "task_slot_v1", "As async_let_bytes_v1 for a defasync returning result_bytes.", `${A}:emit_task_scope_async_let_v1_to`, SCOPE),
  "task.scope.await_slot_bytes_v1": row("task_scope", [slot], "bytes", "Waits for the slot and takes its bytes.", `${A}:emit_task_scope_await_slot_bytes_v1_to`, SCOPE),
  "task.scope.await_slot_result_bytes_v1": row("task_scope", [slot], "result_bytes", "Waits for the slot and takes its result_bytes.", `${A}:emit_task_scope_await_slot_result_bytes_v1_to`, SCOPE),
  "task.scope.try_await_slot.bytes_v1": row("task_scope", [slot], "result_bytes", "Non-blocking: ok(bytes), err 1 = not ready, err 2 = canceled.", `${A}:emit_task_scope_try_await_slot_bytes_v1_to; docs concurrency-multiprocessing.md`, SCOPE),
  "task.scope.try_await_slot.result_bytes_v1": row("task_scope", [slot], "result_result_bytes", "Non-blocking: ok(result_bytes), err 1 = not ready, err 2 = canceled.", `${A}:emit_task_scope_try_await_slot_result_bytes_v1_to`, SCOPE),
  "task.scope.slot_is_finished_v1": row("task_scope", [slot], "i32", "1 if the slot's child finished, else 0.", `${A}:emit_task_scope_slot_is_finished_v1_to`, SCOPE),
  "task.scope.slot_to_i32_v1": row("task_scope", [slot], "i32", "The slot id as an i32 (e.g. to store it).", `${B}:emit_task_scope_slot_to_i32_v1_to`, SCOPE),
  "task.scope.slot_from_i32_v1": row("task_scope", [i32("id")], "task_slot_v1", "Reinterprets an i32 as a slot id of the current scope.", `${B}:emit_task_scope_slot_from_i32_v1_to`, { ...SCOPE, open: "Whether an invalid id traps at conversion or at use is not settled." }),

  "task.select_evt.tag_v1": row("select_evt", [evt], "i32", "1 slot bytes ready, 2 slot canceled, 3 chan bytes ready, 4 chan closed, 5 timeout.", `${B}:emit_task_select_evt_tag_v1_to; docs concurrency-multiprocessing.md`),
  "task.select_evt.case_index_v1": row("select_evt", [evt], "i32", "0-based index of the matched case in cases_v1.", `${B}:emit_task_select_evt_case_index_v1_to`),
  "task.select_evt.src_id_v1": row("select_evt", [evt], "i32", "Slot id or channel id of the matched case.", `${B}:emit_task_select_evt_src_id_v1_to`),
  "task.select_evt.take_bytes_v1": row("select_evt", [evt], "bytes", "Moves the payload bytes out; only valid for tags 1 and 3.", `${B}:emit_task_select_evt_take_bytes_v1_to`, { open: "Behaviour on a payload-less event or a second take (trap vs empty) not settled." }),
  "task.select_evt.drop_v1": row("select_evt", [move("evt", "task_select_evt_v1")], "i32", "Drops the event and any payload.", `${B}:emit_task_select_evt_drop_v1_to`),

  "chan.bytes.new": row("chan", [i32("cap")], "i32", "New bounded channel; returns its id.", `${A}:emit_chan_bytes_new_to; rt_chan_bytes_new`, { allocates: true }),
  "chan.bytes.try_send": row("chan", [i32("ch"), borrow("msg", "bytes_view")], "i32", "Copies and enqueues if there is room: 1 sent, 0 not.", `${A}:emit_chan_bytes_try_send_to; rt_chan_bytes_try_send_view`, { allocates: true, open: "Return codes (full vs closed) not yet read from rt_chan_bytes_try_send_view." }),
  "chan.bytes.send": row("chan", [i32("ch"), move("msg", "bytes")], "i32", "Blocks until there is room, then enqueues (moves msg).", `${A}:emit_chan_bytes_send_to; rt_chan_bytes_send_block`, { context: "async" }),
  "chan.bytes.try_recv": row("chan", [i32("ch")], "result_bytes", "ok(msg) if one is queued, else err.", `${A}:emit_chan_bytes_try_recv_to; rt_chan_bytes_try_recv`, { open: "Err codes (empty vs closed) not yet read." }),
  "chan.bytes.recv": row("chan", [i32("ch")], "bytes", "Blocks until a message arrives.", `${A}:emit_chan_bytes_recv_to; rt_chan_bytes_recv_block`, { context: "async", open: "Result on a closed, empty channel not yet read." }),
  "chan.bytes.close": row("chan", [i32("ch")], "i32", "Closes the channel.", `${A}:emit_chan_bytes_close_to; rt_chan_bytes_close`),
} as const satisfies Record<string, HeadSpec>;
