/**
 * THE table of built-in std modules: every module upstream x07 0.2.17 builds into its compiler
 * (`crates/x07c/src/builtin_modules.rs`: std-core 0.1.4 + std 0.1.3), how we implement it, and how the prover
 * can reason about it. One row per module; `src/std/README.md` renders the same facts for people.
 *
 * Implementation kinds:
 * - `x07ast`: an x07AST module written in this project (`src/std/modules/<id path>.x07.json`). `check`
 *   verifies it like user code, `interp` runs it, and `prove` reasons about it as ordinary code.
 *
 * World: `pure` modules may be imported from every world; `fs`/`rr`/`kv`/`os` modules call world-specific
 * builtins and are only usable in the worlds that provide them (the lint world rules report it elsewhere).
 */

/** How a std module is implemented here. */
export type StdImplementationKind = "x07ast";

/** What a module needs from its world. */
export type StdWorldNeed = "pure" | "fs" | "rr" | "kv" | "os";

/** One row of the std table. */
export interface StdModuleRow {
  readonly kind: StdImplementationKind;
  readonly world: StdWorldNeed;
  /** How `prove` treats calls into this module. */
  readonly provable: "as code";
  /** One line: what the module is for. */
  readonly summary: string;
}

const pure = (summary: string): StdModuleRow => ({ kind: "x07ast", world: "pure", provable: "as code", summary });
const inWorld = (world: StdWorldNeed, summary: string): StdModuleRow => ({ kind: "x07ast", world, provable: "as code", summary });

/** Every built-in std module, by id. */
export const STD_MODULES = {
  "std.bit": pure("bit tricks on i32"),
  "std.bitset": pure("fixed-size bit sets in bytes"),
  "std.btree_map": pure("sorted maps (generic K, V) as sorted pair arrays in bytes"),
  "std.btree_set": pure("sorted sets (generic K) as sorted arrays in bytes"),
  "std.bytes": pure("byte-string utilities: compare, search, reverse, concat, slices"),
  "std.codec": pure("base64 and hex encode/decode (results as std.doc documents), u32 little-endian wrappers"),
  "std.csv": pure("small CSV helpers"),
  "std.deque": pure("double-ended queues (generic T) in bytes"),
  "std.deque_u32": pure("double-ended queues of u32"),
  "std.doc": pure("the doc envelope: ok/err documents with codes and messages"),
  "std.fmt": pure("decimal formatting of u32/s32"),
  "std.fs": inWorld("fs", "file-system helpers over std.world.fs"),
  "std.hash": pure("FNV-1a and mix32 hashes"),
  "std.hash_map": pure("hash maps (generic K, V)"),
  "std.hash_map_value": pure("generic hash maps over map_value handles"),
  "std.hash_set": pure("hash sets (generic K) and view sets"),
  "std.heap": pure("binary min-heaps (generic T) in bytes"),
  "std.heap_u32": pure("binary min-heaps of u32"),
  "std.http.envelope": pure("HTTP request/response envelopes as JSON"),
  "std.io": pure("reader helpers (readers come from world heads; io.read itself is not gated, as upstream)"),
  "std.io.bufread": pure("buffered reader helpers (not gated, as upstream)"),
  "std.json": pure("JSON validation, canonical and pretty encoding, dotted-path extraction"),
  "std.kv": inWorld("kv", "key-value world helpers"),
  "std.lru_cache": pure("LRU caches (generic K, V)"),
  "std.map": pure("ASCII word frequencies, sorted"),
  "std.option": pure("option helpers"),
  "std.parse": pure("decimal parsing of u32/i32 with status encodings"),
  "std.path": pure("path string manipulation"),
  "std.pbt.case_v1": pure("property-test case encoding"),
  "std.pbt.gen_v1": pure("property-test generators"),
  "std.pbt.shrink_v1": pure("property-test shrinking"),
  "std.process": pure("the process exit code (process.set_exit_code_v1 is not gated upstream; the interpreter does not run it yet)"),
  "std.prng": pure("the x07rand32 deterministic PRNG"),
  "std.regex-lite": pure("a tiny regex (letters, ., *) counting leftmost-longest matches"),
  "std.result": pure("result helpers"),
  "std.rr": inWorld("rr", "record/replay world helpers"),
  "std.set": pure("unique ASCII words, sorted"),
  "std.slab": pure("slab allocators (generic T) in bytes"),
  "std.slice": pure("slice helpers"),
  "std.small_map": pure("small sorted maps (bytes keys) in bytes"),
  "std.small_set": pure("small sorted sets (bytes keys) in bytes"),
  "std.str": pure("branded UTF-8 strings: validation, slicing, ASCII case maps"),
  "std.test": pure("test assertions and status encodings"),
  "std.text.ascii": pure("ASCII text: case, digits, splitting, tokenising"),
  "std.text.slices": pure("X7SL slice lists (start/len pairs over text)"),
  "std.text.utf8": pure("UTF-8 validation and code-point counting"),
  "std.u32": pure("little-endian u32 read/write, pow2_ceil"),
  "std.vec": pure("vec_u8 helpers (generic element width)"),
  "std.vec_value": pure("vectors of values (generic T)"),
  "std.view": pure("bytes_view helpers"),
  "std.world.fs": inWorld("fs", "the fs world's primitive wrappers"),
} as const satisfies Readonly<Record<string, StdModuleRow>>;

/** A built-in std module id. */
export type StdModuleId = keyof typeof STD_MODULES;

/** Every std module id, sorted. */
export const STD_MODULE_IDS: ReadonlyArray<StdModuleId> = (Object.keys(STD_MODULES) as StdModuleId[]).sort();

/** Whether a module id names a built-in std module. */
export const isStdModuleId = (id: string): id is StdModuleId => Object.hasOwn(STD_MODULES, id);
