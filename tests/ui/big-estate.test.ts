import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { REPORTERS } from "../../analyzer/report/index.js";
import { generateEstate } from "../../bench/generate.js";
import { indexEstate, neighbourhood } from "../../ui/model/estate-index.js";
import { buildViewGraph, idOf, modelToModelEdges } from "../../ui/model/view-graph.js";
import { attachDetails, detachDetails, detachGraphDetails, outlineToSend } from "../../ui/worker/details.js";
import { packOutline, unpackOutline } from "../../ui/worker/graph-codec.js";
import type { AnalysisResult } from "../../ui/worker/protocol.js";

/** What the UI does differently on a big estate, checked on a small one (the thresholds are lowered). */
const { report, graph } = analyze(generateEstate({ models: 300, seed: 7 }), { today: "2026-11-28" });

describe("a big result crosses to the page in two steps", () => {
  it("gives back the same report and graph, byte for byte (JSON key order included), once every part is attached", () => {
    const before = JSON.stringify({ report, graph });
    const sent: AnalysisResult = structuredClone({ report, graph, notices: [], millis: 0 });
    const parts = detachDetails(sent, 0, 97);
    expect(parts.length).toBeGreaterThan(3);
    // What the page gets first holds no locations.
    const first = structuredClone(sent);
    expect(first.report.findings.every((f) => f.locations.length === 0)).toBe(true);
    expect(first.graph.edges.every((e) => e.locations.length === 0 && e.declaredBy.length === 0)).toBe(true);
    for (const part of parts) attachDetails(first, structuredClone(part));
    expect(JSON.stringify({ report: first.report, graph: first.graph })).toBe(before);
    expect(REPORTERS.json(first.report)).toBe(REPORTERS.json(report));
  });

  it("sends a big graph's outline first (nothing located) and gets the same graph, byte for byte, once the positions are attached", () => {
    const analysis = analyze(generateEstate({ models: 300, seed: 7 }), { today: "2026-11-28" });
    const outline = outlineToSend(analysis);
    expect(outline.edges.every((e) => e.locations.length === 0 && e.declaredBy.length === 0)).toBe(true);
    expect(outline.nodes.every((n) => n.location === undefined && n.attributes === undefined)).toBe(true);
    const page: AnalysisResult = structuredClone({ report: analysis.report, graph: outline, notices: [], millis: 0 });
    for (const part of detachGraphDetails(structuredClone(analysis.graph), 97)) attachDetails(page, structuredClone(part));
    expect(JSON.stringify(page.graph)).toBe(JSON.stringify(graph));
  });

  it("packs the outline in columns and unpacks the same objects, keys in the same order", () => {
    const outline = outlineToSend(analyze(generateEstate({ models: 300, seed: 7 }), { today: "2026-11-28" }));
    const packed = structuredClone(packOutline(outline));
    expect(JSON.stringify(unpackOutline(packed))).toBe(JSON.stringify(outline));
    // `undefined` slots too (they keep the keys' places for the positions that follow).
    expect(unpackOutline(packed).nodes.map((n) => Object.keys(n).join())).toEqual(outline.nodes.map((n) => Object.keys(n).join()));
    expect(unpackOutline(packed).edges.map((e) => Object.keys(e).join())).toEqual(outline.edges.map((e) => Object.keys(e).join()));
    expect(() => packOutline(graph)).toThrow(/not an outline/);
  });

  it("sends a small result whole", () => {
    expect(detachDetails(structuredClone({ report, graph, notices: [], millis: 0 }))).toEqual([]);
  });
});

describe("the first view of a big estate", () => {
  const index = indexEstate(graph, report.findings);

  it("indexes each finding once per node it names", () => {
    for (const [id, list] of index.findingsByNode) {
      expect(new Set(list).size).toBe(list.length);
      const expected = report.findings.filter((f) => f.nodes.includes(id) || f.models.includes(id));
      expect(list).toEqual(expected);
    }
  });

  it("walks model → model edges only from the models in view, and finds the same edges as the walk over the estate", () => {
    const all = modelToModelEdges(graph, index);
    const seeds = graph.loops.flatMap((loop) => loop.nodes).slice(0, 60);
    const visible = neighbourhood(index, seeds, 1);
    const view = buildViewGraph(graph, index, { visible, modelsOnly: true });
    const drawn = view.mapEdges((_key, attributes, source, target) => `${idOf(source)}\u0000${idOf(target)} ${attributes.kind} ${(attributes.via ?? []).join(",")}`).sort();
    const expected = [...all]
      .filter(([pair]) => pair.split("\u0000").every((id) => visible.has(id)))
      .map(([pair, via]) => `${pair} ${drawn.find((d) => d.startsWith(`${pair} `))?.split(" ")[1]} ${[...via.through].sort().join(",")}`)
      .sort();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn).toEqual(expected);
  });
});
