/**
 * The software bill of materials: the component inventory (toolchain, locked packages, stdlib lock
 * packages) and its CycloneDX 1.5 and SPDX 2.3 renderings. Both renderings are deterministic (fixed
 * creation time, ids derived from content).
 */
import { Effect } from "effect";
import { sha256Hex } from "../../../core/json/index.ts";
import type { JsonValue } from "../../../core/json/index.ts";
import { SDK_VERSION } from "../../../version.ts";
import { asArray, asStr, byteCompare, get } from "./json.ts";
import { parentOf, joinPath } from "./paths.ts";
import { kindOf, readJsonFile } from "./read.ts";

/** The SBOM format options. */
export type SbomFormat = "cyclonedx" | "spdx" | "none";

/** The name the toolchain component carries (this SDK, not upstream's Rust binary). */
export const TOOLCHAIN_NAME = "x07-sdk";

export interface SbomComponent {
  readonly kind: "stdlib" | "package" | "native" | "toolchain";
  readonly name: string;
  readonly version: string | null;
  readonly source: string | null;
  readonly purl: string | null;
  readonly license: string | null;
}

const component = (kind: SbomComponent["kind"], name: string, version: string | null, source: string | null): SbomComponent => ({ kind, name, version, source, purl: null, license: null });

/** Packages of `stdlib.lock` and a sibling `stdlib.std-core.lock`, each (name, version) once. */
export const stdlibComponents = (lockPath: string) =>
  Effect.gen(function* () {
    const out: SbomComponent[] = [];
    const seen = new Set<string>();
    const core = joinPath(parentOf(lockPath), "stdlib.std-core.lock");
    const paths = [lockPath, ...(core !== lockPath && (yield* kindOf(core)) === "file" ? [core] : [])];
    for (const p of paths) {
      const doc = yield* readJsonFile(p);
      if (!doc.ok) continue;
      for (const pkg of asArray(get(doc.value, "packages")) ?? []) {
        const name = asStr(get(pkg, "name"));
        if (name === undefined) continue;
        const version = asStr(get(pkg, "version")) ?? "";
        const key = `${name}\u0000${version}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(component("stdlib", name, version === "" ? null : version, p));
      }
    }
    return out;
  });

/** The inventory, sorted by (kind, name, version). */
export const sbomComponents = (locked: ReadonlyArray<{ name: string; version: string; path: string }>, stdlib: ReadonlyArray<SbomComponent>): SbomComponent[] =>
  [component("toolchain", TOOLCHAIN_NAME, SDK_VERSION, null), ...locked.map((d) => component("package", d.name, d.version, d.path)), ...stdlib].sort(
    (a, b) => byteCompare(a.kind, b.kind) || byteCompare(a.name, b.name) || byteCompare(a.version ?? "", b.version ?? ""),
  );

const componentId = (c: SbomComponent): string => `${c.kind}\t${c.name}\t${c.version ?? ""}`;

/** CycloneDX 1.5 JSON; `bom-ref` is `x07:` + sha256 of kind/name/version. */
export const cycloneDx = (components: ReadonlyArray<SbomComponent>): JsonValue => ({
  bomFormat: "CycloneDX",
  specVersion: "1.5",
  version: 1,
  metadata: { tools: { components: [{ type: "application", name: TOOLCHAIN_NAME, version: SDK_VERSION }] } },
  components: components.map((c) => ({
    type: c.kind === "toolchain" ? "application" : "library",
    name: c.name,
    ...(c.version !== null ? { version: c.version } : {}),
    "bom-ref": `x07:${sha256Hex(componentId(c))}`,
  })),
});

/** SPDX 2.3 JSON with a content-derived namespace and a fixed creation time. */
export const spdx = (components: ReadonlyArray<SbomComponent>): JsonValue => ({
  spdxVersion: "SPDX-2.3",
  dataLicense: "CC0-1.0",
  SPDXID: "SPDXRef-DOCUMENT",
  name: "x07 trust SBOM",
  documentNamespace: `https://x07.io/spdx/${sha256Hex(components.map(componentId).join("\n"))}`,
  creationInfo: { created: "2000-01-01T00:00:00Z", creators: [`Tool: ${TOOLCHAIN_NAME}-${SDK_VERSION}`] },
  packages: components.map((c, i) => ({ SPDXID: `SPDXRef-Package-${i + 1}`, name: c.name, downloadLocation: "NOASSERTION", ...(c.version !== null ? { versionInfo: c.version } : {}) })),
});
