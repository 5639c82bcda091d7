/**
 * summary.html: the page a reviewer reads instead of the source tree. Self-contained (inline CSS, no scripts,
 * no external assets), deterministic (no times), verdict first. A rejected certificate names every failing
 * check, and for a failed proof the clause and the counterexample inputs.
 */
import type { TrustCertificate } from "../certificate/types.ts";
import type { ProofFact, SummaryFacts } from "../chain/facts.ts";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const code = (s: string): string => `<code>${esc(s)}</code>`;
const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, empty: string): string =>
  rows.length === 0
    ? `<p class="muted">${esc(empty)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
const badge = (ok: boolean, yes: string, no: string): string => `<span class="badge ${ok ? "ok" : "bad"}">${esc(ok ? yes : no)}</span>`;
const section = (id: string, title: string, body: string): string => `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1080px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 10px;border-bottom:1px solid #dde1e7;padding-bottom:4px}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:14px 18px;margin:14px 0}
.verdict{border-radius:10px;padding:18px 22px;color:#fff}.verdict.accepted{background:#1f7a3d}.verdict.rejected{background:#b3261e}
.verdict .word{font-size:30px;font-weight:700;letter-spacing:.04em}
.verdict dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0}.verdict dt{opacity:.85}.verdict dd{margin:0;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13.5px}th,td{text-align:left;border-bottom:1px solid #eceef2;padding:5px 8px;vertical-align:top}th{background:#f1f3f6}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12.5px;font-weight:600}.badge.ok{background:#d9f2e1;color:#14532d}.badge.bad{background:#fbdcd9;color:#7f1d1d}
.muted{color:#6b7280}.failure{border-left:4px solid #b3261e;padding:6px 12px;margin:8px 0;background:#fdf3f2}
ul.claims{margin:0;padding-left:20px}
td a{word-break:break-all}code.sha{font-size:11px;white-space:nowrap;word-break:normal}
#artifacts td:first-child{width:22%}#artifacts td:last-child{width:1%}
`;

const proofRow = (p: ProofFact, item: TrustCertificate["proof_inventory"][number] | undefined): string[] => [
  code(p.symbol),
  esc(p.kind),
  badge(p.result === "proven", p.result, p.result),
  p.engine !== undefined ? code(p.engine) : "",
  [p.unwind !== undefined ? `unwind ${p.unwind}` : "", p.maxBytesLen !== undefined ? `max_bytes_len ${p.maxBytesLen}` : ""].filter((x) => x !== "").join(", "),
  esc(p.recursion ?? ""),
  item?.proof_check_result != null ? badge(item.proof_check_result === "accepted", item.proof_check_result, item.proof_check_result) : p.checkResult !== undefined ? esc(p.checkResult) : '<span class="muted">none</span>',
  item?.proof_object != null ? `<a href="${esc(item.proof_object.path)}">proof.json</a> ${code(item.proof_object_digest ?? `sha256:${item.proof_object.sha256_hex}`)}` : "",
];

const failureBlock = (p: ProofFact): string => {
  const clause = p.clause !== undefined ? `<p>Failing clause: ${code(p.clause.kind)} ${code(p.clause.id)} of ${code(p.clause.fn)} (clause ${p.clause.index}, ${code(p.clause.ptr)})</p>` : "";
  const inputs =
    p.inputs !== undefined && p.inputs.length > 0
      ? `<p>Counterexample:</p>${table(["parameter", "value"], p.inputs.map((i) => [code(i.name), code(i.value)]), "")}`
      : p.inputBytesB64 !== undefined
        ? `<p>Counterexample input bytes (base64): ${code(p.inputBytesB64)}</p>`
        : "";
  const details = p.details !== undefined ? `<p class="muted">${esc(p.details)}</p>` : "";
  return `<div class="failure" data-symbol="${esc(p.symbol)}"><p><strong>${esc(p.symbol)}</strong>: ${esc(p.result)}</p>${clause}${inputs}${details}</div>`;
};

/** Renders summary.html for a certificate and the facts the chain collected. */
export const renderSummaryHtml = (cert: TrustCertificate, facts: SummaryFacts): string => {
  const accepted = cert.verdict === "accepted";
  const diags = cert.diagnostics ?? [];
  const failedProofs = facts.proofs.filter((p) => p.result !== "proven");
  const inventoryBySymbol = new Map(cert.proof_inventory.map((i) => [i.symbol, i]));
  const head = `<section class="verdict ${cert.verdict}" id="verdict" data-verdict="${cert.verdict}"><div class="word">${accepted ? "ACCEPTED" : "REJECTED"}</div>
<dl><dt>Operational entry</dt><dd id="entry">${esc(cert.operational_entry_symbol)}</dd><dt>Certified entry (--entry)</dt><dd>${esc(cert.entry)}</dd><dt>Profile</dt><dd>${esc(cert.profile)}</dd>
<dt>Formal scope</dt><dd>${esc(cert.formal_verification_scope)}${cert.entry_body_formally_proved ? " — entry body formally proved" : " — entry body not formally proved"}</dd>
<dt>Proved symbols</dt><dd>${cert.proved_symbol_count} (${cert.proved_defn_count} defn, ${cert.proved_defasync_count} defasync)</dd>
<dt>Depends on bounded proof</dt><dd>${cert.accepted_depends_on_bounded_proof ? "yes" : "no"}</dd><dt>Depends on dev-only assumption</dt><dd>${cert.accepted_depends_on_dev_only_assumption ? "yes" : "no"}</dd></dl></section>`;
  const why = accepted
    ? ""
    : section(
        "why-rejected",
        "Why it was rejected",
        `${table(["code", "message"], diags.map((d) => [code(d.code), esc(d.message)]), "no diagnostics")}${failedProofs.map(failureBlock).join("")}`,
      );
  const claims = section("claims", "Claims", cert.claims.length === 0 ? '<p class="muted">No claims (claims need an accepted verdict).</p>' : `<ul class="claims">${cert.claims.map((c) => `<li>${code(c)}</li>`).join("")}</ul>`);
  const proofs = section(
    "proofs",
    "What was proved",
    table(["symbol", "kind", "result", "engine", "bounds", "recursion", "proof check", "proof object"], facts.proofs.map((p) => proofRow(p, inventoryBySymbol.get(p.symbol))), "No symbol was proved.") +
      `<p class="muted">Proofs quantify over every input allowed by the requires clauses; loops and recursion are unrolled up to <em>unwind</em>, bytes are bounded by <em>max_bytes_len</em>.</p>`,
  );
  const assumptions = section(
    "assumptions",
    "Assumptions",
    table(["kind", "subject", "certifiable", "digest"], cert.proof_assumptions.map((a) => [esc(a.kind), code(a.subject), badge(a.certifiable, "yes", "no (dev-only)"), a.digest != null ? code(a.digest) : ""]), "The proofs rest on no assumption besides the engine and the trusted primitives listed in the TCB.") +
      (cert.imported_summary_inventory.length > 0 ? table(["imported summary", "sha256"], cert.imported_summary_inventory.map((s) => [code(s.path), code(s.sha256_hex)]), "") : ""),
  );
  const t = facts.tests;
  const tests = section(
    "tests",
    "Tests",
    t === undefined
      ? '<p class="muted">No test report.</p>'
      : `<p>${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.errors} errors.</p>${table(["test", "world", "status", "PBT cases"], t.tests.map((x) => [code(x.id), esc(x.world), badge(x.status === "pass", x.status, x.status), x.pbtCases !== undefined ? String(x.pbtCases) : "unit"]), "No tests ran.")}`,
  );
  const a = facts.arch;
  const arch = section(
    "architecture",
    "Architecture and boundaries",
    a === undefined
      ? '<p class="muted">No arch report.</p>'
      : `<p>arch check ${badge(a.exitCode === 0, "passed", `exit ${a.exitCode}`)}</p>${a.diagnostics.length > 0 ? table(["code", "message"], a.diagnostics.map((d) => [code(d.code), esc(d.message)]), "") : ""}${table(["boundary", "symbol", "status"], a.boundaries.map((b) => [code(b.id), code(b.symbol), badge(b.status === "ok", b.status, b.status)]), "No boundaries declared.")}`,
  );
  const comp = facts.compile;
  const compile = section(
    "compile",
    "Compile attestation",
    comp === undefined
      ? '<p class="muted">No compile attestation.</p>'
      : `<p>Built twice from the same inputs: ${badge(comp.deterministicMatch, "byte-identical", "differs")}${comp.binarySha256 !== undefined ? ` — sha256 ${code(comp.binarySha256)}` : ""}${comp.artifactPath !== undefined ? ` — <a href="${esc(comp.artifactPath)}">artifact</a>` : ""}</p>`,
  );
  const trust = section(
    "trust",
    "Trust report",
    facts.trust === undefined ? '<p class="muted">No trust report.</p>' : `<p>Nondeterminism flags: ${facts.trust.flags.length === 0 ? "none" : facts.trust.flags.map(code).join(", ")}. SBOM generated: ${facts.trust.sbomGenerated ? "yes" : "no"}.</p>`,
  );
  const review = facts.review === undefined ? "" : section("review", "Review diff against the baseline", `<p>exit ${facts.review.exitCode}</p>${facts.review.diags.length > 0 ? `<ul>${facts.review.diags.map((d) => `<li>${esc(d)}</li>`).join("")}</ul>` : ""}`);
  const tcb = section(
    "tcb",
    "Trusted computing base",
    `<dl><dt>Toolchain</dt><dd>${code(cert.tcb.x07_version)}</dd><dt>Engine and host</dt><dd>${code(cert.tcb.host_compiler)}</dd><dt>Trusted primitives</dt><dd>${code(cert.tcb.trusted_primitive_manifest_digest)}</dd></dl>`,
  );
  const artifacts = section(
    "artifacts",
    "Artifacts",
    table(["artifact", "file", "sha256"], facts.artifacts.map((x) => [esc(x.label), `<a href="${esc(x.ref.path)}">${esc(x.ref.path)}</a>`, `<code class="sha">${esc(x.ref.sha256_hex)}</code>`]), "No artifacts."),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${accepted ? "Accepted" : "Rejected"}: ${esc(cert.operational_entry_symbol)} — x07 trust certificate</title>
<style>${CSS}</style></head>
<body><main>
<h1>x07 trust certificate</h1><p class="muted">${esc(cert.schema_version)} — certificate.json is the machine-readable source of this page.</p>
${head}
${why}
${claims}
${proofs}
${assumptions}
${tests}
${arch}
${compile}
${trust}
${review}
${tcb}
${artifacts}
</main></body></html>
`;
};
