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
  out: Adjacency;
  in: Adjacency;
  edgeCount: number;
}

/**
 * One direction of the graph in compressed rows: node v's neighbours are the slots
 * `start[v]` to `start[v + 1] - 1`, sorted by neighbour index. Parallel arrays, one entry
 * per edge: no array or object per node (a 10,000-model estate has 46,000 nodes).
 */
export interface Adjacency {
  start: Int32Array;
  node: Int32Array;
  kind: EdgeKind[];
  /** For `reads` edges: the use; undefined for other kinds. */
  use: (InputUse | undefined)[];
  attributes: EdgeAttributes[];
}

/** The edges as parallel arrays: edge e runs from node index `sources[e]` to `targets[e]`. */
export interface EdgeList {
  sources: Int32Array;
  targets: Int32Array;
  attributes: EdgeAttributes[];
}

/**
 * `ids` must be sorted and unique, `indexOf` their positions, `nodes[i]` the attributes of
 * `ids[i]`, and edges unique per (source, target). Two stable counting sorts: by target
 * within each source for the outbound rows, then by target over that order for the inbound
 * rows, which leaves every inbound row sorted by source.
 */
export function indexGraph(ids: string[], indexOf: Map<string, number>, nodes: NodeAttributes[], edges: EdgeList): GraphIndex {
  const n = ids.length;
  const { sources, targets, attributes } = edges;
  const m = sources.length;
  // By target first, then (stably) by source: (source, target) order.
  const byTarget = countingOrder(targets, n, identity(m));
  const outOrder = countingOrder(sources, n, byTarget);
  const inOrder = countingOrder(targets, n, outOrder);
  return {
    ids,
    indexOf,
    kind: nodes.map((node) => node.kind),
    out: rows(n, outOrder, sources, targets, attributes),
    in: rows(n, inOrder, targets, sources, attributes),
    edgeCount: m,
  };
}

function identity(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  return order;
}

/** `order` stably re-sorted by `key[edge]` (keys are node indexes below n). */
function countingOrder(key: Int32Array, n: number, order: Int32Array): Int32Array {
  const next = new Int32Array(n + 1);
  for (let k = 0; k < order.length; k++) next[key[order[k]!]! + 1]!++;
  for (let v = 0; v < n; v++) next[v + 1]! += next[v]!;
  const sorted = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    sorted[next[key[e]!]!++] = e;
  }
  return sorted;
}

/** Rows keyed by `from[edge]`, holding `to[edge]`, in `order` (already sorted by from, then to). */
function rows(n: number, order: Int32Array, from: Int32Array, to: Int32Array, edges: EdgeAttributes[]): Adjacency {
  const m = order.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[from[order[k]!]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const node = new Int32Array(m);
  const kind = new Array<EdgeKind>(m);
  const use = new Array<InputUse | undefined>(m);
  const attributes = new Array<EdgeAttributes>(m);
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    const edge = edges[e]!;
    node[k] = to[e]!;
    kind[k] = edge.kind;
    use[k] = edge.use;
    attributes[k] = edge;
  }
  return { start, node, kind, use, attributes };
}

/** The slot of the edge v → w in `adjacency` (binary search in v's sorted row), or -1. */
export function findSlot(adjacency: Pick<Adjacency, "start" | "node">, v: number, w: number): number {
  let low = adjacency.start[v]!;
  let high = adjacency.start[v + 1]! - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = adjacency.node[mid]!;
    if (value === w) return mid;
    if (value < w) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

export function trains(use: InputUse | undefined): boolean {
  return use === "training" || use === "both";
}
