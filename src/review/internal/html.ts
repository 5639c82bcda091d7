/**
 * The self-contained HTML page for a review diff: a risk strip, the summary counters, the gate
 * results, every highlight list, each file's changes and intent lenses, diagnostics and the options
 * used. No scripts, no external assets; the same report gives the same bytes.
 */
import { canonicalJsonPretty } from "../../core/json/index.ts";
import type { JsonValue } from "../../core/json/index.ts";
import { SDK_VERSION } from "../../version.ts";
import { asArray, asStr, get } from "./json.ts";
import { HIGHLIGHT_KEYS } from "./model.ts";
import type { HighlightKey, ReviewDiffReport } from "./model.ts";
import type { ReviewGate } from "./gates.ts";

export const htmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const pretty = (v: JsonValue): string => htmlEscape(canonicalJsonPretty(v) + "\n");

const TITLES: Readonly<Record<HighlightKey, string>> = {
  world_changes: "World Changes",
  budget_changes: "Budget Changes",
  summary_changes: "Summary Changes",
  policy_changes: "Policy Changes",
  network_policy_changes: "Network Policy Changes",
  capability_changes: "Capability Changes",
  proof_changes: "Proof Changes",
  assumption_changes: "Assumption Changes",
  boundedness_changes: "Boundedness Changes",
  operational_entry_changes: "Operational Entry Changes",
  recursive_proof_changes: "Recursive Proof Changes",
  boundary_changes: "Boundary Changes",
  subset_changes: "Trusted Subset Changes",
  async_proof_changes: "Async Proof Changes",
  capsule_changes: "Capsule Changes",
  peer_policy_changes: "Peer Policy Changes",
  capsule_network_changes: "Capsule Network Changes",
  dependency_closure_changes: "Dependency Closure Changes",
  runtime_attestation_changes: "Runtime Attestation Changes",
  sandbox_policy_changes: "Sandbox Policy Changes",
};

/** high when any high-severity change was kept; medium when any warn/high highlight; else low. */
export const reviewRisk = (r: ReviewDiffReport): { readonly label: "high" | "medium" | "low"; readonly bg: string; readonly fg: string } => {
  if (r.summary.high_severity_changes > 0) return { label: "high", bg: "#fee2e2", fg: "#991b1b" };
  const warn = HIGHLIGHT_KEYS.some((k) => r.highlights[k].some((c) => c["severity"] === "warn" || c["severity"] === "high"));
  return warn ? { label: "medium", bg: "#fef3c7", fg: "#92400e" } : { label: "low", bg: "#dcfce7", fg: "#166534" };
};

/** "name:" then one line per non-empty lens of each changed declaration. */
const lensLines = (module: JsonValue | undefined): string[] => {
  const out: string[] = [];
  for (const decl of asArray(get(module, "decls_changed")) ?? []) {
    const lenses = get(decl, "lenses");
    const lines = ["signature", "effects", "budgets", "capabilities"].flatMap((k) => {
      const entries = (asArray(get(lenses, k)) ?? []).filter((x): x is string => typeof x === "string");
      return entries.length > 0 ? [`  ${k}: ${entries.join("; ")}`] : [];
    });
    if (lines.length > 0) out.push(`${asStr(get(decl, "name")) ?? "<unknown>"}:`, ...lines);
  }
  return out;
};

/** The options shown at the end of the page. */
export interface HtmlOptions {
  readonly include: ReadonlyArray<string>;
  readonly exclude: ReadonlyArray<string>;
  readonly maxChanges: number | undefined;
  readonly failOn: ReadonlyArray<ReviewGate>;
  readonly fired: ReadonlyArray<ReviewGate>;
}

const STYLE =
  "body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;line-height:1.45}code,pre{background:#f6f8fa;padding:2px 4px;border-radius:4px}pre{padding:12px;overflow:auto}details{margin:12px 0}table{border-collapse:collapse}td,th{padding:6px 8px;border:1px solid #ddd;text-align:left}h2{margin-top:28px}.risk{padding:10px 12px;border-radius:8px;font-weight:700;display:inline-block;margin:6px 0 16px}.fired{color:#991b1b;font-weight:700}";

export const renderReviewHtml = (r: ReviewDiffReport, o: HtmlOptions): string => {
  const risk = reviewRisk(r);
  const s: string[] = [];
  s.push('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>x07 review diff</title>');
  s.push(`<style>${STYLE}</style></head><body>`);
  s.push("<h1>x07 review diff</h1>");
  s.push(`<p><b>tool:</b> <code>x07-sdk ${htmlEscape(SDK_VERSION)}</code> <b>mode:</b> ${htmlEscape(r.mode)}</p>`);
  s.push(`<p><b>from:</b> <code>${htmlEscape(r.from.path)}</code><br><b>to:</b> <code>${htmlEscape(r.to.path)}</code></p>`);
  s.push(`<div class="risk" style="background:${risk.bg};color:${risk.fg}">risk summary: ${risk.label}</div>`);
  s.push("<h2>Summary</h2><table>");
  for (const [k, v] of Object.entries(r.summary)) s.push(`<tr><th>${k}</th><td>${htmlEscape(String(v))}</td></tr>`);
  s.push("</table>");
  if (o.failOn.length > 0) {
    s.push("<h2>Gates</h2><table><tr><th>--fail-on</th><th>result</th></tr>");
    for (const g of [...new Set(o.failOn)]) {
      const fired = o.fired.includes(g);
      s.push(`<tr><td><code>${g}</code></td><td${fired ? ' class="fired"' : ""}>${fired ? "fired" : "clear"}</td></tr>`);
    }
    s.push("</table>");
  }
  s.push("<h2>High-Signal Deltas</h2>");
  for (const k of HIGHLIGHT_KEYS) {
    const list = r.highlights[k];
    s.push(`<details><summary>${htmlEscape(`${TITLES[k]} (${list.length})`)}</summary><pre>${pretty(list)}</pre></details>`);
  }
  s.push("<h2>File Diffs</h2>");
  for (const f of r.files) {
    s.push(`<details><summary><code>${htmlEscape(f.path)}</code> [${htmlEscape(f.kind)}] ${htmlEscape(f.status)}</summary>`);
    if (f.changes.length > 0) s.push(`<pre>${pretty(f.changes)}</pre>`);
    if (f.module !== undefined) {
      const lines = lensLines(f.module);
      if (lines.length > 0) s.push(`<h3>Intent lenses</h3><pre>${htmlEscape(lines.join("\n"))}</pre>`);
      s.push(`<pre>${pretty(f.module)}</pre>`);
    }
    s.push("</details>");
  }
  if (r.diags.length > 0) {
    s.push("<h2>Diagnostics</h2><ul>");
    for (const d of r.diags) s.push(`<li><code>${htmlEscape(d.code)}</code>: ${htmlEscape(d.message)}</li>`);
    s.push("</ul>");
  }
  const options: JsonValue = { include: [...o.include], exclude: [...o.exclude], max_changes: o.maxChanges ?? null, fail_on: [...o.failOn] };
  s.push(`<h2>CLI Options</h2><pre>${pretty(options)}</pre>`);
  s.push("</body></html>\n");
  return s.join("");
};
