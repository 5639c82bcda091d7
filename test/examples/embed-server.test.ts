/**
 * The embed server (examples/embed-server.ts) on an ephemeral loopback port, in-process: valid programs, loops
 * stopped by fuel within 200 ms, programs stopped by the memory budget, malformed requests (4xx), bad programs
 * (422 with a schema-valid x07diag report), isolation between requests, health and graceful close; plus the CLI
 * entry point as a child process (SIGTERM drains and exits 0).
 */
import { spawn } from "node:child_process";
import * as http from "node:http";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateAs } from "../../src/core/contracts/index.ts";
import { allocators, appModule, badPrograms, echo, entry, loops, recursion, sumBytes, usesModule } from "../../examples/embed/programs.ts";
import { startEmbedServer } from "../../examples/embed/server.ts";
import type { EmbedServer } from "../../examples/embed/server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

let server: EmbedServer;
beforeAll(async () => {
  server = await startEmbedServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

/** One raw HTTP exchange (node:http, so bodies, headers and chunking are exactly what the test says). */
const exchange = (opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Uint8Array; chunked?: boolean; url?: string }): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(opts.path ?? "/run", opts.url ?? server.url);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined && opts.chunked !== true) headers["content-length"] = String(Buffer.byteLength(opts.body));
    const req = http.request(url, { method: opts.method ?? "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });

const JSON_CT = { "content-type": "application/json" };
const post = (body: unknown) => exchange({ headers: JSON_CT, body: JSON.stringify(body) });
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString("base64");
/** A phase's wall time from the Server-Timing header: eval (all), check, run (the interpreter alone). */
const timing = (a: Answer, phase: "eval" | "check" | "run"): number => Number(new RegExp(`${phase};dur=([\\d.]+)`).exec(String(a.headers["server-timing"]))?.[1] ?? NaN);

describe("valid programs", () => {
  it("echoes the input: output as base64 and as text, fuel used, the limits the run got", async () => {
    const a = await post({ program: echo, input_b64: b64("héllo") });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({
      ok: true,
      output: { len: 6, b64: b64("héllo"), utf8: "héllo" },
      fuel_used: 2,
      mem: { bytes_alloc_total: 6, alloc_calls: 1 },
      limits: { fuel: 500_000, max_memory_bytes: 16 * 1024 * 1024, max_output_bytes: 1024 * 1024 },
    });
    expect(a.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("binary output has utf8 null; empty input is the default", async () => {
    const bin = await post({ program: echo, input_b64: b64(new Uint8Array([0, 255, 7])) });
    expect(bin.json.output).toEqual({ len: 3, b64: "AP8H", utf8: null });
    const empty = await post({ program: echo });
    expect(empty.json.output).toEqual({ len: 0, b64: "", utf8: "" });
  });

  it("computes over its input (a loop, formatted output)", async () => {
    const a = await post({ program: sumBytes, input_b64: b64(new Uint8Array([1, 2, 3, 250])) });
    expect(a.json.output.utf8).toBe("256");
  });

  it("imports a module sent in the same request", async () => {
    const a = await post({ program: usesModule, modules: [appModule], input_b64: b64("ab") });
    expect(a.status).toBe(200);
    expect(a.json.output.utf8).toBe("abab");
  });

  it("a client's fuel and memory asks are honoured below the server's maxima and clamped above them", async () => {
    const low = await post({ program: echo, fuel: 50, max_memory_bytes: 1024 });
    expect(low.json.limits).toMatchObject({ fuel: 50, max_memory_bytes: 1024 });
    const high = await post({ program: echo, fuel: 10 ** 12, max_memory_bytes: 2 ** 40 });
    expect(high.json.limits).toMatchObject({ fuel: server.limits.maxFuel, max_memory_bytes: server.limits.maxMemoryBytes });
  });
});

describe("runs that must be stopped", () => {
  for (const [name, program] of Object.entries(loops)) {
    // The 200 ms bound is a speed target: bench/embed-server.ts measures it (README); a test asserts the stop reason.
    it(`the infinite loop "${name}" is stopped (by fuel; by the wall-clock backstop on an oversubscribed host)`, async () => {
      const a = await post({ program });
      expect(a.status).toBe(200);
      expect(a.json.ok).toBe(false);
      expect(a.json.trap.code).toMatch(/^X07I_TRAP_(FUEL|TIME)$/);
      if (a.json.trap.code === "X07I_TRAP_FUEL") expect(a.json.fuel_used).toBe(server.limits.defaultFuel);
      else expect(a.json.fuel_used).toBeLessThan(server.limits.defaultFuel);
    });
  }

  it("a small fuel ask stops a loop at exactly that fuel", async () => {
    const a = await post({ program: loops["tight"], fuel: 1000 });
    expect(a.json).toMatchObject({ ok: false, trap: { code: "X07I_TRAP_FUEL", message: "fuel exhausted" }, fuel_used: 1000 });
  });

  it("unbounded recursion traps (stack) instead of crashing the server", async () => {
    const a = await post({ program: recursion });
    expect(a.status).toBe(200);
    expect(a.json.trap.code).toMatch(/^X07I_TRAP_(STACK|FUEL)$/);
  });

  for (const [name, program] of Object.entries(allocators)) {
    it(`the allocator "${name}" is stopped by the memory budget`, async () => {
      const a = await post({ program, max_memory_bytes: 16 * 1024 * 1024 });
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({ ok: false, trap: { code: "X07I_TRAP_MEMORY" } });
      // The refused request is not counted, so the counter stays within the budget.
      expect(a.json.mem.bytes_alloc_total).toBeLessThanOrEqual(16 * 1024 * 1024);
    });
  }

  // The interpreter starts the wall clock once the program is compiled (bugs-embed.md #6, fixed); the first-run
  // case is tested in test/interp/limits.test.ts.

  it("output larger than the server's output limit traps", async () => {
    const big = entry(["bytes.alloc", 2 * 1024 * 1024]);
    const a = await post({ program: big, max_memory_bytes: 4 * 1024 * 1024 });
    expect(a.json).toMatchObject({ ok: false, trap: { code: "X07I_TRAP_OUTPUT" } });
  });
});

describe("malformed requests are 4xx with an error code", () => {
  const cases: ReadonlyArray<readonly [string, string, number, string, string?]> = [
    ["an empty body", "", 400, "request.bad_json"],
    ["not JSON", "{program:", 400, "request.bad_json"],
    ["truncated JSON", '{"program":', 400, "request.bad_json", "/program"],
    ["a JSON array", "[1,2]", 400, "request.bad_json", ""],
    ["a duplicate top-level key", '{"program":{},"program":{}}', 400, "request.bad_json"],
    ["no program", "{}", 400, "request.missing_field", ""],
    ["a program that is not an object", '{"program":"(+ 1 2)"}', 400, "request.bad_field", "/program"],
    ["an unknown field", `{"program":${JSON.stringify(echo)},"fule":5}`, 400, "request.unknown_field", "/fule"],
    ["zero fuel", `{"program":${JSON.stringify(echo)},"fuel":0}`, 400, "request.bad_field", "/fuel"],
    ["fractional fuel", `{"program":${JSON.stringify(echo)},"fuel":1.5}`, 400, "request.bad_field", "/fuel"],
    ["fuel as a string", `{"program":${JSON.stringify(echo)},"fuel":"10"}`, 400, "request.bad_field", "/fuel"],
    ["a negative memory budget", `{"program":${JSON.stringify(echo)},"max_memory_bytes":-1}`, 400, "request.bad_field", "/max_memory_bytes"],
    ["input that is not base64", `{"program":${JSON.stringify(echo)},"input_b64":"a*b="}`, 400, "request.bad_field", "/input_b64"],
    ["unpadded base64", `{"program":${JSON.stringify(echo)},"input_b64":"aGk"}`, 400, "request.bad_field", "/input_b64"],
    ["modules that are not an array", `{"program":${JSON.stringify(echo)},"modules":{}}`, 400, "request.bad_field", "/modules"],
    ["a module id that is a path", `{"program":${JSON.stringify(echo)},"modules":[${JSON.stringify({ ...appModule, module_id: "../etc/passwd" })}]}`, 400, "request.bad_field", "/modules/0/module_id"],
    ["the same module twice", `{"program":${JSON.stringify(echo)},"modules":[${JSON.stringify(appModule)},${JSON.stringify(appModule)}]}`, 400, "request.bad_field", "/modules/1/module_id"],
  ];
  for (const [what, body, status, code, ptr] of cases) {
    it(`${what} → ${status} ${code}`, async () => {
      const a = await exchange({ headers: JSON_CT, body });
      expect(a.status).toBe(status);
      expect(a.json.ok).toBe(false);
      expect(a.json.error.code).toBe(code);
      expect(typeof a.json.error.message).toBe("string");
      if (ptr !== undefined) expect(a.json.error.ptr).toBe(ptr);
    });
  }

  it("invalid UTF-8 in the body → 400", async () => {
    const body = Buffer.concat([Buffer.from('{"program":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const a = await exchange({ headers: JSON_CT, body });
    expect(a.status).toBe(400);
    expect(a.json.error.code).toBe("request.bad_json");
  });

  it("a body that is not application/json → 415", async () => {
    const a = await exchange({ headers: { "content-type": "text/plain" }, body: JSON.stringify({ program: echo }) });
    expect(a.status).toBe(415);
    expect(a.json.error.code).toBe("request.unsupported_media_type");
  });

  it("a body over the cap → 413, announced by content-length or streamed chunked", async () => {
    const huge = JSON.stringify({ program: echo, input_b64: b64(new Uint8Array(server.limits.maxBodyBytes)) });
    const declared = await exchange({ headers: JSON_CT, body: huge });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe("request.too_large");
    const chunked = await exchange({ headers: JSON_CT, body: huge, chunked: true });
    expect(chunked.status).toBe(413);
  });

  it("unknown routes → 404; a wrong method → 405 with Allow", async () => {
    const nf = await exchange({ method: "GET", path: "/nope" });
    expect(nf.status).toBe(404);
    expect(nf.json.error.code).toBe("request.not_found");
    const na = await exchange({ method: "GET", path: "/run" });
    expect(na.status).toBe(405);
    expect(na.headers["allow"]).toBe("POST");
    const nh = await exchange({ method: "POST", path: "/healthz", headers: JSON_CT, body: "{}" });
    expect(nh.status).toBe(405);
    expect(nh.headers["allow"]).toBe("GET");
  });
});

describe("bad programs are 422 with an x07diag report", () => {
  for (const bp of badPrograms) {
    it(`${bp.name} → ${bp.code} at "${bp.ptr}" (${bp.stage})`, async () => {
      const a = await post({ program: bp.program });
      expect(a.status).toBe(422);
      expect(validateAs("x07.x07diag@0.1.0", a.json).ok).toBe(true);
      expect(a.json.ok).toBe(false);
      expect(a.json.meta).toEqual({ stage: bp.stage });
      const d = a.json.diagnostics.find((x: { code: string }) => x.code === bp.code);
      expect(d, JSON.stringify(a.json.diagnostics)).toBeDefined();
      expect(d.loc).toEqual({ kind: "x07ast", ptr: bp.ptr });
      expect(d.data.file).toBe("program");
    });
  }

  it("a duplicate key inside the program is the program's problem: 422, pointer relative to it", async () => {
    const body = `{"program":{"schema_version":"x07.x07ast@0.9.0","kind":"entry","kind":"entry","module_id":"main","imports":[],"decls":[],"solve":["bytes.lit","x"]}}`;
    const a = await exchange({ headers: JSON_CT, body });
    expect(a.status).toBe(422);
    expect(validateAs("x07.x07diag@0.1.0", a.json).ok).toBe(true);
    expect(a.json.diagnostics[0]).toMatchObject({ code: "X07-JSON-DUPKEY-0001", loc: { kind: "x07ast", ptr: "/kind" }, data: { file: "program" } });
  });

  it("nesting deeper than the parser's limit is 422 (X07-JSON-DEPTH-0001), at any depth, without a stack overflow", async () => {
    for (const depth of [1100, 7000]) {
      const deep = '["+",'.repeat(depth) + "1" + ",1]".repeat(depth);
      const body = `{"program":{"schema_version":"x07.x07ast@0.9.0","kind":"entry","module_id":"main","imports":[],"decls":[],"solve":["codec.write_u32_le",${deep}]}}`;
      const a = await exchange({ headers: JSON_CT, body });
      expect(a.status).toBe(422);
      expect(a.json.diagnostics[0].code).toBe("X07-JSON-DEPTH-0001");
      expect(a.json.diagnostics[0].loc.ptr.startsWith("/solve/1/1/1")).toBe(true);
    }
  });

  it("nesting just under the limit still runs", async () => {
    const depth = 1000;
    const deep = '["+",'.repeat(depth) + "1" + ",1]".repeat(depth);
    const body = `{"program":{"schema_version":"x07.x07ast@0.9.0","kind":"entry","module_id":"main","imports":[],"decls":[],"solve":["fmt.s32_to_dec",${deep}]}}`;
    const a = await exchange({ headers: JSON_CT, body });
    expect(a.status).toBe(200);
    expect(a.json.output.utf8).toBe("1001");
  });

  it("a bad module is reported in its own file", async () => {
    const broken = { ...appModule, decls: [{ kind: "defn", name: "app.core.twice", params: [], result: "bytes", body: ["+", 1, 2] }, { kind: "export", names: ["app.core.twice"] }] };
    const a = await post({ program: usesModule, modules: [broken] });
    expect(a.status).toBe(422);
    expect(a.json.diagnostics.some((d: { data?: { file?: string } }) => d.data?.file === "/modules/app/core.x07.json")).toBe(true);
  });
});

describe("isolation between requests", () => {
  it("a request's modules are not visible to the next request", async () => {
    expect((await post({ program: usesModule, modules: [appModule] })).status).toBe(200);
    const b = await post({ program: usesModule });
    expect(b.status).toBe(422);
    expect(b.json.diagnostics[0].code).toBe("X07-MODULE-0001");
  });

  it("a module with the same id but different code in another request runs its own code", async () => {
    const other = { ...appModule, decls: [appModule.decls[0], { ...appModule.decls[1], body: ["view.to_bytes", "b"] }] };
    const a = await post({ program: usesModule, modules: [other], input_b64: b64("ab") });
    expect(a.json.output.utf8).toBe("ab");
    const b = await post({ program: usesModule, modules: [appModule], input_b64: b64("ab") });
    expect(b.json.output.utf8).toBe("abab");
  });

  it("modules on the server's disk are not importable", async () => {
    const a = await post({ program: entry(["bytes.lit", "x"], [], ["examples.orders.core"]) });
    expect(a.status).toBe(422);
    expect(a.json.diagnostics[0].code).toBe("X07-MODULE-0001");
  });

  it("a program that writes into its literal sees a fresh literal on every run; interleaved runs answer byte-identically", async () => {
    const mut = entry(["begin", ["let", "b", ["bytes.lit", "aaaa"]], ["let", "n", ["bytes.get_u8", "b", 0]], ["set", "b", ["bytes.set_u8", "b", 0, ["+", "n", 1]]], "b"]);
    const first = await post({ program: mut });
    expect(first.json.output.utf8).toBe("baaa");
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      texts.push((await post({ program: mut })).text);
      await post({ program: loops["push"], fuel: 5000 });
      await post({ program: allocators["manyLive"] });
    }
    expect(new Set(texts)).toEqual(new Set([first.text]));
  });

  it("concurrent requests each get their own answer", async () => {
    const inputs = Array.from({ length: 24 }, (_, i) => `req-${i}-${"x".repeat(i)}`);
    const answers = await Promise.all(inputs.map((s, i) => (i % 3 === 0 ? post({ program: loops["tight"] }) : post({ program: echo, input_b64: b64(s) }))));
    answers.forEach((a, i) => {
      if (i % 3 === 0) expect(a.json.trap.code).toMatch(/^X07I_TRAP_(FUEL|TIME)$/);
      else expect(a.json.output.utf8).toBe(inputs[i]);
    });
  });
});

describe("health and shutdown", () => {
  it("GET /healthz answers while serving", async () => {
    const a = await exchange({ method: "GET", path: "/healthz" });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ ok: true, status: "serving" });
  });

  it("close() drains: a request whose body is still arriving completes, new connections are refused", async () => {
    const s = await startEmbedServer({ port: 0 });
    const body = JSON.stringify({ program: loops["tight"] });
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = http.request(new URL("/run", s.url), { method: "POST", headers: JSON_CT, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) });
        });
      });
      req.on("error", reject);
      req.write(body.slice(0, 10));
      // The first half is in; close while the rest is still to come.
      const poll = setInterval(() => {
        if (s.stats().inFlight === 0) return;
        clearInterval(poll);
        const closed = s.close();
        req.end(body.slice(10));
        void closed;
      }, 2);
    });
    const done = await answer;
    expect(done.json?.trap?.code, done.text).toMatch(/^X07I_TRAP_(FUEL|TIME)$/);
    await s.close();
    await expect(exchange({ url: s.url, method: "GET", path: "/healthz" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("a client that disconnects mid-body does not leave a request behind", async () => {
    const req = http.request(new URL("/run", server.url), { method: "POST", headers: { ...JSON_CT, "content-length": "1000" }, agent: false });
    req.on("error", () => undefined);
    req.write('{"program":');
    while (server.stats().inFlight === 0) await new Promise((r) => setTimeout(r, 2));
    req.destroy();
    while (server.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 2));
    expect((await post({ program: echo, input_b64: b64("still here") })).json.output.utf8).toBe("still here");
  });

  it("close() does not wait for idle keep-alive connections", async () => {
    const s = await startEmbedServer({ port: 0 });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = http.request(new URL("/healthz", s.url), { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end();
    });
    const t0 = performance.now();
    await s.close();
    agent.destroy();
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("the CLI serves, and SIGTERM drains and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/embed-server.ts", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m !== null) resolve(m[1] as string);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const a = await exchange({ url, headers: JSON_CT, body: JSON.stringify({ program: echo, input_b64: b64("cli") }) });
    expect(a.json.output.utf8).toBe("cli");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM: draining/);
  });
});
