import type { EstateEdge, EstateGraph, EstateNode } from "../graph/estate-graph.js";
import type { EdgeKind } from "../types.js";

export interface OpenLineageExportOptions {
  /** `eventTime` of every event; the caller passes "now" (tests pass a fixed time). */
  eventTime: string;
  /** Namespace for jobs, and for datasets that declare no `lineage` identity. */
  namespace?: string | undefined;
  /** `producer` URI of the events. */
  producer?: string | undefined;
}

const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
const FACETS = "https://openlineage.io/spec/facets";
const DEFAULT_PRODUCER = "https://github.com/loopscope/loopscope";

type Json = Record<string, unknown>;

/**
 * The estate as OpenLineage static metadata, so Marquez or DataHub can draw what
 * Loopscope knows: a JobEvent per Model and Service (inputs = what it reads or consumes;
 * outputs = a model's outputs, each with a `loopscope_output` facet naming it, and, marked
 * with a `loopscope_influence` output facet, the datasets its outputs or actions influence:
 * the world edges no lineage tool records),
 * each with a LineageJobFacet of the same declared lineage; then a DatasetEvent with a
 * LineageDatasetFacet per Dataset that declares `derivedFrom`. Datasets keep their
 * declared `lineage` identity, so the events line up with the runtime ones. Jobs carry a
 * `jobType` of ML_MODEL or SERVICE, so `loopscope import openlineage` reads models back.
 */
export function toOpenLineageJobEvents(graph: EstateGraph, options: OpenLineageExportOptions): Json[] {
  const namespace = options.namespace ?? "loopscope";
  const producer = options.producer ?? DEFAULT_PRODUCER;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const facet = (schema: string, body: Json): Json => ({ _producer: producer, _schemaURL: `${FACETS}/${schema}`, ...body });
  const dataset = (node: EstateNode): { namespace: string; name: string } => {
    const lineage = node.attributes?.["lineage"] as { namespace?: unknown; name?: unknown } | undefined;
    return typeof lineage?.namespace === "string" && typeof lineage.name === "string" ? { namespace: lineage.namespace, name: lineage.name } : { namespace, name: node.id };
  };
  const isData = (node: EstateNode | undefined): node is EstateNode => node !== undefined && (node.kind === "dataset" || node.kind === "output");
  // Each node's edges, by position in graph.edges, so that every list keeps the graph's edge
  // order: a filter of every edge per node took 138 s at 10,000 models.
  const incoming = groupEdges(graph, (e) => e.target);
  const outgoing = groupEdges(graph, (e) => e.source);
  const edgesOf = (groups: Map<string, number[]>, id: string, kinds: readonly EdgeKind[]) =>
    (groups.get(id) ?? []).map((i) => graph.edges[i]!).filter((e) => kinds.includes(e.kind));
  const events: Json[] = [];
  for (const node of graph.nodes) {
    if ((node.kind !== "model" && node.kind !== "service") || node.implicit) continue;
    const job = { namespace, name: node.id };
    const inputs = edgesOf(incoming, node.id, ["reads", "consumes"])
      .map((e) => nodes.get(e.source))
      .filter(isData)
      .map(dataset);
    const produced = edgesOf(outgoing, node.id, ["produces"]).map((e) => e.target);
    const influencing = node.kind === "model" ? produced : [node.id];
    const influenced = influencing
      .flatMap((id) => outgoing.get(id) ?? [])
      .sort((a, b) => a - b)
      .map((i) => graph.edges[i]!)
      .filter((e) => e.kind === "influences")
      .map((e) => ({ via: e.source, target: nodes.get(e.target) }))
      .filter((x): x is { via: string; target: EstateNode } => isData(x.target));
    const outputs: Json[] = [
      // The output's own name: a declared \`lineage\` identity hides it, and \`import openlineage\`
      // needs it to give the output (and the influences that name it) back.
      ...produced.map((id) => nodes.get(id)).filter(isData).map((n) => ({ ...dataset(n), outputFacets: { loopscope_output: facet("loopscope/OutputDatasetFacet.json", { name: n.id.slice(node.id.length + 1) }) } })),
      ...influenced.map(({ via, target }) => ({ ...dataset(target), outputFacets: { loopscope_influence: facet("loopscope/InfluenceOutputDatasetFacet.json", { via }) } })),
    ];
    const facets: Json = {
      jobType: facet("2-0-3/JobTypeJobFacet.json", { processingType: "BATCH", integration: "LOOPSCOPE", jobType: node.kind === "model" ? "ML_MODEL" : "SERVICE" }),
    };
    if (node.description) facets["documentation"] = facet("1-0-1/DocumentationJobFacet.json", { description: node.description });
    if (node.owner) facets["ownership"] = facet("1-0-1/OwnershipJobFacet.json", { owners: [{ name: node.owner }] });
    const jobRef = { ...job, type: "JOB" };
    facets["lineage"] = facet("1-0-0/LineageFacet.json#/$defs/LineageJobFacet", {
      entries: [
        { ...jobRef, inputs: inputs.map((d) => ({ ...d, type: "DATASET" })) },
        ...outputs.filter((o) => !isInfluence(o)).map((o) => ({ namespace: o["namespace"], name: o["name"], type: "DATASET", inputs: [jobRef] })),
      ],
    });
    events.push({ eventTime: options.eventTime, producer, schemaURL: `${SPEC}#/$defs/JobEvent`, job: { ...job, facets }, inputs: dedupe(inputs), outputs: dedupe(outputs) });
  }
  for (const node of graph.nodes) {
    if (node.kind !== "dataset" || node.implicit) continue;
    const parents = edgesOf(incoming, node.id, ["derives"]).map((e) => nodes.get(e.source)).filter(isData).map(dataset);
    if (parents.length === 0 && !node.description) continue;
    const facets: Json = {};
    if (node.description) facets["documentation"] = facet("1-0-1/DocumentationDatasetFacet.json", { description: node.description });
    if (node.owner) facets["ownership"] = facet("1-0-1/OwnershipDatasetFacet.json", { owners: [{ name: node.owner }] });
    if (parents.length > 0) facets["lineage"] = facet("1-0-0/LineageFacet.json#/$defs/LineageDatasetFacet", { inputs: parents.map((p) => ({ ...p, type: "DATASET" })) });
    events.push({ eventTime: options.eventTime, producer, schemaURL: `${SPEC}#/$defs/DatasetEvent`, dataset: { ...dataset(node), facets } });
  }
  return events;
}

function isInfluence(output: Json): boolean {
  return (output["outputFacets"] as Json | undefined)?.["loopscope_influence"] !== undefined;
}

/** One event per line (what OpenLineage's file transport writes and `import openlineage` reads). */
export function toOpenLineageNdjson(graph: EstateGraph, options: OpenLineageExportOptions): string {
  return toOpenLineageJobEvents(graph, options).map((event) => `${JSON.stringify(event)}\n`).join("");
}

/** Positions in graph.edges of each node's edges (by `end`), in order. */
function groupEdges(graph: EstateGraph, end: (edge: EstateEdge) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    const id = end(edge);
    const group = groups.get(id);
    if (group) group.push(i);
    else groups.set(id, [i]);
  });
  return groups;
}

function dedupe<T extends Json>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${String(item["namespace"])}\u0000${String(item["name"])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
