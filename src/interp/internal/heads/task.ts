/**
 * Tasks and byte channels: defasync task handles, await/join/try_join, yield, sleep, cancel, chan.bytes.*. The
 * scheduler and its semantics are in ../sched.ts. Not yet: task.scope_v1 and its task.scope.* heads, select.
 */
import type { HeadName } from "../../../core/heads/table.ts";
import type { Runtime } from "../runtime.ts";
import type { HeadFn } from "./impl.ts";

export const TASK_HEADS = {
  "await": (rt: Runtime, h: number) => rt.sched.join(h, "bytes"),
  "task.spawn": (rt: Runtime, h: number) => rt.sched.spawn(h),
  "task.is_finished": (rt: Runtime, h: number) => rt.sched.isFinished(h),
  "task.join.bytes": (rt: Runtime, h: number) => rt.sched.join(h, "bytes"),
  "task.join.result_bytes": (rt: Runtime, h: number) => rt.sched.join(h, "result_bytes"),
  "task.try_join.bytes": (rt: Runtime, h: number) => rt.sched.tryJoin(h, "bytes"),
  "task.try_join.result_bytes": (rt: Runtime, h: number) => rt.sched.tryJoin(h, "result_bytes"),
  "task.yield": (rt: Runtime) => rt.sched.yield(),
  "task.sleep": (rt: Runtime, ticks: number) => rt.sched.sleep(ticks),
  "task.cancel": (rt: Runtime, h: number) => rt.sched.cancel(h),
  "chan.bytes.new": (rt: Runtime, cap: number) => rt.sched.chanNew(cap),
  "chan.bytes.send": (rt: Runtime, ch: number, msg: Uint8Array) => rt.sched.send(ch, msg),
  "chan.bytes.try_send": (rt: Runtime, ch: number, msg: Uint8Array) => rt.sched.trySend(ch, () => rt.copyOf(msg)),
  "chan.bytes.recv": (rt: Runtime, ch: number) => rt.sched.recv(ch),
  "chan.bytes.try_recv": (rt: Runtime, ch: number) => rt.sched.tryRecv(ch),
  "chan.bytes.close": (rt: Runtime, ch: number) => rt.sched.close(ch),
} as const satisfies { readonly [K in HeadName]?: HeadFn };
