/** The trust report as a self-contained HTML page (no scripts, no external assets). */
import { canonicalJsonPretty } from "../../../core/json/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";
import { htmlEscape } from "../../../review/index.ts";
import type { Diagnostic } from "../../../diag/index.ts";
import { asArray, asStr, get } from "./json.ts";

const pre = (v: JsonValue | undefined): string => `<pre>${htmlEscape(canonicalJsonPretty(v ?? null) + "\n")}</pre>`;

const STYLE =
  "body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;line-height:1.45}code,pre{background:#f6f8fa;padding:2px 4px;border-radius:4px}pre{padding:12px;overflow:auto}details{margin:12px 0}table{border-collapse:collapse}td,th{padding:6px 8px;border:1px solid #ddd;text-align:left}h2{margin-top:28px}.verdict{padding:10px 12px;border-radius:8px;font-weight:700;display:inline-block;margin:6px 0 16px}";

export interface TrustHtmlInput {
  readonly report: JsonValue;
  readonly strictIssues: ReadonlyArray<string>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  readonly firedGates: ReadonlyArray<string>;
  readonly exitCode: number;
}

export const renderTrustHtml = (i: TrustHtmlInput): string => {
  const r = i.report;
  const flags = asArray(get(get(r, "nondeterminism"), "flags")) ?? [];
  const sbom = get(r, "sbom");
  const clean = i.exitCode === 0;
  const s: string[] = [];
  s.push('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>x07 trust report</title>');
  s.push(`<style>${STYLE}</style></head><body><h1>x07 trust report</h1>`);
  s.push(
    `<div class="verdict" style="background:${clean ? "#dcfce7" : "#fee2e2"};color:${clean ? "#166534" : "#991b1b"}">${clean ? "ok" : "gate failed"}: ${flags.length} nondeterminism flag(s)${i.firedGates.length > 0 ? `; fired: ${htmlEscape(i.firedGates.join(", "))}` : ""}</div>`,
  );
  s.push(`<p><b>world:</b> <code>${htmlEscape(asStr(get(get(r, "project"), "world")) ?? "")}</code> <b>runner:</b> <code>${htmlEscape(asStr(get(get(r, "project"), "runner")) ?? "")}</code></p>`);
  s.push("<h2>Nondeterminism Flags</h2>");
  if (flags.length === 0) s.push("<p>none</p>");
  else {
    s.push("<table><tr><th>kind</th><th>severity</th><th>summary</th></tr>");
    for (const f of flags) s.push(`<tr><td><code>${htmlEscape(asStr(get(f, "kind")) ?? "")}</code></td><td>${htmlEscape(asStr(get(f, "severity")) ?? "")}</td><td>${htmlEscape(asStr(get(f, "summary")) ?? "")}</td></tr>`);
    s.push("</table>");
  }
  s.push("<h2>Budget Caps</h2>", pre(get(get(r, "budgets"), "caps")));
  s.push("<h2>Budget Scopes</h2>", pre(get(get(r, "budgets"), "scopes")));
  s.push("<h2>Capabilities</h2>", pre(get(r, "capabilities")));
  s.push("<h2>SBOM</h2>");
  const sbomPath = asStr(get(sbom, "path"));
  if (get(sbom, "generated") === true && sbomPath !== undefined) s.push(`<p><b>generated:</b> <code>${htmlEscape(sbomPath)}</code></p>`);
  s.push(pre(sbom));
  if (i.strictIssues.length > 0) s.push("<h2>Strict Issues</h2><ul>", ...i.strictIssues.map((x) => `<li>${htmlEscape(x)}</li>`), "</ul>");
  if (i.diagnostics.length > 0) s.push("<h2>Diagnostics</h2><ul>", ...i.diagnostics.map((d) => `<li><code>${htmlEscape(d.code)}</code> (${d.severity}): ${htmlEscape(d.message)}</li>`), "</ul>");
  s.push("<details><summary>Raw JSON</summary>", pre(r), "</details>");
  s.push("</body></html>\n");
  return s.join("");
};
