/**
 * The execution worlds and what each may reach. One table; `WorldId` is derived from its keys.
 * solve-* worlds are deterministic evaluation worlds (fixture-backed fs/rr/kv at most); run-os worlds reach
 * the real OS and allow unsafe code and FFI (upstream `crates/x07-worlds`, `crates/x07c/src/world_config.rs`).
 */
export const WORLDS = {
  "solve-pure": { eval: true, fs: false, rr: false, kv: false, os: false, unsafe: false, ffi: false },
  "solve-fs": { eval: true, fs: true, rr: false, kv: false, os: false, unsafe: false, ffi: false },
  "solve-rr": { eval: true, fs: false, rr: true, kv: false, os: false, unsafe: false, ffi: false },
  "solve-kv": { eval: true, fs: false, rr: false, kv: true, os: false, unsafe: false, ffi: false },
  "solve-full": { eval: true, fs: true, rr: true, kv: true, os: false, unsafe: false, ffi: false },
  "run-os": { eval: false, fs: true, rr: true, kv: false, os: true, unsafe: true, ffi: true },
  "run-os-sandboxed": { eval: false, fs: true, rr: true, kv: false, os: true, unsafe: true, ffi: true },
} as const satisfies Record<string, WorldCaps>;

/** What a world allows. */
export interface WorldCaps {
  /** A deterministic evaluation (solve-*) world. */
  readonly eval: boolean;
  readonly fs: boolean;
  readonly rr: boolean;
  readonly kv: boolean;
  readonly os: boolean;
  readonly unsafe: boolean;
  readonly ffi: boolean;
}

/** A world id. */
export type WorldId = keyof typeof WORLDS;

/** The default world. */
export const DEFAULT_WORLD: WorldId = "solve-pure";

/** Whether a string names a world. */
export const isWorldId = (s: string): s is WorldId => Object.prototype.hasOwnProperty.call(WORLDS, s);

/** All world ids. */
export const WORLD_IDS = Object.keys(WORLDS) as WorldId[];
