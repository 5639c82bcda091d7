/** The document root: schema_version, kind, module_id, imports, decls, solve, meta. */
import type { JsonValue } from "../../core/json/index.ts";
import { makeDiagnostic } from "../../diag/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import type { Decl, Expr, Import, X07AstDocument } from "../ast.ts";
import { DEFAULT_X07AST_VERSION, X07AST_VERSION_LIST, featuresOf, isX07AstVersion } from "../versions.ts";
import type { ParseContext } from "./context.ts";
import { MODULE_ID, preview, checkKeys, checkUnique, describe, isObject, readArray, readString, required, ruleError, schemaError } from "./context.ts";
import { parseDecl } from "./decl.ts";
import { parseExpr } from "./expr.ts";
import { noteRuleSites } from "./sites.ts";

export interface ParseDocumentOptions {
  readonly file?: string;
  readonly maxDepth?: number;
}

/**
 * Expressions are read recursively, so their nesting is capped below what the JS stack survives even
 * when the caller raises `maxDepth` for the JSON reader (which is iterative).
 */
const MAX_EXPR_DEPTH = 2048;

const ROOT_KEYS: ReadonlySet<string> = new Set(["schema_version", "kind", "module_id", "imports", "decls", "solve", "meta"]);

/** Parses an already-read JSON value. Diagnostics are collected, never thrown. */
export const parseDocument = (
  root: JsonValue,
  options: ParseDocumentOptions,
): { document: X07AstDocument | undefined; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const file = options.file;
  const fileInit = file !== undefined ? { file } : {};
  if (!isObject(root)) {
    diagnostics.push(makeDiagnostic("X07-SCHEMA-0001", `an x07AST document is a JSON object, got ${describe(root)}`, { ptr: "", ...fileInit }));
    return { document: undefined, diagnostics };
  }
  const sv = root["schema_version"];
  if (!isX07AstVersion(sv)) {
    const message =
      sv === undefined
        ? 'missing required field "schema_version"'
        : `unsupported schema_version ${preview(sv)} (supported: ${X07AST_VERSION_LIST.join(", ")})`;
    diagnostics.push(
      makeDiagnostic(sv === undefined ? "X07-SCHEMA-0001" : "X07-SCHEMA-0002", message, {
        ptr: sv === undefined ? "" : "/schema_version",
        ...fileInit,
        data: { got: sv === undefined ? null : typeof sv === "object" && sv !== null ? preview(sv) : sv, supported: X07AST_VERSION_LIST },
        quickfix: {
          kind: "json_patch",
          patch: [{ op: sv === undefined ? "add" : "replace", path: "/schema_version", value: DEFAULT_X07AST_VERSION }],
          note: `Set schema_version to ${DEFAULT_X07AST_VERSION}`,
        },
      }),
    );
    return { document: undefined, diagnostics };
  }
  const ctx: ParseContext = { features: featuresOf(sv), versionLabel: sv, diagnostics, maxDepth: Math.min(options.maxDepth ?? 1024, MAX_EXPR_DEPTH), file, sites: [], rootSites: new Map() };
  checkKeys(ctx, root, "", ROOT_KEYS, "the document root");

  const kindV = required(ctx, root, "", "kind", "the document root");
  const kind = kindV === "entry" || kindV === "module" ? kindV : undefined;
  if (kindV !== undefined && kind === undefined) schemaError(ctx, `kind must be "entry" or "module", got ${preview(kindV)}`, "/kind");

  const moduleId = readString(ctx, required(ctx, root, "", "module_id", "the document root"), "/module_id", MODULE_ID);

  const importsV = required(ctx, root, "", "imports", "the document root");
  const importItems = readArray(ctx, importsV, "/imports", "imports");
  checkUnique(ctx, importItems, "/imports", "imports");
  const imports: Import[] = [];
  importItems.forEach((m, i) => {
    const module = readString(ctx, m, `/imports/${i}`, MODULE_ID);
    if (module !== undefined) imports.push({ module, ptr: `/imports/${i}` });
  });

  const declsV = required(ctx, root, "", "decls", "the document root");
  const decls: Decl[] = [];
  readArray(ctx, declsV, "/decls", "decls").forEach((d, i) => {
    const decl = parseDecl(ctx, d, `/decls/${i}`, moduleId);
    if (decl !== undefined) decls.push(decl);
  });
  checkDeclNames(ctx, decls);

  let solve: Expr | undefined;
  const hasSolve = Object.prototype.hasOwnProperty.call(root, "solve");
  if (kind === "entry" && !hasSolve) {
    diagnostics.push(makeDiagnostic("X07-AST-0001", "an entry document must have a /solve expression", { ptr: "/solve", ...fileInit }));
  } else if (kind === "module" && hasSolve) {
    schemaError(ctx, "a module document must not have /solve (only entry documents do)", "/solve");
  } else if (hasSolve) {
    solve = parseExpr(ctx, root["solve"], "/solve");
  }

  const metaV = root["meta"];
  if (metaV !== undefined && !isObject(metaV)) schemaError(ctx, `meta must be an object, got ${describe(metaV)}`, "/meta");

  const failed = diagnostics.some((d) => d.severity === "error");
  if (failed || kind === undefined || moduleId === undefined || importsV === undefined || declsV === undefined) {
    return { document: undefined, diagnostics };
  }
  const document: X07AstDocument = {
    ...(file !== undefined ? { file } : {}),
    schemaVersion: sv,
    kind,
    moduleId,
    imports,
    decls,
    ...(solve !== undefined ? { solve } : {}),
    ...(isObject(metaV) ? { meta: metaV } : {}),
  };
  noteRuleSites(document, ctx.rootSites);
  return { document, diagnostics };
};

/** One export decl per module; function-like names unique across defn/defasync/extern/defrecord/defenum. */
const checkDeclNames = (ctx: ParseContext, decls: ReadonlyArray<Decl>): void => {
  const names = new Map<string, string>();
  let exportSeen = false;
  for (const d of decls) {
    if (d.kind === "export") {
      if (exportSeen) ruleError(ctx, "a module has at most one export declaration", `${d.ptr}/kind`);
      exportSeen = true;
      continue;
    }
    const prev = names.get(d.name);
    if (prev !== undefined) ruleError(ctx, `duplicate declaration name ${JSON.stringify(d.name)} (first declared at ${prev})`, `${d.ptr}/name`);
    else names.set(d.name, d.ptr);
  }
};
