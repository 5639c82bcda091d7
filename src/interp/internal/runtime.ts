/**
 * Per-run state: fuel, limits and memory statistics. One `Runtime` is made for each run and captured by the
 * compiled closures, so nothing is global and two runs never share state.
 */
import { Scheduler } from "./sched.ts";
import { InterpTrap, trap } from "./trap.ts";
import { EMPTY_BYTES } from "./values.ts";
import type { MapU32, MapValue, VecU8, VecValue } from "./values.ts";

export interface ResolvedLimits {
  readonly fuel: number;
  readonly maxMemoryBytes: number;
  readonly maxOutputBytes: number;
  /** Cap on the bytes allocated over the whole run (an embedding budget; Infinity = none). */
  readonly maxAllocTotalBytes?: number;
  /** Wall-clock limit of the run in milliseconds (an embedding budget; undefined = none). */
  readonly timeLimitMs?: number;
}

/** Memory counters in upstream's `mem_stats` shape (see README for what is exact and what is an upper bound). */
export interface MemStats {
  alloc_calls: number;
  realloc_calls: number;
  free_calls: number;
  bytes_alloc_total: number;
  bytes_freed_total: number;
  live_bytes: number;
  peak_live_bytes: number;
  live_allocs: number;
  peak_live_allocs: number;
  memcpy_bytes: number;
}

export const emptyMemStats = (): MemStats => ({
  alloc_calls: 0, realloc_calls: 0, free_calls: 0, bytes_alloc_total: 0, bytes_freed_total: 0,
  live_bytes: 0, peak_live_bytes: 0, live_allocs: 0, peak_live_allocs: 0, memcpy_bytes: 0,
});

const FUEL_CHUNK = 1 << 29;
/** With a wall-clock limit, fuel is handed out in small chunks so the clock is read every 2^16 units. */
const TIMED_FUEL_CHUNK = 1 << 16;

export class Runtime {
  /**
   * Fuel left in the current chunk; a node does `if (--rt.fuel < 0) rt.refuel(ptr)`. The budget is handed out in
   * chunks of at most 2^29 so that this counter stays a small integer (V8 Smi): a large double counter made every
   * charge box a number and halved the speed of hot loops.
   */
  fuel: number;
  /** Fuel not yet handed to the current chunk. */
  private reserve: number;
  readonly mem: MemStats = emptyMemStats();
  /** map_u32/set_u32 tables; handle h is index h - 1 (handles are never freed, as upstream). */
  readonly maps: MapU32[] = [];
  /** scratch_u8_fixed_v1 buffers; handle h is index h - 1; a dropped slot is undefined and reused by `new`. */
  readonly scratch: Array<VecU8 | undefined> = [];
  /** vec_value vectors; handle h is index h - 1 (never freed, as upstream). */
  readonly vecs: VecValue[] = [];
  /** map_value maps; handle h is index h - 1 (never freed, as upstream). */
  readonly mapValues: MapValue[] = [];
  /** Tasks and channels (defasync calls, await, chan.bytes.*). */
  readonly sched = new Scheduler();

  /** performance.now() deadline of a timed run (Infinity when untimed or before {@link startClock}). */
  private deadline = Infinity;
  private readonly chunk: number;
  private readonly maxAllocTotal: number;

  constructor(
    readonly input: Uint8Array,
    readonly limits: ResolvedLimits,
  ) {
    this.chunk = limits.timeLimitMs === undefined ? FUEL_CHUNK : TIMED_FUEL_CHUNK;
    this.maxAllocTotal = limits.maxAllocTotalBytes ?? Infinity;
    this.reserve = Math.max(0, Math.floor(limits.fuel));
    this.fuel = 0;
    this.take();
  }

  private take(): void {
    const n = Math.min(this.reserve, this.chunk);
    this.reserve -= n;
    this.fuel += n;
  }

  /** Called when a charge took the chunk below zero: moves more fuel in, or traps when the budget is spent. */
  refuel(ptr: string): void {
    if (this.deadline !== Infinity) this.checkClock(ptr);
    while (this.fuel < 0) {
      if (this.reserve === 0) {
        this.fuel = 0;
        if (this.budgetFuelDepth > 0) throw new InterpTrap("X07I_TRAP_BUDGET", "X07T_BUDGET_EXCEEDED_FUEL", ptr);
        throw new InterpTrap("X07I_TRAP_FUEL", "fuel exhausted", ptr);
      }
      this.take();
    }
  }

  /** Starts the wall clock of a timed run (called once the program is compiled, as /solve is entered). */
  startClock(): void {
    if (this.limits.timeLimitMs !== undefined) this.deadline = performance.now() + this.limits.timeLimitMs;
  }

  /** Traps when a timed run is past its deadline. */
  private checkClock(ptr: string): void {
    if (performance.now() > this.deadline) throw new InterpTrap("X07I_TRAP_TIME", `wall-clock limit of ${this.limits.timeLimitMs} ms exceeded`, ptr);
  }

  /** Open budget scopes that clamped the fuel (running out inside one is a budget trap, as upstream). */
  budgetFuelDepth = 0;

  /** Replaces the fuel left (budget scopes clamp it on entry and restore the outer budget on exit). */
  setFuelLeft(n: number): void {
    this.reserve = Math.max(0, n);
    this.fuel = 0;
    this.take();
  }

  /** Fuel not yet spent. */
  fuelLeft(): number {
    return Math.max(this.fuel, 0) + this.reserve;
  }

  /**
   * Accounts for a fresh allocation of n bytes (n read unsigned). A single request above the memory cap traps
   * as upstream's allocator does when it cannot satisfy a request.
   */
  account(n: number): void {
    const size = n >>> 0;
    if (size > this.limits.maxMemoryBytes) trap("X07I_TRAP_MEMORY", "allocator.alloc failed");
    const m = this.mem;
    // A refused request is not counted: the counters show what the run really allocated.
    if (m.bytes_alloc_total + size > this.maxAllocTotal) trap("X07I_TRAP_MEMORY", `allocation budget exceeded: ${m.bytes_alloc_total} bytes allocated, ${size} more requested, the limit is ${this.maxAllocTotal}`);
    m.alloc_calls++;
    m.bytes_alloc_total += size;
    if (this.deadline !== Infinity) this.checkClock("");
    m.live_bytes += size;
    m.live_allocs++;
    if (m.live_bytes > m.peak_live_bytes) m.peak_live_bytes = m.live_bytes;
    if (m.live_allocs > m.peak_live_allocs) m.peak_live_allocs = m.live_allocs;
  }

  /** New zero-filled bytes of n (unsigned) bytes; zero-length requests do not allocate (upstream `rt_bytes_empty`). */
  alloc(n: number): Uint8Array {
    if (n === 0) return EMPTY_BYTES;
    this.account(n);
    return new Uint8Array(n >>> 0);
  }

  /** Copies a byte range into fresh bytes (counts the allocation and the memcpy). */
  copyOf(src: Uint8Array): Uint8Array {
    if (src.length === 0) return EMPTY_BYTES;
    this.account(src.length);
    this.mem.memcpy_bytes += src.length;
    return src.slice();
  }

  memcpy(n: number): void {
    this.mem.memcpy_bytes += n;
  }
}
