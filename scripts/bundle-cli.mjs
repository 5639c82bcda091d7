// After `tsc` and copy-std: bundles the CLI for a fast start-up, into dist/src/cli/bundle/:
//   x07.cjs        the whole CLI as one CommonJS script (every schema validator included; z3-solver stays an
//                  external require, it loads its own WebAssembly). bin/x07.mjs compiles it with node:vm and
//                  V8's code cache (x07.cjs.v8cache), which skips most of the parse/compile work of a cold start
//                  (ESM has no code-cache API on Node 20): ~0.3 s saved per CLI call.
//   worker.js      the `x07 test --jobs` worker (src/test/internal/jobs.ts looks for ./worker.js next to its code).
//   modules/       the std module sources (src/std/index.ts reads ./modules/ relative to its code).
// Then warms the code cache by running one representative command (check + run of the examples/orders entry), and writes
// the build stamp last (bin/x07.mjs uses the bundle only when the stamp is newer than src/ and generated/).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "src", "cli", "bundle");
if (existsSync(out)) rmSync(out, { recursive: true });

// `import.meta.url` becomes the bundle file's own URL (the code resolves ./modules/ and ./worker.js from it).
const metaUrl = { define: { "import.meta.url": "__x07_bundle_url" }, banner: { js: 'var __x07_bundle_url = require("node:url").pathToFileURL(__filename).href;' } };
const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning", external: ["z3-solver"] };

await build({ ...common, ...metaUrl, entryPoints: [join(root, "src", "cli", "main.ts")], format: "cjs", outfile: join(out, "x07.cjs") });
await build({ ...common, entryPoints: [join(root, "src", "test", "internal", "worker.ts")], format: "esm", outfile: join(out, "worker.js") });
cpSync(join(root, "src", "std", "modules"), join(out, "modules"), { recursive: true });

// Warm the code cache (bin/x07.mjs writes x07.cjs.v8cache after the first run when it is absent).
const bin = join(root, "bin", "x07.mjs");
const env = { ...process.env, X07_BUNDLE: "1" };
// 3 items x 250 with 10% off, as three u32 LE words.
const example = join(root, "examples", "orders", "src");
execFileSync(process.execPath, [bin, "run", "--program", join(example, "main.x07.json"), "--module-root", example, "--input-b64", "AwAAAPoAAAAKAAAA"], { env, stdio: "ignore" });
if (!existsSync(join(out, "x07.cjs.v8cache"))) throw new Error("bundle-cli: the code cache was not written");

writeFileSync(join(root, "dist", ".build-stamp"), `${new Date().toISOString()}\n`);
