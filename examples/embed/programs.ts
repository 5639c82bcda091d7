/**
 * Sample requests for the embed server, shared by its test and its load test: small valid programs, programs
 * that never stop, programs that allocate too much, and programs that fail parse or check. Each comes with what
 * a correct answer looks like, so a client can check every response it gets.
 */

/** An x07AST 0.9.0 entry document (0.9.0 so records/enums are available). */
export const entry = (solve: unknown, decls: unknown[] = [], imports: string[] = []): Record<string, unknown> => ({
  schema_version: "x07.x07ast@0.9.0",
  kind: "entry",
  module_id: "main",
  imports,
  decls,
  solve,
});

const MiB = 1024 * 1024;

/** Echoes its input: the small valid program whose latency the load test reports. */
export const echo = entry(["view.to_bytes", "input"]);

/** Sums the input bytes and prints the sum as decimal text (a loop over the input, std-free). */
export const sumBytes = entry(
  ["begin", ["let", "s", 0], ["for", "i", 0, ["view.len", "input"], ["set", "s", ["+", "s", ["view.get_u8", "input", "i"]]]], ["fmt.u32_to_dec", "s"]],
);

/** An app module imported by {@link usesModule}. */
export const appModule = {
  schema_version: "x07.x07ast@0.9.0",
  kind: "module",
  module_id: "app.core",
  imports: [],
  decls: [
    { kind: "export", names: ["app.core.twice"] },
    { kind: "defn", name: "app.core.twice", params: [{ name: "b", ty: "bytes_view" }], result: "bytes", body: ["bytes.concat", ["view.to_bytes", "b"], ["view.to_bytes", "b"]] },
  ],
};
export const usesModule = entry(["app.core.twice", "input"], [], ["app.core"]);

/** Infinite loops: a tight loop (generated-JS backend), calls, a growing vector, records/match (closure backend). */
const shape = { kind: "defenum", name: "main.Shape", variants: [{ name: "Unit" }, { name: "Square", payload: "i32" }, { name: "Dot" }] };
const area = {
  kind: "defn", name: "main.area", params: [{ name: "s", ty: "bytes", brand: "main.Shape" }], result: "i32",
  body: ["match", "s", ["main.Shape.Unit", 1], ["main.Shape.Square", "side", ["*", "side", "side"]], ["main.Shape.Dot", 0]],
};
const inc = { kind: "defn", name: "main.inc", params: [{ name: "n", ty: "i32" }], result: "i32", body: ["+", "n", 1] };
export const loops: Readonly<Record<string, Record<string, unknown>>> = {
  tight: entry(["begin", ["let", "x", 0], ["while", 1, ["set", "x", ["+", "x", 1]]], ["bytes.lit", "never"]]),
  calls: entry(["begin", ["let", "x", 0], ["while", 1, ["set", "x", ["main.inc", "x"]]], ["bytes.lit", "never"]], [inc]),
  push: entry(["begin", ["let", "v", ["vec_u8.with_capacity", 1]], ["let", "x", 0], ["while", 1, ["begin", ["set", "v", ["vec_u8.push", "v", "x"]], ["set", "x", ["+", "x", 1]]]], ["bytes.lit", "never"]]),
  records: entry(["begin", ["let", "x", 0], ["while", 1, ["set", "x", ["+", "x", ["main.area", ["main.Shape.Square", "x"]]]]], ["bytes.lit", "never"]], [shape, area]),
};

/** Unbounded recursion: stopped by the stack, not by fuel. */
export const recursion = entry(["begin", ["main.g", 0], ["bytes.lit", "never"]], [
  { kind: "defn", name: "main.g", params: [{ name: "n", ty: "i32" }], result: "i32", body: ["main.g", ["+", "n", 1]] },
]);

/** Programs that allocate more than a 16 MiB budget: one big block, many live blocks each under it, an allocation loop. */
export const allocators: Readonly<Record<string, Record<string, unknown>>> = {
  oneBlock: entry(["begin", ["let", "a", ["bytes.alloc", 100 * MiB]], ["bytes.lit", "unreachable"]]),
  manyLive: entry(["begin", ...Array.from({ length: 20 }, (_, i) => ["let", `b${i}`, ["bytes.alloc", 4 * MiB]]), ["bytes.lit", "unreachable"]]),
  loop: entry(["begin", ["let", "x", ["bytes.alloc", 1]], ["for", "i", 0, 100000, ["set", "x", ["bytes.alloc", 8 * MiB]]], ["bytes.lit", "unreachable"]]),
};

/** Programs that fail parse or check, with the code and pointer the 422 report must carry. */
export const badPrograms: ReadonlyArray<{ readonly name: string; readonly program: unknown; readonly stage: "parse" | "check"; readonly code: string; readonly ptr: string }> = [
  { name: "no schema_version", program: { kind: "entry", module_id: "main", imports: [], decls: [], solve: ["bytes.lit", "x"] }, stage: "parse", code: "X07-SCHEMA-0001", ptr: "" },
  { name: "i32 added to bytes", program: entry(["+", 1, ["bytes.lit", "x"]]), stage: "check", code: "X07-TYPE-CALL-0002", ptr: "/solve/2" },
  { name: "unknown callee", program: entry(["begin", ["no.such.fn", 1], ["bytes.lit", "x"]]), stage: "check", code: "X07-TYPE-CALL-0001", ptr: "/solve/1/0" },
  { name: "a module where an entry is expected", program: { ...appModule, module_id: "main", decls: [] }, stage: "parse", code: "X07-AST-0001", ptr: "/kind" },
  { name: "an import nobody sent", program: entry(["bytes.lit", "x"], [], ["app.missing"]), stage: "check", code: "X07-MODULE-0001", ptr: "/imports/0" },
  { name: "the wall clock (not in solve-pure)", program: entry(["os.time.now_ms"]), stage: "check", code: "X07-WORLD-OS-0002", ptr: "/solve" },
];
