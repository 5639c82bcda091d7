/**
 * `--jobs N`: the selected tests are dealt round-robin (in id order) to N worker threads, each running them
 * with its own checker cache; the results are merged in id order and summarized as a sequential run would
 * be, so the report equals `--jobs 1` apart from durations. Needs the Node file system (workers read the
 * project from disk). In a TypeScript checkout the workers load the sources through tsx.
 */
import { Worker } from "node:worker_threads";
import type { TestResult } from "./report.ts";

/** Runs the given test ids on `jobs` workers; resolves with every result, sorted by id. */
export const runOnWorkers = async (cwd: string, options: object, ids: ReadonlyArray<string>, jobs: number): Promise<TestResult[]> => {
  const ts = import.meta.url.endsWith(".ts");
  const url = new URL(ts ? "./worker.ts" : "./worker.js", import.meta.url);
  // In a source checkout the worker starts from worker-boot.mjs, which registers tsx first.
  const entry = ts ? new URL("./worker-boot.mjs", import.meta.url) : url;
  const n = Math.max(1, Math.min(jobs, ids.length));
  const parts = Array.from({ length: n }, (_, w) => ids.filter((_, i) => i % n === w));
  const runs = parts.map(
    (part) =>
      new Promise<TestResult[]>((resolve, reject) => {
        const workerData = { cwd, options, ids: part };
        const worker = new Worker(entry, { workerData });
        worker.once("message", (m: { ok: true; tests: TestResult[] } | { ok: false; error: string }) => {
          void worker.terminate();
          if (m.ok) resolve(m.tests);
          else reject(new Error(m.error));
        });
        worker.once("error", reject);
      }),
  );
  const all = (await Promise.all(runs)).flat();
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
