/** renderSummaryHtml as a pure function: verdict first, everything escaped, self-contained, deterministic. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { Effect } from "effect";
import { certify, renderSummaryHtml } from "../../src/certify/index.ts";
import type { SummaryFacts, TrustCertificate } from "../../src/certify/index.ts";
import { ENTRY, FIXTURE, fakeLayer } from "./_fakes.ts";

const certified = (cfg: Parameters<typeof fakeLayer>[0] = {}) =>
  Effect.runPromise(certify(FIXTURE, { profile: "verified_core_pure_v1", entry: ENTRY, outDir: mkdtempSync(nodePath.join(tmpdir(), "x07-html-")), noHtml: true }).pipe(Effect.provide(fakeLayer(cfg))));

describe("summary.html", () => {
  it("puts the verdict before every other section and names the operational entry in it", async () => {
    const r = await certified();
    const html = renderSummaryHtml(r.certificate, r.facts);
    const verdictAt = html.indexOf('id="verdict"');
    expect(verdictAt).toBeGreaterThan(0);
    for (const id of ["claims", "proofs", "assumptions", "tests", "architecture", "compile", "trust", "tcb", "artifacts"]) expect(html.indexOf(`id="${id}"`)).toBeGreaterThan(verdictAt);
    expect(html).toContain(`<dd id="entry">${ENTRY}</dd>`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\//i);
    expect(renderSummaryHtml(r.certificate, r.facts)).toBe(html);
    expect(r.paths.summaryHtml).toBeUndefined();
  });

  it("escapes everything taken from the project (messages, symbols, paths)", async () => {
    const r = await certified({ profileDiagnostics: [{ code: "X07TP_WORLD", message: `<img src=x onerror="alert(1)"> & 'q'` }] });
    const facts: SummaryFacts = { ...r.facts, proofs: [{ symbol: "<b>evil</b>", kind: "defn", result: "counterexample_found", details: "</section><script>" }] };
    const html = renderSummaryHtml(r.certificate as TrustCertificate, facts);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; 'q'");
    expect(html).not.toContain("<b>evil</b>");
    expect(html).not.toContain("<script>");
  });
});
