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

describe("the first view of dense loops", () => {
  // Drawn as sigma fits it: the laid-out extent into the stage, nodes at their size in pixels.
  const overlaps = (view: ViewGraph) => {
    const nodes = view.mapNodes((_key, a) => a);
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const scale = Math.min(680 / (Math.max(...xs) - Math.min(...xs)), 480 / (Math.max(...ys) - Math.min(...ys)));
    let pairs = 0;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) if (Math.hypot(nodes[i]!.x - nodes[j]!.x, nodes[i]!.y - nodes[j]!.y) * scale < nodes[i]!.size + nodes[j]!.size) pairs++;
    return pairs;
  };

  it("keeps nodes of a models-only view apart on screen, and their drawn sizes as they were", async () => {
    // 300 models: their loops' models, about 150 of them in tight clusters of 10-20 (one per team).
    const big = analyze(generateEstate({ models: 300, seed: 1 }), { today: "2026-11-28" });
    const bigIndex = indexEstate(big.graph, big.report.findings);
    const view = buildViewGraph(big.graph, bigIndex, { visible: new Set(big.graph.loops.flatMap((l) => l.nodes)), modelsOnly: true });
    expect(view.order).toBeGreaterThan(100);
    const sizes = view.mapNodes((_key, a) => a.size);
    await prelayout(view).done;
    expect(view.mapNodes((_key, a) => a.size)).toEqual(sizes);
    // ForceAtlas2 alone left 136 pairs of nodes drawn over each other in this view.
    expect(overlaps(view)).toBeLessThan(40);
  });
});
