/**
 * `brand_boundary_v1` (on unless disabled): every exported defn/defasync of a module in a public node
 * must brand each bytes-like param and a bytes-like result. Bytes-like is upstream's list: bytes,
 * bytes_view, option_bytes, option_bytes_view, result_bytes, result_bytes_view, result_result_bytes (and
 * the same types spelled as applications, e.g. `["option","bytes"]`).
 */
import type { Diagnostic } from "../../../diag/index.ts";
import type { TypeRef } from "../../../parse/index.ts";
import { archDiag } from "../diag.ts";
import type { ArchGraph, ModuleInfo } from "../model.ts";
import { cmpStr } from "../model.ts";

const BYTESISH = new Set(["bytes", "bytes_view", "option_bytes", "option_bytes_view", "result_bytes", "result_bytes_view", "result_result_bytes"]);

/** The monomorphic name of a type when it has one (`["option","bytes"]` → `option_bytes`). */
export const monoName = (t: TypeRef): string | undefined => {
  if (t.kind === "named") return t.name;
  if (t.kind === "app" && t.args.length === 1 && t.args[0] !== undefined) {
    const inner = monoName(t.args[0]);
    return inner === undefined ? undefined : `${t.head}_${inner}`;
  }
  return undefined;
};

/** Whether a type is bytes-like in upstream's sense. */
export const isBytesish = (t: TypeRef): boolean => BYTESISH.has(monoName(t) ?? "");

/** A readable spelling of a type for `data.ty`. */
export const typeText = (t: TypeRef): string => (t.kind === "named" ? t.name : t.kind === "var" ? `t:${t.name}` : `${t.head}<${t.args.map(typeText).join(",")}>`);

const moduleBrandDiags = (nodeId: string, m: ModuleInfo): Diagnostic[] =>
  [...m.functions.filter((f) => f.kind === "defn"), ...m.functions.filter((f) => f.kind === "defasync")]
    .filter((f) => m.exports.has(f.name))
    .flatMap((f) => [
      ...f.params
        .filter((p) => isBytesish(p.ty) && p.brand === undefined)
        .map((p) =>
          archDiag("E_ARCH_PUBLIC_BYTES_UNBRANDED", "public exported bytes param is missing a brand", {
            file: m.relPath,
            ptr: p.ptr,
            data: { node: nodeId, module_path: m.relPath, symbol: f.name, param: p.name, ty: typeText(p.ty) },
          }),
        ),
      ...(isBytesish(f.result) && f.resultBrand === undefined
        ? [
            archDiag("E_ARCH_PUBLIC_BYTES_UNBRANDED", "public exported bytes result is missing a brand", {
              file: m.relPath,
              ptr: f.result.ptr,
              data: { node: nodeId, module_path: m.relPath, symbol: f.name, ty: typeText(f.result) },
            }),
          ]
        : []),
    ]);

export const publicBrandsRule = (g: ArchGraph): Diagnostic[] => {
  if (g.manifest.checks.brand_boundary_v1?.enabled === false) return [];
  return [...g.nodes.values()]
    .filter((n) => n.node.visibility.mode === "public")
    .sort((a, b) => cmpStr(a.node.id, b.node.id))
    .flatMap((n) => (g.nodeToModules.get(n.node.id) ?? []).flatMap((id) => {
      const m = g.modules.get(id);
      return m === undefined ? [] : moduleBrandDiags(n.node.id, m);
    }));
};
