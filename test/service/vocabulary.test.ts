/** The fixed vocabulary tables, the archetype catalog and `x07 service archetypes`. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  BINDING_KINDS,
  CELL_KINDS,
  cronError,
  INGRESS_KINDS,
  RUNTIME_CLASSES,
  SCALE_CLASSES,
  SERVICE_ARCHETYPES,
  TARGET_KINDS,
  TOPOLOGY_PLACEMENTS,
  archetypeCatalog,
  expectedIngress,
} from "../../src/service/index.ts";
import { runCli } from "../_helpers/cli.ts";

type Schema = { properties: Record<string, unknown>; $defs: Record<string, { properties: Record<string, { enum?: string[] }> }> };

describe("vocabulary", () => {
  it("each table holds exactly the values the manifest schema allows", () => {
    const s = JSON.parse(readFileSync(new URL("../../schemas/x07/x07.service.manifest@0.1.0.schema.json", import.meta.url), "utf8")) as Schema;
    const cell = s.$defs["cell"]!.properties;
    expect(Object.keys(CELL_KINDS).sort()).toEqual([...cell["cell_kind"]!.enum!].sort());
    expect(Object.keys(INGRESS_KINDS).sort()).toEqual([...cell["ingress_kind"]!.enum!].sort());
    expect(Object.keys(RUNTIME_CLASSES).sort()).toEqual([...cell["runtime_class"]!.enum!].sort());
    expect(Object.keys(SCALE_CLASSES).sort()).toEqual([...cell["scale_class"]!.enum!].sort());
    expect(Object.keys(BINDING_KINDS).sort()).toEqual([...s.$defs["binding"]!.properties["kind"]!.enum!].sort());
  });

  it("names the issue's values", () => {
    expect(Object.keys(RUNTIME_CLASSES)).toEqual(["wasm-component", "native-http", "native-worker", "embedded-kernel"]);
    expect(Object.keys(SCALE_CLASSES)).toEqual(["replicated-http", "partitioned-consumer", "singleton-orchestrator", "leased-worker", "burst-batch", "embedded-kernel"]);
    expect(Object.keys(BINDING_KINDS)).toEqual(["postgres", "mysql", "sqlite", "redis", "kafka", "amqp", "s3", "secret", "otlp"]);
    expect(Object.keys(TOPOLOGY_PLACEMENTS)).toEqual(expect.arrayContaining(["co-located", "split-by-cell"]));
    expect(Object.keys(TARGET_KINDS)).toEqual(expect.arrayContaining(["hosted", "k8s", "wasmcloud"]));
    expect(Object.entries(BINDING_KINDS).filter(([, v]) => v.messaging).map(([k]) => k)).toEqual(["kafka", "amqp"]);
  });

  it("every cell kind takes one ingress kind from the table", () => {
    for (const k of Object.keys(CELL_KINDS) as Array<keyof typeof CELL_KINDS>) expect(Object.keys(INGRESS_KINDS)).toContain(expectedIngress(k));
    expect(expectedIngress("policy-service")).toBe("http");
    expect(expectedIngress("scheduled-job")).toBe("schedule");
  });

  it("every archetype is consistent with the tables", () => {
    expect(SERVICE_ARCHETYPES.map((a) => a.id)).toEqual(["api-cell", "event-consumer", "scheduled-job", "policy-service", "workflow-service"]);
    for (const a of SERVICE_ARCHETYPES) {
      expect(a.ingress_kind).toBe(expectedIngress(a.cell_kind));
      for (const b of a.supported_bindings) expect(Object.keys(BINDING_KINDS)).toContain(b);
    }
    expect(SERVICE_ARCHETYPES.filter((a) => a.scaffold_only).map((a) => a.id)).toEqual(["workflow-service"]);
  });
});

describe("cron", () => {
  it("explains what is wrong", () => {
    expect(cronError("0 */6 * * *")).toBeUndefined();
    expect(cronError("* * * *")).toContain("5 fields");
    expect(cronError("61 * * * *")).toContain("minute");
    expect(cronError("* * * * 9")).toContain("day-of-week");
    expect(cronError("@reboot")).toContain("unknown macro");
  });
});

describe("x07 service archetypes", () => {
  it("prints the catalog; --json wraps it in x07.tool.service.archetypes.report@0.1.0", async () => {
    const plain = await runCli(["service", "archetypes"], process.cwd());
    expect(plain.code).toBe(0);
    const printed = JSON.parse(plain.stdout);
    expect(printed).toEqual(JSON.parse(JSON.stringify(archetypeCatalog())));
    const r = await runCli(["service", "archetypes", "--json"], process.cwd());
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ schema_version: "x07.tool.service.archetypes.report@0.1.0", command: "x07.service.archetypes", ok: true, diagnostics: [] });
    expect(rep.result.stdout_json).toEqual(printed);
  });
  it("prints upstream's field order (the --json envelope is canonical JSON, keys sorted)", async () => {
    const printed = JSON.parse((await runCli(["service", "archetypes"], process.cwd())).stdout);
    expect(Object.keys(printed.archetypes[0])).toEqual([
      "id",
      "summary",
      "cell_kind",
      "ingress_kind",
      "runtime_class",
      "scale_class",
      "example_path",
      "default_capabilities",
      "default_packages",
      "supported_bindings",
      "scaffold_only",
    ]);
  });
});
