/**
 * Every arch rule on our own fixture project (`fixtures/shop`): the base passes, each failing variant
 * reports its code at the right file and pointer, and each repaired variant passes again.
 */
import { describe, expect, it } from "vitest";
import { codes, copyFixture, editJson, errors, find, moduleDoc, runArch, where, writeFile } from "./helpers.ts";

type Edit = (dir: string) => void;
const manifest = (f: (m: any) => void): Edit => (dir) => editJson(dir, "arch/manifest.x07arch.json", f); // eslint-disable-line @typescript-eslint/no-explicit-any
const index = (f: (m: any) => void): Edit => (dir) => editJson(dir, "arch/boundaries/index.x07boundary.json", f); // eslint-disable-line @typescript-eslint/no-explicit-any
const mod = (rel: string, f: (m: any) => void): Edit => (dir) => editJson(dir, rel, f); // eslint-disable-line @typescript-eslint/no-explicit-any
const all = (...edits: Edit[]): Edit => (dir) => edits.forEach((e) => e(dir));

const osNode = { id: "os", match: { module_prefixes: ["osx."], path_globs: [] }, world: "run-os", trust_zone: "untrusted", visibility: { mode: "public", visible_to: [] }, imports: { deny_prefixes: [], allow_prefixes: [] } };
const addOsModule: Edit = (dir) => writeFile(dir, "os/clock.x07.json", moduleDoc("osx.clock"));

interface Case {
  readonly name: string;
  readonly fail: Edit;
  readonly code: string;
  readonly file: string;
  readonly ptr: string;
  readonly fix: Edit;
}

const CASES: ReadonlyArray<Case> = [
  { name: "orphan module", fail: (d) => writeFile(d, "lib/extra.x07.json", moduleDoc("extra")), code: "E_ARCH_NODE_ORPHAN_MODULE", file: "lib/extra.x07.json", ptr: "/module_id", fix: all((d) => writeFile(d, "lib/extra.x07.json", moduleDoc("extra")), manifest((m) => m.checks.deny_orphans = false)) },
  {
    name: "module in two nodes",
    fail: manifest((m) => m.nodes[1].match.path_globs.push("src/shop/util.x07.json")),
    code: "E_ARCH_NODE_OVERLAP_MODULE",
    file: "src/shop/util.x07.json",
    ptr: "/module_id",
    fix: manifest((m) => m.nodes[1].match.path_globs.push("tests/*.x07.json")),
  },
  {
    name: "external import outside the allowlist",
    fail: mod("src/shop/util.x07.json", (m) => m.imports.push("std.bytes")),
    code: "E_ARCH_EXTERNAL_IMPORT_NOT_ALLOWED",
    file: "src/shop/util.x07.json",
    ptr: "/imports/0",
    fix: all(mod("src/shop/util.x07.json", (m) => m.imports.push("std.bytes")), manifest((m) => m.externals.allowed_exact.push("std.bytes"))),
  },
  {
    name: "import with a denied prefix",
    fail: all(mod("src/shop/util.x07.json", (m) => m.imports.push("std.os.time")), manifest((m) => m.externals.allowed_exact.push("std.os.time"))),
    code: "E_ARCH_IMPORT_PREFIX_DENIED",
    file: "src/shop/util.x07.json",
    ptr: "/imports/0",
    fix: all(mod("src/shop/util.x07.json", (m) => m.imports.push("std.os.time")), manifest((m) => { m.externals.allowed_exact.push("std.os.time"); m.nodes[0].imports.deny_prefixes = ["ext."]; })),
  },
  {
    name: "import outside the node's allow prefixes",
    fail: manifest((m) => m.nodes[0].imports.allow_prefixes = ["std."]),
    code: "E_ARCH_IMPORT_PREFIX_NOT_ALLOWED",
    file: "src/main.x07.json",
    ptr: "/imports/0",
    fix: manifest((m) => m.nodes[0].imports.allow_prefixes = []),
  },
  {
    name: "restricted node used by a node it does not list",
    fail: manifest((m) => m.nodes[0].visibility = { mode: "restricted", visible_to: ["core"] }),
    code: "E_ARCH_VISIBILITY",
    file: "tests/shop_tests.x07.json",
    ptr: "/imports/0",
    fix: manifest((m) => m.nodes[0].visibility = { mode: "restricted", visible_to: ["core", "tests"] }),
  },
  {
    name: "deps_v1 deny rule",
    fail: manifest((m) => m.rules.push({ kind: "deps_v1", id: "no-tests-to-core", from: "tests", to: ["core"], mode: "deny" })),
    code: "E_ARCH_DEPS_DENY",
    file: "tests/shop_tests.x07.json",
    ptr: "/imports/0",
    fix: manifest((m) => m.rules.push({ kind: "deps_v1", id: "no-core-to-tests", from: "core", to: ["tests"], mode: "deny" })),
  },
  {
    name: "layers_v1 edge pointing up",
    fail: manifest((m) => m.rules[0].layers = ["tests", "core"]),
    code: "E_ARCH_LAYERS_VIOLATION",
    file: "tests/shop_tests.x07.json",
    ptr: "/imports/0",
    fix: manifest((m) => m.rules[0].layers = ["core", "tests"]),
  },
  {
    name: "cycle between nodes",
    fail: all(mod("src/shop/util.x07.json", (m) => m.imports.push("tests.shop")), manifest((m) => { m.nodes[0].imports.allow_prefixes.push("tests."); m.nodes[0].trust_zone = "untrusted"; m.rules.splice(0, 1); m.checks.allowlist_mode.enabled = false; m.contracts_v1 = undefined; })),
    code: "E_ARCH_CYCLE",
    file: "src/main.x07.json",
    ptr: "/imports/0",
    fix: all(manifest((m) => { m.nodes[0].trust_zone = "untrusted"; m.rules.splice(0, 1); m.checks.allowlist_mode.enabled = false; m.contracts_v1 = undefined; })),
  },
  {
    name: "allowlist mode without an allowing rule",
    fail: manifest((m) => m.rules.splice(0, 1)),
    code: "E_ARCH_EDGE_NOT_ALLOWED",
    file: "src/main.x07.json",
    ptr: "/imports/0",
    fix: manifest((m) => { m.rules.splice(0, 1); m.rules.push({ kind: "deps_v1", id: "allow-all", from: "core", to: ["core"], mode: "allow" }, { kind: "deps_v1", id: "allow-tests", from: "tests", to: ["core"], mode: "allow" }); }),
  },
  {
    name: "solve-* node depending on a run-os node",
    fail: all(addOsModule, mod("tests/shop_tests.x07.json", (m) => m.imports.push("osx.clock")), manifest((m) => { m.nodes.push(osNode); m.nodes[1].imports.allow_prefixes.push("osx."); m.rules[0].layers.unshift("os"); })),
    code: "E_ARCH_WORLD_EDGE_FORBIDDEN",
    file: "tests/shop_tests.x07.json",
    ptr: "/imports/2",
    fix: all(addOsModule, mod("tests/shop_tests.x07.json", (m) => m.imports.push("osx.clock")), manifest((m) => { m.nodes.push({ ...osNode, world: "solve-pure" }); m.nodes[1].imports.allow_prefixes.push("osx."); m.rules[0].layers.unshift("os"); })),
  },
  {
    name: "verified_core depending on an untrusted node",
    fail: all(addOsModule, mod("src/shop/util.x07.json", (m) => m.imports.push("osx.clock")), manifest((m) => { m.nodes.push({ ...osNode, world: "solve-pure" }); m.nodes[0].imports.allow_prefixes.push("osx."); m.rules[0].layers.unshift("os"); })),
    code: "E_ARCH_TRUST_ZONE_EDGE",
    file: "src/shop/util.x07.json",
    ptr: "/imports/0",
    fix: all(addOsModule, mod("src/shop/util.x07.json", (m) => m.imports.push("osx.clock")), manifest((m) => { m.nodes.push({ ...osNode, world: "solve-pure", trust_zone: "certified_capsule", visibility: { mode: "restricted", visible_to: ["core"] } }); m.nodes[0].imports.allow_prefixes.push("osx."); m.rules[0].layers.unshift("os"); })),
  },
  {
    name: "smoke entry not exported",
    fail: manifest((m) => m.nodes[0].contracts = { smoke_entry: "shop.core.smoke" }),
    code: "E_ARCH_SMOKE_MISSING",
    file: "arch/manifest.x07arch.json",
    ptr: "/nodes/0/contracts/smoke_entry",
    fix: manifest((m) => m.nodes[0].contracts = { smoke_entry: "shop.core.total" }),
  },
  {
    name: "public export taking unbranded bytes",
    fail: mod("src/shop/util.x07.json", (m) => { m.decls[0].names.push("shop.util.size"); m.decls.push({ kind: "defn", name: "shop.util.size", params: [{ name: "b", ty: "bytes" }], result: "i32", body: ["bytes.len", "b"] }); }),
    code: "E_ARCH_PUBLIC_BYTES_UNBRANDED",
    file: "src/shop/util.x07.json",
    ptr: "/decls/2/params/0",
    fix: mod("src/shop/util.x07.json", (m) => m.decls.push({ kind: "defn", name: "shop.util.size", params: [{ name: "b", ty: "bytes" }], result: "i32", body: ["bytes.len", "b"] })),
  },
  {
    name: "public export returning unbranded bytes",
    fail: mod("src/shop/util.x07.json", (m) => { m.decls[0].names.push("shop.util.blob"); m.decls.push({ kind: "defn", name: "shop.util.blob", params: [], result: "bytes", body: ["bytes.lit", "x"] }); }),
    code: "E_ARCH_PUBLIC_BYTES_UNBRANDED",
    file: "src/shop/util.x07.json",
    ptr: "/decls/2/result",
    fix: all(mod("src/shop/util.x07.json", (m) => { m.decls[0].names.push("shop.util.blob"); m.decls.push({ kind: "defn", name: "shop.util.blob", params: [], result: "bytes", body: ["bytes.lit", "x"] }); }), manifest((m) => m.checks.brand_boundary_v1.enabled = false), manifest((m) => m.contracts_v1.boundaries.enforce = "off")),
  },
  {
    name: "boundary bytes output with neither brand nor schema",
    fail: index((x) => x.boundaries[0].output = { ty: "bytes" }),
    code: "E_ARCH_BOUNDARY_BRAND_OR_SCHEMA_REQUIRED",
    file: "arch/boundaries/index.x07boundary.json",
    ptr: "/boundaries/0/output",
    fix: index((x) => x.boundaries[0].output = { ty: "bytes", schema: "arch/schemas/total.x07schema.json" }),
  },
  {
    name: "boundary bytes param with neither brand nor schema",
    fail: index((x) => x.boundaries[1].input.params[1] = { name: "b", ty: "bytes_view" }),
    code: "E_ARCH_BOUNDARY_BRAND_OR_SCHEMA_REQUIRED",
    file: "arch/boundaries/index.x07boundary.json",
    ptr: "/boundaries/1/input/params/1",
    fix: index((x) => x.boundaries[1].input.params[1] = { name: "b", ty: "bytes_view", brand: "shop.brand.blob_v1" }),
  },
  {
    name: "boundary result output without an error space",
    fail: index((x) => x.boundaries[0].output = { ty: "result_i32" }),
    code: "E_ARCH_BOUNDARY_ERROR_SPACE_REQUIRED",
    file: "arch/boundaries/index.x07boundary.json",
    ptr: "/boundaries/0/output",
    fix: index((x) => x.boundaries[0].output = { ty: "result_i32", error_space: "shop.errors.total_v1" }),
  },
  {
    name: "boundary not requiring prove-mode verification",
    fail: index((x) => x.boundaries[1].verify = { required: true, mode: "runtime" }),
    code: "E_ARCH_BOUNDARY_VERIFY_REQUIRED",
    file: "arch/boundaries/index.x07boundary.json",
    ptr: "/boundaries/1/verify",
    fix: index((x) => x.boundaries[1].verify = { required: true, mode: "prove" }),
  },
  {
    name: "public verified export missing from the boundaries index",
    fail: index((x) => x.boundaries.splice(1, 1)),
    code: "E_ARCH_BOUNDARY_MISSING",
    file: "src/shop/util.x07.json",
    ptr: "/decls/1",
    fix: all(index((x) => x.boundaries.splice(1, 1)), manifest((m) => m.nodes[0].visibility = { mode: "restricted", visible_to: ["core", "tests"] })),
  },
  {
    name: "boundaries index not matching its schema",
    fail: index((x) => delete x.boundaries[0].verify),
    code: "E_ARCH_BOUNDARY_INDEX_INVALID",
    file: "arch/boundaries/index.x07boundary.json",
    ptr: "/boundaries/0",
    fix: index((x) => x.boundaries[0].verify = { required: true, mode: "prove" }),
  },
  {
    name: "boundaries index missing",
    fail: manifest((m) => m.contracts_v1.boundaries.index_path = "arch/boundaries/nope.json"),
    code: "E_ARCH_BOUNDARY_INDEX_INVALID",
    file: "arch/boundaries/nope.json",
    ptr: "",
    fix: manifest((m) => m.contracts_v1.boundaries.index_path = "arch/boundaries/index.x07boundary.json"),
  },
  {
    name: "unsupported contracts_v1 domain (fails closed)",
    fail: manifest((m) => m.contracts_v1.web = { index_path: "arch/web/index.x07web.json", enforce: "error" }),
    code: "E_ARCH_CONTRACTS_DOMAIN_UNSUPPORTED",
    file: "arch/manifest.x07arch.json",
    ptr: "/contracts_v1/web",
    fix: () => undefined,
  },
];

describe("arch check: the base fixture", () => {
  it("passes with only the contracts-lock warning", async () => {
    const r = await runArch(copyFixture("shop"));
    expect(r.exitCode).toBe(0);
    expect(codes(r)).toEqual(["W_ARCH_CONTRACTS_LOCK_MISSING"]);
    expect(r.report.stats).toEqual({ modules: 4, nodes: 2, module_edges: 3, node_edges: 2 });
    expect(r.report.boundaries_report).toMatchObject({ ok: true, summary: { boundaries_total: 2, public_exports_scanned: 2, missing_boundaries: 0 } });
    expect(r.report.suggested_patches).toEqual([]);
  });
});

describe.each(CASES)("arch check rule: $name", (c) => {
  it(`fails with ${c.code} at ${c.file}#${c.ptr}`, async () => {
    const dir = copyFixture("shop");
    c.fail(dir);
    const r = await runArch(dir);
    expect(r.exitCode).toBe(2);
    const d = find(r, c.code);
    expect(d, `codes: ${codes(r).join(", ")}`).toBeDefined();
    expect(d?.severity).toBe("error");
    expect(where(d)).toEqual({ file: c.file, ptr: c.ptr });
  });
  it("passes once repaired", async () => {
    const dir = copyFixture("shop");
    c.fix(dir);
    const r = await runArch(dir);
    expect(errors(r).map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});
