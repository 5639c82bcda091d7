/**
 * Pure checks the chain makes on documents it reads: the operational-entry rules of strong profiles, the
 * tests the boundary index requires (against the tests manifest and then the test report), and the
 * boundary-referenced schemas. Each returns diagnostics; none does I/O.
 */
import type { JsonValue } from "../../core/json/index.ts";
import type { Diagnostic } from "../../diag/index.ts";
import { certDiag } from "../certificate/diag.ts";
import { isStrongProfile } from "../certificate/rules.ts";
import type { ProjectManifest, TrustProfileDoc } from "./project.ts";

type Obj = { readonly [k: string]: JsonValue };
const obj = (v: JsonValue | undefined): Obj | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: JsonValue | undefined): ReadonlyArray<JsonValue> => (Array.isArray(v) ? v : []);
const str = (v: JsonValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Operational-entry rules. The operational entry is the project's `operational_entry_symbol` (else `--entry`).
 * Under a strong profile: the field must exist (`X07TC_EOP_ENTRY_REQUIRED`), `--entry` must equal it
 * (`X07TC_EOP_ENTRY_MISMATCH`), and a `certification_entry_symbol` other than it is a surrogate
 * (`X07TC_ESURROGATE_ENTRY_FORBIDDEN`).
 */
export const entryRules = (profile: TrustProfileDoc | undefined, manifest: ProjectManifest, entry: string): { operationalEntry: string; diagnostics: Diagnostic[] } => {
  const op = manifest.operational_entry_symbol;
  const strong = profile !== undefined && isStrongProfile(profile);
  const diagnostics: Diagnostic[] = [];
  if (strong && op === undefined) diagnostics.push(certDiag("X07TC_EOP_ENTRY_REQUIRED", "strong trust profiles require project.operational_entry_symbol"));
  if (strong && op !== undefined && op !== entry)
    diagnostics.push(certDiag("X07TC_EOP_ENTRY_MISMATCH", `strong trust profiles require --entry to match project.operational_entry_symbol (${JSON.stringify(op)}); got ${JSON.stringify(entry)}`, { entry, operational_entry_symbol: op }));
  const surrogate = manifest.certification_entry_symbol;
  if (strong && op !== undefined && surrogate !== undefined && surrogate !== op)
    diagnostics.push(
      certDiag("X07TC_ESURROGATE_ENTRY_FORBIDDEN", `strong trust profiles reject a developer-only certification surrogate entry: certification_entry_symbol ${JSON.stringify(surrogate)} differs from operational_entry_symbol ${JSON.stringify(op)}`, {
        certification_entry_symbol: surrogate,
        operational_entry_symbol: op,
      }),
    );
  return { operationalEntry: op ?? entry, diagnostics };
};

/** One test the boundary index requires. */
export interface RequiredTest {
  readonly expectsPbt: boolean;
  readonly boundaryIds: ReadonlyArray<string>;
  readonly worldsAllowed: ReadonlyArray<string>;
}

/** What the boundary index requires of the evidence: tests (by id) and schema files. */
export interface BoundaryRequirements {
  readonly requiredTests: ReadonlyMap<string, RequiredTest>;
  readonly schemaPaths: ReadonlyArray<string>;
}

/** Requirements from an `x07.arch.boundaries.index@0.1.0` document (smoke tests always, PBT tests when `pbt.required`). */
export const boundaryRequirements = (index: JsonValue | undefined): BoundaryRequirements => {
  const tests = new Map<string, { expectsPbt: boolean; boundaryIds: Set<string>; worlds: Set<string> }>();
  const schemas = new Set<string>();
  const add = (id: string, pbt: boolean, boundary: string, worlds: ReadonlyArray<string>) => {
    const t = tests.get(id) ?? { expectsPbt: false, boundaryIds: new Set<string>(), worlds: new Set<string>() };
    t.expectsPbt ||= pbt;
    t.boundaryIds.add(boundary);
    for (const w of worlds) t.worlds.add(w);
    tests.set(id, t);
  };
  for (const b of arr(obj(index)?.["boundaries"])) {
    const bo = obj(b);
    if (bo === undefined) continue;
    const id = str(bo["id"]) ?? "unknown_boundary";
    const worlds = arr(bo["worlds_allowed"]).flatMap((w) => (typeof w === "string" ? [w] : []));
    for (const p of arr(obj(bo["input"])?.["params"])) {
      const s = str(obj(p)?.["schema"]);
      if (s !== undefined) schemas.add(s);
    }
    const outSchema = str(obj(bo["output"])?.["schema"]);
    if (outSchema !== undefined) schemas.add(outSchema);
    for (const t of arr(obj(bo["smoke"])?.["tests"])) if (typeof t === "string") add(t, false, id, worlds);
    if (obj(bo["pbt"])?.["required"] === true) for (const t of arr(obj(bo["pbt"])?.["tests"])) if (typeof t === "string") add(t, true, id, worlds);
  }
  const sorted = [...tests.keys()].sort();
  return {
    requiredTests: new Map(sorted.map((k) => { const t = tests.get(k)!; return [k, { expectsPbt: t.expectsPbt, boundaryIds: [...t.boundaryIds].sort(), worldsAllowed: [...t.worlds].sort() }]; })),
    schemaPaths: [...schemas].sort(),
  };
};

/**
 * Checks the tests manifest before anything runs: every test's world is one the profile allows, and every
 * boundary-required test exists, is a PBT test when a PBT test is required, and uses a world its boundary allows.
 */
export const manifestTestChecks = (manifest: JsonValue | undefined, profile: TrustProfileDoc | undefined, reqs: BoundaryRequirements, manifestLabel: string): Diagnostic[] => {
  const tests = new Map<string, { world: string; pbt: boolean }>();
  for (const t of arr(obj(manifest)?.["tests"])) {
    const o = obj(t);
    const id = str(o?.["id"]);
    if (o === undefined || id === undefined) continue;
    tests.set(id, { world: str(o["world"]) ?? "", pbt: o["pbt"] !== undefined });
  }
  const out: Diagnostic[] = [];
  if (profile !== undefined)
    for (const [id, t] of tests)
      if (!profile.worlds_allowed.includes(t.world as never))
        out.push(certDiag("X07TC_ETESTS", `test ${JSON.stringify(id)} uses world ${JSON.stringify(t.world)} outside trust profile ${profile.id}`, { test: id, world: t.world }));
  for (const [id, req] of reqs.requiredTests) {
    const code = req.expectsPbt ? "X07TC_EPBT" : "X07TC_ETESTS";
    const t = tests.get(id);
    if (t === undefined) {
      out.push(certDiag(code, `boundary-required test ${JSON.stringify(id)} is missing from ${manifestLabel}`, { test: id, boundaries: [...req.boundaryIds] }));
      continue;
    }
    if (req.expectsPbt && !t.pbt) out.push(certDiag("X07TC_EPBT", `boundary-required property test ${JSON.stringify(id)} is not declared as a pbt test`, { test: id }));
    if (req.worldsAllowed.length > 0 && !req.worldsAllowed.includes(t.world))
      out.push(certDiag(code, `boundary-required test ${JSON.stringify(id)} uses world ${JSON.stringify(t.world)}, expected one of ${JSON.stringify(req.worldsAllowed)}`, { test: id, world: t.world }));
  }
  return out;
};

/** After the run: the report has no failure or error, and every boundary-required test is present with status `pass`. */
export const reportTestChecks = (report: JsonValue | undefined, reqs: BoundaryRequirements): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const summary = obj(obj(report)?.["summary"]);
  const failed = typeof summary?.["failed"] === "number" ? summary["failed"] : 0;
  const errors = typeof summary?.["errors"] === "number" ? summary["errors"] : 0;
  if (failed > 0 || errors > 0) out.push(certDiag("X07TC_ETESTS", `the test report has failing tests (failed=${failed}, errors=${errors})`, { failed, errors }));
  const statuses = new Map<string, string>();
  for (const t of arr(obj(report)?.["tests"])) {
    const id = str(obj(t)?.["id"]);
    if (id !== undefined) statuses.set(id, str(obj(t)?.["status"]) ?? "unknown");
  }
  for (const [id, req] of reqs.requiredTests) {
    const code = req.expectsPbt ? "X07TC_EPBT" : "X07TC_ETESTS";
    const s = statuses.get(id);
    if (s === undefined) out.push(certDiag(code, `boundary-required test ${JSON.stringify(id)} is not in tests.report.json`, { test: id }));
    else if (s !== "pass") out.push(certDiag(code, `boundary-required test ${JSON.stringify(id)} did not pass (status ${JSON.stringify(s)})`, { test: id, status: s }));
  }
  return out;
};

/** Whether the trust report has a nondeterminism flag the profile does not tolerate (a vm backend tolerates world/process flags). */
export const blockingNondeterminism = (profile: TrustProfileDoc | undefined, report: JsonValue | undefined): string[] => {
  const vm = profile?.sandbox_requirements?.sandbox_backend === "vm";
  return arr(obj(obj(report)?.["nondeterminism"])?.["flags"])
    .map((f) => str(obj(f)?.["kind"]) ?? "")
    .filter((k) => !(vm && (k === "world_non_deterministic" || k === "process_enabled")));
};
