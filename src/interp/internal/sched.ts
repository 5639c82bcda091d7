/**
 * The deterministic task scheduler (upstream's `rt_sched_*`, crates/x07c/src/c_emit_core.rs): tasks created by
 * defasync calls go to a FIFO ready queue (ids from 1; 0 is /solve), virtual time advances only through sleeps,
 * channels are bounded FIFO queues of bytes, and every scheduling event folds into a 64-bit FNV-1a trace hash.
 *
 * Upstream compiles a defasync body to a state machine that can suspend at every await. The interpreter runs a
 * task body to completion when the scheduler switches to it; a blocking operation inside a task (await, join,
 * recv on an empty channel, send on a full one, sleep, yield) runs other ready tasks in place — exactly upstream's
 * blocking loop for /solve (`*_block`), used in tasks too. Outputs are the same for every program whose tasks do
 * not wait on a task that is suspended below them on the stack; such a wait is reported as a scheduler deadlock
 * instead of completing (documented limitation). Counters and the trace hash are deterministic but follow this
 * model, so they are not expected to equal upstream's numbers.
 */
import { trap } from "./trap.ts";
import { EMPTY_BYTES, Tagged } from "./values.ts";
import type { Value } from "./values.ts";

/** Scheduler counters in upstream's `sched_stats` shape. */
export interface SchedStats {
  tasks_spawned: number;
  spawn_calls: number;
  join_calls: number;
  yield_calls: number;
  sleep_calls: number;
  chan_send_calls: number;
  chan_recv_calls: number;
  ctx_switches: number;
  wake_events: number;
  blocked_waits: number;
  virtual_time_end: number;
  sched_trace_hash: string;
}

const TRACE_SWITCH = 1n;
const TRACE_BLOCK = 2n;
const TRACE_WAKE = 3n;
const TRACE_COMPLETE = 4n;
const WAIT_JOIN = 1n;
const WAIT_SLEEP = 2n;
const WAIT_CHAN_SEND = 3n;
const WAIT_CHAN_RECV = 4n;
const FNV64_OFFSET = 14695981039346656037n;
const FNV64_PRIME = 1099511628211n;
const MASK64 = (1n << 64n) - 1n;

const taskTrap = (message: string): never => trap("X07I_TRAP_TASK", message);

/** What a task's body produces: bytes, or a result_bytes (tag + payload). */
export type TaskKind = "bytes" | "result_bytes";

/** The task kind of a defasync function from its declared result type. */
export const taskKindOf = (result: string): TaskKind => (result === "result_bytes" ? "result_bytes" : "bytes");

interface Task {
  readonly kind: TaskKind;
  body: (() => Value) | undefined;
  done: boolean;
  canceled: boolean;
  taken: boolean;
  inReady: boolean;
  out: Value | undefined;
}

interface Chan {
  readonly cap: number;
  readonly queue: Uint8Array[];
  closed: boolean;
}

export class Scheduler {
  private readonly tasks: Task[] = [];
  private readonly chans: Chan[] = [];
  private ready: number[] = [];
  private readyAt = 0;
  private now = 0;
  private current = 0;
  /** Blocking waits in progress (nested on the JS stack). */
  private waiting = 0;
  private trace = FNV64_OFFSET;
  readonly stats = {
    tasks_spawned: 0, spawn_calls: 0, join_calls: 0, yield_calls: 0, sleep_calls: 0, chan_send_calls: 0,
    chan_recv_calls: 0, ctx_switches: 0, wake_events: 0, blocked_waits: 0, virtual_time_end: 0,
  };

  /** Virtual time (ticks advanced by sleeps). */
  get ticks(): number {
    return this.now;
  }

  /** Whether any task or channel was ever made (the runner reports `sched_stats: null` otherwise). */
  get used(): boolean {
    return this.tasks.length > 0 || this.chans.length > 0;
  }

  snapshot(): SchedStats {
    return { ...this.stats, virtual_time_end: this.now, sched_trace_hash: `0x${this.trace.toString(16).padStart(16, "0")}` };
  }

  private traceU64(x: bigint): void {
    this.trace = ((this.trace ^ (x & MASK64)) * FNV64_PRIME) & MASK64;
  }

  private event(tag: bigint, a: bigint, b: bigint): void {
    this.traceU64(tag);
    this.traceU64(a);
    this.traceU64(b);
  }

  private task(id: number): Task {
    const t = id > 0 ? this.tasks[id - 1] : undefined;
    return t ?? taskTrap("task invalid handle");
  }

  private chan(id: number): Chan {
    const c = id > 0 ? this.chans[id - 1] : undefined;
    return c ?? taskTrap("chan invalid handle");
  }

  private readyPush(id: number): void {
    const t = this.task(id);
    if (t.done || t.inReady) return;
    t.inReady = true;
    this.ready.push(id);
  }

  private readyPop(): number {
    while (this.readyAt < this.ready.length) {
      const id = this.ready[this.readyAt++] as number;
      if (this.readyAt > 1024 && this.readyAt * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.readyAt);
        this.readyAt = 0;
      }
      const t = this.tasks[id - 1] as Task;
      t.inReady = false;
      return id;
    }
    return 0;
  }

  /** A defasync call: a new task, immediately ready. */
  create(kind: TaskKind, body: () => Value): number {
    this.tasks.push({ kind, body, done: false, canceled: false, taken: false, inReady: false, out: undefined });
    const id = this.tasks.length;
    this.stats.tasks_spawned++;
    this.readyPush(id);
    return id;
  }

  spawn(id: number): number {
    this.stats.spawn_calls++;
    this.task(id);
    return id;
  }

  isFinished(id: number): number {
    return this.task(id).done ? 1 : 0;
  }

  /**
   * Runs one scheduling step: the next ready task, to completion. False when nothing is ready. (Upstream's step
   * also fires timers; here no task is ever parked on a timer, because a sleeping task advances time in place.)
   */
  private step(): boolean {
    const id = this.readyPop();
    if (id !== 0) {
      const t = this.task(id);
      if (t.done) return true;
      this.stats.ctx_switches++;
      this.event(TRACE_SWITCH, BigInt(id), BigInt(this.now));
      const prev = this.current;
      this.current = id;
      const body = t.body as () => Value;
      t.body = undefined;
      let out: Value;
      try {
        out = body();
      } finally {
        this.current = prev;
      }
      if (!t.done) {
        t.done = true;
        t.out = out;
        this.event(TRACE_COMPLETE, BigInt(id), BigInt(this.now));
      }
      return true;
    }
    return false;
  }

  private wake(id: number, reason: bigint, src: number): void {
    this.stats.wake_events++;
    this.event(TRACE_WAKE, BigInt(id), (reason << 32n) | BigInt(src));
  }

  private block(reason: bigint, src: number): void {
    this.stats.blocked_waits++;
    this.event(TRACE_BLOCK, BigInt(this.current), (reason << 32n) | BigInt(src));
  }

  /** Runs ready tasks until `until()` holds; a run with nothing left to do is a deadlock. */
  private runUntil(until: () => boolean, reason: bigint, src: number): void {
    if (until()) return;
    if (this.current !== 0) this.block(reason, src);
    this.waiting++;
    try {
      while (!until()) {
        if (this.step()) continue;
        // Nothing is ready. With another wait below this one on the JS stack, upstream could resume that waiter;
        // this interpreter cannot suspend the task on top, so say so instead of a plain deadlock.
        if (this.waiting > 1) taskTrap(`scheduler deadlock: task ${this.current} waits while a waiter below it cannot be resumed (the interpreter runs tasks to completion; see src/interp/README.md)`);
        taskTrap("scheduler deadlock");
      }
    } finally {
      this.waiting--;
    }
    if (this.current !== 0) this.wake(this.current, reason, src);
  }

  private take(id: number, t: Task): Value {
    if (t.taken) taskTrap("join already taken");
    t.taken = true;
    const out = t.out;
    t.out = undefined;
    if (t.canceled) return t.kind === "bytes" ? EMPTY_BYTES : new Tagged(0, 2);
    return out as Value;
  }

  /** await / task.join.bytes / task.join.result_bytes. */
  join(id: number, kind: TaskKind): Value {
    this.stats.join_calls++;
    const t = this.task(id);
    if (id === this.current) taskTrap("join self");
    this.runUntil(() => t.done, WAIT_JOIN, id);
    if (!t.canceled && t.kind !== kind) taskTrap(`task.join.${kind} kind mismatch`);
    return this.take(id, t);
  }

  /** task.try_join.*: ok(output) when finished; err 1 not finished, err 2 canceled. */
  tryJoin(id: number, kind: TaskKind): Value {
    this.stats.join_calls++;
    const t = this.task(id);
    if (!t.done) return new Tagged(0, 1);
    if (t.taken) taskTrap("join already taken");
    if (t.canceled) {
      t.taken = true;
      return new Tagged(0, 2);
    }
    if (t.kind !== kind) taskTrap(`task.try_join.${kind} kind mismatch`);
    return new Tagged(1, this.take(id, t));
  }

  /** task.cancel: 1 when it canceled a running task, 0 when the task had already finished. */
  cancel(id: number): number {
    const t = this.task(id);
    if (t.done) return 0;
    t.canceled = true;
    t.done = true;
    t.body = undefined;
    t.out = undefined;
    this.event(TRACE_COMPLETE, BigInt(id), BigInt(this.now));
    return 1;
  }

  /** task.yield: lets one other ready task run. */
  yield(): number {
    this.stats.yield_calls++;
    this.step();
    return 0;
  }

  /** task.sleep: runs every ready task, then advances virtual time by `ticks` (upstream's blocking sleep). */
  sleep(ticks: number): number {
    this.stats.sleep_calls++;
    const n = ticks >>> 0;
    if (n === 0) return 0;
    if (this.current !== 0) this.block(WAIT_SLEEP, n);
    while (this.step()) {
      // drain the ready queue
    }
    this.now += n;
    if (this.current !== 0) this.wake(this.current, WAIT_SLEEP, 0);
    return 0;
  }

  chanNew(cap: number): number {
    if (cap === 0) taskTrap("chan cap=0");
    this.chans.push({ cap: cap >>> 0, queue: [], closed: false });
    return this.chans.length;
  }

  /** chan.bytes.send: waits for room, then enqueues (the message moves in). */
  send(id: number, msg: Uint8Array): number {
    if (this.current !== 0) this.stats.chan_send_calls++;
    const c = this.chan(id);
    if (c.closed) taskTrap("chan.send closed");
    this.runUntil(() => c.queue.length < c.cap, WAIT_CHAN_SEND, id);
    if (c.closed) taskTrap("chan.send closed");
    c.queue.push(msg);
    return 1;
  }

  /** chan.bytes.try_send: 1 sent (a copy), 0 full, 2 closed. */
  trySend(id: number, copy: () => Uint8Array): number {
    this.stats.chan_send_calls++;
    const c = this.chan(id);
    if (c.closed) return 2;
    if (c.queue.length >= c.cap) return 0;
    c.queue.push(copy());
    return 1;
  }

  /** chan.bytes.recv: waits for a message; a closed, drained channel gives empty bytes. */
  recv(id: number): Uint8Array {
    if (this.current !== 0) this.stats.chan_recv_calls++;
    const c = this.chan(id);
    this.runUntil(() => c.queue.length > 0 || c.closed, WAIT_CHAN_RECV, id);
    return c.queue.shift() ?? EMPTY_BYTES;
  }

  /** chan.bytes.try_recv: ok(msg); err 1 empty, err 2 closed and drained. */
  tryRecv(id: number): Tagged {
    this.stats.chan_recv_calls++;
    const c = this.chan(id);
    const msg = c.queue.shift();
    if (msg !== undefined) return new Tagged(1, msg);
    return new Tagged(0, c.closed ? 2 : 1);
  }

  /** chan.bytes.close: 1 when it closed the channel, 0 when it was already closed. */
  close(id: number): number {
    const c = this.chan(id);
    if (c.closed) return 0;
    c.closed = true;
    return 1;
  }
}
