/**
 * An HTTP backend that embeds x07 evaluation (issue 10, item 4).
 *
 *     npx tsx examples/embed-server.ts [--port N] [--host H] [--max-fuel N] [--max-memory-bytes N]
 *
 *     curl -s localhost:8707/run -H 'content-type: application/json' \
 *       -d '{"program":{"schema_version":"x07.x07ast@0.8.0","kind":"entry","module_id":"main","imports":[],"decls":[],
 *            "solve":["view.to_bytes","input"]},"input_b64":"aGk="}'
 *
 * POST /run evaluates an x07AST entry document in-process (parse → check → interp from the SDK) under a fuel and
 * memory budget per request; GET /healthz answers while serving. SIGINT/SIGTERM drain and exit 0. The protocol
 * is documented in docs/examples/embed-server.md; the pieces live in examples/embed/.
 */
import { parseArgs } from "node:util";
import { DEFAULT_LIMITS } from "./embed/protocol.ts";
import type { ServerLimits } from "./embed/protocol.ts";
import { startEmbedServer } from "./embed/server.ts";

const USAGE = "usage: npx tsx examples/embed-server.ts [--port N] [--host H] [--max-fuel N] [--max-memory-bytes N] [--max-body-bytes N]";

const positiveInt = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

const main = async (): Promise<void> => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "max-fuel": { type: "string" },
        "max-memory-bytes": { type: "string" },
        "max-body-bytes": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const maxFuel = positiveInt("max-fuel", values["max-fuel"]);
  const maxMem = positiveInt("max-memory-bytes", values["max-memory-bytes"]);
  const maxBody = positiveInt("max-body-bytes", values["max-body-bytes"]);
  const limits: Partial<ServerLimits> = {
    ...(maxFuel !== undefined ? { maxFuel, defaultFuel: Math.min(DEFAULT_LIMITS.defaultFuel, maxFuel) } : {}),
    ...(maxMem !== undefined ? { maxMemoryBytes: maxMem, defaultMemoryBytes: Math.min(DEFAULT_LIMITS.defaultMemoryBytes, maxMem) } : {}),
    ...(maxBody !== undefined ? { maxBodyBytes: maxBody } : {}),
  };
  const server = await startEmbedServer({ port: positiveInt("port", values.port) ?? 8707, host: values.host ?? "127.0.0.1", limits });
  console.log(`x07 embed server listening on ${server.url} (POST /run, GET /healthz); fuel ≤ ${server.limits.maxFuel}, memory ≤ ${server.limits.maxMemoryBytes} bytes`);
  const stop = (signal: string) => {
    console.log(`${signal}: draining…`);
    server.close().then(
      () => {
        console.log(`stopped after ${server.stats().served} requests`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
