/// <reference lib="webworker" />
import Graph from "graphology";
import { settleLayout } from "./settle-layout.js";
import type { LayoutRequest, LayoutResponse } from "./prelayout.js";

/**
 * ForceAtlas2 for a fixed number of iterations, off the page's main thread. The graph is
 * rebuilt with the same nodes (position, size) and edges in the same order, so the result is
 * exactly what `settleLayout` gives on the page's own graph.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, xy, sizes, edges, iterations, settings } = event.data;
  const graph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  for (let i = 0; i < sizes.length; i++) graph.addNode(String(i), { x: xy[2 * i]!, y: xy[2 * i + 1]!, size: sizes[i]! });
  for (let e = 0; e < edges.length; e += 2) graph.addEdge(String(edges[e]), String(edges[e + 1]));
  settleLayout(graph, iterations, settings);
  const out = new Float64Array(sizes.length * 2);
  let i = 0;
  graph.forEachNode((_key, attributes) => {
    out[i++] = attributes["x"] as number;
    out[i++] = attributes["y"] as number;
  });
  scope.postMessage({ id, xy: out } satisfies LayoutResponse, [out.buffer]);
};
