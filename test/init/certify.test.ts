/**
 * The scaffold → certificate story: a fresh verified-core-pure project and a fresh api-cell service
 * certify under `verified_core_pure_v1` with no edits (kernel proven, tests and arch evidence collected).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { certify, layerCertifyNode } from "../../src/certify/index.ts";
import { scaffold } from "../../src/init/index.ts";
import type { InitTemplate } from "../../src/init/index.ts";

const cases: ReadonlyArray<readonly [InitTemplate, string]> = [
  ["verified-core-pure", "ratio.core.percent_v1"],
  ["api-cell", "quote.core.line_total_v1"],
];

describe.each(cases)("x07 init --template %s, then certify", (template, entry) => {
  it("is accepted with the kernel in the proof inventory", { timeout: 240_000 }, async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "x07-init-cert-")), "p");
    const r = await Effect.runPromise(
      Effect.gen(function* () {
        yield* scaffold(dir, { template });
        return yield* certify(dir, { profile: "verified_core_pure_v1", entry, outDir: path.join(dir, "target", "cert"), noHtml: true, cwd: dir });
      }).pipe(Effect.provide(layerCertifyNode)),
    );
    expect(r.verdict, JSON.stringify((r.certificate as { diagnostics?: unknown }).diagnostics)).toBe("accepted");
    expect(r.exitCode).toBe(0);
    expect(JSON.stringify(r.certificate)).toContain(entry);
  });
});
