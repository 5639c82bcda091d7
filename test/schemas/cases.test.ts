/**
 * Table-driven schema cases: every `test/fixtures/schemas/<family>/<schema_version>.cases.json` holds
 * `{ valid: [doc…], invalid: [{ why, doc, pointer }…] }`.
 *
 * Pointer rule: an invalid case passes when the document is rejected AND `pointer` is among the
 * instance pointers of the reported errors (TypeBox reports every failing branch of a oneOf/anyOf, in
 * evaluation order, so "the first error" would pin us to engine internals rather than to the schema).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { isSchemaVersion, validateAs, validate, detect } from "../../src/core/contracts/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMAS = join(ROOT, "schemas");
const FIXTURES = join(ROOT, "test", "fixtures", "schemas");

function walk(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walk(p, suffix);
    return e.name.endsWith(suffix) ? [relative(dir === p ? dir : ROOT, p).split(sep).join("/")] : [];
  });
}

interface Cases {
  readonly valid: readonly unknown[];
  readonly invalid: ReadonlyArray<{ readonly why: string; readonly doc: unknown; readonly pointer: string }>;
}

const schemaFiles = walk(SCHEMAS, ".schema.json")
  .filter((p) => !p.split("/").includes("_common"))
  .sort();
const caseFiles = walk(FIXTURES, ".cases.json").sort();
const versionOf = (path: string, suffix: string): string => (path.split("/").pop() ?? "").slice(0, -suffix.length);
const familyOf = (path: string, root: string): string => path.slice(root.length + 1).split("/")[0] ?? "";

describe("schema coverage", () => {
  it("finds schemas and case files", () => {
    expect(schemaFiles.length).toBeGreaterThan(0);
    expect(caseFiles.length).toBeGreaterThan(0);
  });
  it.each(schemaFiles)("%s has a cases file in the same family", (schema) => {
    const version = versionOf(schema, ".schema.json");
    const family = familyOf(schema, "schemas");
    expect(caseFiles).toContain(`test/fixtures/schemas/${family}/${version}.cases.json`);
    expect(isSchemaVersion(version)).toBe(true);
  });
});

describe.each(caseFiles)("%s", (file) => {
  const version = versionOf(file, ".cases.json");
  const cases = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Cases;

  it("is a registered schema_version with ≥1 valid and ≥3 invalid cases", () => {
    expect(isSchemaVersion(version)).toBe(true);
    expect(cases.valid.length).toBeGreaterThanOrEqual(1);
    expect(cases.invalid.length).toBeGreaterThanOrEqual(3);
  });
  if (!isSchemaVersion(version)) return;

  it.each(cases.valid.map((doc, i) => [i, doc] as const))("accepts valid[%i]", (_i, doc) => {
    const result = validateAs(version, doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
    // Documents that carry their version are also dispatched by validate().
    if (detect(doc) !== undefined) expect(validate(doc).ok).toBe(true);
  });

  it.each(cases.invalid.map((c) => [c.why, c] as const))("rejects: %s", (_why, c) => {
    const result = validateAs(version, c.doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.pointer)).toContain(c.pointer);
  });
});
