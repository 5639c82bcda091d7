#!/usr/bin/env node
// The `x07` command. In an installed package it runs the compiled dist/ (the one-file CLI bundle when present). In a
// source checkout it runs dist/ only when that build is newer than every file under src/ and generated/ (so never a
// stale build), and src/ through tsx otherwise (or when X07_FROM_SOURCE=1). `npm run build` makes the fast path
// available (start-up ~0.3 s for the bundle against ~2 s through tsx); the build writes dist/.build-stamp last.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const source = here("../src/cli/main.ts");
const built = here("../dist/src/cli/main.js");
const bundled = here("../dist/src/cli/bundle/x07.mjs");
const stamp = here("../dist/.build-stamp");

/** Newest modification time of any file under dir (0 when absent). */
const newest = (dir) => {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
};

const fresh = () => {
  if (!existsSync(built) || !existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return newest(here("../src")) < builtAt && newest(here("../generated")) < builtAt;
};

let entry;
if (existsSync(source) && (process.env.X07_FROM_SOURCE === "1" || !fresh())) {
  const { register } = await import("tsx/esm/api");
  register();
  entry = source;
} else {
  entry = existsSync(bundled) ? bundled : existsSync(built) ? built : source;
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
process.exitCode = code;
