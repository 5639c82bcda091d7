/**
 * The SDK's certification pipeline from a Node script (issue 10, item 4): parse → check → interp → pbt → prove →
 * certify on an x07 project, each stage an Effect from the SDK's public stage modules (no CLI).
 *
 *     npx tsx examples/certify-script.ts [DIR] [--profile P] [--entry SYM] [--out-dir D]
 *
 * DIR defaults to examples/orders; the entry to the project's `operational_entry_symbol`; the profile to
 * `verified_core_pure_v1` (the project's copy under arch/trust/profiles/ when it has one); the output directory
 * to DIR/target/cert. The stages before certify show what certify will bind together:
 *
 * - parse: the program's entry file and the entry symbol's module;
 * - check: the entry program with its imports (std first, then the project's module roots);
 * - interp: the boundary's smoke entry (from arch/boundaries/index.x07boundary.json), run in-process;
 * - pbt: the boundary's property tests (from the tests manifest), with their generators and budgets;
 * - prove: every `ensures` clause of the entry, with z3 in-process (a counterexample is replayed first);
 * - certify: the whole chain again, from the files, into certificate.json + summary.html.
 *
 * Prints one line per stage, then `verdict: accepted|rejected` and `summary: <path of summary.html>`.
 * Exit codes: 0 accepted, 20 rejected (as `x07 trust certify`), 2 when the project cannot be read.
 * Inside this repository the stages are imported from src/<stage>/index.ts; from the installed package the
 * same modules are `x07-sdk/pipeline`, `x07-sdk/check`, `x07-sdk/interp`, `x07-sdk/pbt`, `x07-sdk/prove`,
 * `x07-sdk/certify` (and `x07-sdk/test` for the tests manifest).
 */
import * as nodePath from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Data, Effect, FileSystem, Layer } from "effect";
import { certify, layerCertifyNode } from "../src/certify/index.ts";
import type { CertifyResult } from "../src/certify/index.ts";
import { checkDocument, modulePath } from "../src/check/index.ts";
import type { CheckedProgram } from "../src/check/index.ts";
import { interp } from "../src/interp/index.ts";
import { parseStatusV1, pbt } from "../src/pbt/index.ts";
import type { PbtResult } from "../src/pbt/index.ts";
import { layerNode, parse, parseFile } from "../src/pipeline/index.ts";
import { layerZ3, prove } from "../src/prove/index.ts";
import type { ProveResult } from "../src/prove/index.ts";
import { layerStd } from "../src/std/index.ts";
import { readManifest } from "../src/test/index.ts";
import type { TestDecl } from "../src/test/index.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const USAGE = "usage: npx tsx examples/certify-script.ts [DIR] [--profile P] [--entry SYM] [--out-dir D]";

/** The project cannot be used (missing x07.json, no entry, no boundary for the entry, …): exit 2. */
class ProjectError extends Data.TaggedError("ProjectError")<{ readonly reason: string }> {}
/** A stage found the program unusable (parse or check errors): later stages cannot run; exit 20. */
class StageStopped extends Data.TaggedError("StageStopped")<{ readonly stage: string; readonly lines: ReadonlyArray<string> }> {}

interface Project {
  readonly root: string;
  readonly entry: string;
  readonly entryFile: string;
  readonly moduleRoots: ReadonlyArray<string>;
  readonly smokeEntry: string;
  readonly pbtTests: ReadonlyArray<TestDecl>;
  readonly testsDir: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const readJsonFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const text = yield* fs.readFileString(path).pipe(Effect.mapError(() => new ProjectError({ reason: `cannot read ${path}` })));
    return yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: () => new ProjectError({ reason: `${path} is not JSON` }) });
  });

/** x07.json, the boundary of the entry (its smoke entry and PBT test ids) and those tests from the manifest. */
const readProject = (root: string, entryFlag: string | undefined) =>
  Effect.gen(function* () {
    const x07 = yield* readJsonFile(nodePath.join(root, "x07.json"));
    if (!isObj(x07)) return yield* new ProjectError({ reason: "x07.json is not an object" });
    const entry = entryFlag ?? str(x07["operational_entry_symbol"]);
    if (entry === undefined) return yield* new ProjectError({ reason: "no --entry and no operational_entry_symbol in x07.json" });
    const roots = Array.isArray(x07["module_roots"]) ? x07["module_roots"].filter((r): r is string => typeof r === "string") : ["src"];
    const index = yield* readJsonFile(nodePath.join(root, "arch/boundaries/index.x07boundary.json"));
    const boundary = (isObj(index) && Array.isArray(index["boundaries"]) ? index["boundaries"] : []).find((b): b is Obj => isObj(b) && b["symbol"] === entry);
    const smokeEntry = str(isObj(boundary?.["smoke"]) ? boundary["smoke"]["entry"] : undefined);
    if (boundary === undefined || smokeEntry === undefined) return yield* new ProjectError({ reason: `arch/boundaries/index.x07boundary.json declares no boundary with a smoke entry for ${entry}` });
    const pbtIds = isObj(boundary["pbt"]) && Array.isArray(boundary["pbt"]["tests"]) ? boundary["pbt"]["tests"].filter((t): t is string => typeof t === "string") : [];
    const manifestPath = nodePath.join(root, "tests/tests.json");
    const manifest = yield* readManifest(manifestPath);
    if (manifest.manifest === undefined) return yield* new ProjectError({ reason: `tests/tests.json: ${manifest.diagnostics.map((d) => d.message).join("; ")}` });
    const pbtTests = manifest.manifest.tests.filter((t) => t.pbt !== undefined && pbtIds.includes(t.id));
    return {
      root,
      entry,
      entryFile: nodePath.join(root, str(x07["entry"]) ?? "src/main.x07.json"),
      moduleRoots: roots.map((r) => nodePath.join(root, r)),
      smokeEntry,
      pbtTests,
      testsDir: nodePath.dirname(manifestPath),
    } satisfies Project;
  });

const moduleOf = (symbol: string): string => symbol.slice(0, symbol.lastIndexOf("."));
const ms = (t0: number): string => `${Math.round(performance.now() - t0)} ms`;
const say = (stage: string, text: string): void => console.log(`  ${stage.padEnd(8)} ${text}`);
const diagLines = (ds: ReadonlyArray<{ code: string; message: string; loc?: unknown }>): string[] => ds.map((d) => `    ${d.code}: ${d.message}`);

/** parse: the entry file and the entry symbol's module file, through the pipeline's parseFile. */
const parseStage = (p: Project) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const fs = yield* FileSystem.FileSystem;
    let kernelFile: string | undefined;
    for (const r of p.moduleRoots) {
      const candidate = nodePath.join(r, modulePath(moduleOf(p.entry)));
      if (kernelFile === undefined && (yield* fs.exists(candidate).pipe(Effect.orElseSucceed(() => false)))) kernelFile = candidate;
    }
    if (kernelFile === undefined) return yield* new ProjectError({ reason: `module ${moduleOf(p.entry)} not found under ${p.moduleRoots.join(", ")}` });
    const docs = yield* Effect.forEach([p.entryFile, kernelFile], (f) => parseFile(f)).pipe(Effect.mapError((e) => new StageStopped({ stage: "parse", lines: diagLines(e.diagnostics ?? []) })));
    const decls = docs[1]!.decls.length;
    say("parse", `${nodePath.relative(p.root, p.entryFile)} (entry), ${nodePath.relative(p.root, kernelFile)} (${docs[1]!.moduleId}: ${decls} decls) — ${ms(t0)}`);
    return docs[0]!;
  });

/** check: the entry program against std and the project's module roots. */
const checkStage = (p: Project, entryDoc: Parameters<typeof checkDocument>[0]) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const r = yield* checkDocument(entryDoc, { moduleRoots: p.moduleRoots });
    if (!r.ok || r.program === undefined) return yield* new StageStopped({ stage: "check", lines: diagLines(r.diagnostics) });
    if (!r.program.functions.has(p.entry)) return yield* new ProjectError({ reason: `${p.entry} is not reachable from ${nodePath.relative(p.root, p.entryFile)}` });
    say("check", `ok: ${r.program.functions.size} functions, ${r.diagnostics.length} warnings — ${ms(t0)}`);
    return r.program;
  });

/** interp: the boundary's smoke entry, wrapped in an entry whose output is its bytes_status_v1 record. */
const interpStage = (p: Project) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const driver = { schema_version: "x07.x07ast@0.8.0", kind: "entry", module_id: "main", imports: [...new Set(["std.test", moduleOf(p.smokeEntry)])].sort(), decls: [], solve: ["std.test.status_from_result_i32", [p.smokeEntry]] };
    const doc = yield* parse(JSON.stringify(driver)).pipe(Effect.mapError((e) => new StageStopped({ stage: "interp", lines: diagLines(e.diagnostics ?? []) })));
    const checked = yield* checkDocument(doc, { moduleRoots: [...p.moduleRoots, p.root] });
    if (checked.program === undefined) return yield* new StageStopped({ stage: "interp", lines: diagLines(checked.diagnostics) });
    const run = interp(checked.program, { input: new Uint8Array(0), fuel: 1_000_000 });
    const status = run.ok ? parseStatusV1(run.output) : undefined;
    const verdict = !run.ok ? `trap: ${run.trap.message}` : typeof status === "string" ? `bad status: ${status}` : status?.tag === 1 ? "pass" : `fail (code ${status?.code})`;
    say("interp", `smoke ${p.smokeEntry} → ${verdict} (fuel ${run.stats.fuel_used}) — ${ms(t0)}`);
    return verdict === "pass";
  });

/** pbt: each property test the boundary requires, as the tests manifest declares it. */
const pbtStage = (p: Project) =>
  Effect.forEach(p.pbtTests, (t) =>
    Effect.gen(function* () {
      const t0 = performance.now();
      const d = t.pbt!;
      const r: PbtResult = yield* pbt(
        { id: t.id, world: t.world, entry: t.entry, params: d.params, cases: d.cases, maxShrinks: d.maxShrinks, budget: d.budget, ...(d.budgetScope !== undefined ? { budgetScope: d.budgetScope } : {}) },
        { moduleRoots: [...p.moduleRoots, p.root] },
      );
      const f = r.repro?.counterexample.params.map((x) => `${x.name}=${x.ty === "i32" ? x.value : `b64:${x.b64}`}`).join(", ");
      const text = !r.checked ? `driver does not check: ${r.diagnostics.map((x) => x.code).join(", ")}` : f !== undefined ? `FAILED after ${r.suite?.attempted} cases, shrunk to ${f}` : `${r.suite?.attempted} cases passed`;
      say("pbt", `${t.id}: ${text} — ${ms(t0)}`);
      return r.checked && r.repro === undefined;
    }),
  ).pipe(Effect.map((oks) => oks.every(Boolean)));

/** prove: every ensures clause of the entry, requires assumed. */
const proveStage = (p: Project, program: CheckedProgram) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const r: ProveResult = yield* prove(program, { entry: p.entry });
    const clauses = r.proof.obligations.filter((o) => o.clause.kind === "ensures").map((o) => `${o.clause.id ?? o.clause.index} ${o.result}/${o.encoding}`);
    const cex = r.proof.counterexample;
    const witness = cex === undefined ? "" : `; counterexample for ${cex.clause.id ?? cex.clause.kind}: ${cex.inputs.map((i) => ("value" in i ? `${i.name}=${i.value}` : `${i.name}=0x${Buffer.from(i.bytes).toString("hex")}`)).join(", ")}`;
    say("prove", `${p.entry}: ${r.proof.kind} [${clauses.join(", ")}]${witness} — ${ms(t0)}`);
    return r.proof.kind === "proven";
  });

/** certify: the whole chain from the files into the output directory. */
const certifyStage = (p: Project, profile: string, outDir: string) =>
  Effect.gen(function* () {
    const t0 = performance.now();
    const r: CertifyResult = yield* certify(p.root, { profile, entry: p.entry, outDir });
    const c = r.certificate;
    say("certify", `${r.verdict}: ${c.proof_inventory.length} proved symbol(s), scope ${c.formal_verification_scope}, ${c.diagnostics?.length ?? 0} diagnostic(s) — ${ms(t0)}`);
    for (const d of c.diagnostics ?? []) console.log(`    ${d.code}: ${d.message}`);
    return r;
  });

/** The prove and certify stages share one z3 (built only when the pipeline gets this far) and certify's services. */
const layerProveCertify = Layer.mergeAll(layerCertifyNode, layerZ3);

const pipeline = (root: string, flags: { readonly profile: string; readonly entry?: string; readonly outDir?: string }) =>
  Effect.gen(function* () {
    const p = yield* readProject(root, flags.entry);
    console.log(`x07-sdk pipeline on ${nodePath.relative(process.cwd(), root) || "."} (entry ${p.entry}, profile ${flags.profile})`);
    const entryDoc = yield* parseStage(p);
    const program = yield* checkStage(p, entryDoc);
    yield* interpStage(p);
    yield* pbtStage(p);
    return yield* Effect.gen(function* () {
      yield* proveStage(p, program);
      return yield* certifyStage(p, flags.profile, flags.outDir ?? nodePath.join(root, "target", "cert"));
    }).pipe(Effect.provide(layerProveCertify));
  });

const main = async (): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { profile: { type: "string" }, entry: { type: "string" }, "out-dir": { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const root = nodePath.resolve(positionals[0] ?? nodePath.join(REPO, "examples", "orders"));
  const flags = { profile: values.profile ?? "verified_core_pure_v1", ...(values.entry !== undefined ? { entry: values.entry } : {}), ...(values["out-dir"] !== undefined ? { outDir: nodePath.resolve(values["out-dir"]) } : {}) };
  const outcome = await Effect.runPromise(
    pipeline(root, flags).pipe(
      Effect.map((r) => ({ _tag: "Done" as const, r })),
      Effect.catchTags({
        ProjectError: (e) => Effect.succeed({ _tag: "Bad" as const, reason: e.reason }),
        StageStopped: (e) => Effect.succeed({ _tag: "Stopped" as const, stage: e.stage, lines: e.lines }),
      }),
      Effect.provide(Layer.mergeAll(layerNode, layerStd)),
    ),
  );
  switch (outcome._tag) {
    case "Bad":
      console.error(`error: ${outcome.reason}\n${USAGE}`);
      return 2;
    case "Stopped":
      console.log(`  ${outcome.stage.padEnd(8)} failed:\n${outcome.lines.join("\n")}`);
      console.log(`verdict: rejected (stopped at ${outcome.stage}; no certificate written)`);
      return 20;
    case "Done":
      console.log(`verdict: ${outcome.r.verdict}`);
      if (outcome.r.paths.summaryHtml !== undefined) console.log(`summary: ${outcome.r.paths.summaryHtml}`);
      console.log(`certificate: ${outcome.r.paths.certificate}`);
      return outcome.r.exitCode;
  }
};

// Exit explicitly: the solver's worker threads can outlive their release by seconds (notes: bugs-walkthrough #2).
process.exit(await main());
