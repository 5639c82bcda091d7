/**
 * The HTTP layer of the embed server (node:http): routing, capped body reading, status codes, graceful close.
 * Evaluation itself is synchronous (examples/embed/evaluate.ts) and bounded by fuel, a memory budget and a
 * wall-clock backstop, so one request runs at a time on the event loop and each returns within its limits.
 *
 *   POST /run     → 200 ran or trapped · 422 bad program (x07diag report) · 4xx bad request · 500 library defect
 *   GET  /healthz → 200 serving · 503 draining
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { evaluate, makeCheckCache, rejection } from "./evaluate.ts";
import type { CheckCache, Evaluation } from "./evaluate.ts";
import { decodeRunRequest, DEFAULT_LIMITS, errorBody, isProgramJsonError, isRequestError } from "./protocol.ts";
import type { RequestError, ServerLimits } from "./protocol.ts";

export interface EmbedServerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly limits?: Partial<ServerLimits>;
  /** How long `close()` waits for requests in flight before dropping their connections (ms). */
  readonly drainMs?: number;
}

export interface EmbedServer {
  /** Base URL, e.g. `http://127.0.0.1:8707`. */
  readonly url: string;
  readonly port: number;
  readonly limits: ServerLimits;
  /** Stops accepting, answers 503 on /healthz, lets requests in flight finish (up to `drainMs`), then resolves. */
  close(): Promise<void>;
  /** Counters since start (for health and tests). */
  stats(): { readonly served: number; readonly inFlight: number; readonly cachedChecks: number };
}

type Reply = { readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> };

const fromError = (e: RequestError, headers?: Readonly<Record<string, string>>): Reply => ({ status: e.status, body: errorBody(e), ...(headers !== undefined ? { headers } : {}) });

const send = (res: http.ServerResponse, r: Reply, extra: Readonly<Record<string, string>> = {}): void => {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(r.body) + "\n";
  res.writeHead(r.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...r.headers, ...extra });
  res.end(text);
};

/**
 * Reads the body up to `max` bytes. `"too_large"` when it is larger (the rest is drained, then the socket is
 * closed); `"aborted"` when the client went away before the end.
 */
const readBody = (req: http.IncomingMessage, max: number): Promise<Uint8Array | "too_large" | "aborted"> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      resolve("too_large");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve("too_large");
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!over) resolve(new Uint8Array(Buffer.concat(chunks, size)));
    });
    // After "end" this is a no-op (a promise settles once).
    req.on("close", () => resolve("aborted"));
    req.on("error", reject);
  });

const isJson = (contentType: string | undefined): boolean => {
  const mime = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  return mime === "application/json";
};

/** Starts the server; resolves once it listens. */
export const startEmbedServer = async (options: EmbedServerOptions = {}): Promise<EmbedServer> => {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const cache: CheckCache = makeCheckCache();
  let draining = false;
  let served = 0;
  let inFlight = 0;

  const runRoute = async (req: http.IncomingMessage): Promise<Reply | undefined> => {
    if (!isJson(req.headers["content-type"])) {
      req.resume();
      return fromError({ status: 415, code: "request.unsupported_media_type", message: "send the request as application/json" });
    }
    const body = await readBody(req, limits.maxBodyBytes);
    if (body === "aborted") return undefined;
    if (body === "too_large") {
      return fromError({ status: 413, code: "request.too_large", message: `the request body is larger than ${limits.maxBodyBytes} bytes` }, { connection: "close" });
    }
    const decoded = decodeRunRequest(body, limits);
    if (isRequestError(decoded)) return fromError(decoded);
    const started = performance.now();
    const ev: Evaluation = isProgramJsonError(decoded) ? rejection("parse", [decoded.diagnostic]) : evaluate(decoded, limits, cache);
    const total = `eval;dur=${(performance.now() - started).toFixed(2)}`;
    const phases = ev.timing === undefined ? "" : `, check;dur=${ev.timing.checkMs.toFixed(2)}, run;dur=${ev.timing.runMs.toFixed(2)}`;
    return { status: ev.status, body: ev.body, headers: { "server-timing": total + phases } };
  };

  const ROUTES: Readonly<Record<string, Readonly<Record<string, (req: http.IncomingMessage) => Promise<Reply | undefined>>>>> = {
    "/run": { POST: runRoute },
    "/healthz": {
      GET: async () => (draining ? { status: 503, body: { ok: false, status: "draining" } } : { status: 200, body: { ok: true, status: "serving" } }),
    },
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0] as string;
    const route = ROUTES[path];
    if (route === undefined) {
      req.resume();
      return send(res, fromError({ status: 404, code: "request.not_found", message: `no route ${path}; use POST /run or GET /healthz` }));
    }
    const handler = route[req.method ?? ""];
    if (handler === undefined) {
      req.resume();
      return send(res, fromError({ status: 405, code: "request.method_not_allowed", message: `${req.method} is not allowed on ${path}` }, { allow: Object.keys(route).join(", ") }));
    }
    if (draining && path === "/run") {
      req.resume();
      return send(res, fromError({ status: 503, code: "server.draining", message: "the server is shutting down" }, { connection: "close" }));
    }
    const reply = await handler(req);
    if (reply === undefined) return;
    // While draining, connections are not kept alive, so close() does not wait for keep-alive timeouts.
    send(res, reply, draining ? { connection: "close" } : {});
    if (reply.status === 413) res.on("finish", () => setTimeout(() => req.socket.destroy(), 50).unref());
  };

  const server = http.createServer((req, res) => {
    inFlight++;
    res.on("close", () => {
      inFlight--;
      served++;
    });
    handle(req, res).catch((e: unknown) => {
      send(res, { status: 500, body: { ok: false, error: { code: "server.internal", message: e instanceof Error ? e.message : String(e) } } });
    });
  });
  // Slow clients cannot hold a connection forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      draining = true;
      const force = setTimeout(() => server.closeAllConnections(), options.drainMs ?? 5_000);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    }));

  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    limits,
    close,
    stats: () => ({ served, inFlight, cachedChecks: cache.size() }),
  };
};
