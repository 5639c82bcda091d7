/**
 * A starter domain kernel and everything generated around it: the module (a pure i32 function with
 * `ensures` clauses plus a bytes handler that decodes two u32 LE words, calls it and encodes the answer),
 * the entry that wires `input` to the handler, the smoke + property tests, the tests manifest and the
 * boundary entry. Every template with a kernel (verified-core-pure and the five archetypes) is one
 * `KernelSpec`; the kernels are total (no `requires`) so the handler can call them with any input.
 */
import type { BoundarySpec } from "./arch.ts";
import { entryDoc, json, moduleDoc, x07ast } from "./files.ts";
import type { TemplateFile } from "./files.ts";

type Expr = unknown;

export interface KernelSpec {
  /** The domain module, e.g. `quote.core` (file `src/quote/core.x07.json`). */
  readonly module: string;
  /** The kernel's short name, e.g. `line_total_v1`. */
  readonly fn: string;
  readonly doc: string;
  readonly params: readonly [string, string];
  readonly body: Expr;
  /** Postconditions over the parameters and `__result`. */
  readonly ensures: ReadonlyArray<Expr>;
  /** Unit cases: arguments and the expected result. */
  readonly cases: ReadonlyArray<{ readonly args: readonly [number, number]; readonly expect: number }>;
  /** Generator ranges of the property test, one per parameter (wider than the kernel's domain on purpose). */
  readonly gens: readonly [{ readonly min: number; readonly max: number }, { readonly min: number; readonly max: number }];
}

/** `lo` when x < lo, `hi` when x > hi, else x. */
export const clamp = (x: Expr, lo: Expr, hi: Expr): Expr => ["if", ["<", x, lo], lo, ["if", [">", x, hi], hi, x]];

const qualified = (k: KernelSpec) => `${k.module}.${k.fn}`;
const handlerOf = (k: KernelSpec) => `${k.module}.handle_v1`;
export const modulePath = (module: string): string => `src/${module.split(".").join("/")}.x07.json`;

/** Replaces the identifier `from` by `to` throughout an expression. */
const rename = (e: Expr, from: string, to: string): Expr => (e === from ? to : Array.isArray(e) ? e.map((x) => rename(x, from, to)) : e);

const conj = (es: ReadonlyArray<Expr>): Expr => es.reduce((acc, e) => ["&&", acc, e]);

export const kernelSymbols = (k: KernelSpec) => ({
  kernel: qualified(k),
  handler: handlerOf(k),
  smoke: "tests.core.smoke_kernel_v1",
  smokeHandler: "tests.core.smoke_handler_v1",
  prop: "tests.core.prop_ensures_v1",
});

export const TEST_IDS = { smoke: "smoke/kernel", smokeHandler: "smoke/handler", pbt: "pbt/ensures" } as const;

const moduleFile = (k: KernelSpec): TemplateFile => {
  const [a, b] = k.params;
  const kernel = {
    kind: "defn",
    name: qualified(k),
    doc: k.doc,
    params: [
      { name: a, ty: "i32" },
      { name: b, ty: "i32" },
    ],
    result: "i32",
    ensures: k.ensures.map((expr, i) => ({ id: `e${i}`, expr })),
    body: k.body,
  };
  const word = (off: number) => ["codec.read_u32_le", "req", off];
  const handler = {
    kind: "defn",
    name: handlerOf(k),
    doc: `Reads ${a} and ${b} as two u32 LE words (a shorter request counts as 0, 0) and answers ${qualified(k)} as one u32 LE word.`,
    params: [{ name: "req", ty: "bytes_view" }],
    result: "bytes",
    body: ["if", ["<", ["view.len", "req"], 8], ["codec.write_u32_le", [qualified(k), 0, 0]], ["codec.write_u32_le", [qualified(k), word(0), word(4)]]],
  };
  const path = modulePath(k.module);
  return { path, text: x07ast(moduleDoc(k.module, [], [handlerOf(k), qualified(k)], [handler, kernel]), path) };
};

const mainFile = (k: KernelSpec): TemplateFile => ({ path: "src/main.x07.json", text: x07ast(entryDoc([k.module], [handlerOf(k), "input"]), "src/main.x07.json") });

const testsModule = (k: KernelSpec): TemplateFile => {
  const s = kernelSymbols(k);
  const code = ["std.test.code_assert_i32_eq"];
  const kernelCases = k.cases.map((c) => ["try", ["std.test.assert_i32_eq", [s.kernel, c.args[0], c.args[1]], c.expect, code]]);
  const first = k.cases[0]!;
  const smokeKernel = { kind: "defn", name: s.smoke, doc: `Unit cases of ${s.kernel}.`, params: [], result: "result_i32", body: ["begin", ...kernelCases, ["std.test.pass"]] };
  const smokeHandler = {
    kind: "defn",
    name: s.smokeHandler,
    doc: `A request for ${first.args[0]}, ${first.args[1]} through ${s.handler} answers ${first.expect}.`,
    params: [],
    result: "result_i32",
    body: [
      "begin",
      ["let", "req", ["bytes.concat", ["codec.write_u32_le", first.args[0]], ["codec.write_u32_le", first.args[1]]]],
      ["let", "resp", [s.handler, ["bytes.view", "req"]]],
      ["try", ["std.test.assert_i32_eq", ["bytes.len", "resp"], 4, code]],
      ["try", ["std.test.assert_i32_eq", ["codec.read_u32_le", ["bytes.view", "resp"], 0], first.expect, code]],
      ["std.test.pass"],
    ],
  };
  const [a, b] = k.params;
  const prop = {
    kind: "defn",
    name: s.prop,
    doc: `The ensures clauses of ${s.kernel} hold for generated ${a} and ${b}.`,
    params: [
      { name: a, ty: "i32" },
      { name: b, ty: "i32" },
    ],
    result: "bytes",
    body: ["begin", ["let", "r", [s.kernel, a, b]], ["if", rename(conj(k.ensures), "__result", "r"), ["std.test.status_ok"], ["std.test.status_fail", 1]]],
  };
  return { path: "tests/core.x07.json", text: x07ast(moduleDoc("tests.core", [k.module, "std.test"], [s.prop, s.smokeHandler, s.smoke], [smokeKernel, smokeHandler, prop]), "tests/core.x07.json") };
};

const testsManifest = (k: KernelSpec): TemplateFile => {
  const s = kernelSymbols(k);
  const [a, b] = k.params;
  return {
    path: "tests/tests.json",
    text: json({
      schema_version: "x07.tests_manifest@0.2.0",
      tests: [
        { id: TEST_IDS.smoke, world: "solve-pure", entry: s.smoke, expect: "pass", returns: "result_i32" },
        { id: TEST_IDS.smokeHandler, world: "solve-pure", entry: s.smokeHandler, expect: "pass", returns: "result_i32" },
        {
          id: TEST_IDS.pbt,
          world: "solve-pure",
          entry: s.prop,
          expect: "pass",
          returns: "bytes_status_v1",
          pbt: {
            cases: 64,
            max_shrinks: 64,
            params: [
              { name: a, gen: { kind: "i32", min: k.gens[0].min, max: k.gens[0].max } },
              { name: b, gen: { kind: "i32", min: k.gens[1].min, max: k.gens[1].max } },
            ],
            case_budget: { fuel: 100000, timeout_ms: 250, max_mem_bytes: 16777216, max_output_bytes: 65536 },
          },
        },
      ],
    }),
  };
};

/** The source and test files of a kernel. */
export const kernelFiles = (k: KernelSpec): TemplateFile[] => [moduleFile(k), mainFile(k), testsModule(k), testsManifest(k)];

/** The boundary entry for a kernel. */
export const kernelBoundary = (k: KernelSpec, nodeId: string): BoundarySpec => {
  const s = kernelSymbols(k);
  return {
    id: `${s.kernel}.boundary`,
    symbol: s.kernel,
    nodeId,
    params: k.params.map((name) => ({ name, ty: "i32" })),
    result: "i32",
    smokeEntry: s.smoke,
    smokeTests: [TEST_IDS.smoke],
    pbtTests: [TEST_IDS.pbt],
  };
};
