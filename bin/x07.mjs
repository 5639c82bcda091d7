#!/usr/bin/env node
// The `x07` command. In a source checkout it runs src/ through tsx (never a stale build);
// in an installed package it runs the compiled dist/.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const source = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const built = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));

let entry;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  entry = source;
} else {
  entry = built;
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
process.exitCode = code;
