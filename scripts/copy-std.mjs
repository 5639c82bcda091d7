// After `tsc`: copies the std module sources (src/std/modules/**/*.x07.json) next to the compiled std stage
// (dist/src/std/modules/), where src/std/index.ts reads them at run time.
import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "src", "std", "modules");
const to = join(root, "dist", "src", "std", "modules");
if (existsSync(to)) rmSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
