/**
 * The std case harness: each `test/std/cases/<module id>.json` holds cases written in this project (never copied
 * from upstream) for one std module. A case is a small entry program: `solve` (an x07AST expression), optional
 * `decls` (extra entry declarations) and `imports` (default: just the module), run on `input` (UTF-8 text) or
 * `input_hex`; it expects the output `expect` (UTF-8 text) or `expect_hex`, or a trap `expect_trap` (a trap
 * code), or check diagnostics `expect_check` (codes). Every export of a module must be called by one of its cases.
 * Optional `world` (default solve-pure) is the world the case is checked in; a case with `expect_check` is checked
 * only, never run (so `"expect_check": []` means "checks clean in that world").
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Effect } from "effect";
import { checkDocument } from "../../src/check/index.ts";
import type { CheckResult } from "../../src/check/index.ts";
import { interp } from "../../src/interp/index.ts";
import type { RunOutcome } from "../../src/interp/index.ts";
import type { WorldId } from "../../src/core/worlds/table.ts";
import { parseX07AstValue } from "../../src/parse/index.ts";
import { layerMemoryFileSystem } from "../../src/services/index.ts";
import { layerStd } from "../../src/std/index.ts";

export interface StdCase {
  readonly name: string;
  readonly solve: unknown;
  readonly decls?: ReadonlyArray<unknown>;
  readonly imports?: ReadonlyArray<string>;
  readonly schema_version?: string;
  readonly input?: string;
  readonly input_hex?: string;
  readonly expect?: string;
  readonly expect_hex?: string;
  readonly expect_trap?: string;
  readonly expect_check?: ReadonlyArray<string>;
  readonly fuel?: number;
  /** The world to check in (default solve-pure). */
  readonly world?: WorldId;
}

export interface StdCaseFile {
  readonly module: string;
  readonly cases: ReadonlyArray<StdCase>;
}

const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), "cases");

export const loadCaseFiles = (): StdCaseFile[] =>
  readdirSync(CASES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const file = JSON.parse(readFileSync(join(CASES_DIR, f), "utf8")) as StdCaseFile;
      if (`${file.module}.json` !== f) throw new Error(`${f}: module field ${file.module} does not match the file name`);
      return file;
    });

export const entryOf = (module: string, c: StdCase) => ({
  schema_version: c.schema_version ?? "x07.x07ast@0.8.0",
  kind: "entry",
  module_id: "main",
  imports: c.imports ?? [module],
  decls: c.decls ?? [],
  solve: c.solve,
});

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** A case's input bytes (`input_hex`, else `input` as UTF-8). */
export const inputOf = (c: StdCase): Uint8Array => (c.input_hex !== undefined ? new Uint8Array(Buffer.from(c.input_hex, "hex")) : new TextEncoder().encode(c.input ?? ""));

export type CaseResult = { readonly check: CheckResult; readonly run?: RunOutcome };

export const runCase = async (module: string, c: StdCase): Promise<CaseResult> => {
  const parsed = parseX07AstValue(entryOf(module, c) as never, { file: `${module}/${c.name}` });
  if (!parsed.ok) return { check: { ok: false, diagnostics: parsed.diagnostics } };
  const options = c.world !== undefined ? { world: c.world } : {};
  const check = await Effect.runPromise(checkDocument(parsed.document, options).pipe(Effect.provide(layerStd), Effect.provide(layerMemoryFileSystem({}))));
  if (!check.ok || check.program === undefined || c.expect_check !== undefined) return { check };
  const input = inputOf(c);
  const run = interp(check.program, { input: new Uint8Array(input), ...(c.fuel !== undefined ? { fuel: c.fuel } : {}) });
  return { check, run };
};

/** What a case expects, and what happened, as comparable strings (so a failure shows both). */
export const outcomeOf = (c: StdCase, r: CaseResult): { expected: string; actual: string } => {
  const diagCodes = r.check.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  if (c.expect_check !== undefined) return { expected: `check: ${[...c.expect_check].sort().join(",")}`, actual: `check: ${[...new Set(diagCodes)].sort().join(",")}` };
  if (r.run === undefined) {
    const where = (d: (typeof r.check.diagnostics)[number]) => `${String((d.data as { file?: unknown } | undefined)?.file ?? "")}${d.loc?.kind === "x07ast" ? d.loc.ptr : ""}`;
    const detail = r.check.diagnostics.map((d) => `${d.code} ${d.message} @${where(d)}`).join("; ");
    return { expected: "ran", actual: `check failed: ${detail}` };
  }
  const actual = r.run.ok ? `hex ${hex(r.run.output)}` : `trap ${r.run.trap.code} (${r.run.trap.message})`;
  if (c.expect_trap !== undefined) return { expected: `trap ${c.expect_trap}`, actual: actual.replace(/ \(.*\)$/, "") };
  const want = c.expect_hex !== undefined ? c.expect_hex.toLowerCase().replace(/\s+/g, "") : hex(new TextEncoder().encode(c.expect ?? ""));
  const shown = r.run.ok && c.expect !== undefined ? ` = ${JSON.stringify(new TextDecoder().decode(r.run.output))}` : "";
  return { expected: `hex ${want}`, actual: actual + (actual === `hex ${want}` ? "" : shown) };
};

/** Every string in an expression tree that names one of `names`. */
export const namesUsed = (x: unknown, names: ReadonlySet<string>, out: Set<string>): Set<string> => {
  if (typeof x === "string") {
    if (names.has(x)) out.add(x);
  } else if (Array.isArray(x)) for (const y of x) namesUsed(y, names, out);
  else if (x !== null && typeof x === "object") for (const y of Object.values(x)) namesUsed(y, names, out);
  return out;
};
