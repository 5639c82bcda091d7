/**
 * `x07 init --template verified-core-pure`: a solve-pure project shaped for certification — one total
 * kernel with postconditions, its boundary declared in the boundaries index, smoke + property tests, a strict
 * arch manifest and a copy of the `verified_core_pure_v1` trust profile naming the kernel as entrypoint.
 */
import { builtinProfile } from "../../certify/profiles/index.ts";
import { archManifest, ARCH_MANIFEST_PATH, boundariesIndex, BOUNDARIES_INDEX_PATH } from "./arch.ts";
import { gitignore, json, lockJson, projectJson } from "./files.ts";
import type { TemplateFile } from "./files.ts";
import { clamp, kernelBoundary, kernelFiles, kernelSymbols, modulePath } from "./kernel.ts";
import type { KernelSpec } from "./kernel.ts";

export const VERIFIED_KERNEL: KernelSpec = {
  module: "ratio.core",
  fn: "percent_v1",
  doc: "part as a whole-number percentage of whole, from 0 to 100: part is clamped to 0..whole, whole to at most 1000000, and a whole below 1 gives 0.",
  params: ["part", "whole"],
  body: ["if", ["<", "whole", 1], 0, ["begin", ["let", "w", clamp("whole", 1, 1000000)], ["let", "p", clamp("part", 0, "w")], ["/", ["*", "p", 100], "w"]]],
  ensures: [
    [">=", "__result", 0],
    ["<=", "__result", 100],
  ],
  cases: [
    { args: [1, 4], expect: 25 },
    { args: [7, 7], expect: 100 },
    { args: [9, 3], expect: 100 },
    { args: [5, 0], expect: 0 },
    { args: [-2, 10], expect: 0 },
  ],
  gens: [
    { min: -1000, max: 2000000 },
    { min: -1000, max: 2000000 },
  ],
};

/**
 * Where verified-core-pure writes its trust profile.
 * @since 0.1.0
 * @category models
 */
export const TRUST_PROFILE_PATH = "arch/trust/profiles/verified_core_pure_v1.json";

const readme = (k: KernelSpec): string => {
  const s = kernelSymbols(k);
  return `# verified-core-pure

Created by \`x07 init --template verified-core-pure\`: a pure (solve-pure) project laid out so a certificate can
stand in for reading the source.

- \`${modulePath(k.module)}\` — the kernel \`${s.kernel}\` (total, with \`ensures\` clauses) and \`${s.handler}\`,
  which decodes two u32 LE words from the input, calls the kernel and encodes its answer.
- \`src/main.x07.json\` — the entry: \`${s.handler}\` on the program input.
- \`tests/core.x07.json\` — unit cases of the kernel, a handler round trip, and a property test that checks the
  kernel's \`ensures\` clauses on generated inputs (\`tests/tests.json\` lists all three).
- \`arch/manifest.x07arch.json\` — kernel, entry and tests nodes in allowlist mode;
  \`arch/boundaries/index.x07boundary.json\` declares the kernel as a public boundary with its smoke and PBT tests.
- \`${TRUST_PROFILE_PATH}\` — the \`verified_core_pure_v1\` trust profile with \`${s.kernel}\` as its entrypoint.

Commands:

    x07 check --project x07.json
    x07 test --all --manifest tests/tests.json
    x07 arch check
    x07 verify --coverage --entry ${s.kernel}
    x07 verify --prove --entry ${s.kernel}
    x07 trust profile check --profile ${TRUST_PROFILE_PATH} --project x07.json --entry ${s.kernel}
    x07 trust certify --project x07.json --profile ${TRUST_PROFILE_PATH} --entry ${s.kernel} --out-dir target/cert
`;
};

export const verifiedCorePureFiles = (): TemplateFile[] => {
  const k = VERIFIED_KERNEL;
  const s = kernelSymbols(k);
  const domain = k.module.split(".")[0]!;
  return [
    { path: "README.md", text: readme(k) },
    { path: "x07.json", text: projectJson({ world: "solve-pure", moduleRoots: ["src"], operationalEntry: s.kernel }) },
    { path: "x07.lock.json", text: lockJson() },
    { path: ".gitignore", text: gitignore() },
    ...kernelFiles(k),
    {
      path: ARCH_MANIFEST_PATH,
      text: archManifest({
        repoId: "verified_core_pure",
        externals: ["std.test"],
        boundariesIndex: BOUNDARIES_INDEX_PATH,
        nodes: [
          { id: "kernel", globs: [`src/${domain}/*.x07.json`, `src/${domain}/**/*.x07.json`], world: "solve-pure", zone: "verified_core", visibleTo: ["kernel", "entry", "tests"], allow: [`${domain}.`, "std."] },
          { id: "entry", globs: ["src/main.x07.json"], world: "solve-pure", zone: "verified_core", allow: [`${domain}.`, "std."] },
          { id: "tests", globs: ["tests/*.x07.json", "tests/**/*.x07.json"], world: "solve-pure", zone: "test_only", visibleTo: [], allow: [`${domain}.`, "std.", "tests."] },
        ],
      }),
    },
    { path: BOUNDARIES_INDEX_PATH, text: boundariesIndex([kernelBoundary(k, "kernel")]) },
    // the built-in profile (certify's table) bound to the kernel
    { path: TRUST_PROFILE_PATH, text: json(builtinProfile("verified_core_pure_v1", [s.kernel])) },
  ];
};
