/**
 * What runs observed, merged from `--run-report`, `--bundle-report` and `--x07test` documents: the
 * maximum fuel and heap used, the last memory stats, world-adapter call counts and test worlds.
 */
import type { JsonValue } from "../../../core/json/index.ts";
import { asArray, asStr, asU64, byteCompare, get } from "./json.ts";

export interface Observed {
  fuelUsed: number | undefined;
  heapUsed: number | undefined;
  memStats: JsonValue | undefined;
  readonly caps: Record<string, JsonValue>;
}

export const emptyObserved = (): Observed => ({ fuelUsed: undefined, heapUsed: undefined, memStats: undefined, caps: {} });

const CALL_COUNTERS = ["fs_read_file_calls", "fs_list_dir_calls", "rr_open_calls", "rr_close_calls", "rr_stats_calls", "rr_next_calls", "rr_next_miss_calls", "rr_append_calls", "kv_get_calls", "kv_set_calls"];

const max = (a: number | undefined, b: number | undefined): number | undefined => (b === undefined ? a : Math.max(a ?? 0, b));

const mergeSolve = (solve: JsonValue, o: Observed): void => {
  o.fuelUsed = max(o.fuelUsed, asU64(get(solve, "fuel_used")));
  o.heapUsed = max(o.heapUsed, asU64(get(solve, "heap_used")));
  const mem = get(solve, "mem_stats");
  if (mem !== undefined) o.memStats = mem;
  for (const k of CALL_COUNTERS) {
    const v = asU64(get(solve, k));
    if (v !== undefined) o.caps[k] = v;
  }
};

/** A run (or bundle) report: its `solve` section, looking inside `report` when present. */
export const mergeRunReport = (doc: JsonValue, o: Observed): void => {
  const candidate = get(doc, "report") ?? doc;
  mergeSolve(get(candidate, "solve") ?? candidate, o);
};

/** An x07test report: max fuel over tests, the last mem stats, and the set of worlds. */
export const mergeX07Test = (doc: JsonValue, o: Observed): void => {
  const tests = asArray(get(doc, "tests"));
  if (tests === undefined) return;
  const worlds = new Set<string>();
  for (const t of tests) {
    const w = asStr(get(t, "world"));
    if (w !== undefined) worlds.add(w);
    const run = get(t, "run");
    if (run === undefined) continue;
    o.fuelUsed = max(o.fuelUsed, asU64(get(run, "fuel_used")));
    const mem = get(run, "mem_stats");
    if (mem !== undefined) o.memStats = mem;
  }
  if (worlds.size > 0) o.caps["x07test_worlds"] = [...worlds].sort(byteCompare);
};

/** The report's `budgets.observed`: present only when fuel, heap and memory stats are all known. */
export const observedBudget = (o: Observed): JsonValue =>
  o.fuelUsed !== undefined && o.heapUsed !== undefined && o.memStats !== undefined ? { fuel_used: o.fuelUsed, heap_used: o.heapUsed, mem_stats: o.memStats } : null;
