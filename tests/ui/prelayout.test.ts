import { describe, expect, it } from "vitest";
import { analyze } from "../../analyzer/index.js";
import { generateEstate } from "../../bench/generate.js";
import { prelayout, readyToDraw } from "../../ui/graph/prelayout.js";
import { indexEstate } from "../../ui/model/estate-index.js";
import { buildViewGraph, type ViewGraph } from "../../ui/model/view-graph.js";

const { report, graph } = analyze(generateEstate({ models: 20, seed: 3 }), { today: "2026-11-28" });
const index = indexEstate(graph, report.findings);
const positions = (view: ViewGraph) => view.mapNodes((key, a) => `${key} ${a.x} ${a.y}`);

/**
 * A page where workers cannot start (a strict content policy, an old browser) lays a small
 * view out on its own thread. The graph view waits for the job before the first frame: a job
 * that never resolved left the previous view on screen for good.
 */
describe("the layout before a small view's first frame, without workers (Node has none)", () => {
  it("runs on the page, resolves, and gives the same positions every time", async () => {
    const view = buildViewGraph(graph, index, { modelsOnly: false });
    expect(view.order).toBeLessThanOrEqual(400);
    expect(readyToDraw(view)).toBe(false);
    const seeded = positions(view);
    await prelayout(view).done;
    expect(readyToDraw(view)).toBe(true);
    expect(positions(view)).not.toEqual(seeded);

    const again = buildViewGraph(graph, index, { modelsOnly: false });
    await prelayout(again).done;
    expect(positions(again)).toEqual(positions(view));
  });
});
