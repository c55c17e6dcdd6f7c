import type { EstateEdge, EstateGraph, EstateLoop, EstateNode } from "../../analyzer/graph/estate-graph.js";

/**
 * A graph outline (exportGraph without positions, as `outlineToSend` makes it) packed in
 * columns for postMessage. Cloning 23,000 node and 50,000 edge objects took the worker about
 * 0.4 s on a 5,000-model estate; columns of numbers and strings take a few milliseconds, and
 * the page rebuilds the objects in tens. Rebuilt objects have their keys in exportGraph's
 * order, so the page's JSON export stays byte for byte the CLI's.
 */
export interface PackedOutline {
  ids: string[];
  names: string[];
  /** Index into `table` of each node's kind. */
  nodeKinds: Uint8Array;
  /** NODE_* bits: which optional keys each node has. */
  nodeFlags: Uint8Array;
  /** The values of the nodes that have the key (flag set), in node order. */
  models: (string | undefined)[];
  owners: (string | undefined)[];
  descriptions: (string | undefined)[];
  /** Node indices. */
  sources: Int32Array;
  targets: Int32Array;
  edgeKinds: Uint8Array;
  /** EDGE_* bits. */
  edgeFlags: Uint8Array;
  /** Index into `table` of each edge's `use` (where EDGE_USE is set). */
  uses: Uint8Array;
  /** The versions of the edges that have one (flag set), in edge order. */
  versions: (string | undefined)[];
  /** Kind and use names, each once. */
  table: string[];
  loops: EstateLoop[];
}

const NODE_IMPLICIT = 1;
const NODE_MODEL = 2;
const NODE_LOCATION = 4;
const NODE_OWNER = 8;
const NODE_DESCRIPTION = 16;
const NODE_ATTRIBUTES = 32;
const EDGE_USE = 1;
const EDGE_VERSION = 2;

/** Packs an outline. Positions are not packed: an outline has none (its edges' lists are empty). */
export function packOutline(graph: EstateGraph): PackedOutline {
  const table: string[] = [];
  const codes = new Map<string, number>();
  const code = (name: string) => {
    let c = codes.get(name);
    if (c === undefined) codes.set(name, (c = table.push(name) - 1));
    return c;
  };
  const { nodes, edges } = graph;
  const index = new Map<string, number>();
  const packed: PackedOutline = {
    ids: new Array<string>(nodes.length),
    names: new Array<string>(nodes.length),
    nodeKinds: new Uint8Array(nodes.length),
    nodeFlags: new Uint8Array(nodes.length),
    models: [],
    owners: [],
    descriptions: [],
    sources: new Int32Array(edges.length),
    targets: new Int32Array(edges.length),
    edgeKinds: new Uint8Array(edges.length),
    edgeFlags: new Uint8Array(edges.length),
    uses: new Uint8Array(edges.length),
    versions: [],
    table,
    loops: graph.loops,
  };
  nodes.forEach((node, i) => {
    index.set(node.id, i);
    packed.ids[i] = node.id;
    packed.names[i] = node.name;
    packed.nodeKinds[i] = code(node.kind);
    let flags = node.implicit ? NODE_IMPLICIT : 0;
    if (node.location !== undefined || node.attributes !== undefined) throw new Error(`packOutline: ${node.id} has positions (not an outline)`);
    if ("model" in node) (flags |= NODE_MODEL), packed.models.push(node.model);
    if ("location" in node) flags |= NODE_LOCATION;
    if ("owner" in node) (flags |= NODE_OWNER), packed.owners.push(node.owner);
    if ("description" in node) (flags |= NODE_DESCRIPTION), packed.descriptions.push(node.description);
    if ("attributes" in node) flags |= NODE_ATTRIBUTES;
    packed.nodeFlags[i] = flags;
  });
  edges.forEach((edge, i) => {
    if (edge.locations.length > 0 || edge.declaredBy.length > 0) throw new Error(`packOutline: ${edge.source} → ${edge.target} has positions (not an outline)`);
    packed.sources[i] = index.get(edge.source)!;
    packed.targets[i] = index.get(edge.target)!;
    packed.edgeKinds[i] = code(edge.kind);
    let flags = 0;
    if ("use" in edge) (flags |= EDGE_USE), (packed.uses[i] = code(edge.use!));
    if ("version" in edge) (flags |= EDGE_VERSION), packed.versions.push(edge.version);
    packed.edgeFlags[i] = flags;
  });
  return packed;
}

/** The outline again, as objects with exportGraph's key order. */
export function unpackOutline(packed: PackedOutline): EstateGraph {
  const { ids, table } = packed;
  let model = 0;
  let owner = 0;
  let description = 0;
  let version = 0;
  const nodes: EstateNode[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const flags = packed.nodeFlags[i]!;
    const node: EstateNode = { id: ids[i]!, kind: table[packed.nodeKinds[i]!] as EstateNode["kind"], name: packed.names[i]!, implicit: (flags & NODE_IMPLICIT) !== 0 };
    if (flags & NODE_MODEL) node.model = packed.models[model++];
    if (flags & NODE_LOCATION) node.location = undefined;
    if (flags & NODE_OWNER) node.owner = packed.owners[owner++];
    if (flags & NODE_DESCRIPTION) node.description = packed.descriptions[description++];
    if (flags & NODE_ATTRIBUTES) node.attributes = undefined;
    nodes[i] = node;
  }
  const edges: EstateEdge[] = new Array(packed.sources.length);
  for (let i = 0; i < edges.length; i++) {
    const flags = packed.edgeFlags[i]!;
    const edge: EstateEdge = { source: ids[packed.sources[i]!]!, target: ids[packed.targets[i]!]!, kind: table[packed.edgeKinds[i]!] as EstateEdge["kind"], declaredBy: [], locations: [] };
    if (flags & EDGE_USE) edge.use = table[packed.uses[i]!] as EstateEdge["use"];
    if (flags & EDGE_VERSION) edge.version = packed.versions[version++];
    edges[i] = edge;
  }
  return { nodes, edges, loops: packed.loops };
}

/** Typed arrays to hand over rather than copy. */
export function transferablesOf(packed: PackedOutline): ArrayBuffer[] {
  return [packed.nodeKinds, packed.nodeFlags, packed.sources, packed.targets, packed.edgeKinds, packed.edgeFlags, packed.uses].map((a) => a.buffer as ArrayBuffer);
}
