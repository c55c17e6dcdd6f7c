import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import type { SourceFile } from "../../analyzer/types.js";
import { drawnGraph, EDGES_DRAWN_MAX, followPositions } from "../../ui/graph/drawn-graph.js";
import { highlightFinding, highlightNode } from "../../ui/model/highlight.js";
import { indexEstate } from "../../ui/model/estate-index.js";
import { buildViewGraph } from "../../ui/model/view-graph.js";

/** `n` models, each reading every other model's output: about n² edges, past the drawing budget. */
function clique(n: number): SourceFile[] {
  const files: SourceFile[] = [{ path: "sales.yaml", text: "apiVersion: loopscope/v1\nkind: Dataset\nname: sales\n" }];
  for (let i = 0; i < n; i++) {
    const inputs = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i).map((j) => `m${j}/o`);
    files.push({ path: `m${i}.yaml`, text: `apiVersion: loopscope/v1\nkind: Model\nname: m${i}\ninputs: [${inputs.join(", ")}]\noutputs:\n  - name: o\n    influences: [sales]\n` });
  }
  return files;
}

const { report, graph } = analyze(clique(105), { today: "2026-11-28" });
const view = buildViewGraph(graph, indexEstate(graph, report.findings), { modelsOnly: false });

describe("what sigma is given for a view over the edge budget", () => {
  it("is the view itself up to the budget, and after Draw all", () => {
    const few = analyze(clique(5));
    const small = buildViewGraph(few.graph, indexEstate(few.graph, few.report.findings), { modelsOnly: false });
    expect(drawnGraph(small, null, false)).toBe(small);
    expect(view.size).toBeGreaterThan(EDGES_DRAWN_MAX);
    expect(drawnGraph(view, null, true)).toBe(view);
  });

  it("holds every node and no edge while nothing is highlighted", () => {
    const drawn = drawnGraph(view, null, false);
    expect(drawn).not.toBe(view);
    expect(drawn.nodes()).toEqual(view.nodes());
    expect(drawn.size).toBe(0);
    expect(drawn.getNodeAttributes("n:m7")).toEqual(view.getNodeAttributes("n:m7"));
  });

  it("holds a loop's walk, with the view's edge keys and attributes, and leaves out the clique around it", () => {
    const loop = report.findings.find((f) => f.rule === "circular-model-dependency" || f.rule === "hidden-feedback-loop")!;
    const highlight = highlightFinding(loop);
    const drawn = drawnGraph(view, highlight, false);
    expect(drawn.size).toBeGreaterThan(0);
    // Every drawn edge is one of the view's, between the same ends, with the same attributes.
    drawn.forEachEdge((edge, attributes, source, target) => {
      expect(view.source(edge)).toBe(source);
      expect(view.target(edge)).toBe(target);
      expect(attributes).toEqual(view.getEdgeAttributes(edge));
    });
    // The walk's edges are all there; the loop keeps the whole clique bright, so the
    // context edges between bright nodes would pass the budget and are left out.
    for (const step of loop.path ?? []) expect(drawn.hasEdge(`n:${step.from}`, `n:${step.to}`)).toBe(true);
    expect(drawn.size).toBe(new Set((loop.path ?? []).map((s) => `${s.from}>${s.to}`)).size);
  });

  it("adds the edges between bright nodes when they fit the budget", () => {
    const highlight = highlightNode(graph, "sales", 1);
    const drawn = drawnGraph(view, highlight, false);
    let expected = 0;
    view.forEachEdge((_edge, _attributes, source, target) => {
      if (highlight.nodes.has(source.slice(2)) && highlight.nodes.has(target.slice(2))) expected++;
    });
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(EDGES_DRAWN_MAX);
    expect(drawn.size).toBe(expected);
  });

  it("follows the layout: positions moved in the view reach the drawn copy until unsubscribed", () => {
    const drawn = drawnGraph(view, null, false);
    const stop = followPositions(view, () => drawn);
    view.updateEachNodeAttributes((key, attributes) => ({ ...attributes, x: key === "n:m3" ? 42 : attributes.x, y: key === "n:m3" ? -7 : attributes.y }), { attributes: ["x", "y"] });
    expect(drawn.getNodeAttribute("n:m3", "x")).toBe(42);
    expect(drawn.getNodeAttribute("n:m3", "y")).toBe(-7);
    stop();
    view.updateEachNodeAttributes((key, attributes) => ({ ...attributes, x: key === "n:m3" ? 1 : attributes.x }), { attributes: ["x", "y"] });
    expect(drawn.getNodeAttribute("n:m3", "x")).toBe(42);
  });
});
