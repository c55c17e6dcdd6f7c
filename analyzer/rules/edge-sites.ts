import type { DeclaringSide, Estate, Site } from "../graph/attributes.js";
import { findSlot, type GraphIndex } from "../graph/graph-index.js";
import type { EdgeRef } from "../derive/influencers.js";

/** The manifest fields that declare the edge `from → to`, optionally only one side's. */
export function declarationSites(estate: Estate, from: string, to: string, side?: DeclaringSide): Site[] {
  // A declaration is its own site.
  return estate.graph.getEdgeAttributes(from, to).declarations.filter((d) => side === undefined || d.side === side);
}

/** The declarations of index edges, each edge once (looked up by slot, not by name). */
export function edgeRefSites(index: GraphIndex, edges: readonly EdgeRef[]): Site[] {
  // A pair's handful of edges: a scan of the slots seen costs less than a Set per finding.
  const seen: number[] = [];
  const sites: Site[] = [];
  for (const [from, to] of edges) {
    const slot = findSlot(index.out, from, to);
    if (slot === -1 || seen.includes(slot)) continue;
    seen.push(slot);
    for (const declaration of index.out.attributes[slot]!.declarations) sites.push(declaration);
  }
  return sites;
}

/** The producing model of an output node id (`model/output`). */
export function modelOfOutput(estate: Estate, output: string): string {
  return estate.graph.getNodeAttributes(output).model ?? output.slice(0, output.indexOf("/"));
}

/** "a, b and c", or the first few and a count. */
export function formatList(names: readonly string[], max = 5): string {
  if (names.length <= 1) return names.join("");
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
