import { describe, expect, it } from "vitest";
import { indexEstate } from "../../ui/model/estate-index.js";
import { buildViewGraph, idOf } from "../../ui/model/view-graph.js";
import { analyzeDocs, dataset, model } from "../helpers/estate.js";

describe("the models-only view's edge labels", () => {
  it("label a pair of models that reach each other once, naming both directions, so the two labels do not print over each other", () => {
    const { graph, report } = analyzeDocs([
      model("a", { inputs: ["b/score", "clicks"], outputs: [{ name: "rank", consumers: ["b"] }] }),
      model("b", { inputs: ["a/rank"], outputs: [{ name: "score", consumers: ["a"] }] }),
      model("c", { inputs: ["a/rank"] }),
      dataset("clicks"),
    ]);
    const view = buildViewGraph(graph, indexEstate(graph, report.findings), { modelsOnly: true });
    const labels = view.mapEdges((_key, attributes, source, target) => `${idOf(source)}→${idOf(target)}: ${attributes.label ?? "(none)"}`).sort();
    expect(labels).toEqual(["a→b: loop ⇄ via a/rank, b/score", "a→c: data · via a/rank", "b→a: (none)"]);
  });
});
