import type Graph from "graphology";
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";

/** The stage a first view is fitted into, in CSS pixels, less sigma's padding: about 680 × 480 on a laptop screen. */
const STAGE_PX = 480;
/** Share of the iterations spent spreading the graph before nodes push apart by their size (tuned on the generator's estates of 300 to 5,000 models). */
const SPREAD_SHARE = 0.6;
/** Pushing nodes apart widens the graph, so each node's share of the stage shrinks: sizes are rescaled between rounds. */
const SETTLE_ROUNDS = 3;
/** Room kept around each node, as a share of its size. */
const MARGIN = 1.2;

/**
 * ForceAtlas2, then its anti-collision mode (`adjustSizes`) for the last 40% of the
 * iterations. Nodes are sized in screen pixels (sigma's `itemSizesReference: "screen"`) while
 * ForceAtlas2 works in graph units, so on their own the sizes mean nothing to it: dense loops
 * were drawn as piles of overlapping squares. The sizes are scaled to graph units by how the
 * spread-out graph will be fitted to the stage, used for the settling, then put back.
 */
export function settleLayout(graph: Graph, iterations: number, settings: ForceAtlas2Settings): void {
  const spread = Math.round(iterations * SPREAD_SHARE);
  forceAtlas2.assign(graph, { iterations: spread, settings });
  if (graph.order < 2) return;
  const sizes = new Map<string, number>();
  graph.forEachNode((key, attributes) => sizes.set(key, attributes["size"] as number));
  const rounds = SETTLE_ROUNDS;
  let left = iterations - spread;
  for (let round = 0; round < rounds; round++) {
    const unitsPerPixel = extent(graph) / STAGE_PX;
    if (!(unitsPerPixel > 0) || !Number.isFinite(unitsPerPixel)) break;
    graph.forEachNode((key) => graph.setNodeAttribute(key, "size", sizes.get(key)! * unitsPerPixel * MARGIN));
    const these = Math.ceil(left / (rounds - round));
    forceAtlas2.assign(graph, { iterations: these, settings: { ...settings, adjustSizes: true } });
    left -= these;
  }
  graph.forEachNode((key) => graph.setNodeAttribute(key, "size", sizes.get(key)!));
}

function extent(graph: Graph): number {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  graph.forEachNode((_key, attributes) => {
    const [x, y] = [attributes["x"] as number, attributes["y"] as number];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  });
  return Math.max(x1 - x0, y1 - y0);
}
