/**
 * A custom CI gate in TypeScript over two trust certificates (issue 10, item 4): the baseline (e.g. the main
 * branch's) and the candidate (the pull request's).
 *
 *     npx tsx examples/ci-gate.ts BASELINE CANDIDATE
 *
 * Each argument is a `certificate.json` (`x07.trust.certificate@0.7.0`, as `x07 trust certify` or the
 * `certify()` API writes it) or the output directory holding one. Both are validated against the schema first.
 * The gate fails when the candidate
 *
 * - **verdict**: was accepted in the baseline and is rejected now;
 * - **proof coverage**: lost a symbol the baseline proved (with an accepted proof check), proves fewer
 *   symbols, has a weaker `formal_verification_scope`, or no longer proves the entry's body;
 * - **assumptions**: trusts something new (a `proof_assumptions` or `imported_summary_inventory` entry the
 *   baseline did not have), or now depends on a bounded proof or a developer-only assumption;
 * - **operational entry**: certifies another operational entry than the baseline, or an entry that is not its
 *   own `operational_entry_symbol` (a surrogate).
 *
 * It prints a short table (one row per gate: baseline, candidate, ok / FAIL) and the reasons. Exit codes: 0 every
 * gate passes, 1 a gate failed, 2 bad input (unreadable, not JSON, not a valid certificate).
 *
 * `gate(baseline, candidate)` is the pure decision, exported for tests and for other scripts. Inside this
 * repository the SDK is imported from src/; from the installed package `validateAs` is `x07-sdk`'s and the
 * certificate type is `x07-sdk/certify`'s `TrustCertificate`.
 */
import { readFileSync, statSync } from "node:fs";
import * as nodePath from "node:path";
import { pathToFileURL } from "node:url";
import type { TrustCertificate } from "../src/certify/index.ts";
import { validateAs } from "../src/index.ts";

const USAGE = "usage: npx tsx examples/ci-gate.ts BASELINE CANDIDATE   (each a certificate.json or the directory holding it)";
const CERTIFICATE_VERSION = "x07.trust.certificate@0.7.0";

/** The gates, in the order the table prints them. */
export type GateId = "verdict" | "proof-coverage" | "assumptions" | "operational-entry";

/** One gate's row: what each side says, and why the gate failed (empty when it passed). */
export interface GateRow {
  readonly gate: GateId;
  readonly title: string;
  readonly baseline: string;
  readonly candidate: string;
  readonly reasons: ReadonlyArray<string>;
}

/** The decision: `ok` when no gate has a reason. */
export interface GateResult {
  readonly ok: boolean;
  readonly rows: ReadonlyArray<GateRow>;
}

type Cert = TrustCertificate;
type Scope = Cert["formal_verification_scope"];

/** Weakest to strongest. */
const SCOPE_RANK: Readonly<Record<Scope, number>> = { none: 0, partial: 1, entry_body: 2, whole_certifiable_graph: 3 };

/** Symbols whose proof the certificate carries with an accepted proof check. */
const provedSymbols = (c: Cert): ReadonlySet<string> => new Set(c.proof_inventory.filter((i) => i.proof_check_result === "accepted").map((i) => i.symbol));

const assumptionKey = (a: Cert["proof_assumptions"][number]): string => `${a.kind} ${a.subject}${a.digest ? ` ${a.digest}` : ""}${a.certifiable ? "" : " (not certifiable)"}`;
const importedKey = (s: Cert["imported_summary_inventory"][number]): string => `imported summary ${s.path} sha256:${s.sha256_hex}`;
const assumptionKeys = (c: Cert): ReadonlyArray<string> => [...c.proof_assumptions.map(assumptionKey), ...c.imported_summary_inventory.map(importedKey)];

/** A flag that went from false to true, as a reason. */
const turnedOn = (b: boolean, c: boolean, what: string): string[] => (!b && c ? [`${what} turned true`] : []);

interface GateSpec {
  readonly id: GateId;
  readonly title: string;
  readonly show: (c: Cert) => string;
  readonly reasons: (b: Cert, c: Cert) => ReadonlyArray<string>;
}

const GATES: ReadonlyArray<GateSpec> = [
  {
    id: "verdict",
    title: "verdict",
    show: (c) => (c.verdict === "rejected" ? `rejected (${(c.diagnostics ?? []).map((d) => d.code).join(", ") || "no diagnostic"})` : "accepted"),
    reasons: (b, c) => (b.verdict === "accepted" && c.verdict === "rejected" ? [`accepted → rejected: ${(c.diagnostics ?? []).map((d) => `${d.code} ${d.message}`).join("; ") || "no diagnostic"}`] : []),
  },
  {
    id: "proof-coverage",
    title: "proof coverage",
    show: (c) => `${provedSymbols(c).size} proved, ${c.formal_verification_scope}`,
    reasons: (b, c) => {
      const after = provedSymbols(c);
      const inCandidate = new Map(c.proof_inventory.map((i) => [i.symbol, i]));
      const lost = [...provedSymbols(b)].filter((s) => !after.has(s)).sort().map((s) => {
        const item = inCandidate.get(s);
        return item === undefined ? `${s} was proved in the baseline and is not in the candidate's proof inventory` : `${s} was proved in the baseline; the candidate's proof check is ${item.proof_check_result ?? "missing"}`;
      });
      return [
        ...lost,
        ...(c.proved_symbol_count < b.proved_symbol_count ? [`proved symbols ${b.proved_symbol_count} → ${c.proved_symbol_count}`] : []),
        ...(SCOPE_RANK[c.formal_verification_scope] < SCOPE_RANK[b.formal_verification_scope] ? [`formal_verification_scope ${b.formal_verification_scope} → ${c.formal_verification_scope}`] : []),
        ...(b.entry_body_formally_proved && !c.entry_body_formally_proved ? ["the entry's body is no longer formally proved"] : []),
      ];
    },
  },
  {
    id: "assumptions",
    title: "assumptions",
    show: (c) => `${assumptionKeys(c).length}${c.accepted_depends_on_bounded_proof ? ", bounded proof" : ""}${c.accepted_depends_on_dev_only_assumption ? ", dev-only" : ""}`,
    reasons: (b, c) => {
      const before = new Set(assumptionKeys(b));
      return [
        ...assumptionKeys(c).filter((k) => !before.has(k)).map((k) => `new assumption: ${k}`),
        ...turnedOn(b.accepted_depends_on_bounded_proof, c.accepted_depends_on_bounded_proof, "accepted_depends_on_bounded_proof"),
        ...turnedOn(b.accepted_depends_on_dev_only_assumption, c.accepted_depends_on_dev_only_assumption, "accepted_depends_on_dev_only_assumption"),
      ];
    },
  },
  {
    id: "operational-entry",
    title: "operational entry",
    show: (c) => (c.entry === c.operational_entry_symbol ? c.entry : `${c.entry} (operational: ${c.operational_entry_symbol})`),
    reasons: (b, c) => [
      ...(b.operational_entry_symbol !== c.operational_entry_symbol ? [`operational_entry_symbol ${b.operational_entry_symbol} → ${c.operational_entry_symbol}`] : []),
      ...(c.entry !== c.operational_entry_symbol ? [`the candidate certifies ${c.entry}, not its operational entry ${c.operational_entry_symbol}`] : []),
    ],
  },
];

/**
 * The gate's decision for a candidate certificate against a baseline (pure; both already validated).
 * @example
 * ```ts
 * const r = gate(baselineCert, candidateCert);
 * if (!r.ok) for (const row of r.rows) for (const why of row.reasons) console.log(row.gate, why);
 * ```
 */
export const gate = (baseline: Cert, candidate: Cert): GateResult => {
  const rows = GATES.map((g) => ({ gate: g.id, title: g.title, baseline: g.show(baseline), candidate: g.show(candidate), reasons: g.reasons(baseline, candidate) }));
  return { ok: rows.every((r) => r.reasons.length === 0), rows };
};

/** The printed report: the table, then one line per reason, then the outcome. */
export const renderGate = (r: GateResult): string => {
  const head = ["gate", "baseline", "candidate", "result"] as const;
  const cells = r.rows.map((row) => [row.title, row.baseline, row.candidate, row.reasons.length === 0 ? "ok" : "FAIL"]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const fmt = (cols: ReadonlyArray<string>) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  const failed = r.rows.filter((row) => row.reasons.length > 0);
  return [
    fmt(head),
    fmt(widths.map((w) => "-".repeat(w))),
    ...cells.map(fmt),
    "",
    ...failed.flatMap((row) => row.reasons.map((why) => `FAIL ${row.title}: ${why}`)),
    r.ok ? `gate: passed (${r.rows.length} of ${r.rows.length} gates)` : `gate: FAILED (${failed.length} of ${r.rows.length} gates)`,
  ].join("\n");
};

/** A certificate read from a file or an output directory, validated; or why it cannot be used. */
export const readCertificate = (arg: string): { readonly ok: true; readonly cert: Cert; readonly path: string } | { readonly ok: false; readonly reason: string } => {
  let path = arg;
  let text: string;
  try {
    if (statSync(arg).isDirectory()) path = nodePath.join(arg, "certificate.json");
    text = readFileSync(path, "utf8");
  } catch {
    return { ok: false, reason: `cannot read ${path}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `${path} is not JSON: ${(e as Error).message}` };
  }
  const version = typeof doc === "object" && doc !== null ? (doc as { schema_version?: unknown }).schema_version : undefined;
  if (version !== CERTIFICATE_VERSION) return { ok: false, reason: `${path} has schema_version ${JSON.stringify(version ?? null)}; expected ${CERTIFICATE_VERSION}` };
  const v = validateAs(CERTIFICATE_VERSION, doc);
  if (!v.ok) return { ok: false, reason: `${path} is not a valid ${CERTIFICATE_VERSION}: ${v.errors.slice(0, 3).map((e) => `${e.pointer || "/"} ${e.message}`).join("; ")}` };
  return { ok: true, cert: v.value as Cert, path };
};

/** The command: 0 pass, 1 a gate failed, 2 bad input. */
export const main = (argv: ReadonlyArray<string>, out: (s: string) => void = console.log, err: (s: string) => void = console.error): 0 | 1 | 2 => {
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    out(USAGE);
    return 0;
  }
  if (argv.length !== 2 || argv.some((a) => a.startsWith("-"))) {
    err(USAGE);
    return 2;
  }
  const [b, c] = [readCertificate(argv[0]!), readCertificate(argv[1]!)];
  if (!b.ok || !c.ok) {
    if (!b.ok) err(`baseline: ${b.reason}`);
    if (!c.ok) err(`candidate: ${c.reason}`);
    return 2;
  }
  out(`baseline:  ${b.path}\ncandidate: ${c.path}\n`);
  const r = gate(b.cert, c.cert);
  out(renderGate(r));
  return r.ok ? 0 : 1;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(nodePath.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
