/**
 * `deny_cycles_v1` (scope nodes, when `checks.deny_cycles`): every strongly connected component of the
 * node graph with more than one node is a cycle (Tarjan's algorithm over sorted adjacency, as upstream;
 * a node importing itself is not a cycle). Scope `modules` is accepted by the schema but, as upstream,
 * not checked.
 */
import type { Diagnostic } from "../../../diag/index.ts";
import { archDiag } from "../diag.ts";
import type { ArchGraph, ManifestRule } from "../model.ts";
import { cmpStr, edgeKey } from "../model.ts";

type Cycles = Extract<ManifestRule, { kind: "deny_cycles_v1" }>;

/** The cycles of a directed graph: each a sorted node list, the list sorted. */
export const findCycles = (edges: ReadonlyArray<readonly [string, string]>): string[][] => {
  const adj = new Map<string, string[]>();
  const nodes = new Set<string>();
  for (const [a, b] of edges) {
    nodes.add(a);
    nodes.add(b);
    adj.set(a, [...(adj.get(a) ?? []), b]);
  }
  for (const [k, v] of adj) adj.set(k, [...new Set(v)].sort(cmpStr));
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (;;) {
        const w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1) out.push(scc.sort(cmpStr));
    }
  };
  for (const v of [...nodes].sort(cmpStr)) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => cmpStr(a.join("\u0000"), b.join("\u0000")));
};

export const cyclesRule = (g: ArchGraph, rule: Cycles): Diagnostic[] => {
  if (rule.scope !== "nodes" || !g.manifest.checks.deny_cycles) return [];
  return findCycles(g.nodeEdges).map((scc) => {
    const inScc = new Set(scc);
    const evidence = g.nodeEdges
      .filter(([a, b]) => inScc.has(a) && inScc.has(b))
      .flatMap(([a, b]) => {
        const ev = g.evidence.get(edgeKey(a, b));
        return ev === undefined ? [] : [{ module_path: ev.modulePath, module_id: ev.moduleId, import: ev.import, ptr: ev.ptr }];
      })
      .sort((x, y) => cmpStr(x.module_path, y.module_path));
    const first = evidence[0];
    return archDiag("E_ARCH_CYCLE", "cyclic dependency between nodes is forbidden", {
      ...(first !== undefined ? { file: first.module_path, ptr: first.ptr } : {}),
      data: {
        rule_id: rule.id,
        cycle_nodes: scc,
        ...(evidence.length > 0 ? { evidence: evidence.map(({ module_path, module_id, import: imp }) => ({ module_path, module_id, import: imp })) } : {}),
      },
    });
  });
};
