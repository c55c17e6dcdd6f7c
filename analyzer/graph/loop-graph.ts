import type { EdgeAttributes, NodeAttributes } from "./attributes.js";

/**
 * The estate graph: directed, at most one edge per ordered pair, attributes on nodes and
 * edges. Its method names follow graphology's, but adjacency lives in Maps: graphology keeps
 * neighbours in plain objects, so a node named `constructor`, `toString` or `valueOf` (all
 * valid manifest names) collides with Object.prototype there and corrupts the graph
 * (tests/analyzer/graph.test.ts shows it). graphology is still used where keys are ours (UI).
 */
export class LoopGraph {
  private readonly nodeMap = new Map<string, NodeAttributes>();
  private readonly outMap = new Map<string, Map<string, EdgeAttributes>>();
  private readonly inMap = new Map<string, Map<string, EdgeAttributes>>();
  private edgeCount = 0;

  get order(): number {
    return this.nodeMap.size;
  }

  get size(): number {
    return this.edgeCount;
  }

  addNode(id: string, attributes: NodeAttributes): void {
    if (this.nodeMap.has(id)) throw new Error(`loopscope/graph: node "${id}" already exists; expected unique node ids`);
    this.nodeMap.set(id, attributes);
    this.outMap.set(id, new Map());
    this.inMap.set(id, new Map());
  }

  addDirectedEdge(source: string, target: string, attributes: EdgeAttributes): void {
    const out = this.outMap.get(source);
    const inbound = this.inMap.get(target);
    if (!out || !inbound) throw new Error(`loopscope/graph: edge "${source}" -> "${target}" names a missing node; expected both nodes added first`);
    if (out.has(target)) throw new Error(`loopscope/graph: edge "${source}" -> "${target}" already exists; expected declarations merged first`);
    out.set(target, attributes);
    inbound.set(source, attributes);
    this.edgeCount++;
  }

  hasNode(id: string): boolean {
    return this.nodeMap.has(id);
  }

  hasEdge(source: string, target: string): boolean {
    return this.outMap.get(source)?.has(target) ?? false;
  }

  nodes(): string[] {
    return [...this.nodeMap.keys()];
  }

  getNodeAttributes(id: string): NodeAttributes {
    const attributes = this.nodeMap.get(id);
    if (!attributes) throw new Error(`loopscope/graph: no node "${id}"`);
    return attributes;
  }

  getNodeAttribute<K extends keyof NodeAttributes>(id: string, key: K): NodeAttributes[K] {
    return this.getNodeAttributes(id)[key];
  }

  getEdgeAttributes(source: string, target: string): EdgeAttributes {
    const attributes = this.outMap.get(source)?.get(target);
    if (!attributes) throw new Error(`loopscope/graph: no edge "${source}" -> "${target}"`);
    return attributes;
  }

  outNeighbors(id: string): string[] {
    return [...(this.outMap.get(id)?.keys() ?? [])];
  }

  inNeighbors(id: string): string[] {
    return [...(this.inMap.get(id)?.keys() ?? [])];
  }

  forEachNode(callback: (id: string, attributes: NodeAttributes) => void): void {
    for (const [id, attributes] of this.nodeMap) callback(id, attributes);
  }

  /** Calls back with (edge key, attributes, source, target), like graphology. */
  forEachEdge(callback: (key: string, attributes: EdgeAttributes, source: string, target: string) => void): void {
    for (const [source, out] of this.outMap) for (const [target, attributes] of out) callback(`${source}->${target}`, attributes, source, target);
  }

  forEachOutEdge(id: string, callback: (target: string, attributes: EdgeAttributes) => void): void {
    for (const [target, attributes] of this.outMap.get(id) ?? []) callback(target, attributes);
  }

  forEachInEdge(id: string, callback: (source: string, attributes: EdgeAttributes) => void): void {
    for (const [source, attributes] of this.inMap.get(id) ?? []) callback(source, attributes);
  }
}
