/** `x07 ast init|get|validate|apply-patch`. */
import { Effect } from "effect";
import { astApplyPatch, astGet, astInit, astValidate } from "../../authoring/index.ts";
import { readBytes, writeText } from "../../core/io/index.ts";
import { sha256Hex } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { isWorldId, WORLD_IDS } from "../../core/worlds/table.ts";
import type { WorldId } from "../../core/worlds/table.ts";
import { makeDiagReport, renderDiagnostics } from "../../diag/index.ts";
import { isX07AstVersion, JSON_READ_CODES, X07AST_VERSION_LIST } from "../../parse/index.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT, failureOutcome, runEffect, toolReport, usageOutcome } from "../io.ts";


export const astInitCommand: CommandSpec = {
  name: "ast init",
  summary: "Write a minimal entry or module x07AST document",
  usage: "x07 ast init --world WORLD --module ID [--kind entry|module] [--schema-version V] --out PATH",
  optionHelp: [
    ["--world WORLD", `the world (${WORLD_IDS.join(", ")})`],
    ["--module ID", "the module id"],
    ["--kind KIND", "entry (default) or module"],
    ["--schema-version V", `one of ${X07AST_VERSION_LIST.join(", ")} (default x07.x07ast@0.8.0)`],
    ["--out PATH", "where to write the document"],
  ],
  options: { world: { type: "string" }, module: { type: "string" }, kind: { type: "string" }, "schema-version": { type: "string" }, out: { type: "string" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const world = v["world"];
    const module = v["module"];
    const out = v["out"];
    const kind = v["kind"] ?? "entry";
    const sv = v["schema-version"];
    if (typeof world !== "string" || !isWorldId(world)) return usageOutcome("ast init", `--world must be one of ${WORLD_IDS.join(", ")}`);
    if (typeof module !== "string" || !/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(module)) return usageOutcome("ast init", "--module must be a dotted module id");
    if (kind !== "entry" && kind !== "module") return usageOutcome("ast init", "--kind must be entry or module");
    if (sv !== undefined && !isX07AstVersion(sv)) return usageOutcome("ast init", `--schema-version must be one of ${X07AST_VERSION_LIST.join(", ")}`);
    if (typeof out !== "string") return usageOutcome("ast init", "missing --out PATH");
    const doc = astInit({ world: world as WorldId, module, kind, ...(isX07AstVersion(sv) ? { schemaVersion: sv } : {}) });
    const w = await runEffect(io, writeText((out), doc.text), (ds) => failureOutcome("ast", "ast.init", ds));
    if (!w.ok) return w.outcome;
    return {
      exitCode: EXIT.ok,
      report: toolReport("ast", "ast.init", EXIT.ok, [], { out, schema_version: isX07AstVersion(sv) ? sv : "x07.x07ast@0.8.0", template_id: doc.templateId, sha256: sha256Hex(doc.text) }),
      reportIsDefault: true,
    };
  },
};

export const astGetCommand: CommandSpec = {
  name: "ast get",
  summary: "Print the value at a JSON Pointer of an AST file",
  usage: "x07 ast get --in PATH --ptr POINTER",
  optionHelp: [["--in PATH", "the document"], ["--ptr POINTER", "an RFC 6901 JSON Pointer (\"\" is the whole document)"]],
  options: { in: { type: "string" }, ptr: { type: "string" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const input = v["in"];
    const ptr = v["ptr"];
    if (typeof input !== "string") return usageOutcome("ast get", "missing --in PATH");
    if (typeof ptr !== "string") return usageOutcome("ast get", "missing --ptr POINTER");
    const bytes = await runEffect(io, readBytes((input)), (ds) => failureOutcome("ast", "ast.get", ds));
    if (!bytes.ok) return bytes.outcome;
    const r = astGet(bytes.value, ptr, input);
    if (!r.ok) return failureOutcome("ast", "ast.get", r.diagnostics, { in: input, ptr });
    return { exitCode: EXIT.ok, report: toolReport("ast", "ast.get", EXIT.ok, [], { in: input, ptr, value: r.value }), reportIsDefault: true };
  },
};

export const astValidateCommand: CommandSpec = {
  name: "ast validate",
  summary: "Validate an AST file against its schema version and x07AST rules",
  usage: "x07 ast validate --in PATH [--x07diag OUT]",
  optionHelp: [["--in PATH", "the document"], ["--x07diag OUT", "also write the x07diag report to OUT"]],
  options: { in: { type: "string" }, x07diag: { type: "string" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const input = v["in"];
    if (typeof input !== "string") return usageOutcome("ast validate", "missing --in PATH");
    const bytes = await runEffect(io, readBytes((input)), (ds) => failureOutcome("ast", "ast.validate", ds));
    if (!bytes.ok) return bytes.outcome;
    const report = makeDiagReport(astValidate(bytes.value, input));
    const diagOut = v["x07diag"];
    if (typeof diagOut === "string") {
      const w = await runEffect(io, writeText((diagOut), JSON.stringify(report) + "\n"), (ds) => failureOutcome("ast", "ast.validate", ds));
      if (!w.ok) return w.outcome;
    }
    // JSON that cannot be read at all is bad input (exit 2); a readable document that breaks the schema is a finding (exit 1).
    const unreadable = report.diagnostics.some((d) => JSON_READ_CODES.has(d.code));
    const exitCode = report.ok ? EXIT.ok : unreadable ? EXIT.usage : EXIT.findings;
    return { exitCode, report: report as unknown as JsonValue, reportIsDefault: true, errText: renderDiagnostics(report.diagnostics) };
  },
};

export const astApplyPatchCommand: CommandSpec = {
  name: "ast apply-patch",
  summary: "Apply an RFC 6902 patch to an AST file (optionally validating the result)",
  usage: "x07 ast apply-patch --in PATH --patch PATCH [--validate] [--out PATH | --write]",
  optionHelp: [
    ["--in PATH", "the document"],
    ["--patch PATH", "a JSON array of RFC 6902 operations"],
    ["--validate", "require the result to be a valid x07AST document"],
    ["--out PATH", "write the result there (default: print it)"],
    ["--write", "write the result back to --in (atomically)"],
  ],
  options: { in: { type: "string" }, patch: { type: "string" }, validate: { type: "boolean" }, out: { type: "string" }, write: { type: "boolean" } },
  allowPositionals: false,
  run: async (v, _p, io) => {
    const input = v["in"];
    const patch = v["patch"];
    if (typeof input !== "string") return usageOutcome("ast apply-patch", "missing --in PATH");
    if (typeof patch !== "string") return usageOutcome("ast apply-patch", "missing --patch PATH");
    const read = await runEffect(io, 
      Effect.all([readBytes((input)), readBytes((patch))]),
      (ds) => failureOutcome("ast", "ast.apply-patch", ds),
    );
    if (!read.ok) return read.outcome;
    const [docBytes, patchBytes] = read.value;
    const r = astApplyPatch(docBytes, patchBytes, { validate: v["validate"] === true, file: input, patchFile: patch });
    if (!r.ok) return failureOutcome("ast", "ast.apply-patch", r.diagnostics, { in: input, patch });
    const target = typeof v["out"] === "string" ? v["out"] : v["write"] === true ? input : undefined;
    if (target !== undefined) {
      const w = await runEffect(io, writeText((target), r.text), (ds) => failureOutcome("ast", "ast.apply-patch", ds));
      if (!w.ok) return w.outcome;
    }
    return {
      exitCode: EXIT.ok,
      report: toolReport("ast", "ast.apply-patch", EXIT.ok, [], { in: input, patch, out: target ?? null, sha256: sha256Hex(r.text) }),
      text: target === undefined ? r.text : `wrote ${target}`,
    };
  },
};
