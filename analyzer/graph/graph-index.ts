import type { EdgeAttributes, NodeAttributes } from "./attributes.js";
import type { EdgeKind, InputUse, NodeKind } from "../types.js";

/**
 * The estate graph's storage: integer node indexes in id order and sorted adjacency
 * arrays, built once from the resolver's edge list. derive/ walks these arrays directly
 * (linear and cheap on estates of 50,000 models), LoopGraph answers name-based questions
 * from them, and sorted neighbour lists make every walk independent of declaration order.
 */
export interface GraphIndex {
  ids: string[];
  indexOf: Map<string, number>;
  kind: NodeKind[];
  out: Adjacency[];
  in: Adjacency[];
  edgeCount: number;
}

/** One node's neighbours in one direction, sorted by index; parallel arrays, one slot per edge. */
export interface Adjacency {
  nodes: number[];
  kinds: EdgeKind[];
  /** For `reads` edges: the use; undefined for other kinds. */
  uses: (InputUse | undefined)[];
  attributes: EdgeAttributes[];
}

export interface NamedEdge {
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

/**
 * `ids` must be sorted and unique, `nodes[i]` the attributes of `ids[i]`, and edges unique
 * per (source, target) between those ids. Edges are counted into buckets by source (each
 * bucket then sorted by target), and visiting the buckets in source order fills every
 * inbound list already sorted by source. Every list is allocated at its exact length: an
 * array grown by push keeps room for 17 items, which was 60 MB on 46,000 nodes.
 */
export function indexGraph(ids: string[], nodes: NodeAttributes[], edges: NamedEdge[]): GraphIndex {
  const n = ids.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(ids[i]!, i);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const outDegree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  edges.forEach((edge, e) => {
    const s = indexOf.get(edge.source)!;
    const t = indexOf.get(edge.target)!;
    sources[e] = s;
    targets[e] = t;
    outDegree[s]!++;
    inDegree[t]!++;
  });
  // Counting sort by source, then by target within each source.
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + outDegree[i]!;
  const fill = start.slice(0, n);
  const order = new Int32Array(edges.length);
  for (let e = 0; e < edges.length; e++) order[fill[sources[e]!]!++] = e;
  const out = allocate(outDegree);
  const inbound = allocate(inDegree);
  const inFill = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const from = start[s]!;
    const to = start[s + 1]!;
    // Most out-degrees are small: an insertion sort in place beats a view and a comparator
    // per node; a hub (a dataset thousands of models read) gets a real sort.
    if (to - from > 16) order.subarray(from, to).sort((a, b) => targets[a]! - targets[b]!);
    else for (let k = from + 1; k < to; k++) {
      const e = order[k]!;
      let j = k - 1;
      while (j >= from && targets[order[j]!]! > targets[e]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = e;
    }
    const adjacency = out[s]!;
    for (let k = 0; k < to - from; k++) {
      const e = order[from + k]!;
      const t = targets[e]!;
      set(adjacency, k, t, edges[e]!.attributes);
      set(inbound[t]!, inFill[t]!++, s, edges[e]!.attributes);
    }
  }
  return { ids, indexOf, kind: nodes.map((node) => node.kind), out, in: inbound, edgeCount: edges.length };
}

const NO_NEIGHBOURS: Adjacency = Object.freeze({ nodes: [], kinds: [], uses: [], attributes: [] });

function allocate(degree: Int32Array): Adjacency[] {
  const lists: Adjacency[] = new Array(degree.length);
  for (let i = 0; i < degree.length; i++) {
    const d = degree[i]!;
    lists[i] = d === 0 ? NO_NEIGHBOURS : { nodes: new Array<number>(d).fill(0), kinds: new Array<EdgeKind>(d), uses: new Array<InputUse | undefined>(d), attributes: new Array<EdgeAttributes>(d) };
  }
  return lists;
}

function set(adjacency: Adjacency, k: number, node: number, attributes: EdgeAttributes): void {
  adjacency.nodes[k] = node;
  adjacency.kinds[k] = attributes.kind;
  adjacency.uses[k] = attributes.use;
  adjacency.attributes[k] = attributes;
}

/** Position of `node` in a sorted neighbour list, or -1. */
export function findNeighbour(adjacency: Adjacency, node: number): number {
  const list = adjacency.nodes;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = list[mid]!;
    if (value === node) return mid;
    if (value < node) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

export function trains(use: InputUse | undefined): boolean {
  return use === "training" || use === "both";
}
