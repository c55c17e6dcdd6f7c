import Graph from "graphology";
import type { Highlight } from "../model/highlight.js";
import { idOf, keyOf, type ViewGraph } from "../model/view-graph.js";

/**
 * Views with more edges draw only the highlighted ones until "Draw all". With software WebGL
 * (SwiftShader in headless Chromium, and many virtual machines) each frame of a 200-model clique
 * (40,000 edges) took 9 s, so every hover, click and pan froze the page; a real GPU draws it at
 * once, hence the button.
 */
export const EDGES_DRAWN_MAX = 10_000;

/**
 * The graph sigma is given for a view. Views up to EDGES_DRAWN_MAX edges, or every view once
 * "Draw all" is pressed, are drawn whole. A bigger one gets a graph of its own: every node, and
 * only the edges the highlight asks for (its own edges, and edges between the nodes it keeps
 * bright while they stay within the budget). Hiding edges through sigma's reducer is not enough: sigma still walks every edge of
 * its graph on each frame, 2-3 s a frame for 40,000 hidden edges with software WebGL.
 *
 * The copy holds the view's nodes as they are now; `followPositions` keeps it in step while the
 * layout moves the view's nodes.
 */
export function drawnGraph(view: ViewGraph, highlight: Highlight | null, allEdges: boolean): ViewGraph {
  if (allEdges || view.size <= EDGES_DRAWN_MAX) return view;
  const drawn: ViewGraph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  view.forEachNode((key, attributes) => drawn.addNode(key, { ...attributes }));
  if (!highlight) return drawn;
  const add = (edge: string) => {
    if (!drawn.hasEdge(edge)) drawn.addEdgeWithKey(edge, view.source(edge), view.target(edge), view.getEdgeAttributes(edge));
  };
  for (const id of highlight.edges) {
    const cut = id.indexOf("\u0000");
    const source = keyOf(id.slice(0, cut));
    const target = keyOf(id.slice(cut + 1));
    if (!view.hasNode(source) || !view.hasNode(target)) continue;
    const edge = view.edge(source, target);
    if (edge !== undefined) add(edge);
  }
  // Edges between the nodes the highlight keeps bright give context, within the same budget:
  // a loop through a whole clique keeps all of it bright, and its 40,000 edges would be back.
  const context: string[] = [];
  for (const id of highlight.nodes) {
    const key = keyOf(id);
    if (!view.hasNode(key)) continue;
    view.forEachOutEdge(key, (edge, _attributes, _source, target) => {
      if (highlight.nodes.has(idOf(target))) context.push(edge);
    });
    if (drawn.size + context.length > EDGES_DRAWN_MAX) return drawn;
  }
  for (const edge of context) add(edge);
  return drawn;
}

/**
 * Copies the view's node positions into its drawn copy whenever the layout moves them (the
 * ForceAtlas2 supervisor updates the view it was given). Returns the unsubscribe function.
 */
export function followPositions(view: ViewGraph, drawn: () => ViewGraph): () => void {
  const copy = () => {
    const target = drawn();
    if (target === view) return;
    target.updateEachNodeAttributes(
      (key, attributes) => {
        const moved = view.getNodeAttributes(key);
        attributes.x = moved.x;
        attributes.y = moved.y;
        return attributes;
      },
      { attributes: ["x", "y"] },
    );
  };
  view.on("eachNodeAttributesUpdated", copy);
  return () => void view.off("eachNodeAttributesUpdated", copy);
}
