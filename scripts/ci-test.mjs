#!/usr/bin/env node
// The project's test gate (`npm test`): typecheck, generated-code drift, public API drift, then vitest.
// The last line it prints is always the plain summary `N passed, M failed` taken from vitest's JSON report,
// so a run that executed no test is visible. Exit code is non-zero when any step fails.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const report = ".vitest-report.json";
const steps = [
  { name: "typecheck", cmd: "npx", args: ["tsc", "-p", "tsconfig.json", "--noEmit"] },
  { name: "codegen drift", cmd: "npx", args: ["tsx", "codegen/main.ts", "--check"], when: () => existsSync("codegen/main.ts") },
  { name: "api report drift", cmd: "npm", args: ["run", "-s", "api-report:check"] },
];

const failedSteps = [];
for (const step of steps) {
  if (step.when && !step.when()) continue;
  process.stdout.write(`== ${step.name}\n`);
  const r = spawnSync(step.cmd, step.args, { stdio: "inherit" });
  if (r.status !== 0) failedSteps.push(step.name);
}

rmSync(report, { force: true });
process.stdout.write("== vitest\n");
const v = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, "utf8"));
  passed = j.numPassedTests ?? 0;
  failed = (j.numFailedTests ?? 0) + (j.numFailedTestSuites ?? 0);
} else {
  failed = 1;
}
if (failedSteps.length > 0) {
  process.stdout.write(`gate steps failed: ${failedSteps.join(", ")}\n`);
  failed += failedSteps.length;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(v.status === 0 && failedSteps.length === 0 && failed === 0 && passed > 0 ? 0 : 1);
