import { describe, expect, it } from "vitest";
import { impact, pathText, type Impact } from "../../analyzer/impact.js";
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
    // Another case is suggested however long the name (it was too far for a typo), and contains ignores case.
    expect(impact(estate.graph, "RANKER/LIST")).toEqual({ found: false, name: "RANKER/LIST", suggestion: "ranker/list" });
    expect(impact(estate.graph, "LIST")).toEqual({ found: false, name: "LIST", suggestion: "ranker/list" });
  });

  it("gives a long path by its two ends and how many nodes were left out, and rebuilds short ones whole", () => {
    // m0 → m0/o → m1 → … → m59: paths of up to 119 nodes; whole ones would grow with the square.
    const chain = analyzeDocs(Array.from({ length: 60 }, (_, i) => model(`m${i}`, { ...(i > 0 ? { inputs: [`m${i - 1}/o`] } : {}), outputs: [{ name: "o" }] })));
    const result = impact(chain.graph, "m0");
    if (!result.found) throw new Error("m0 not found");
    const whole = (i: number) => Array.from({ length: 2 * i + 1 }, (_, k) => (k % 2 === 0 ? `m${k / 2}` : `m${(k - 1) / 2}/o`));
    for (const reached of result.impact.downstream.models) {
      const i = Number(reached.id.slice(1));
      const path = whole(i);
      if (path.length <= 40) expect([reached.path, reached.pathOmitted]).toEqual([path, undefined]);
      else expect([reached.path, reached.pathOmitted]).toEqual([[...path.slice(0, 20), ...path.slice(-20)], path.length - 40]);
    }
    const last = result.impact.downstream.models.at(-1)!;
    expect(pathText(last, true)).toBe(`${whole(59).slice(0, 20).join(" → ")} → … (79 more) → ${whole(59).slice(-20).join(" → ")}`);
    const back = impact(chain.graph, "m59");
    if (!back.found) throw new Error("m59 not found");
    const first = back.impact.upstream.models.find((n) => n.id === "m0")!;
    expect(pathText(first, false)).toBe(`${whole(59).slice(0, 20).join(" → ")} → … (79 more) → ${whole(59).slice(-20).join(" → ")}`);
  });
});
