/**
 * The prover engine: encodes a contract-carrying function of the checked IR to deterministic SMT-LIB2
 * obligations and solves them with the in-process z3 (see `../outcome.ts` for the contract).
 *
 * First slice: a thin wrapper over the i32 fragment prover (ensures clauses only, bv32 encoding).
 */
import type { CheckedProgram } from "../../../check/index.ts";
import { encodeI32Obligations, OutsideFragment } from "../encode-i32.ts";
import type { ClauseRef, Counterexample, EncodeResult, EncodeSymbol, ObligationResult, ProveOptions, ProveSymbol, SymbolProof } from "../outcome.ts";
import { VERIFY_ENGINE } from "../outcome.ts";
import { replayEnsures } from "../replay.ts";
import type { Z3Handle } from "../z3.ts";

const bounds = (o: ProveOptions): SymbolProof["bounds"] => ({ unwind: o.unwind ?? 8, maxBytesLen: o.maxBytesLen ?? 16, allowTraps: o.allowTraps ?? false });

const unquote = (s: string): string => (s.startsWith("|") && s.endsWith("|") ? s.slice(1, -1) : s);

export const encodeSymbol: EncodeSymbol = async (program: CheckedProgram, _z3: Z3Handle, options: ProveOptions): Promise<EncodeResult> => {
  const fn = program.functions.get(options.entry);
  if (fn === undefined) return { kind: "unsupported", diagnostics: [{ code: "X07V_ETARGET", message: `entry ${options.entry} is not a function of the checked program` }] };
  if (fn.requires.length + fn.ensures.length + fn.decl.invariant.length === 0)
    return { kind: "unsupported", diagnostics: [{ code: "X07V_NO_CONTRACTS", message: "target function has no requires/ensures/invariant clauses", ptr: fn.decl.ptr }] };
  try {
    const obs = encodeI32Obligations(fn);
    return {
      kind: "encoded",
      obligations: obs.map((o) => ({
        clause: { kind: "ensures", fn: fn.name, ...(o.clauseId !== undefined ? { id: o.clauseId } : {}), index: o.clauseIndex, ptr: o.ptr } satisfies ClauseRef,
        encoding: "bv32",
        smt2: `${o.smt2}(check-sat)\n`,
      })),
    };
  } catch (e) {
    if (e instanceof OutsideFragment) return { kind: "unsupported", diagnostics: [{ code: "X07V_PROVE_UNSUPPORTED", message: e.detail, ptr: e.ptr }] };
    throw e;
  }
};

export const proveSymbol: ProveSymbol = async (program: CheckedProgram, z3: Z3Handle, options: ProveOptions): Promise<SymbolProof> => {
  const base = {
    symbol: options.entry,
    bounds: bounds(options),
    recursion: { kind: "none", boundKind: "none" },
    loops: [],
    calleeSummaries: [],
    engine: VERIFY_ENGINE,
    parity: options.parity ?? "sound",
  } as const;
  const enc = await encodeSymbol(program, z3, options);
  if (enc.kind === "unsupported") return { ...base, kind: "unsupported", obligations: [], diagnostics: enc.diagnostics };
  const fn = program.functions.get(options.entry);
  if (fn === undefined) throw new Error("unreachable");
  const results: ObligationResult[] = [];
  let counterexample: Counterexample | undefined;
  let error: string | undefined;
  let unknown: string | undefined;
  for (const ob of enc.obligations) {
    const t0 = performance.now();
    const a = await z3.solve(ob.smt2, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const solveMs = performance.now() - t0;
    results.push({ clause: ob.clause, encoding: ob.encoding, smt2: ob.smt2, result: a.kind, ...(a.kind === "unknown" ? { unknownReason: a.reason } : {}), solveMs });
    if (a.kind === "unknown" && unknown === undefined) unknown = a.reason;
    if (a.kind === "sat" && counterexample === undefined && error === undefined) {
      const values = fn.params.map((p) => Number(BigInt.asIntN(32, a.model.get(unquote(`p!${p.name}`)) ?? 0n)));
      const r = replayEnsures(program, fn, ob.clause.index, values);
      if (r.kind !== "violated") {
        error = `internal: the model ${JSON.stringify(values)} does not violate ${ob.clause.ptr} when run (${r.kind})`;
        continue;
      }
      const bytes = new Uint8Array(values.length * 4);
      values.forEach((v, i) => new DataView(bytes.buffer).setUint32(i * 4, v >>> 0, true));
      counterexample = {
        clause: ob.clause,
        inputs: fn.params.map((p, i) => ({ name: p.name, ty: p.ty === "u32" ? "u32" : "i32", value: values[i] as number })),
        inputBytes: bytes,
        replay: { kind: "violated", detail: "the concrete run violates the clause" },
      };
    }
  }
  if (error !== undefined) return { ...base, kind: "error", obligations: results, diagnostics: [{ code: "X07V_INTERNAL", message: error }] };
  if (counterexample !== undefined)
    return { ...base, kind: "counterexample_found", obligations: results, counterexample, diagnostics: [{ code: "X07V_SMT_SAT", message: "the solver found a counterexample", ptr: counterexample.clause.ptr }] };
  if (unknown !== undefined)
    return { ...base, kind: "inconclusive", obligations: results, diagnostics: [{ code: /timeout|canceled/.test(unknown) ? "X07V_SMT_TIMEOUT" : "X07V_SMT_UNKNOWN", message: `solver: ${unknown}` }] };
  return { ...base, kind: "proven", obligations: results, diagnostics: [] };
};
