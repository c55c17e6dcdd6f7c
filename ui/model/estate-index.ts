import type { EstateEdge, EstateGraph, EstateNode } from "../../analyzer/graph/estate-graph.js";
import type { Finding } from "../../analyzer/types.js";

/** Look-ups the views share, built once per analysis. */
export interface EstateIndex {
  nodes: Map<string, EstateNode>;
  out: Map<string, EstateEdge[]>;
  in: Map<string, EstateEdge[]>;
  findingsByNode: Map<string, Finding[]>;
  owners: string[];
  loopNodes: Set<string>;
}

export function indexEstate(graph: EstateGraph, findings: Finding[]): EstateIndex {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, EstateEdge[]>();
  const inbound = new Map<string, EstateEdge[]>();
  for (const edge of graph.edges) {
    (out.get(edge.source) ?? out.set(edge.source, []).get(edge.source)!).push(edge);
    (inbound.get(edge.target) ?? inbound.set(edge.target, []).get(edge.target)!).push(edge);
  }
  const findingsByNode = new Map<string, Finding[]>();
  for (const finding of findings) {
    for (const id of new Set([...finding.nodes, ...finding.models])) {
      (findingsByNode.get(id) ?? findingsByNode.set(id, []).get(id)!).push(finding);
    }
  }
  const owners = [...new Set(graph.nodes.map((n) => n.owner).filter((o): o is string => o !== undefined))].sort();
  const loopNodes = new Set(graph.loops.flatMap((loop) => loop.nodes));
  return { nodes, out, in: inbound, findingsByNode, owners, loopNodes };
}

/** Nodes within `depth` undirected hops of `seeds` (the neighbourhood shown around a selection). */
export function neighbourhood(index: EstateIndex, seeds: Iterable<string>, depth: number): Set<string> {
  const result = new Set(seeds);
  let frontier = [...result];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of index.out.get(id) ?? []) if (!result.has(edge.target)) (result.add(edge.target), next.push(edge.target));
      for (const edge of index.in.get(id) ?? []) if (!result.has(edge.source)) (result.add(edge.source), next.push(edge.source));
    }
    frontier = next;
  }
  return result;
}
