/**
 * The checks upstream's scripts/ci/assert_strict_certificate.py makes on a strong-profile certificate, written
 * here in TypeScript (with --require-entry-formally-proved): entry = operational entry, accepted, no bounded
 * or dev-only dependence, no imported coverage summaries, a non-empty inventory whose size is
 * proved_symbol_count, scope entry_body or whole_certifiable_graph, the entry body proved, both formal claims,
 * non-empty operational-entry refs, and per item a proof object, a check report, an accepted check, a checker
 * id and a proof-object digest, and `prove check` on the proof object accepting it again. Returns the failures.
 */
import * as nodePath from "node:path";
import { Effect } from "effect";
import type { TrustCertificate } from "../../src/certify/index.ts";
import { proveCheck } from "../../src/prove/index.ts";
import type { Z3 } from "../../src/prove/index.ts";
import type { StdModules } from "../../src/check/index.ts";
import type { FileSystem } from "effect";

export const strictFailures = (cert: TrustCertificate, outDir: string, projectRoot: string): Effect.Effect<string[], never, FileSystem.FileSystem | StdModules | Z3> =>
  Effect.gen(function* () {
    const f: string[] = [];
    if (cert.entry !== cert.operational_entry_symbol) f.push(`X07REL_ESURROGATE_ENTRY: entry ${cert.entry} != operational ${cert.operational_entry_symbol}`);
    if (cert.verdict !== "accepted") f.push(`verdict ${cert.verdict}`);
    if (cert.accepted_depends_on_bounded_proof) f.push("X07REL_EBOUNDED_PROOF");
    if (cert.accepted_depends_on_dev_only_assumption) f.push("X07REL_EDEV_ONLY_ASSUMPTION");
    if (cert.imported_summary_inventory.length > 0) f.push("X07REL_ECOVERAGE_ONLY_IMPORT");
    if (cert.proof_inventory.length === 0) f.push("no proof inventory");
    if (cert.proved_symbol_count !== cert.proof_inventory.length) f.push("proved_symbol_count != inventory size");
    if (!["entry_body", "whole_certifiable_graph"].includes(cert.formal_verification_scope)) f.push(`scope ${cert.formal_verification_scope}`);
    if (!cert.entry_body_formally_proved) f.push("entry body not formally proved");
    if (!cert.claims.includes("certificate_includes_formal_proof")) f.push("claim certificate_includes_formal_proof missing");
    if (!cert.claims.includes("operational_entry_formally_proved")) f.push("claim operational_entry_formally_proved missing");
    if (cert.operational_entry_proof_inventory_refs.length === 0) f.push("operational entry proof refs empty");
    for (const item of cert.proof_inventory) {
      if (item.proof_object == null) f.push(`missing proof object for ${item.symbol}`);
      if (item.proof_check_report == null) f.push(`missing proof-check report for ${item.symbol}`);
      if (item.proof_check_result !== "accepted") f.push(`proof check of ${item.symbol}: ${item.proof_check_result}`);
      if (item.proof_check_checker == null || item.proof_check_checker === "") f.push(`missing checker id for ${item.symbol}`);
      if (item.proof_object_digest == null || item.proof_object_digest === "") f.push(`missing proof object digest for ${item.symbol}`);
      if (item.proof_object != null) {
        // Evidence paths are relative to the output directory (upstream writes host-absolute paths).
        const r = yield* proveCheck(nodePath.join(outDir, ...item.proof_object.path.split("/")), { cwd: projectRoot });
        if (!r.accepted) f.push(`prove check rejected the proof object of ${item.symbol}`);
      }
    }
    return f;
  });
