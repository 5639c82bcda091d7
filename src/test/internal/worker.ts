/**
 * A `--jobs` worker thread: runs the tests it is given (by id) with the Node file system and the bundled
 * std, and posts the per-test results back. Results do not depend on which worker ran a test.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Effect } from "effect";
import { layerNodeFileSystemAt } from "../../services/index.ts";
import { layerStd } from "../../std/index.ts";
import { test } from "../index.ts";
import type { TestOptions } from "../index.ts";

const data = workerData as { cwd: string; options: TestOptions; ids: string[] };
Effect.runPromise(test({ ...data.options, jobs: 1, noFailFast: true, onlyIds: data.ids }).pipe(Effect.provide(layerStd), Effect.provide(layerNodeFileSystemAt(data.cwd)))).then(
  (r) => parentPort?.postMessage({ ok: true, tests: r.report.tests }),
  (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }),
);
