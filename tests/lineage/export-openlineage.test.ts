import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020.js";
import { analyze } from "../../analyzer/index.js";
import { toOpenLineageJobEvents, toOpenLineageNdjson } from "../../analyzer/export/openlineage.js";
import { importOpenLineage, renderImportedFile } from "../../analyzer/import/index.js";
import { fileURLToPath } from "node:url";
import { EXTERNAL, fixture, sourcesUnder } from "./helpers.js";

const estate = [
  fixture("estate.yaml"),
  { path: "loop.yaml", text: "apiVersion: loopscope/v1\nkind: Service\nname: checkout\nconsumes: [pricer/prices]\ninfluences: [orders]\n---\napiVersion: loopscope/v1\nkind: Dataset\nname: order-stats\ndescription: daily order counts\nderivedFrom: [orders]\n" },
];
const OPTIONS = { eventTime: "2026-11-28T00:00:00Z", namespace: "loopscope-test" };

describe("graph --format openlineage (export)", () => {
  const { graph } = analyze(estate);
  const events = toOpenLineageJobEvents(graph, OPTIONS);

  it("writes a JobEvent per model and service and a DatasetEvent per derived dataset, valid against the OpenLineage spec", () => {
    expect(events.map((e) => (e["job"] as { name: string } | undefined)?.name ?? `dataset:${(e["dataset"] as { name: string }).name}`)).toEqual(["checkout", "pricer", "ranker", "storefront", "dataset:order-stats"]);
    const spec = JSON.parse(readFileSync(`${EXTERNAL}openlineage/OpenLineage.json`, "utf8")) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(spec);
    const id = spec["$id"] as string;
    expect(ajv.validate(`${id}#/$defs/JobEvent`, { eventTime: OPTIONS.eventTime, producer: "p", schemaURL: "s" })).toBe(false); // no job
    for (const event of events) {
      const kind = event["job"] ? "JobEvent" : "DatasetEvent";
      const valid = ajv.validate(`${id}#/$defs/${kind}`, event);
      expect(valid, JSON.stringify(ajv.errors)).toBe(true);
    }
  });

  it("carries declared lineage and the influence edges lineage tools lack", () => {
    const checkout = events[0]!;
    expect(checkout["inputs"]).toEqual([{ namespace: "postgres://warehouse:5432", name: "ml.prices" }]);
    expect(checkout["outputs"]).toMatchObject([{ namespace: "postgres://warehouse:5432", name: "public.orders", outputFacets: { loopscope_influence: { via: "checkout" } } }]);
    const pricer = events[1]!;
    expect((pricer["job"] as { facets: Record<string, unknown> }).facets["lineage"]).toMatchObject({
      entries: [
        { namespace: "loopscope-test", name: "pricer", type: "JOB", inputs: [{ namespace: "postgres://warehouse:5432", name: "public.orders", type: "DATASET" }] },
        { namespace: "postgres://warehouse:5432", name: "ml.prices", type: "DATASET", inputs: [{ namespace: "loopscope-test", name: "pricer", type: "JOB" }] },
      ],
    });
  });

  it("round-trips: importing the export gives back the models, consumers, influences and lineage, so the loop survives", () => {
    const before = analyze(estate).graph.loops;
    expect(before.map((l) => [l.kind, l.models])).toEqual([["direct", ["pricer"]]]);
    const ndjson = toOpenLineageNdjson(graph, OPTIONS);
    const imported = importOpenLineage([{ path: "estate.ndjson", text: ndjson }]);
    expect(imported.counts).toMatchObject({ models: 2, services: 2 });
    const after = analyze(imported.files.map((f) => ({ path: f.path, text: renderImportedFile(f) })));
    expect(after.graph.loops.map((l) => [l.kind, l.models])).toEqual([["direct", ["pricer"]]]);
    const checkout = imported.files.flatMap((f) => f.documents).find((d) => d.name === "checkout");
    // The output keeps its own name behind its declared lineage identity (ml.prices).
    expect(checkout).toMatchObject({ kind: "Service", consumes: ["pricer/prices"], influences: ["public.orders"] });
  });

  it("round-trips the bike shop: every output by its own name, its influences with it, and the same loops", () => {
    const sample = sourcesUnder(fileURLToPath(new URL("../../samples/bike-shop/", import.meta.url)));
    const before = analyze(sample).graph;
    const imported = importOpenLineage([{ path: "bike-shop.ndjson", text: toOpenLineageNdjson(before, OPTIONS) }]);
    const after = analyze(imported.files.map((f) => ({ path: f.path, text: renderImportedFile(f) }))).graph;
    const outputs = (g: typeof before) => g.nodes.filter((n) => n.kind === "output").map((n) => n.id).sort();
    expect(outputs(after)).toEqual(outputs(before));
    // Influences of model outputs, which close the loops: `top10 → purchases` came back as nothing.
    const influences = (g: typeof before) => g.edges.filter((e) => e.kind === "influences" && g.nodes.find((n) => n.id === e.source)!.kind === "output").map((e) => `${e.source}->${e.target}`).sort();
    expect(influences(after)).toEqual(influences(before));
    expect(influences(before)).toContain("bike-recommender/top10->purchases");
    const loops = (g: typeof before) => g.loops.map((l) => `${l.kind}:${l.models.join(",")}`).sort();
    expect(loops(after)).toEqual(loops(before));
    expect(imported.notices.filter((n) => n.message.includes("influence"))).toEqual([]);
  });

  it("says so when an influence names no output of its model, instead of dropping it silently", () => {
    const event = { eventTime: OPTIONS.eventTime, producer: "p", schemaURL: "s", job: { namespace: "ns", name: "m", facets: { jobType: { jobType: "ML_MODEL" } } },
      inputs: [{ namespace: "ns", name: "clicks" }],
      outputs: [{ namespace: "ns", name: "m/a" }, { namespace: "ns", name: "m/b" }, { namespace: "ns", name: "clicks", outputFacets: { loopscope_influence: { via: "m/c" } } }] };
    const imported = importOpenLineage([{ path: "e.ndjson", text: `${JSON.stringify(event)}\n` }]);
    expect(imported.files.flatMap((f) => f.documents).find((d) => d.name === "m")).toMatchObject({ outputs: [{ name: "a" }, { name: "b" }] });
    expect(imported.notices.map((n) => n.message)).toContain("m influences ns/clicks through m/c, which is not one of its outputs; that influence is not imported (add it to the right output by hand)");
  });
});
