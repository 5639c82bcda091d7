/**
 * summary.html in a real headless browser (Debian chromium driven by playwright-core): the page loads from
 * file:// with no network, the verdict and the operational entry are visible, a rejected page shows the
 * failing clause and the counterexample, and a screenshot of each is saved to temp/screenshots/ (gitignored).
 * Skipped, with the reason, when chromium or playwright-core is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Effect } from "effect";
import { certify } from "../../src/certify/index.ts";
import type { CertifyResult } from "../../src/certify/index.ts";
import { ENTRY, FIXTURE, fakeLayer } from "../certify/_fakes.ts";

const CHROMIUM = process.env["X07_CHROMIUM"] ?? "/usr/bin/chromium";
const SCREENS = fileURLToPath(new URL("../../temp/screenshots/", import.meta.url));

type Pw = typeof import("playwright-core");
const pw: Pw | undefined = await import("playwright-core").catch(() => undefined);
const skipReason = !existsSync(CHROMIUM) ? `no chromium at ${CHROMIUM}` : pw === undefined ? "playwright-core is not installed" : undefined;

const page = async (cfg: Parameters<typeof fakeLayer>[0]): Promise<CertifyResult> =>
  Effect.runPromise(certify(FIXTURE, { profile: "verified_core_pure_v1", entry: ENTRY, outDir: mkdtempSync(nodePath.join(tmpdir(), "x07-summary-")) }).pipe(Effect.provide(fakeLayer(cfg))));

describe.skipIf(skipReason !== undefined)(`summary.html in headless chromium${skipReason !== undefined ? ` — skipped: ${skipReason}` : ""}`, () => {
  let browser: Awaited<ReturnType<Pw["chromium"]["launch"]>>;
  beforeAll(async () => {
    browser = await pw!.chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    mkdirSync(SCREENS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (r: CertifyResult, shot: string) => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, offline: true });
    const p = await context.newPage();
    const requests: string[] = [];
    p.on("request", (req) => requests.push(req.url()));
    await p.goto(pathToFileURL(r.paths.summaryHtml!).href);
    const file = nodePath.join(SCREENS, shot);
    await p.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    // Self-contained: the only request is the page itself.
    expect(requests).toEqual([pathToFileURL(r.paths.summaryHtml!).href]);
    return { p, context };
  };

  it("accepted: the verdict and the operational entry are visible above the fold", async () => {
    const r = await page({});
    const { p, context } = await open(r, "summary-accepted.png");
    const verdict = p.locator("#verdict");
    await expect(verdict.isVisible()).resolves.toBe(true);
    expect(await verdict.getAttribute("data-verdict")).toBe("accepted");
    expect((await p.locator("#verdict .word").innerText()).trim()).toBe("ACCEPTED");
    expect(await p.locator("#entry").isVisible()).toBe(true);
    expect((await p.locator("#entry").innerText()).trim()).toBe(ENTRY);
    const box = await verdict.boundingBox();
    expect(box!.y).toBeLessThan(300);
    expect(await p.locator("#proofs td code", { hasText: ENTRY }).first().isVisible()).toBe(true);
    expect(await p.locator("#tests").innerText()).toContain("2 passed");
    // Every artifact link resolves to a file next to the page.
    const hrefs = await p.locator("#artifacts a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBe(r.facts.artifacts.length);
    for (const h of hrefs) expect(existsSync(nodePath.join(r.outDir, h))).toBe(true);
    await context.close();
  }, 60_000);

  it("rejected: the verdict, the failing clause and the counterexample are visible", async () => {
    const r = await page({ proofs: { [ENTRY]: { kind: "counterexample_found" } } });
    const { p, context } = await open(r, "summary-rejected.png");
    expect(await p.locator("#verdict").getAttribute("data-verdict")).toBe("rejected");
    expect((await p.locator("#verdict .word").innerText()).trim()).toBe("REJECTED");
    expect((await p.locator("#entry").innerText()).trim()).toBe(ENTRY);
    const why = p.locator("#why-rejected");
    expect(await why.isVisible()).toBe(true);
    const text = await why.innerText();
    for (const s of ["X07TC_EPROVE", "total_non_negative", "item_count", "65536"]) expect(text).toContain(s);
    await context.close();
  }, 60_000);
});
