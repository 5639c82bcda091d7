/** The project-manifest differ (x07.json / *.x07project.json): worlds and run caps, project-wide and per profile. */
import { asStr, asU64, byteCompare, get, isObject } from "./json.ts";
import type { Maybe } from "./json.ts";
import { pushChange } from "./model.ts";
import type { DiffCtx } from "./model.ts";

/** The run-cap fields compared, in report order. */
export const RUN_CAP_FIELDS = ["solve_fuel", "max_memory_bytes", "max_output_bytes", "cpu_time_limit_seconds"] as const;

/** `_project` (the top-level value) and each profile name, mapped through `pick`. */
const perProfile = <T>(v: Maybe, pick: (x: Maybe) => T | undefined): Map<string, T> => {
  const out = new Map<string, T>();
  if (v === undefined) return out;
  const top = pick(v);
  if (top !== undefined) out.set("_project", top);
  const profiles = get(v, "profiles");
  if (isObject(profiles)) {
    for (const name of Object.keys(profiles)) {
      const val = pick(profiles[name]);
      if (val !== undefined) out.set(name, val);
    }
  }
  return out;
};

const unionKeys = (a: Map<string, unknown>, b: Map<string, unknown>): string[] => [...new Set([...a.keys(), ...b.keys()])].sort(byteCompare);

export const diffProject = (ctx: DiffCtx): void => {
  const { before, after, sink, highlights, path } = ctx;
  const bw = perProfile(before, (x) => asStr(get(x, "world")));
  const aw = perProfile(after, (x) => asStr(get(x, "world")));
  for (const profile of unionKeys(bw, aw)) {
    const b = bw.get(profile) ?? null;
    const a = aw.get(profile) ?? null;
    if (b === a) continue;
    const severity = a === "run-os" || a === "run-os-sandboxed" ? "high" : "warn";
    sink.push(highlights.world_changes, { kind: "project_profile_world", severity, subject: profile, path, before: b, after: a, notes: [] });
    pushChange(ctx, "project_world_changed", severity, `profile ${profile} world changed`, { entity: { profile }, before: b, after: a });
  }
  for (const field of RUN_CAP_FIELDS) {
    const bc = perProfile(before, (x) => asU64(get(x, field)));
    const ac = perProfile(after, (x) => asU64(get(x, field)));
    for (const profile of unionKeys(bc, ac)) {
      const b = bc.get(profile);
      const a = ac.get(profile);
      if (b === a) continue;
      const severity = b !== undefined && a !== undefined && a > b ? "high" : "info";
      sink.push(highlights.budget_changes, {
        kind: "run_cap",
        severity,
        subject: `profiles.${profile}.${field}`,
        path,
        ptr_before: null,
        ptr_after: null,
        before: b ?? null,
        after: a ?? null,
        notes: [],
      });
    }
  }
};
