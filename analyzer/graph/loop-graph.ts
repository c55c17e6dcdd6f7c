import type { EdgeAttributes, NodeAttributes } from "./attributes.js";
import { findSlot, type Adjacency, type GraphIndex } from "./graph-index.js";

/**
 * The estate graph: directed, at most one edge per ordered pair, attributes on nodes and
 * edges, read-only once built. Its method names follow graphology's, but the storage is
 * the integer index of graph-index.ts with names in a Map: graphology keeps neighbours in
 * plain objects, so a node named `constructor`, `toString` or `valueOf` (all valid manifest
 * names) collides with Object.prototype there and corrupts the graph
 * (tests/analyzer/graph.test.ts shows it), and per-node Maps cost a third of a 10,000-model
 * lint in allocation and garbage collection. graphology is still used where keys are ours (UI).
 */
export class LoopGraph {
  constructor(
    /** The same graph as sorted integer adjacency, for derive/ (shared, not copied). */
    readonly index: GraphIndex,
    private readonly nodeAttributes: NodeAttributes[],
  ) {}

  get order(): number {
    return this.index.ids.length;
  }

  get size(): number {
    return this.index.edgeCount;
  }

  hasNode(id: string): boolean {
    return this.index.indexOf.has(id);
  }

  hasEdge(source: string, target: string): boolean {
    return this.edgeAttributes(source, target) !== undefined;
  }

  nodes(): string[] {
    return [...this.index.ids];
  }

  getNodeAttributes(id: string): NodeAttributes {
    const i = this.index.indexOf.get(id);
    if (i === undefined) throw new Error(`loopscope/graph: no node "${id}"`);
    return this.nodeAttributes[i]!;
  }

  getNodeAttribute<K extends keyof NodeAttributes>(id: string, key: K): NodeAttributes[K] {
    return this.getNodeAttributes(id)[key];
  }

  getEdgeAttributes(source: string, target: string): EdgeAttributes {
    const attributes = this.edgeAttributes(source, target);
    if (!attributes) throw new Error(`loopscope/graph: no edge "${source}" -> "${target}"`);
    return attributes;
  }

  outNeighbors(id: string): string[] {
    return this.neighbours(this.index.out, id);
  }

  inNeighbors(id: string): string[] {
    return this.neighbours(this.index.in, id);
  }

  forEachNode(callback: (id: string, attributes: NodeAttributes) => void): void {
    const { ids } = this.index;
    for (let i = 0; i < ids.length; i++) callback(ids[i]!, this.nodeAttributes[i]!);
  }

  /**
   * Calls back with (attributes, source, target) in (source, target) order, and both ends'
   * attributes: a rule that walks every edge then needs no look-up by name per edge.
   */
  forEachEdge(callback: (attributes: EdgeAttributes, source: string, target: string, sourceNode: NodeAttributes, targetNode: NodeAttributes) => void): void {
    const { ids, out } = this.index;
    const nodes = this.nodeAttributes;
    for (let s = 0; s < ids.length; s++) {
      for (let k = out.start[s]!; k < out.start[s + 1]!; k++) {
        const t = out.node[k]!;
        callback(out.attributes[k]!, ids[s]!, ids[t]!, nodes[s]!, nodes[t]!);
      }
    }
  }

  forEachOutEdge(id: string, callback: (target: string, attributes: EdgeAttributes) => void): void {
    this.forEachNeighbour(this.index.out, id, callback);
  }

  forEachInEdge(id: string, callback: (source: string, attributes: EdgeAttributes) => void): void {
    this.forEachNeighbour(this.index.in, id, callback);
  }

  private neighbours(side: Adjacency, id: string): string[] {
    const result: string[] = [];
    this.forEachNeighbour(side, id, (other) => result.push(other));
    return result;
  }

  private forEachNeighbour(side: Adjacency, id: string, callback: (other: string, attributes: EdgeAttributes) => void): void {
    const v = this.index.indexOf.get(id);
    if (v === undefined) return;
    for (let k = side.start[v]!; k < side.start[v + 1]!; k++) callback(this.index.ids[side.node[k]!]!, side.attributes[k]!);
  }

  private edgeAttributes(source: string, target: string): EdgeAttributes | undefined {
    const s = this.index.indexOf.get(source);
    const t = this.index.indexOf.get(target);
    if (s === undefined || t === undefined) return undefined;
    const k = findSlot(this.index.out, s, t);
    return k === -1 ? undefined : this.index.out.attributes[k];
  }
}
