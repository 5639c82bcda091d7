// After `tsc` and copy-std: bundles the CLI into one ES module, dist/src/cli/bundle/x07.mjs, plus one chunk per
// lazily imported schema validator (generated/lazy.ts) and a shared typebox chunk, so a CLI call loads a handful
// of files instead of hundreds (a run starts in ~0.3 s instead of ~1.4 s). std module sources are copied next to
// the entry (src/std/index.ts reads ./modules/ relative to its code). Writes the build stamp last (bin/x07.mjs runs
// the bundle only when the stamp is newer than src/).
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "src", "cli", "bundle");
if (existsSync(out)) rmSync(out, { recursive: true });
await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  splitting: true,
  outdir: out,
  entryNames: "x07",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  logLevel: "warning",
});
cpSync(join(root, "src", "std", "modules"), join(out, "modules"), { recursive: true });
writeFileSync(join(root, "dist", ".build-stamp"), `${new Date().toISOString()}\n`);
