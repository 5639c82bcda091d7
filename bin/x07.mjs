#!/usr/bin/env node
// The `x07` command. In an installed package it runs the compiled dist/ (the one-file CLI bundle when present). In a
// source checkout it runs dist/ only when that build is newer than every file under src/ and generated/ (so never a
// stale build), and src/ through tsx otherwise (or when X07_FROM_SOURCE=1). `npm run build` makes the fast path
// available (the bundle, compiled with V8's code cache, starts in ~0.25 s against ~2 s through tsx); the build writes
// dist/.build-stamp last.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const source = here("../src/cli/main.ts");
const built = here("../dist/src/cli/main.js");
const bundled = here("../dist/src/cli/bundle/x07.cjs");
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

/**
 * Loads the one-file CommonJS bundle through node:vm with V8's code cache next to it (written after the first
 * run when absent or rejected, e.g. by another Node version; temp file + rename, so concurrent runs are safe;
 * a read-only install simply runs without it). Returns the bundle's exports.
 */
const loadBundle = (file) => {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // nothing to clean up
      }
    }
  };
  return { main: mod.exports.main, saveCache };
};

/**
 * The commands that solve start z3 (a 35 MB WebAssembly module) here, before the CLI is loaded: V8 compiles it on
 * another core while this thread loads the CLI, and the CLI gets it as `io.z3`. The V8 flags `startZ3` sets (baseline
 * code only, lazy validation) are set first, so they are in force when the module compiles. X07_Z3_PRESTART=0 turns this off.
 */
const argv = process.argv.slice(2);
const solves = (a) =>
  !a.includes("--help") && !a.includes("-h") && ((a[0] === "verify" && a.includes("--prove")) || (a[0] === "prove" && a[1] === "check") || (a[0] === "trust" && a[1] === "certify"));
let z3;
if (process.env.X07_Z3_PRESTART !== "0" && solves(argv)) {
  try {
    setFlagsFromString("--liftoff-only --wasm-lazy-validation"); // = Z3_V8_FLAGS in src/prove/internal/z3.ts
    const z3mod = await import("z3-solver");
    // the same options as z3InitOptions() in src/prove/internal/z3.ts: boot z3's first worker thread early
    const preRun = (m) => {
      const p = m.PThread;
      if (typeof p?.allocateUnusedWorker !== "function" || typeof p.loadWasmModuleToWorker !== "function" || !Array.isArray(p.unusedWorkers) || p.unusedWorkers.length > 0) return;
      p.allocateUnusedWorker();
      void p.loadWasmModuleToWorker(p.unusedWorkers[0]);
    };
    z3 = (z3mod.init ?? z3mod.default.init)({ preRun: [preRun] });
    z3.catch(() => undefined);
  } catch {
    z3 = undefined;
  }
}

let main;
let saveCache = () => {};
if (process.env.X07_BUNDLE === "1" || (!(existsSync(source) && (process.env.X07_FROM_SOURCE === "1" || !fresh())) && existsSync(bundled))) {
  ({ main, saveCache } = loadBundle(bundled));
} else if (existsSync(source) && (process.env.X07_FROM_SOURCE === "1" || !fresh())) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(pathToFileURL(source).href));
} else {
  ({ main } = await import(pathToFileURL(existsSync(built) ? built : source).href));
}
const code = await main(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), ...(z3 !== undefined ? { z3 } : {}) });
saveCache();
// z3's worker threads end with the process: exiting now skips waiting for them (stdout and stderr are
// synchronous for files, pipes and terminals on POSIX, so nothing written is lost).
if (z3 !== undefined && process.platform !== "win32") process.exit(code);
process.exitCode = code;
