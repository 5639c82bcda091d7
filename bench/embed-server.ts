/**
 * Load test of the embed server (a benchmark that prints numbers, not a test):
 *   npx tsx bench/embed-server.ts            (BENCH_REQUESTS=2000 BENCH_CONCURRENCY=16 by default)
 *
 * Starts examples/embed-server.ts as a child process on a loopback port, then sends a bounded, seeded mix of
 * requests with a fixed number in flight: small valid programs (echo of a random input; the output must equal
 * the input), programs that loop forever (must trap on fuel — or the wall-clock backstop — with a run phase
 * under 200 ms), programs that allocate past the memory budget (must trap X07I_TRAP_MEMORY), malformed bodies
 * (the exact 4xx status and error code) and bad programs (422 with the expected diagnostic code). Every answer
 * is checked; /healthz is polled throughout. Prints p50/p99 latency of the small valid program (under the mix
 * and alone), throughput, and the loop stop times. Exits 1 on any wrong answer or if the server goes down.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as http from "node:http";
import { cpus, loadavg } from "node:os";
import * as path from "node:path";
import { allocators, badPrograms, echo, loops } from "../examples/embed/programs.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TOTAL = Number(process.env["BENCH_REQUESTS"] ?? 2000);
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 16);
const SOLO = 300;

/** A small deterministic PRNG (mulberry32), so every run sends the same mix. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rand = rng(0x07e3b);

interface Answer {
  readonly status: number;
  readonly timing: string;
  readonly text: string;
  readonly ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

const send = (base: string, method: string, route: string, body?: string | Buffer, contentType = "application/json"): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": contentType, "content-length": String(Buffer.byteLength(body)) };
    const req = http.request(new URL(route, base), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, timing: String(res.headers["server-timing"] ?? ""), text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });

type Kind = "valid" | "loop" | "alloc" | "malformed" | "bad-program";
interface Case {
  readonly kind: Kind;
  readonly label: string;
  readonly body: string | Buffer;
  readonly contentType?: string;
  /** Returns a complaint, or undefined when the answer is right. */
  readonly check: (a: Answer) => string | undefined;
}

const json = (a: Answer): { [k: string]: unknown } | undefined => {
  try {
    return JSON.parse(a.text) as { [k: string]: unknown };
  } catch {
    return undefined;
  }
};
const phase = (a: Answer, name: string): number => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(a.timing)?.[1] ?? NaN);

const validCase = (): Case => {
  const input = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
  return {
    kind: "valid",
    label: "echo",
    body: JSON.stringify({ program: echo, input_b64: input.toString("base64") }),
    check: (a) => {
      const j = json(a) as { ok?: boolean; output?: { b64?: string } } | undefined;
      return a.status === 200 && j?.ok === true && j.output?.b64 === input.toString("base64") ? undefined : `echo: ${a.status} ${a.text.slice(0, 200)}`;
    },
  };
};

const loopNames = Object.keys(loops);
const loopCase = (i: number): Case => {
  const name = loopNames[i % loopNames.length] as string;
  return {
    kind: "loop",
    label: `loop:${name}`,
    body: JSON.stringify({ program: loops[name] }),
    check: (a) => {
      const j = json(a) as { ok?: boolean; trap?: { code?: string } } | undefined;
      if (a.status !== 200 || j?.ok !== false || !/^X07I_TRAP_(FUEL|TIME)$/.test(j.trap?.code ?? "")) return `loop ${name}: ${a.status} ${a.text.slice(0, 200)}`;
      return phase(a, "run") < 200 ? undefined : `loop ${name}: run took ${phase(a, "run")} ms`;
    },
  };
};

const allocNames = Object.keys(allocators);
const allocCase = (i: number): Case => {
  const name = allocNames[i % allocNames.length] as string;
  return {
    kind: "alloc",
    label: `alloc:${name}`,
    body: JSON.stringify({ program: allocators[name], max_memory_bytes: 16 * 1024 * 1024 }),
    check: (a) => {
      const j = json(a) as { ok?: boolean; trap?: { code?: string } } | undefined;
      // The memory budget stops it; on an oversubscribed host the wall-clock backstop may fire first (counted).
      return a.status === 200 && j?.ok === false && /^X07I_TRAP_(MEMORY|TIME)$/.test(j.trap?.code ?? "") ? undefined : `alloc ${name}: ${a.status} ${a.text.slice(0, 200)}`;
    },
  };
};

const MALFORMED: ReadonlyArray<{ readonly label: string; readonly body: string | Buffer; readonly contentType?: string; readonly status: number; readonly code: string }> = [
  { label: "empty", body: "", status: 400, code: "request.bad_json" },
  { label: "not-json", body: "{program:", status: 400, code: "request.bad_json" },
  { label: "array", body: "[]", status: 400, code: "request.bad_json" },
  { label: "no-program", body: "{}", status: 400, code: "request.missing_field" },
  { label: "unknown-field", body: `{"program":${JSON.stringify(echo)},"fule":1}`, status: 400, code: "request.unknown_field" },
  { label: "bad-fuel", body: `{"program":${JSON.stringify(echo)},"fuel":-5}`, status: 400, code: "request.bad_field" },
  { label: "bad-base64", body: `{"program":${JSON.stringify(echo)},"input_b64":"%%%"}`, status: 400, code: "request.bad_field" },
  { label: "bad-utf8", body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), status: 400, code: "request.bad_json" },
  { label: "text-plain", body: "{}", contentType: "text/plain", status: 415, code: "request.unsupported_media_type" },
  { label: "too-large", body: JSON.stringify({ program: echo, input_b64: Buffer.alloc(1024 * 1024).toString("base64") }), status: 413, code: "request.too_large" },
];
const malformedCase = (i: number): Case => {
  const m = MALFORMED[i % MALFORMED.length] as (typeof MALFORMED)[number];
  return {
    kind: "malformed",
    label: `malformed:${m.label}`,
    body: m.body,
    ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
    check: (a) => {
      const j = json(a) as { ok?: boolean; error?: { code?: string } } | undefined;
      return a.status === m.status && j?.ok === false && j.error?.code === m.code ? undefined : `malformed ${m.label}: ${a.status} ${a.text.slice(0, 200)}`;
    },
  };
};

const badCase = (i: number): Case => {
  const b = badPrograms[i % badPrograms.length] as (typeof badPrograms)[number];
  return {
    kind: "bad-program",
    label: `bad:${b.name}`,
    body: JSON.stringify({ program: b.program }),
    check: (a) => {
      const j = json(a) as { schema_version?: string; diagnostics?: Array<{ code: string; loc?: { ptr?: string } }> } | undefined;
      const d = j?.diagnostics?.find((x) => x.code === b.code);
      return a.status === 422 && j?.schema_version === "x07.x07diag@0.1.0" && d?.loc?.ptr === b.ptr ? undefined : `bad ${b.name}: ${a.status} ${a.text.slice(0, 200)}`;
    },
  };
};

/** The mix: 50% valid, 15% loops, 10% over-allocation, 15% malformed, 10% bad programs (seeded order). */
const makeCase = (i: number): Case => {
  const r = rand();
  if (r < 0.5) return validCase();
  if (r < 0.65) return loopCase(i);
  if (r < 0.75) return allocCase(i);
  if (r < 0.9) return malformedCase(i);
  return badCase(i);
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const f1 = (x: number) => x.toFixed(1);

const startServer = (): Promise<{ url: string; pid: number; stop: () => Promise<number | null> }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/embed-server.ts", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m !== null)
        resolve({
          url: m[1] as string,
          pid: child.pid as number,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code} before listening: ${out}`)));
  });

/** Peak resident memory of a process (Linux), in MiB. */
const peakRssMiB = (pid: number): number | undefined => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m === null ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
};

const main = async (): Promise<void> => {
  const server = await startServer();
  const problems: string[] = [];
  // Warm-up: compile every sample once (first-run costs are reported separately by the test, not here).
  for (let i = 0; i < 20; i++) await send(server.url, "POST", "/run", makeCase(i).body);

  const cases = Array.from({ length: TOTAL }, (_, i) => makeCase(i));
  const latency: Record<Kind, number[]> = { valid: [], loop: [], alloc: [], malformed: [], "bad-program": [] };
  const loopRun: number[] = [];
  const loopRunByName: Record<string, number[]> = {};
  const loopStops = { fuel: 0, time: 0 };
  const allocStops = { memory: 0, time: 0 };
  let healthFailures = 0;
  let next = 0;
  let healthy = true;
  const health = setInterval(() => {
    send(server.url, "GET", "/healthz").then(
      (a) => {
        if (a.status !== 200) healthFailures++;
      },
      () => {
        healthFailures++;
        healthy = false;
      },
    );
  }, 100);

  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      let a: Answer;
      try {
        a = await send(server.url, "POST", "/run", c.body, c.contentType);
      } catch (e) {
        problems.push(`${c.label}: transport error ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const complaint = c.check(a);
      if (complaint !== undefined) problems.push(complaint);
      latency[c.kind].push(a.ms);
      if (c.kind === "loop") {
        loopRun.push(phase(a, "run"));
        (loopRunByName[c.label] ??= []).push(phase(a, "run"));
        if (a.text.includes("X07I_TRAP_TIME")) loopStops.time++;
        else loopStops.fuel++;
      }
      if (c.kind === "alloc") {
        if (a.text.includes("X07I_TRAP_TIME")) allocStops.time++;
        else allocStops.memory++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - t0;
  clearInterval(health);

  // The small valid program alone (one request at a time), for the baseline latency.
  const solo: number[] = [];
  for (let i = 0; i < SOLO; i++) {
    const c = validCase();
    const a = await send(server.url, "POST", "/run", c.body);
    const complaint = c.check(a);
    if (complaint !== undefined) problems.push(complaint);
    solo.push(a.ms);
  }
  const finalHealth = await send(server.url, "GET", "/healthz").catch(() => undefined);
  if (finalHealth?.status !== 200) {
    healthy = false;
    problems.push("server not healthy after the load");
  }
  const rss = peakRssMiB(server.pid);
  agent.destroy();
  const code = await server.stop();
  if (code !== 0) problems.push(`server exited ${code} on SIGTERM`);

  const counts = Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.length]));
  console.log(`embed-server load: ${TOTAL} requests, concurrency ${CONCURRENCY}, mix ${JSON.stringify(counts)}`);
  console.log(`  host: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} (at the end), node ${process.version}`);
  console.log(`  wrong answers: ${problems.length}; health checks failed: ${healthFailures}; server up throughout: ${healthy}; exit on SIGTERM: ${code}`);
  console.log(`  throughput: ${f1(TOTAL / (wall / 1000))} req/s (${f1(wall)} ms wall)`);
  console.log(`  small valid program under the mix: p50 ${f1(pct(latency.valid, 50))} ms, p99 ${f1(pct(latency.valid, 99))} ms`);
  console.log(`  small valid program alone (${SOLO} sequential): p50 ${f1(pct(solo, 50))} ms, p99 ${f1(pct(solo, 99))} ms`);
  console.log(`  infinite loops: run phase p50 ${f1(pct(loopRun, 50))} ms, p99 ${f1(pct(loopRun, 99))} ms, max ${f1(Math.max(...loopRun))} ms; stopped by fuel ${loopStops.fuel}, by the wall-clock backstop ${loopStops.time}`);
  console.log(`  over-allocation: stopped by the memory budget ${allocStops.memory}, by the wall-clock backstop ${allocStops.time}`);
  for (const [name, xs] of Object.entries(loopRunByName).sort()) console.log(`    ${name}: run p50 ${f1(pct(xs, 50))} ms, max ${f1(Math.max(...xs))} ms (${xs.length})`);
  for (const k of ["loop", "alloc", "malformed", "bad-program"] as const) console.log(`  ${k}: latency p50 ${f1(pct(latency[k], 50))} ms, p99 ${f1(pct(latency[k], 99))} ms`);
  if (rss !== undefined) console.log(`  server peak RSS: ${f1(rss)} MiB`);
  for (const p of problems.slice(0, 20)) console.log(`  ! ${p}`);
  process.exitCode = problems.length === 0 && healthy ? 0 : 1;
};

await main();
