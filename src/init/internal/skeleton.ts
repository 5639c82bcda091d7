/**
 * The plain skeleton (`x07 init` with no template): a solve-pure project whose entry hands `input` to
 * `app.run_v1`, one smoke test, and a strict arch manifest so `x07 arch check` passes from the start.
 * Upstream's skeleton targets run-os and has no arch manifest; ours is solve-pure because `x07 test` here
 * runs solve-* worlds only.
 */
import { archManifest, ARCH_MANIFEST_PATH } from "./arch.ts";
import { entryDoc, gitignore, json, lockJson, moduleDoc, projectJson, x07ast } from "./files.ts";
import type { TemplateFile } from "./files.ts";

const APP = moduleDoc(
  "app",
  [],
  ["app.run_v1"],
  [
    {
      kind: "defn",
      name: "app.run_v1",
      doc: "The program's answer for one input: here, the input's length in bytes as a u32 LE word. Replace the body with your own logic.",
      params: [{ name: "data", ty: "bytes_view" }],
      result: "bytes",
      body: ["codec.write_u32_le", ["view.len", "data"]],
    },
  ],
);

const SMOKE = moduleDoc(
  "tests.smoke",
  ["app", "std.test"],
  ["tests.smoke.run_counts_bytes_v1"],
  [
    {
      kind: "defn",
      name: "tests.smoke.run_counts_bytes_v1",
      doc: "app.run_v1 answers 3 for a 3-byte input.",
      params: [],
      result: "result_i32",
      body: [
        "begin",
        ["let", "req", ["bytes.lit", "abc"]],
        ["let", "resp", ["app.run_v1", ["bytes.view", "req"]]],
        ["try", ["std.test.assert_i32_eq", ["codec.read_u32_le", ["bytes.view", "resp"], 0], 3, ["std.test.code_assert_i32_eq"]]],
        ["std.test.pass"],
      ],
    },
  ],
);

const README = `# x07 project

Created by \`x07 init\`.

- \`src/main.x07.json\` — the entry: passes the program input to \`app.run_v1\`.
- \`src/app.x07.json\` — module \`app\`; start here.
- \`tests/tests.json\` — the tests manifest; \`tests/smoke.x07.json\` holds the smoke test.
- \`arch/manifest.x07arch.json\` — which modules may import which (checked by \`x07 arch check\`).

Commands:

    x07 check --project x07.json
    x07 test --manifest tests/tests.json
    x07 arch check
    x07 run --program src/main.x07.json --module-root src --input <file>
`;

export const skeletonFiles = (): TemplateFile[] => [
  { path: "README.md", text: README },
  { path: "x07.json", text: projectJson({ world: "solve-pure", moduleRoots: ["src"] }) },
  { path: "x07.lock.json", text: lockJson() },
  { path: ".gitignore", text: gitignore() },
  { path: "src/app.x07.json", text: x07ast(APP, "src/app.x07.json") },
  { path: "src/main.x07.json", text: x07ast(entryDoc(["app"], ["app.run_v1", "input"]), "src/main.x07.json") },
  { path: "tests/smoke.x07.json", text: x07ast(SMOKE, "tests/smoke.x07.json") },
  {
    path: "tests/tests.json",
    text: json({
      schema_version: "x07.tests_manifest@0.2.0",
      tests: [{ id: "smoke/run_counts_bytes", world: "solve-pure", entry: "tests.smoke.run_counts_bytes_v1", expect: "pass", returns: "result_i32" }],
    }),
  },
  {
    path: ARCH_MANIFEST_PATH,
    text: archManifest({
      repoId: "x07_project",
      externals: ["std.test"],
      // A plain skeleton exports unbranded bytes (app.run_v1); brands are a certification concern.
      brandBoundary: false,
      nodes: [
        { id: "app", globs: ["src/*.x07.json", "src/**/*.x07.json"], world: "solve-pure", zone: "untrusted", allow: ["app", "std."] },
        { id: "tests", globs: ["tests/*.x07.json", "tests/**/*.x07.json"], world: "solve-pure", zone: "test_only", visibleTo: [], allow: ["app", "std.", "tests."] },
      ],
    }),
  },
];
