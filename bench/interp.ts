/**
 * Interpreter speed (a benchmark that prints numbers, not a test):
 *   npx tsx bench/interp.ts             # 1 MiB and 64 MiB inputs, as issue #5 asks
 *   BENCH_MB=8 npx tsx bench/interp.ts  # other sizes (comma-separated)
 *   BENCH_CLOSURES=1 …                 # also time the closure backend (slow: ~10-50x)
 *   BENCH_DUMP=1 …                     # print the generated JavaScript of each program and stop
 *
 * Five kernels written here as x07 programs (sum_bytes, word_count, rle_encode, byte_freq, fibonacci), each
 * also hand-written in JavaScript (below) and in C (bench/interp/kernels.c, built with gcc -O2 when gcc exists).
 * Input: deterministic pseudo-random text-like bytes (letters, spaces, newlines, runs); fibonacci takes n = 32.
 * Every run's output is compared with the JS reference (a mismatch aborts). Times: median of 5 runs after 2
 * warm-ups, in-process (x07 and JS), kernel-only (C). Also: compile time of each program (parse + check + JS
 * source generation, median of 5 after 2 warm-ups) and the first run (which includes V8's compile of the source).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Effect } from "effect";
import { checkDocument, layerNoStd } from "../src/check/index.ts";
import type { CheckedProgram } from "../src/check/index.ts";
import { interp } from "../src/interp/index.ts";
import type { Backend } from "../src/interp/index.ts";
import { generateSource } from "../src/interp/internal/jsgen.ts";
import { parseX07AstValue } from "../src/parse/index.ts";
import { layerMemoryFileSystem } from "../src/services/index.ts";

const SIZES = (process.env["BENCH_MB"] ?? "1,64").split(",").map(Number);
const FIB_N = 32;
const FUEL = 1e15;

const isSpace = ["begin", ["let", "c", ["view.get_u8", "input", "i"]], ["||", ["||", ["=", "c", 32], ["=", "c", 10]], ["||", ["=", "c", 9], ["=", "c", 13]]]];

/** The x07 programs: [decls, solve]. */
const PROGRAMS: Record<string, { decls: unknown[]; solve: unknown }> = {
  sum_bytes: {
    decls: [],
    solve: ["begin", ["let", "n", ["view.len", "input"]], ["let", "acc", 0], ["for", "i", 0, "n", ["set", "acc", ["+", "acc", ["view.get_u8", "input", "i"]]]], ["codec.write_u32_le", "acc"]],
  },
  word_count: {
    decls: [],
    solve: [
      "begin",
      ["let", "n", ["view.len", "input"]],
      ["let", "count", 0],
      ["let", "inw", 0],
      ["for", "i", 0, "n", ["if", isSpace, ["set", "inw", 0], ["if", ["=", "inw", 0], ["begin", ["set", "count", ["+", "count", 1]], ["set", "inw", 1]], 0]]],
      ["codec.write_u32_le", "count"],
    ],
  },
  rle_encode: {
    decls: [],
    solve: [
      "begin",
      ["let", "n", ["view.len", "input"]],
      ["let", "out", ["vec_u8.with_capacity", 16]],
      ["let", "i", 0],
      [
        "while",
        ["<u", "i", "n"],
        [
          "begin",
          ["let", "c", ["view.get_u8", "input", "i"]],
          ["let", "run", 1],
          ["while", ["&&", ["<u", ["+", "i", "run"], "n"], ["&&", ["=", ["view.get_u8", "input", ["+", "i", "run"]], "c"], ["<u", "run", 255]]], ["set", "run", ["+", "run", 1]]],
          ["set", "out", ["vec_u8.push", "out", "run"]],
          ["set", "out", ["vec_u8.push", "out", "c"]],
          ["set", "i", ["+", "i", "run"]],
        ],
      ],
      ["vec_u8.into_bytes", "out"],
    ],
  },
  byte_freq: {
    decls: [],
    solve: [
      "begin",
      ["let", "n", ["view.len", "input"]],
      ["let", "t", ["bytes.alloc", 1024]],
      ["for", "i", 0, "n", ["begin", ["let", "o", ["*", ["view.get_u8", "input", "i"], 4]], ["let", "k", ["ty.read_le_at", "u32", "t", "o"]], ["set", "t", ["ty.write_le_at", "u32", "t", "o", ["+", "k", 1]]]]],
      "t",
    ],
  },
  fibonacci: {
    decls: [{ kind: "defn", name: "main.fib", params: [{ name: "n", ty: "i32" }], result: "i32", body: ["if", ["<u", "n", 2], "n", ["+", ["main.fib", ["-", "n", 1]], ["main.fib", ["-", "n", 2]]]] }],
    solve: ["codec.write_u32_le", ["main.fib", ["codec.read_u32_le", "input", 0]]],
  },
};

/** The same kernels, hand-written in JavaScript. */
const JS: Record<string, (input: Uint8Array) => Uint8Array> = {
  sum_bytes: (input) => {
    let acc = 0;
    for (let i = 0; i < input.length; i++) acc = (acc + input[i]!) | 0;
    return u32le(acc);
  },
  word_count: (input) => {
    let count = 0;
    let inw = 0;
    for (let i = 0; i < input.length; i++) {
      const c = input[i]!;
      if (c === 32 || c === 10 || c === 9 || c === 13) inw = 0;
      else if (inw === 0) {
        count++;
        inw = 1;
      }
    }
    return u32le(count);
  },
  rle_encode: (input) => {
    let out = new Uint8Array(16);
    let len = 0;
    let i = 0;
    while (i < input.length) {
      const c = input[i]!;
      let run = 1;
      while (i + run < input.length && input[i + run] === c && run < 255) run++;
      if (len + 2 > out.length) {
        const next = new Uint8Array(out.length * 2);
        next.set(out);
        out = next;
      }
      out[len++] = run;
      out[len++] = c;
      i += run;
    }
    return out.slice(0, len);
  },
  byte_freq: (input) => {
    const t = new Uint32Array(256);
    for (let i = 0; i < input.length; i++) t[input[i]!]!++;
    return new Uint8Array(t.buffer);
  },
  fibonacci: (input) => {
    const fib = (n: number): number => ((n >>> 0) < 2 ? n : (fib(n - 1) + fib(n - 2)) | 0);
    return u32le(fib(new DataView(input.buffer, input.byteOffset).getUint32(0, true)));
  },
};

const u32le = (x: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, x >>> 0, true);
  return b;
};

/** Text-like bytes from a fixed xorshift seed: words of letters, spaces/newlines, and some long runs. */
const makeInput = (n: number): Uint8Array => {
  const b = new Uint8Array(n);
  let s = 0x9e3779b9 | 0;
  let i = 0;
  while (i < n) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const r = s >>> 0;
    if (r % 97 === 0) {
      const run = 1 + (r % 300);
      b.fill(97 + (r % 26), i, Math.min(n, i + run));
      i += run;
    } else b[i++] = r % 7 === 0 ? 32 : r % 41 === 0 ? 10 : 97 + (r % 26);
  }
  return b;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => unknown, reps = 5, warm = 2): number => {
  for (let i = 0; i < warm; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

const checkProgram = async (name: string): Promise<{ program: CheckedProgram; ms: number }> => {
  const p = PROGRAMS[name]!;
  const doc = { schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [], decls: p.decls, solve: p.solve };
  const t = performance.now();
  const parsed = parseX07AstValue(doc as never);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const r = await Effect.runPromise(checkDocument(parsed.document).pipe(Effect.provide(layerNoStd), Effect.provide(layerMemoryFileSystem({}))));
  if (r.program === undefined) throw new Error(`${name} does not check: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return { program: r.program, ms: performance.now() - t };
};

const gccBinary = (): string | undefined => {
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "x07-bench-"));
  const exe = join(dir, "kernels");
  execFileSync("gcc", ["-O2", "-o", exe, join(dirname(fileURLToPath(import.meta.url)), "interp", "kernels.c")]);
  return exe;
};

if (process.env["BENCH_DUMP"]) {
  // Print the generated JavaScript of each program (to compare with the hand-written kernels) and stop.
  for (const name of Object.keys(PROGRAMS)) console.log(`// ---- ${name}\n${generateSource((await checkProgram(name)).program)?.source ?? "(closure backend)"}`);
  process.exit(0);
}

const exe = gccBinary();
const dir = mkdtempSync(join(tmpdir(), "x07-bench-in-"));

/** parse + check + source generation, after warm-up. */
const compileMs = async (name: string): Promise<number> => {
  for (let i = 0; i < 2; i++) generateSource((await checkProgram(name)).program);
  const ts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const { program } = await checkProgram(name);
    if (generateSource(program) === undefined) throw new Error(`${name} needs the closure backend`);
    ts.push(performance.now() - t);
  }
  return median(ts);
};

for (const MB of SIZES) {
  const N = Math.floor(MB * 1024 * 1024);
  const text = makeInput(N);
  const fibInput = u32le(FIB_N);
  const inputs: Record<string, Uint8Array> = {};
  for (const k of Object.keys(PROGRAMS)) inputs[k] = k === "fibonacci" ? fibInput : text;
  const files: Record<string, string> = {};
  for (const [k, b] of Object.entries(inputs)) {
    const f = join(dir, `${k}-${MB}.bin`);
    if (!existsSync(f)) writeFileSync(f, b);
    files[k] = f;
  }
  console.log(`\ninterp benchmark: ${MB} MiB inputs (fibonacci n=${FIB_N}), median of 5 after 2 warm-ups, node ${process.version}`);
  const rows: string[][] = [["kernel", "compile ms", "1st run ms", "x07 ms", "JS ms", "x07/JS", "gcc -O2 ms", "x07/C", "JS/C", ...(process.env["BENCH_CLOSURES"] ? ["closures ms"] : [])]];
  for (const name of Object.keys(PROGRAMS)) {
    const input = inputs[name]!;
    const compile = await compileMs(name);
    const { program } = await checkProgram(name);
    const want = hex(JS[name]!(input));
    const runX07 = (backend: Backend) => {
      const r = interp(program, { input, fuel: FUEL, maxMemoryBytes: 2 ** 31, maxOutputBytes: 2 ** 31, backend });
      if (!r.ok) throw new Error(`${name} trapped: ${r.trap.code} ${r.trap.message}`);
      if (hex(r.output) !== want) throw new Error(`${name}: output differs from the JS reference`);
    };
    const t0 = performance.now();
    runX07("js");
    const first = performance.now() - t0;
    const x07 = time(() => runX07("js"));
    const js = time(() => JS[name]!(input));
    let c = Number.NaN;
    if (exe !== undefined) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const [ns, outHex] = execFileSync(exe, [name, files[name]!], { encoding: "utf8" }).trim().split(" ");
        if (!want.startsWith(outHex ?? "?")) throw new Error(`${name}: C output differs`);
        runs.push(Number(ns) / 1e6);
      }
      c = median(runs);
    }
    const na = Number.isNaN(c);
    const row = [name, compile.toFixed(2), first.toFixed(0), x07.toFixed(1), js.toFixed(1), (x07 / js).toFixed(2), na ? "n/a" : c.toFixed(1), na ? "n/a" : (x07 / c).toFixed(2), na ? "n/a" : (js / c).toFixed(2)];
    if (process.env["BENCH_CLOSURES"]) row.push(time(() => runX07("closures"), 1, 0).toFixed(0));
    rows.push(row);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padStart(widths[i]!)).join("  "));
}
