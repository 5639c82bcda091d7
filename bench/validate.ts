/**
 * Validation throughput: one synthetic ~1 MB x07AST module, and 10,000 small x07diag reports.
 * Run: `npx tsx bench/validate.ts`. Prints milliseconds; the first (compile) run is reported apart.
 */
import { performance } from "node:perf_hooks";
import { validateAs } from "../src/core/contracts/index.ts";

/** A deterministic expression tree of the given depth (no randomness, so runs compare). */
function expr(depth: number, i: number): unknown {
  if (depth === 0) return i % 3 === 0 ? i : `v${i}`;
  return ["if", ["<u", `x${i}`, i], expr(depth - 1, i + 1), ["+", expr(depth - 1, i + 2), ["bytes.lit", `text ${i}`]]];
}

function bigModule(targetBytes: number): { doc: unknown; bytes: number; decls: number } {
  const decls: unknown[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const decl = {
      kind: "defn",
      name: `main.f${i}`,
      params: [{ name: "x", ty: "i32" }, { name: "b", ty: ["vec", "u8"] }],
      result: "i32",
      requires: [{ expr: [">=", "x", 0] }],
      body: ["begin", expr(6, i), ["let", "y", expr(4, i + 7)], "y"],
    };
    bytes += JSON.stringify(decl).length;
    decls.push(decl);
  }
  const doc = { schema_version: "x07.x07ast@0.9.0", kind: "entry", module_id: "main", imports: [], decls, solve: ["main.f0", 1] };
  return { doc, bytes: JSON.stringify(doc).length, decls: decls.length };
}

function diagReport(i: number): unknown {
  return {
    schema_version: "x07.x07diag@0.1.0",
    ok: i % 2 === 0,
    diagnostics: [
      { code: "X07-TYPE-0001", severity: "error", stage: "type", message: `mismatch ${i}`, loc: { kind: "x07ast", ptr: `/decls/${i}/body` } },
      { code: "W_UNUSED", severity: "warning", stage: "lint", message: "unused", notes: ["n"] },
    ],
  };
}

function time(label: string, fn: () => boolean): number {
  const t0 = performance.now();
  const ok = fn();
  const ms = performance.now() - t0;
  if (!ok) throw new Error(`${label}: a valid document was rejected`);
  return ms;
}

const { doc, bytes, decls } = bigModule(1_000_000);
const astFirst = time("ast", () => validateAs("x07.x07ast@0.9.0", doc).ok);
const astRuns: number[] = [];
for (let r = 0; r < 5; r++) astRuns.push(time("ast", () => validateAs("x07.x07ast@0.9.0", doc).ok));

const reports = Array.from({ length: 10_000 }, (_, i) => diagReport(i));
const diagFirst = time("diag", () => validateAs("x07.x07diag@0.1.0", reports[0]).ok);
const diagRuns: number[] = [];
for (let r = 0; r < 5; r++) diagRuns.push(time("diag", () => reports.every((d) => validateAs("x07.x07diag@0.1.0", d).ok)));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const f = (n: number): string => n.toFixed(1);
process.stdout.write(
  [
    `node ${process.version}`,
    `x07AST module: ${(bytes / 1e6).toFixed(2)} MB, ${decls} decls`,
    `  first validation (includes compile): ${f(astFirst)} ms`,
    `  validation, median of 5: ${f(median(astRuns))} ms`,
    `x07diag: 10,000 reports`,
    `  first report (includes compile): ${f(diagFirst)} ms`,
    `  all 10,000, median of 5: ${f(median(diagRuns))} ms`,
    "",
  ].join("\n"),
);
