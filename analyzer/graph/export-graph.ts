import type { Facts } from "../derive/facts.js";
import { locateSite, type Estate } from "./attributes.js";
import type { EstateEdge, EstateGraph, EstateLoop, EstateNode } from "./estate-graph.js";
import { sortedUniqueLocations } from "../engine/sort.js";

/**
 * The estate as plain, sorted data (for `loopscope graph`, the UI and the database).
 * Without `positions`, nothing is located: nodes keep an empty `location` slot where they
 * have a position and edges get empty `locations` and `declaredBy`, so the positions of the
 * full export can be put in later with every key in its place (the UI's first view of a big
 * estate; locating every edge is most of the export's time).
 */
export function exportGraph(estate: Estate, facts: Facts, positions = true): EstateGraph {
  const nodes: EstateNode[] = facts.index.ids.map((id) => {
    const attributes = estate.graph.getNodeAttributes(id);
    const node: EstateNode = { id, kind: attributes.kind, name: attributes.name, implicit: attributes.implicit };
    if (attributes.model) node.model = attributes.model;
    if (attributes.site) node.location = positions ? locateSite(attributes.site) : undefined;
    const declared = estate.models.get(id) ?? estate.datasets.get(id) ?? estate.services.get(id);
    if (declared) {
      if (declared.manifest.owner) node.owner = declared.manifest.owner;
      if (declared.manifest.description) node.description = declared.manifest.description;
      const m = declared.manifest;
      const extra: Record<string, unknown> = {};
      if (m.kind === "Model") {
        if (m.version !== undefined) extra["version"] = m.version;
        if (m.target !== undefined) extra["target"] = m.target;
        if (m.monitoring) extra["monitoring"] = m.monitoring;
        if (m.deployment) extra["deployment"] = m.deployment;
        if (m.acknowledge.length > 0) extra["acknowledge"] = m.acknowledge;
      }
      if (m.lineage) extra["lineage"] = m.lineage;
      if (Object.keys(extra).length > 0) node.attributes = extra;
    } else if (attributes.kind === "output" && attributes.model) {
      const producer = estate.models.get(attributes.model)!;
      if (producer.manifest.owner) node.owner = producer.manifest.owner;
      const output = producer.manifest.outputs.find((o) => o.name === attributes.name);
      if (output?.description) node.description = output.description;
      if (output?.lineage) node.attributes = { lineage: output.lineage };
    }
    return node;
  });
  const edges: EstateEdge[] = [];
  estate.graph.forEachEdge((attributes, source, target) => {
    const edge: EstateEdge = {
      source,
      target,
      kind: attributes.kind,
      declaredBy: positions ? [...new Set(attributes.declarations.map((d) => d.side))].sort() : [],
      locations: positions ? sortedUniqueLocations(attributes.declarations.map((d) => locateSite(d))) : [],
    };
    if (attributes.use) edge.use = attributes.use;
    if (attributes.version) edge.version = attributes.version;
    edges.push(edge);
  });
  edges.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const loops: EstateLoop[] = [
    ...facts.componentLoops.map((loop) => ({ kind: loop.hasInfluence ? ("hidden" as const) : ("circular" as const), models: loop.models, nodes: loop.nodes, throughTraining: loop.throughTraining })),
    ...facts.directLoops.map((loop) => ({ kind: "direct" as const, models: [loop.model], nodes: loop.nodes, throughTraining: loop.throughTraining })),
  ];
  return { nodes, edges, loops };
}
