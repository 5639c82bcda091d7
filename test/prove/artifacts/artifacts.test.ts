/** Artifact conventions, upstream-fixture parity (read from the mirror at test time), and replay edge cases. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { validateAs } from "../../../src/core/contracts/index.ts";
import { layerNodeFileSystem } from "../../../src/services/index.ts";
import { layerStd } from "../../../src/std/index.ts";
import { PRIMITIVE_CATALOG, proveCheck, verifyProve, Z3 } from "../../../src/prove/index.ts";
import type { Z3Handle } from "../../../src/prove/index.ts";
import { artifactDirName, clauseIdOf, declSha256Hex } from "../../../src/prove/internal/artifacts/canon.ts";
import { engineIdOf, inputLenBytes, parseObligationHeaders, renderObligations, semanticsOfEngineId } from "../../../src/prove/internal/artifacts/documents.ts";
import { startZ3 } from "../../../src/prove/internal/z3.ts";
import { runCli, tempTree } from "../../_helpers/cli.ts";

const MIRROR = "/work/.mirror/x07lang+x07/repo";
const FIXTURE = "crates/x07/tests/fixtures/verified_core_fixture_v1";
const hasMirror = existsSync(MIRROR);

/** Copies the upstream fixture project out of the bare mirror into a temp dir (never committed). */
const upstreamFixture = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "x07-upstream-fixture-"));
  const files = execFileSync("git", ["-C", MIRROR, "ls-tree", "-r", "--name-only", "HEAD", FIXTURE], { encoding: "utf8" }).split("\n").filter((f) => f !== "");
  for (const f of files) {
    const out = path.join(dir, path.relative(FIXTURE, f));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, execFileSync("git", ["-C", MIRROR, "show", `HEAD:${f}`]));
  }
  return dir;
};

describe("artifact conventions", () => {
  it("artifact directories are id_<sha256(id)>", () => {
    expect(artifactDirName("fixture.main")).toBe("id_66be68b87c5ad7661b74be30db0891a37632378d2e92261a85985ae7a9cef9e0");
  });

  it("declaration hashes use canonical pretty JSON with a trailing newline", () => {
    const decl = { name: "a.f", kind: "defn", body: ["+", 1, 2], params: [] };
    const text = '{\n  "body": [\n    "+",\n    1,\n    2\n  ],\n  "kind": "defn",\n  "name": "a.f",\n  "params": []\n}\n';
    expect(declSha256Hex(decl)).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("clause ids: the explicit id, else c_ + 16 hex of the domain-separated hash", () => {
    expect(clauseIdOf("a.f", "ensures", 0, [">=", "__result", 0], "e0")).toBe("e0");
    const idx = Buffer.alloc(8);
    idx.writeBigUInt64LE(2n);
    const expected = createHash("sha256")
      .update(Buffer.concat([Buffer.from("x07.contract.id.v1\0a.f\0ensures\0"), idx, Buffer.from('[">=","__result",0]')]))
      .digest("hex")
      .slice(0, 16);
    expect(clauseIdOf("a.f", "ensures", 2, [">=", "__result", 0])).toBe(`c_${expected}`);
    expect(clauseIdOf("a.f", "requires", 2, [">=", "__result", 0])).not.toBe(`c_${expected}`);
  });

  it("engine ids name the semantics options and parse back; foreign engines do not", () => {
    for (const allowTraps of [false, true])
      for (const parity of ["sound", "upstream"] as const) expect(semanticsOfEngineId(engineIdOf({ allowTraps, parity }))).toEqual({ allowTraps, parity });
    expect(engineIdOf({ allowTraps: false, parity: "sound" })).toBe("ts_z3_v1");
    expect(semanticsOfEngineId("cbmc_z3")).toBeUndefined();
    expect(semanticsOfEngineId("ts_z3_v1+allow_traps+parity_upstream")).toBeUndefined();
  });

  it("the obligations script has one headed block per obligation, separated by (reset), and its headers parse back", () => {
    const ob = (index: number, id?: string) => ({
      clause: { kind: "ensures" as const, fn: "a.f", index, ptr: `/decls/1/ensures/${index}/expr`, ...(id !== undefined ? { id } : {}) },
      encoding: "int" as const,
      smt2: "(set-logic QF_LIA)\n(assert false)\n(check-sat)\n",
    });
    const text = renderObligations([ob(0, 'odd "id"'), ob(1)], { entry: "a.f", engine: "ts_z3_v1", unwind: 8, maxBytesLen: 16 });
    expect(text.split("\n").filter((l) => l === "(check-sat)")).toHaveLength(2);
    expect(text.split("\n").filter((l) => l === "(reset)")).toHaveLength(1);
    expect(text.endsWith("(check-sat)\n")).toBe(true);
    expect(parseObligationHeaders(text)).toEqual([
      { kind: "ensures", fn: "a.f", index: 0, id: 'odd "id"', ptr: "/decls/1/ensures/0/expr", encoding: "int" },
      { kind: "ensures", fn: "a.f", index: 1, ptr: "/decls/1/ensures/1/expr", encoding: "int" },
    ]);
    expect(renderObligations([], { entry: "a.f", engine: "ts_z3_v1", unwind: 8, maxBytesLen: 16 })).toBe("; x07 verify obligations: entry=a.f engine=ts_z3_v1 unwind=8 max_bytes_len=16 count=0\n");
  });

  it("input_len_bytes follows upstream's layout (4 per i32, 4+M bytes-like, 5 option_i32, 1+4+M option bytes)", () => {
    const fn = (tys: string[]) => ({ params: tys.map((ty, i) => ({ name: `p${i}`, ty })) }) as unknown as Parameters<typeof inputLenBytes>[0];
    expect(inputLenBytes(fn(["i32", "u32", "bytes", "bytes_view", "option_i32", "result_bytes"]), 16)).toBe(4 + 4 + 20 + 20 + 5 + 21);
  });

  it("the primitive catalog validates against x07.verify.primitives@0.2.0 and has no dev-only stubs", () => {
    expect(validateAs("x07.verify.primitives@0.2.0", JSON.parse(JSON.stringify(PRIMITIVE_CATALOG))).ok).toBe(true);
    expect(PRIMITIVE_CATALOG.primitives.every((p) => p.certification_policy === "allowed")).toBe(true);
  });
});

describe.skipIf(!hasMirror)("upstream fixture verified_core_fixture_v1 (read from the mirror at test time)", () => {
  it("coverage matches upstream's checked-in verify.summary.json field for field", async () => {
    const dir = upstreamFixture();
    const r = await runCli(["verify", "--coverage", "--entry", "fixture.main"], dir);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const rel = `.x07/artifacts/verify/coverage/${artifactDirName("fixture.main")}/verify.summary.json`;
    expect(rep.artifacts.verify_coverage_summary_path).toBe(rel);
    const ours = JSON.parse(readFileSync(path.join(dir, rel), "utf8"));
    const theirs = JSON.parse(execFileSync("git", ["-C", MIRROR, "show", `HEAD:${FIXTURE}/${rel}`], { encoding: "utf8" }));
    expect(ours).toEqual(theirs);
  }, 60_000);

  it("proves fixture.main, emits a proof object that prove check accepts", async () => {
    const dir = upstreamFixture();
    const r = await runCli(["verify", "--prove", "--entry", "fixture.main", "--emit-proof", "proof/fixture.main.proof.json"], dir);
    expect(r.code).toBe(0);
    const obj = JSON.parse(readFileSync(path.join(dir, "proof/fixture.main.proof.json"), "utf8"));
    expect(obj).toMatchObject({ decl_sha256_hex: "951742697fc3cde51e571eed51628080d049021d59055b4e5377da3101d64e6b", verify_engine: "ts_z3_v1", recursion_kind: "none" });
    expect(JSON.parse(readFileSync(path.join(dir, "proof/fixture.main.proof.check.json"), "utf8"))).toMatchObject({ result: "accepted" });
  }, 60_000);
});

describe("prove check: a solver without an answer is a rejection, never unsat", () => {
  it("rejects with X07PROOF_ESOLVER_REPLAY_FAILED when the solver returns nothing or throws", async () => {
    const dir = tempTree({
      "x07.json": JSON.stringify({ schema_version: "x07.project@0.5.0", world: "solve-pure", entry: "src/main.x07.json", module_roots: ["src"] }),
      "src/app/m.x07.json": JSON.stringify({
        schema_version: "x07.x07ast@0.8.0",
        kind: "module",
        module_id: "app.m",
        imports: [],
        decls: [
          { kind: "export", names: ["app.m.id"] },
          { kind: "defn", name: "app.m.id", params: [{ name: "x", ty: "i32" }], result: "i32", ensures: [{ expr: ["=", "__result", "x"] }], body: "x" },
        ],
      }),
    });
    const real = await startZ3();
    try {
      const base = Layer.mergeAll(layerStd, layerNodeFileSystem);
      const proved = await Effect.runPromise(verifyProve({ cwd: dir, entry: "app.m.id", emitProof: "p/proof.json" }).pipe(Effect.provide(Layer.mergeAll(base, Layer.succeed(Z3)(real)))));
      expect(proved.exitCode).toBe(0);
      expect(proved.solverStartupMs).toBe(real.startupMs);
      const withSolver = (h: Z3Handle) => Effect.runPromise(proveCheck("p/proof.json", { cwd: dir }).pipe(Effect.provide(Layer.mergeAll(base, Layer.succeed(Z3)(h)))));
      expect((await withSolver(real)).accepted).toBe(true);
      const silent: Z3Handle = { ...real, solve: async () => undefined as never };
      const s = await withSolver(silent);
      expect(s.accepted).toBe(false);
      expect(s.report).toMatchObject({ result: "rejected", replayed_solver_result: "unknown", diagnostics: [{ code: "X07PROOF_ESOLVER_REPLAY_FAILED" }] });
      const crashing: Z3Handle = { ...real, solve: async () => Promise.reject(new Error("worker died")) };
      const c = await withSolver(crashing);
      expect(c.report).toMatchObject({ result: "rejected", replayed_solver_result: "unknown", diagnostics: [{ code: "X07PROOF_ESOLVER_REPLAY_FAILED" }] });
      const unknown: Z3Handle = { ...real, solve: async () => ({ kind: "unknown", reason: "timeout" }) };
      expect((await withSolver(unknown)).report).toMatchObject({ result: "rejected", replayed_solver_result: "unknown" });
    } finally {
      await real.dispose();
    }
  }, 120_000);
});

describe("prove (library)", () => {
  it("returns the engine verdict, the obligations script and a digest that is the same on every call; an unknown entry is a ProveTargetError", async () => {
    const { checkProveFixture } = await import("../../_helpers/prove.ts");
    const { prove, layerZ3, ProveTargetError } = await import("../../../src/prove/index.ts");
    const program = await checkProveFixture("i32");
    const run = (entry: string) => Effect.runPromise(Effect.scoped(Effect.result(prove(program, { entry }))).pipe(Effect.provide(layerZ3)));
    const a = await run("app.low_byte");
    const b = await run("app.low_byte");
    if (a._tag !== "Success" || b._tag !== "Success") throw new Error("prove failed");
    expect(a.success.proof.kind).toBe("proven");
    expect(a.success.engine).toBe("ts_z3_v1");
    expect(a.success.obligationsText).toMatch(/^; x07 verify obligations: entry=app\.low_byte engine=ts_z3_v1 unwind=8 max_bytes_len=16 count=\d+\n/);
    expect(a.success.obligationDigest).toBe(b.success.obligationDigest);
    expect(a.success.obligationDigest).toBe(`sha256:${createHash("sha256").update(a.success.obligationsText).digest("hex")}`);
    expect(a.success.solverStartupMs).toBeGreaterThan(0);
    const bad = await run("app.nope");
    expect(bad._tag === "Failure" && bad.failure instanceof ProveTargetError).toBe(true);
  }, 120_000);
});
