import { describe, expect, it } from "vitest";
import { impact, type Impact } from "../../analyzer/impact.js";
import { analyzeDocs, dataset, model, service } from "../helpers/estate.js";

// raw → features → scorer → ranker → app, app influences clicks, ranker trains on clicks.
const estate = analyzeDocs([
  dataset("raw"),
  dataset("features", { derivedFrom: ["raw"] }),
  model("scorer", { inputs: ["features"], outputs: [{ name: "score" }] }),
  model("ranker", { inputs: ["scorer/score", { from: "clicks", use: "training" }], outputs: [{ name: "list", consumers: ["app"] }] }),
  service("app", { influences: ["clicks"] }),
  dataset("clicks"),
  model("unrelated", { inputs: ["weather"], outputs: [{ name: "x" }] }),
]);

function found(name: string, depth?: number): Impact {
  const result = impact(estate.graph, name, { depth });
  if (!result.found) throw new Error(`not found: ${name}`);
  return result.impact;
}

const ids = (list: { id: string; hops: number }[]) => list.map((n) => `${n.id}@${n.hops}`);

describe("impact", () => {
  it("follows derivedFrom, reads, produces, consumes and influences downstream with hop counts", () => {
    const result = found("raw");
    expect(ids(result.downstream.datasets)).toEqual(["features@1", "clicks@7"]);
    expect(ids(result.downstream.models)).toEqual(["scorer@2", "ranker@4"]);
    expect(ids(result.downstream.services)).toEqual(["app@6"]);
    expect(ids(result.downstream.outputs)).toEqual(["scorer/score@3", "ranker/list@5"]);
    expect(result.downstream.models[1]!.path).toEqual(["raw", "features", "scorer", "scorer/score", "ranker"]);
    expect(result.upstream).toEqual({ models: [], outputs: [], services: [], datasets: [] });
    expect(JSON.stringify(result)).not.toContain("unrelated");
  });

  it("names the loops a change reaches and where it enters them", () => {
    const result = found("raw");
    expect(result.loops.map((l) => [l.kind, l.models, l.entry, l.hops])).toEqual([["direct", ["ranker"], "ranker", 4]]);
    expect(found("clicks").loops.map((l) => l.hops)).toEqual([0]);
  });

  it("lists upstream dependencies of a model, and honours depth in both directions", () => {
    const result = found("ranker");
    expect(ids(result.upstream.models)).toEqual(["scorer@2"]);
    expect(ids(result.upstream.datasets)).toEqual(["clicks@1", "features@3", "raw@4"]);
    const shallow = found("ranker", 1);
    expect(ids(shallow.upstream.datasets)).toEqual(["clicks@1"]);
    expect(ids(shallow.downstream.outputs)).toEqual(["ranker/list@1"]);
    expect(shallow.downstream.services).toEqual([]);
  });

  it("returns a suggestion for an unknown name instead of throwing", () => {
    expect(impact(estate.graph, "rankr")).toEqual({ found: false, name: "rankr", suggestion: "ranker" });
    expect(impact(estate.graph, "zzzzzzzz")).toEqual({ found: false, name: "zzzzzzzz" });
    expect(impact(estate.graph, "list")).toEqual({ found: false, name: "list", suggestion: "ranker/list" });
  });
});
