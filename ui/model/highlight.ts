import type { Finding } from "../../analyzer/types.js";
import { impact } from "../../analyzer/impact.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Coupling } from "./interactions.js";

export type Selection =
  | { type: "finding"; fingerprint: string }
  | { type: "node"; id: string }
  | { type: "pair"; a: string; b: string }
  | null;

/** What the graph emphasises: everything else fades. `edges` are "source\0target" ids. */
export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
  /** Nodes to centre the camera on and to isolate the subgraph around. */
  focus: string[];
  /** A finding's walk is drawn in the loop red; a node's impact and a coupling in the accent blue. */
  tone?: "walk" | "reach" | undefined;
}

export const edgeId = (source: string, target: string) => `${source}\u0000${target}`;

export function highlightFinding(finding: Finding): Highlight {
  const nodes = new Set([...finding.nodes, ...finding.models]);
  const edges = new Set<string>();
  for (const step of finding.path ?? []) {
    nodes.add(step.from);
    nodes.add(step.to);
    edges.add(edgeId(step.from, step.to));
  }
  return { nodes, edges, focus: [...nodes].sort() };
}

/** A node with its upstream and downstream within `depth` hops (the node panel's impact). */
export function highlightNode(graph: EstateGraph, id: string, depth: number): Highlight {
  const result = impact(graph, id, { depth });
  const nodes = new Set([id]);
  if (result.found) {
    for (const group of [result.impact.downstream, result.impact.upstream]) {
      for (const list of [group.models, group.outputs, group.services, group.datasets]) for (const reached of list) nodes.add(reached.id);
    }
  }
  const edges = new Set<string>();
  for (const edge of graph.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.add(edgeId(edge.source, edge.target));
  return { nodes, edges, focus: [id], tone: "reach" };
}

export function highlightPair(graph: EstateGraph, coupling: Coupling): Highlight {
  const nodes = new Set([coupling.a, coupling.b, ...coupling.nodes]);
  // The pair's own outputs, so the path from one model to the other is visible.
  for (const node of graph.nodes) if (node.model !== undefined && (node.model === coupling.a || node.model === coupling.b)) nodes.add(node.id);
  const edges = new Set<string>();
  for (const edge of graph.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.add(edgeId(edge.source, edge.target));
  return { nodes, edges, focus: [coupling.a, coupling.b], tone: "reach" };
}
