import type { EstateEdge, EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Location, Report } from "../../analyzer/types.js";
import type { Analysis } from "../../analyzer/analyze.js";
import type { AnalysisResult } from "./protocol.js";

/**
 * A big result crosses postMessage in two steps. The page takes every message on its one
 * thread, and rebuilding a 5,000-model result there (20,000 findings, 50,000 edges) takes
 * about a second, most of it in positions the first view never shows: each finding's and
 * edge's locations, edges' `declaredBy`, nodes' declaration and fields, findings' `data`.
 * Those stay behind, as empty placeholders that keep every key in its place (so the JSON
 * export keeps the CLI's key order), and follow in parts once the page has drawn and is idle.
 */
export type DetailsPart =
  | { kind: "findings"; from: number; locations: Location[][]; data: (Record<string, unknown> | undefined)[] }
  | { kind: "edges"; from: number; locations: Location[][]; declaredBy: EstateEdge["declaredBy"][] }
  | { kind: "nodes"; from: number; location: (Location | undefined)[]; attributes: (Record<string, unknown> | undefined)[] };

/** Below this many findings, edges and nodes together the result goes whole (it is quick). */
export const SPLIT_ABOVE = 20_000;
/** Items per part: each part is a short task for the page. */
const PART = 5000;

/** True when a result is big enough to send in two steps (its summary knows the graph's size before it is exported). */
export function isBig(report: Report, splitAbove = SPLIT_ABOVE): boolean {
  const s = report.summary;
  return report.findings.length + s.edges + s.models + s.outputs + s.datasets + s.services > splitAbove;
}

/** Takes the findings' details out of `report` (in place) and returns them in parts. */
export function detachFindingDetails(report: Report, part = PART): DetailsPart[] {
  const { findings } = report;
  const parts: DetailsPart[] = [];
  for (let from = 0; from < findings.length; from += part) {
    const slice = findings.slice(from, from + part);
    parts.push({ kind: "findings", from, locations: slice.map((f) => f.locations), data: slice.map((f) => f.data) });
    for (const f of slice) {
      // The list of invalid files names them at once (it showed "::" until the details came).
      if (f.rule !== "invalid-manifest") f.locations = [];
      if (f.data !== undefined) f.data = undefined;
    }
  }
  return parts;
}

/** Takes the edges' and nodes' details out of `graph` (in place) and returns them in parts. */
export function detachGraphDetails(graph: EstateGraph, part = PART): DetailsPart[] {
  const { edges, nodes } = graph;
  const parts: DetailsPart[] = [];
  for (let from = 0; from < edges.length; from += part) {
    const slice = edges.slice(from, from + part);
    parts.push({ kind: "edges", from, locations: slice.map((e) => e.locations), declaredBy: slice.map((e) => e.declaredBy) });
    for (const e of slice) {
      e.locations = [];
      e.declaredBy = [];
    }
  }
  for (let from = 0; from < nodes.length; from += part) {
    const slice = nodes.slice(from, from + part);
    parts.push({ kind: "nodes", from, location: slice.map((n) => n.location), attributes: slice.map((n) => n.attributes) });
    for (const n of slice) {
      if (n.location !== undefined) n.location = undefined;
      if (n.attributes !== undefined) n.attributes = undefined;
    }
  }
  return parts;
}

/**
 * What a big result sends as its graph: the outline (nothing located, see exportGraph), with
 * node attributes held back too. The parts of `detachGraphDetails(analysis.graph)`, made when
 * the page asks for them, put back both, each key in its place.
 */
export function outlineToSend(analysis: Pick<Analysis, "graphOutline">): EstateGraph {
  const graph = analysis.graphOutline();
  for (const node of graph.nodes) if (node.attributes !== undefined) node.attributes = undefined;
  return graph;
}

/** Takes the details out of `result` (in place) and returns them in parts; none for a small result. */
export function detachDetails(result: AnalysisResult, splitAbove = SPLIT_ABOVE, part = PART): DetailsPart[] {
  if (!isBig(result.report, splitAbove)) return [];
  return [...detachFindingDetails(result.report, part), ...detachGraphDetails(result.graph, part)];
}

/** Puts a part back into the page's copy of the result, in place. */
export function attachDetails(result: AnalysisResult, part: DetailsPart): void {
  if (part.kind === "findings") {
    const { findings } = result.report;
    part.locations.forEach((locations, i) => {
      const f = findings[part.from + i]!;
      f.locations = locations;
      if (part.data[i] !== undefined) f.data = part.data[i];
    });
  } else if (part.kind === "edges") {
    const { edges } = result.graph;
    part.locations.forEach((locations, i) => {
      const e = edges[part.from + i]!;
      e.locations = locations;
      e.declaredBy = part.declaredBy[i]!;
    });
  } else {
    const { nodes } = result.graph;
    part.location.forEach((location, i) => {
      const n = nodes[part.from + i]!;
      if (location !== undefined) n.location = location;
      if (part.attributes[i] !== undefined) n.attributes = part.attributes[i];
    });
  }
}
