/** Reads what the architecture check needs from one x07AST file: module id, imports, exports, function signatures. */
import { parseX07Ast } from "../../parse/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { archDiag } from "./diag.ts";
import type { FnInfo, ModuleInfo } from "./model.ts";

/** Parses one scanned file; a file that is not valid x07AST gives `E_ARCH_MODULE_PARSE` (upstream skips it). */
export const readModuleInfo = (relPath: string, bytes: Uint8Array): { readonly ok: true; readonly module: ModuleInfo } | { readonly ok: false; readonly diagnostic: Diagnostic } => {
  const r = parseX07Ast(bytes, { file: relPath });
  if (!r.ok) {
    const first = r.diagnostics.find((d) => d.severity === "error") ?? r.diagnostics[0];
    const ptr = first?.loc?.kind === "x07ast" ? first.loc.ptr : "";
    return {
      ok: false,
      diagnostic: archDiag("E_ARCH_MODULE_PARSE", first?.message ?? "not an x07AST document", {
        file: relPath,
        ptr,
        data: { module_path: relPath, ...(first !== undefined ? { cause: first.code } : {}) },
      }),
    };
  }
  const doc = r.document;
  const exports = new Set<string>();
  const functions: FnInfo[] = [];
  for (const d of doc.decls) {
    if (d.kind === "export") for (const n of d.names) exports.add(n);
    else if (d.kind === "defn" || d.kind === "defasync")
      functions.push({
        kind: d.kind,
        name: d.name,
        ptr: d.ptr,
        params: d.params.map((p) => ({ name: p.name, ty: p.ty, ptr: p.ptr, ...(p.brand !== undefined ? { brand: p.brand } : {}) })),
        result: d.result,
        ...(d.resultBrand !== undefined ? { resultBrand: d.resultBrand } : {}),
      });
  }
  return {
    ok: true,
    module: { relPath, moduleId: doc.moduleId, imports: doc.imports.map((i) => ({ module: i.module, ptr: i.ptr })), exports, functions },
  };
};
