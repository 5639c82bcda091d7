// Source-checkout entry of a `--jobs` worker thread: registers tsx (as bin/x07.mjs does), then loads the
// TypeScript worker. The compiled package starts worker.js directly and never loads this file.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
