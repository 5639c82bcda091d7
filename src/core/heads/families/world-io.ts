/**
 * World I/O heads: the fixture file system (fs.*), readers (io.read, bufread.*), the key/value store (kv.*),
 * record/replay cassettes (rr.*) and the process exit code. They back std.world.fs, std.fs, std.io,
 * std.io.bufread, std.kv, std.rr and std.process.
 *
 * Upstream: types from `infer` (c_emit_types.rs); emitters `emit_fs_*_to`, `emit_rr_*_v1_to`, `emit_kv_*_to`
 * (c_emit_worlds.rs) and `emit_io_read_to`, `emit_bufread_*_to`, `emit_process_set_exit_code_v1_to`
 * (c_emit_builtins.rs); runtime `rt_fs_*`, `rt_io_*`, `rt_bufread_*`, `rt_kv_*`, `rt_rr_*` (RUNTIME_C_PREAMBLE,
 * c_emit_core.rs); world gating in `lint_world_heads` (lint.rs) and `compile.rs`.
 *
 * Capabilities: fs.*, rr.* and kv.* need the world's fs / rr / kv capability (upstream gates them by head prefix,
 * as forms.ts `capabilityOf` does; lint reports X07-WORLD-FS/RR/KV-0001). io.read, bufread.* and
 * process.set_exit_code_v1 have no capability check upstream: they are usable in every world (a reader iface
 * only comes from fs.open_read, kv.get_stream or a reader constructor).
 *
 * None of these heads is run by our interpreter (it implements solve-pure only); reaching one at run time is an
 * X07I_UNSUPPORTED_HEAD trap. No head here is async-only: upstream's `infer` has no allow_async_ops check for
 * them, and the "blocking" ones (fs.read_async, kv.get_async, io.read, bufread.fill, rr.next_v1) block the
 * deterministic scheduler for the fixture latency instead.
 */
import { copy, i32, move, row, viewOrBytes, type HeadSpec } from "../spec.ts";

const W = "c_emit_worlds.rs";
const B = "c_emit_builtins.rs";
const T = "c_emit_types.rs:infer";
const FS = { capability: "fs" } as const;
const RR = { capability: "rr" } as const;
const KV = { capability: "kv" } as const;

/** Upstream's bytes_view positions here go through `emit_expr_as_bytes_view`, which also views a vec_u8. */
const VEC_U8_OPEN =
  "Upstream (infer + emit_expr_as_bytes_view) also accepts a vec_u8 at the bytes_view positions, viewed in full; the table's coercions only model bytes, so a vec_u8 argument is a check error here.";

const FS_READ_TRAPS = ["fs.read unsafe path", "fs.read open failed", "fs.read seek failed", "fs.read tell failed", "fs.read file too large", "fs.read short read"];
const FS_PATH_RULE =
  "The path must be a safe relative path: non-empty, not starting with '/', no NUL or '\\\\' byte, no empty, '.' or '..' segment and no segment starting with '.x07_'.";
const RR_ERRS =
  "err codes: 2000 cfg invalid, 2001 cfg unsupported, 2002 open failed, 2003 cassette-bytes budget, 2004 entries budget, 2005 req-bytes budget, 2006 resp-bytes budget, 2007 key-bytes budget, 2008 entry invalid, 2009 miss, 2010 kind mismatch, 2011 op mismatch, 2012 mode cannot replay, 2013 mode cannot append, 2014 truncated.";

const path = viewOrBytes("path");
const reader = copy("reader", "iface");

export const WORLD_IO_HEADS = {
  "fs.read": row("fs", [path], "bytes", `Whole contents of a fixture file. ${FS_PATH_RULE} Traps on an unsafe path or a missing/unreadable file. Honours the fixture latency index (.x07_fs/latency.evfslat) like fs.read_async.`, `${W}:emit_fs_read_to; rt_fs_read_async_block; rt_fs_read; ${T}`, { ...FS, allocates: true, traps: FS_READ_TRAPS, open: VEC_U8_OPEN }),
  "fs.read_async": row("fs", [path], "bytes", "As fs.read, after sleeping the file's fixture latency in virtual scheduler ticks (other tasks run meanwhile).", `${W}:emit_fs_read_async_to; rt_fs_read_async_block; ${T}`, { ...FS, allocates: true, traps: FS_READ_TRAPS, open: VEC_U8_OPEN }),
  "fs.open_read": row("fs", [path], "iface", `Opens a fixture file as a streaming reader (io reader vtable) for io.read / bufread.new. ${FS_PATH_RULE} Traps when the file cannot be opened.`, `${W}:emit_fs_open_read_to; rt_fs_open_read; ${T}`, { ...FS, allocates: true, traps: ["fs.open_read unsafe path", "fs.open_read open failed"], open: VEC_U8_OPEN }),
  "fs.list_dir": row("fs", [path], "bytes", `Names in a fixture directory, sorted bytewise (strcmp), each followed by '\\n' (so the result is empty or ends in '\\n'); '.', '..' and names starting with '.x07_' are left out. ${FS_PATH_RULE}`, `${W}:emit_fs_list_dir_to; rt_fs_list_dir; ${T}`, { ...FS, allocates: true, traps: ["fs.list_dir unsafe path", "fs.list_dir open failed", "fs.list_dir name too long", "fs.list_dir output too large"], open: VEC_U8_OPEN }),

  "io.read": row("io", [reader, i32("max")], "bytes", "Reads up to max bytes (max read unsigned) from a reader; empty at end of stream or when max = 0. A chunk may be shorter than max before the end.", `${B}:emit_io_read_to; rt_iface_io_read_block; rt_io_read_block; ${T}`, { allocates: true, traps: ["io.read bad iface vtable", "io.reader invalid handle", "io.read bad reader kind", "io.read too large"] }),
  "bufread.new": row("bufread", [reader, i32("cap")], "i32", "New buffered reader over the reader with a buffer of cap bytes; returns its handle (1, 2, … in creation order). Traps when cap = 0.", `${B}:emit_bufread_new_to; rt_bufread_new; ${T}`, { allocates: true, traps: ["bufread cap=0", "bufread.new bad iface vtable", "io.reader invalid handle"] }),
  "bufread.fill": row("bufread", [i32("br")], "bytes_view", "The buffered bytes not yet consumed; refills (up to cap bytes) only when none are left. Empty means end of stream. The view borrows runtime-owned storage, valid until the next consume/fill.", `${B}:emit_bufread_fill_to; rt_bufread_fill_block; ${T}; c_emit_core.rs borrow_of_as_bytes_view (ViewBorrowFrom::Runtime)`, { traps: ["bufread invalid handle", "bufread corrupt", "bufread bad reader kind", "bufread.fill too large"], open: "How a use of the view after the next consume/fill is prevented (upstream treats it as runtime-borrowed, like scratch_u8_fixed_v1.as_view) is not settled." }),
  "bufread.consume": row("bufread", [i32("br"), i32("n")], "i32", "Marks n of the buffered bytes as read (n read unsigned); traps when n exceeds what fill last made available. Returns 0.", `${B}:emit_bufread_consume_to; rt_bufread_consume; ${T}`, { traps: ["bufread invalid handle", "bufread corrupt", "bufread.consume oob"] }),

  "kv.get": row("kv", [viewOrBytes("key")], "bytes", "Copy of the value stored under key; empty bytes when the key is absent (indistinguishable from an empty value). Honours the fixture latency index like kv.get_async.", `${W}:emit_kv_get_to; rt_kv_get_async_block; rt_kv_get; ${T}`, { ...KV, allocates: true, open: VEC_U8_OPEN }),
  "kv.get_async": row("kv", [viewOrBytes("key")], "bytes", "As kv.get, after sleeping the key's fixture latency in virtual scheduler ticks.", `${W}:emit_kv_get_async_to; rt_kv_get_async_block; ${T}`, { ...KV, allocates: true, open: VEC_U8_OPEN }),
  "kv.get_stream": row("kv", [viewOrBytes("key")], "iface", "A reader over a copy of the value under key (empty when absent), carrying the key's fixture latency, for io.read / bufread.new.", `${W}:emit_kv_get_stream_to; rt_kv_get_stream; ${T}`, { ...KV, allocates: true, open: VEC_U8_OPEN }),
  "kv.set": row("kv", [move("key", "bytes"), move("val", "bytes")], "i32", "Stores val under key, taking ownership of both; 1 when the key was new, 0 when an existing value was replaced.", `${W}:emit_kv_set_to; rt_kv_set; ${T}`, { ...KV, allocates: true }),

  "rr.open_v1": row("rr", [viewOrBytes("cfg")], "result_i32", `Opens a record/replay handle from an X7RC v1 config blob (at least 40 bytes: magic, version, mode, match mode, budgets, cassette path); ok(handle) or err(code). ${RR_ERRS}`, `${W}:emit_rr_open_v1_to; rt_rr_open_v1; ${T}`, { ...RR, allocates: true, open: `${VEC_U8_OPEN} The config layout beyond the fields named here is not copied into the table.` }),
  "rr.close_v1": row("rr", [i32("h")], "i32", "Closes a handle: 1 if it was a live handle (and clears rr.current_v1 if it was current), else 0 (never traps on a bad handle).", `${W}:emit_rr_close_v1_to; rt_rr_close_v1; ${T}`, RR),
  "rr.stats_v1": row("rr", [i32("h")], "bytes", "Canonical JSON counters of a live handle: {\"v\":1,\"mode\":M,\"match_mode\":N,\"cassettes\":C,\"entries\":E,\"used\":U,\"bytes\":B}. Traps on a handle that is not live.", `${W}:emit_rr_stats_v1_to; rt_rr_stats_v1; ${T}`, { ...RR, allocates: true, traps: ["rr invalid handle", "rr.stats_v1 snprintf failed"] }),
  "rr.next_v1": row("rr", [i32("h"), viewOrBytes("kind"), viewOrBytes("op"), viewOrBytes("key")], "result_bytes", `Replays the next matching entry's payload: transcript mode takes entries in order (kind/op must match), lookup mode the earliest unused entry with equal kind, op and key; sleeps the entry's latency. ok(payload) or err(code). ${RR_ERRS}`, `${W}:emit_rr_next_v1_to; rt_rr_next_v1; ${T}`, { ...RR, allocates: true, traps: ["rr invalid handle"], open: VEC_U8_OPEN }),
  "rr.append_v1": row("rr", [i32("h"), viewOrBytes("entry")], "result_i32", `Appends an encoded entry to the handle's last cassette (record, record-missing and rewrite modes only); ok(0) or err(code). ${RR_ERRS}`, `${W}:emit_rr_append_v1_to; rt_rr_append_v1; ${T}`, { ...RR, allocates: true, traps: ["rr invalid handle"], open: VEC_U8_OPEN }),
  "rr.current_v1": row("rr", [], "i32", "The handle of the innermost enclosing std.rr.with_v1 / with_policy_v1, or 0 outside one.", `${W}:emit_rr_current_v1_to (ctx->rr_current); ${T}`, RR),
  "rr.entry_resp_v1": row("rr", [viewOrBytes("entry")], "bytes", "The \"resp\" string of an encoded rr entry (a data-model map), copied. Traps when the entry is malformed or has no resp.", `${W}:emit_rr_entry_resp_v1_to; rt_rr_entry_resp_v1; ${T}`, { ...RR, allocates: true, traps: ["rr.entry_resp_v1 invalid entry", "rr.entry_resp_v1 missing resp"], open: VEC_U8_OPEN }),
  "rr.entry_err_v1": row("rr", [viewOrBytes("entry")], "i32", "The \"err\" number of an encoded rr entry (signed decimal that must fit i32). Traps when the entry is malformed, has no err, or err is not such a number.", `${W}:emit_rr_entry_err_v1_to; rt_rr_entry_err_v1; ${T}`, { ...RR, traps: ["rr.entry_err_v1 invalid entry", "rr.entry_err_v1 invalid err", "rr.entry_err_v1 missing err"], open: VEC_U8_OPEN }),

  "process.set_exit_code_v1": row("process", [i32("code")], "i32", "Sets the exit code the program reports when it finishes; returns code.", `${B}:emit_process_set_exit_code_v1_to (ctx->exit_code); ${T}`),
} as const satisfies Record<string, HeadSpec>;
