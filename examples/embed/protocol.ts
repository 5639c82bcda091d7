/**
 * The wire protocol of the embed server: server limits, the decoded request, the response bodies, and the
 * pure decoder from request bytes to a {@link RunRequest} or a {@link RequestError}. No I/O here.
 *
 * The request body is read with the SDK's strict JSON reader (`readJsonText` from `x07-sdk/parse`): invalid
 * UTF-8, duplicate keys and nesting beyond the limit are reported with a JSON Pointer instead of being
 * silently accepted as `JSON.parse` would.
 */
import { clampPointer, withFile } from "../../src/diag/index.ts";
import type { Diagnostic } from "../../src/diag/index.ts";
import { readJsonText } from "../../src/parse/index.ts";

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** What the server allows; a client's asks are clamped to the `max*` values. */
export interface ServerLimits {
  /**
   * Largest request body (bytes); a bigger one is refused with 413. Also the bound on check time, which no budget
   * limits (checking costs ~0.3–1 ms per small function here): 64 KiB ≈ a few hundred functions.
   */
  readonly maxBodyBytes: number;
  /** Fuel when the request names none. */
  readonly defaultFuel: number;
  /** Most fuel a request can get. */
  readonly maxFuel: number;
  /** Memory budget (bytes allocated over the whole run) when the request names none. */
  readonly defaultMemoryBytes: number;
  /** Largest memory budget a request can get. */
  readonly maxMemoryBytes: number;
  /** Largest output a run may produce (bytes). */
  readonly maxOutputBytes: number;
  /** Wall-clock backstop per run (ms): stops heads whose cost grows with their operands, which fuel does not bound. */
  readonly timeLimitMs: number;
  /** Most extra module documents in one request. */
  readonly maxModules: number;
}

/**
 * The defaults. `defaultFuel` = `maxFuel` = 500,000 stops every infinite loop we measured well under 200 ms on
 * both interpreter backends on a lightly loaded host; `timeLimitMs` = 150 is the wall-clock backstop that keeps
 * a run under 200 ms when the host is oversubscribed (the run then traps X07I_TRAP_TIME instead of
 * X07I_TRAP_FUEL). Numbers: docs/examples/embed-server.md.
 */
export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * 1024,
  defaultFuel: 500_000,
  maxFuel: 500_000,
  defaultMemoryBytes: 16 * 1024 * 1024,
  maxMemoryBytes: 64 * 1024 * 1024,
  maxOutputBytes: 1024 * 1024,
  timeLimitMs: 150,
  maxModules: 32,
};

/** A decoded, limit-clamped run request. */
export interface RunRequest {
  /** The entry document, as JSON (parsed by the x07AST parser later: its problems are 422, not 400). */
  readonly program: JsonObject;
  /** Extra module documents the entry may import, by `module_id`. */
  readonly modules: ReadonlyArray<{ readonly moduleId: string; readonly document: JsonObject }>;
  readonly input: Uint8Array;
  readonly fuel: number;
  readonly memoryBytes: number;
}

/** Why a request was refused before evaluation (4xx). */
export interface RequestError {
  readonly status: 400 | 404 | 405 | 413 | 415 | 503;
  readonly code: RequestErrorCode;
  readonly message: string;
  /** JSON Pointer into the request body, when the problem is at a place in it. */
  readonly ptr?: string;
}

export type RequestErrorCode =
  | "request.bad_json"
  | "request.bad_field"
  | "request.missing_field"
  | "request.unknown_field"
  | "request.too_large"
  | "request.unsupported_media_type"
  | "request.not_found"
  | "request.method_not_allowed"
  | "server.draining";

/** A request rejected because its *program* is bad: answered 422 with an x07diag report, not 400. */
export interface ProgramJsonError {
  readonly kind: "program";
  readonly diagnostic: Diagnostic;
}

/** The run limits a response reports (what the run actually got after clamping). */
export interface EffectiveLimits {
  readonly fuel: number;
  readonly max_memory_bytes: number;
  readonly max_output_bytes: number;
}

/** The output of a run: base64 always, UTF-8 text when the bytes are printable UTF-8. */
export interface OutputBody {
  readonly len: number;
  readonly b64: string;
  readonly utf8: string | null;
}

/** 200: the program ran (ok) or trapped. */
export type RunResponse =
  | { readonly ok: true; readonly output: OutputBody; readonly fuel_used: number; readonly mem: MemSummary; readonly limits: EffectiveLimits }
  | { readonly ok: false; readonly trap: { readonly code: string; readonly message: string; readonly ptr: string }; readonly fuel_used: number; readonly mem: MemSummary; readonly limits: EffectiveLimits };

/** The memory counters a response reports (bytes allocated in total, allocation calls). */
export interface MemSummary {
  readonly bytes_alloc_total: number;
  readonly alloc_calls: number;
}

/** 4xx body. */
export interface ErrorBody {
  readonly ok: false;
  readonly error: { readonly code: RequestErrorCode; readonly message: string; readonly ptr?: string };
}

export const errorBody = (e: RequestError): ErrorBody => ({
  ok: false,
  error: { code: e.code, message: e.message, ...(e.ptr !== undefined ? { ptr: e.ptr } : {}) },
});

const bad = (code: RequestErrorCode, message: string, ptr?: string): RequestError => ({ status: 400, code, message, ...(ptr !== undefined ? { ptr } : {}) });

/** Fields of the request object: the decoder refuses any other key (a typo is an error, not a silent default). */
const FIELDS = ["program", "modules", "input_b64", "fuel", "max_memory_bytes"] as const;

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A dotted module id (it names the module's virtual path, so nothing path-like gets through). */
const MODULE_ID = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A positive safe integer ask, clamped to `max`; absent → `dflt`. */
const limitAsk = (v: JsonValue | undefined, name: string, dflt: number, max: number): number | RequestError => {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) return bad("request.bad_field", `${name} must be a positive integer`, `/${name}`);
  return Math.min(v, max);
};

/**
 * A JSON-level problem inside the program or a module belongs to that document (422, pointer relative to it,
 * `data.file` = "program" or "modules/<i>") rather than to the request (400).
 */
const programDiagnostic = (d: Diagnostic, ptr: string): Diagnostic | undefined => {
  const m = /^\/(program|modules\/\d+)(\/.*)$/.exec(ptr);
  if (m === null || (d.code !== "X07-JSON-DUPKEY-0001" && d.code !== "X07-JSON-DEPTH-0001")) return undefined;
  return withFile({ ...d, loc: { kind: "x07ast", ptr: clampPointer(m[2] as string) } }, m[1] as string);
};

/**
 * Request nesting allowed: the program's own limit (1024, the parser's) plus the levels the request wraps it in
 * (`/modules/<i>` = 2). Deeper programs are refused by the reader with the parser's own code.
 */
const MAX_REQUEST_DEPTH = 1026;

/** Decodes a request body (already size-capped) into a run request, a request error, or a program JSON error. */
export const decodeRunRequest = (body: Uint8Array, limits: ServerLimits): RunRequest | RequestError | ProgramJsonError => {
  if (body.length === 0) return bad("request.bad_json", "the request body is empty; send a JSON object");
  const read = readJsonText(body, { maxDepth: MAX_REQUEST_DEPTH });
  if (!read.ok) {
    const d = read.diagnostics[0] as Diagnostic;
    const ptr = d.loc?.kind === "x07ast" ? d.loc.ptr : "";
    const own = programDiagnostic(d, ptr);
    if (own !== undefined) return { kind: "program", diagnostic: own };
    return bad("request.bad_json", `the body is not valid JSON: ${d.message}`, ptr === "" ? undefined : ptr);
  }
  const v = read.value as JsonValue;
  if (!isObject(v)) return bad("request.bad_json", "the body must be a JSON object", "");
  for (const k of Object.keys(v)) {
    if (!(FIELDS as ReadonlyArray<string>).includes(k)) return bad("request.unknown_field", `unknown field ${JSON.stringify(k)}; expected one of ${FIELDS.join(", ")}`, `/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
  const program = v["program"];
  if (program === undefined) return bad("request.missing_field", "program is required: an x07AST entry document (a JSON object)", "");
  if (!isObject(program)) return bad("request.bad_field", "program must be an x07AST entry document (a JSON object)", "/program");

  const modulesV = v["modules"] ?? [];
  if (!Array.isArray(modulesV)) return bad("request.bad_field", "modules must be an array of x07AST module documents", "/modules");
  if (modulesV.length > limits.maxModules) return bad("request.bad_field", `at most ${limits.maxModules} modules per request`, "/modules");
  const modules: Array<{ moduleId: string; document: JsonObject }> = [];
  for (const [i, m] of modulesV.entries()) {
    if (!isObject(m)) return bad("request.bad_field", "a module must be an x07AST module document (a JSON object)", `/modules/${i}`);
    const id = m["module_id"];
    if (typeof id !== "string" || !MODULE_ID.test(id)) return bad("request.bad_field", "module_id must be a dotted identifier such as app.core", `/modules/${i}/module_id`);
    if (modules.some((x) => x.moduleId === id)) return bad("request.bad_field", `module ${id} is given twice`, `/modules/${i}/module_id`);
    modules.push({ moduleId: id, document: m });
  }

  const b64 = v["input_b64"] ?? "";
  if (typeof b64 !== "string" || !STRICT_BASE64.test(b64)) return bad("request.bad_field", "input_b64 must be standard padded base64", "/input_b64");
  const input = new Uint8Array(Buffer.from(b64, "base64"));

  const fuel = limitAsk(v["fuel"], "fuel", limits.defaultFuel, limits.maxFuel);
  if (typeof fuel !== "number") return fuel;
  const memoryBytes = limitAsk(v["max_memory_bytes"], "max_memory_bytes", limits.defaultMemoryBytes, limits.maxMemoryBytes);
  if (typeof memoryBytes !== "number") return memoryBytes;
  return { program, modules, input, fuel, memoryBytes };
};

export const isRequestError = (r: RunRequest | RequestError | ProgramJsonError): r is RequestError => "status" in r;
export const isProgramJsonError = (r: RunRequest | RequestError | ProgramJsonError): r is ProgramJsonError => "kind" in r;

/** Printable text: valid UTF-8 with no control characters other than tab, line feed and carriage return. */
export const printableUtf8 = (b: Uint8Array): string | null => {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
};

export const outputBody = (b: Uint8Array): OutputBody => ({ len: b.length, b64: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64"), utf8: printableUtf8(b) });
