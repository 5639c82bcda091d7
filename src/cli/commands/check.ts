/** `x07 check --program FILE | --project x07.json`. */
import * as nodePath from "node:path";
import { Effect } from "effect";
import { checkFile } from "../../check/index.ts";
import { layerStd } from "../../std/index.ts";
import type { CheckResult } from "../../check/index.ts";
import { InvalidInputError, readBytes } from "../../core/io/index.ts";
import { readJson } from "../../core/json/index.ts";
import { validateByVersion } from "../../core/contracts/written.ts";
import { isWorldId, WORLD_IDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagReport, makeDiagnostic, renderDiagnostics } from "../../diag/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, runEffect, usageOutcome } from "../io.ts";

interface Target {
  readonly program: string;
  readonly moduleRoots: string[];
  readonly world: WorldId;
}

/** Reads the fields of x07.json that checking needs: entry, world, module_roots (paths relative to the project). */
const readProject = (projectPath: string) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(projectPath);
    const r = readJson(bytes);
    const diag = (message: string, ptr: string) => makeDiagnostic("X07-SCHEMA-0001", message, { ptr, file: projectPath });
    const bad = (message: string, ptr: string) => new InvalidInputError({ diagnostics: [diag(message, ptr)] });
    if (!r.ok || r.value === null || typeof r.value !== "object" || Array.isArray(r.value)) return yield* Effect.fail(bad("x07.json must be a JSON object", ""));
    const v = r.value;
    const valid = yield* Effect.promise(() => validateByVersion(v));
    if (!valid.ok) return yield* Effect.fail(new InvalidInputError({ diagnostics: valid.errors.map((e) => diag(`x07.json does not match its schema: ${e.message}`, e.pointer)) }));
    const base = nodePath.dirname(projectPath);
    const entry = v["entry"];
    const world = v["world"];
    const roots = v["module_roots"];
    if (typeof entry !== "string") return yield* Effect.fail(bad("x07.json needs an entry (a *.x07.json path)", "/entry"));
    if (typeof world !== "string" || !isWorldId(world)) return yield* Effect.fail(bad(`x07.json world must be one of ${WORLD_IDS.join(", ")}`, "/world"));
    if (!Array.isArray(roots) || !roots.every((x) => typeof x === "string")) return yield* Effect.fail(bad("x07.json module_roots must be an array of paths", "/module_roots"));
    return { program: nodePath.join(base, entry), moduleRoots: (roots as string[]).map((x) => nodePath.join(base, x)), world } satisfies Target;
  });

export const checkCommand: CommandSpec = {
  name: "check",
  summary: "Resolve imports and type-check a program or project; prints an x07diag report",
  usage: "x07 check (--program FILE [--module-root DIR]... [--world WORLD] | --project x07.json) [--ast]",
  optionHelp: [
    ["--program FILE", "an entry x07AST file"],
    ["--module-root DIR", "a directory searched for imported modules (repeatable)"],
    ["--world WORLD", `solve-pure (default), ${WORLD_IDS.filter((w) => w !== "solve-pure").join(", ")}`],
    ["--project FILE", "an x07.json project: its entry, world and module_roots"],
    ["--ast", "stop after schema, shape and lint (no type checking)"],
  ],
  options: { program: { type: "string" }, project: { type: "string" }, "module-root": { type: "string", multiple: true }, world: { type: "string" }, ast: { type: "boolean" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const program = v["program"];
    const project = v["project"];
    const world = v["world"];
    if ((typeof program === "string") === (typeof project === "string")) return usageOutcome("check", "give exactly one of --program FILE or --project x07.json");
    if (world !== undefined && (typeof world !== "string" || !isWorldId(world))) return usageOutcome("check", `unknown world ${JSON.stringify(world)} (known: ${WORLD_IDS.join(", ")})`);
    const target =
      typeof project === "string"
        ? readProject(project)
        : Effect.succeed<Target>({ program: program as string, moduleRoots: (v["module-root"] as string[] | undefined) ?? [], world: (world as WorldId | undefined) ?? "solve-pure" });
    const eff = Effect.flatMap(target, (t) => checkFile(t.program, { moduleRoots: t.moduleRoots, world: t.world, astOnly: v["ast"] === true })).pipe(Effect.provide(layerStd));
    const r = await runEffect(io, eff, (ds) => ({ exitCode: EXIT.usage, report: makeDiagReport(ds) as unknown as JsonValue, reportIsDefault: true, errText: renderDiagnostics(ds) }));
    if (!r.ok) return r.outcome;
    const res: CheckResult = r.value;
    const report = makeDiagReport(res.diagnostics);
    return { exitCode: report.ok ? EXIT.ok : EXIT.findings, report: report as unknown as JsonValue, reportIsDefault: true };
  },
};
