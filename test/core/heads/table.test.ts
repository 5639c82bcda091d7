import { describe, expect, it } from "vitest";
import { FORM_SHAPES, capabilityOf } from "../../../src/core/heads/forms.ts";
import { DESCRIPTOR_HEADS, SPECIAL_FORMS } from "../../../src/core/heads/special-forms.ts";
import { HEAD_FAMILIES, type HeadSpec } from "../../../src/core/heads/spec.ts";
import { BUILTIN_IDENTS, HEAD_NAMES, HEADS, resolveHead } from "../../../src/core/heads/table.ts";
import { TYPES, TYPE_NAMES, isTypeName, type TypeSpec } from "../../../src/core/heads/types.ts";

const rows: ReadonlyArray<readonly [string, HeadSpec]> = HEAD_NAMES.map((n) => [n, HEADS[n] as HeadSpec]);

/** Upstream's contract-pure allowlist (typecheck.rs CONTRACT_PURE_CALL_HEAD_ALLOWLIST), minus the short-circuit forms. */
const CONTRACT_PURE = [
  "+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "<u", "<=u", ">u", ">=u", "<<u", ">>u", "&", "|", "^",
  "bytes.lit", "bytes.view_lit", "i32.lit", "f64.of_i32", "f64.to_i32_trunc", "f64.add", "f64.sub", "f64.mul", "f64.div",
  "bytes.view", "bytes.subview", "bytes.len", "bytes.get_u8", "bytes.eq", "bytes.cmp_range",
  "view.len", "view.get_u8", "view.slice", "view.to_bytes",
];

describe("type vocabulary", () => {
  it("payload and alias references name known types", () => {
    for (const name of TYPE_NAMES) {
      const spec: TypeSpec = TYPES[name];
      if (spec.payload !== undefined) expect(isTypeName(spec.payload), `${name}.payload`).toBe(true);
      if (spec.aliasOf !== undefined) expect(isTypeName(spec.aliasOf), `${name}.aliasOf`).toBe(true);
    }
  });
  it("move-only, borrowed and copy types are as upstream (is_owned_ty / is_view_like_ty)", () => {
    expect(TYPES.bytes.ownership).toBe("move");
    expect(TYPES.vec_u8.ownership).toBe("move");
    expect(TYPES.bytes_view.ownership).toBe("borrow");
    expect(TYPES.option_bytes_view.ownership).toBe("borrow");
    expect(TYPES.result_bytes_view.ownership).toBe("borrow");
    expect(TYPES.i32.ownership).toBe("copy");
    for (const r of ["result_i32", "result_bytes", "result_bytes_view", "result_result_bytes"] as const) expect(TYPES[r].consumeOnce).toBe(true);
  });
  it("has the 14 surface value types, 6 pointer types and never", () => {
    expect(TYPE_NAMES.filter((n) => TYPES[n].kind === "pointer")).toHaveLength(6);
    expect(TYPES.never.kind).toBe("bottom");
  });
});

describe("heads table", () => {
  it("every param and result type is in the vocabulary or a bound type variable", () => {
    for (const [name, spec] of rows) {
      const vars = new Set(Object.keys(spec.prefix?.vars ?? {}).map((v) => `$${v}`));
      if (spec.params.some((p) => p.mode === "type")) vars.add("$T");
      const ok = (t: string) => isTypeName(t) || vars.has(t);
      for (const p of spec.params) {
        expect(ok(p.ty), `${name} param ${p.name}: ${p.ty}`).toBe(true);
        for (const a of p.accepts ?? []) expect(isTypeName(a), `${name} accepts ${a}`).toBe(true);
      }
      if (typeof spec.result === "string") expect(ok(spec.result), `${name} result ${spec.result}`).toBe(true);
      else expect(spec.result.sameAsParam).toBeLessThan(spec.params.length);
    }
  });

  it("every contract-pure head exists and is marked pure; option_*/result_* are pure; nothing else is", () => {
    for (const h of CONTRACT_PURE) expect(resolveHead(h)?.spec.pure, h).toBe(true);
    for (const [name, spec] of rows) {
      const expected = CONTRACT_PURE.includes(name) || name.startsWith("option_") || name.startsWith("result_");
      expect(spec.pure, name).toBe(expected);
    }
  });

  it("names are unique across family files and families are known", () => {
    expect(new Set(HEAD_NAMES).size).toBe(HEAD_NAMES.length);
    for (const [name, spec] of rows) expect(HEAD_FAMILIES, name).toContain(spec.family);
  });

  it("capabilityOf: os/fs/rr/kv and std.<cap>. prefixes, nothing else (including look-alikes)", () => {
    const cases: Array<[string, string | undefined]> = [
      ["fs.read", "fs"], ["os.time.now_ms", "os"], ["rr.open_v1", "rr"], ["kv.get", "kv"],
      ["std.fs.read_all", "fs"], ["std.os.env.get", "os"], ["std.kv.get", "kv"], ["std.rr.next", "rr"],
      ["fs", undefined], ["fsx.read", undefined], ["f.read", undefined], ["std.fsx.read", undefined], ["std.f.read", undefined],
      ["std.fmt.u32_to_dec", undefined], ["bytes.len", undefined], ["xs.read", undefined], ["std.io.read", undefined], ["+", undefined],
    ];
    for (const [head, cap] of cases) expect(capabilityOf(head), head).toBe(cap);
  });

  it("a head's capability is exactly what lint's world rule (capabilityOf) gates; only world-io rows have one", () => {
    for (const [name, spec] of rows) {
      expect(spec.capability, name).toBe(capabilityOf(name) ?? null);
      if (spec.capability !== null) expect(["fs", "rr", "kv"], name).toContain(spec.family);
    }
  });

  it("prefix families are well-formed and resolve each instantiation", () => {
    const parametric = rows.filter(([, s]) => s.prefix !== undefined);
    expect(parametric.map(([n]) => n).sort()).toEqual([
      "map_value.contains_<K>_v1", "map_value.get_<K>_<V>_v1", "map_value.remove_<K>_v1", "map_value.set_<K>_<V>_v1",
      "vec_value.get_<T>_v1", "vec_value.push_<T>_v1", "vec_value.set_<T>_v1",
    ]);
    for (const [name, spec] of parametric) {
      const prefix = spec.prefix!;
      expect(name.startsWith(prefix.prefix), name).toBe(true);
      expect(name.endsWith("_v1"), name).toBe(true);
      const vars = [...name.matchAll(/<([A-Z])>/g)].map((m) => m[1]!);
      expect(Object.keys(prefix.vars).sort(), name).toEqual([...vars].sort());
      // every instantiation resolves back to this row with the right bindings
      const combos = vars.reduce<Record<string, string>[]>((acc, v) => acc.flatMap((b) => prefix.vars[v]!.map((t) => ({ ...b, [v]: t }))), [{}]);
      for (const b of combos) {
        const concrete = vars.reduce((s, v) => s.replace(`<${v}>`, b[v]!), name);
        const r = resolveHead(concrete);
        expect(r?.name, concrete).toBe(name);
        expect(r?.bindings, concrete).toEqual(b);
      }
    }
    expect(resolveHead("vec_value.push_u32_v1")).toBeUndefined();
    expect(resolveHead("map_value.get_bytes_view_bytes_v1")?.bindings).toEqual({ K: "bytes_view", V: "bytes" });
    expect(resolveHead("vec_value.push_<T>_v1")).toBeUndefined();
  });

  it("coercing positions only ever add bytes to a bytes_view position (upstream's only builtin coercion), except task handles", () => {
    for (const [name, spec] of rows) {
      for (const p of spec.params) {
        if (p.accepts === undefined) continue;
        if (p.ty === "bytes_view") expect(p.accepts, name).toEqual(["bytes"]);
        else expect(p.ty.startsWith("task_handle_"), name).toBe(true);
      }
    }
  });

  it("owner positions are identifiers of an owning type", () => {
    const owners = rows.filter(([, s]) => s.params.some((p) => p.mode === "owner")).map(([n]) => n).sort();
    expect(owners).toEqual(["bytes.subview", "bytes.view", "std.brand.view_v1", "vec_u8.as_view"]);
  });

  it("input is a builtin identifier, not a head", () => {
    expect(BUILTIN_IDENTS.input.ty).toBe("bytes_view");
    expect(resolveHead("input")).toBeUndefined();
  });
});

describe("special forms", () => {
  it("has the 23 upstream forms", () => {
    expect(Object.keys(SPECIAL_FORMS)).toHaveLength(23);
  });
  it("forms and heads do not overlap", () => {
    for (const f of Object.keys(SPECIAL_FORMS)) expect(resolveHead(f), f).toBeUndefined();
    for (const d of Object.keys(DESCRIPTOR_HEADS)) expect(resolveHead(d), d).toBeUndefined();
  });
  it("every head forms.ts lists is exactly one of: a special form or a table head", () => {
    for (const h of Object.keys(FORM_SHAPES)) {
      const isForm = Object.prototype.hasOwnProperty.call(SPECIAL_FORMS, h);
      const isHead = resolveHead(h) !== undefined;
      expect(isForm !== isHead, h).toBe(true);
    }
  });
  it("descriptor heads point at a form or at another descriptor", () => {
    for (const [d, parent] of Object.entries(DESCRIPTOR_HEADS)) {
      expect(Object.prototype.hasOwnProperty.call(SPECIAL_FORMS, parent) || Object.prototype.hasOwnProperty.call(DESCRIPTOR_HEADS, parent), d).toBe(true);
    }
  });
});
