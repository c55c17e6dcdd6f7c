/**
 * Change impact over the estate graph: what a change to a dataset, output, model or service
 * reaches downstream (following every edge the way data and influence flow: reads, produces,
 * consumes, influences, derives), which loops that puts it in, and what it depends on
 * upstream. Pure and graph-only, so `loopscope impact` and the UI give the same answer.
 */
import type { EstateGraph, EstateLoop } from "./graph/estate-graph.js";
import type { EdgeKind, NodeKind } from "./types.js";
import { closestName } from "./graph/closest-name.js";

export interface ImpactOptions {
  /** Stop after this many edges (default: no limit). */
  depth?: number | undefined;
}

export interface ReachedNode {
  id: string;
  kind: NodeKind;
  /** Edges on the shortest path from the changed node. */
  hops: number;
  /** That shortest path, changed node first (ties broken by name, so it is stable). */
  path: string[];
  /** Kind of the last edge on the path. */
  via: EdgeKind;
  owner?: string | undefined;
}

export interface ReachedGroups {
  models: ReachedNode[];
  outputs: ReachedNode[];
  services: ReachedNode[];
  datasets: ReachedNode[];
}

export interface TouchedLoop extends EstateLoop {
  /** Fewest hops from the change to a node of the loop (0: the changed node is on it). */
  hops: number;
  /** The loop's node reached first. */
  entry: string;
}

export interface Impact {
  target: { id: string; kind: NodeKind; implicit: boolean; owner?: string | undefined };
  depth?: number | undefined;
  downstream: ReachedGroups;
  upstream: ReachedGroups;
  /** Loops the change reaches: the changed node or something downstream of it is on them. */
  loops: TouchedLoop[];
}

export type ImpactResult = { found: true; impact: Impact } | { found: false; name: string; suggestion?: string | undefined };

export function impact(graph: EstateGraph, name: string, options: ImpactOptions = {}): ImpactResult {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const target = nodes.get(name);
  if (!target) {
    // A typo, else a node whose name contains what was typed ("pricing" → "dynamic-pricing").
    const containing = [...nodes.keys()].filter((id) => id.includes(name)).sort((a, b) => a.length - b.length || compare(a, b));
    const suggestion = closestName(name, nodes.keys()) ?? containing[0];
    return { found: false, name, ...(suggestion !== undefined ? { suggestion } : {}) };
  }
  const forward = new Map<string, { to: string; kind: EdgeKind }[]>();
  const backward = new Map<string, { to: string; kind: EdgeKind }[]>();
  for (const edge of graph.edges) {
    push(forward, edge.source, { to: edge.target, kind: edge.kind });
    push(backward, edge.target, { to: edge.source, kind: edge.kind });
  }
  const downstream = reach(target.id, forward, options.depth);
  const upstream = reach(target.id, backward, options.depth);
  const group = (reached: Map<string, Visit>): ReachedGroups => {
    const groups: ReachedGroups = { models: [], outputs: [], services: [], datasets: [] };
    for (const [id, visit] of reached) {
      const node = nodes.get(id)!;
      const entry: ReachedNode = { id, kind: node.kind, hops: visit.hops, path: visit.path, via: visit.via };
      if (node.owner) entry.owner = node.owner;
      groups[`${node.kind}s`].push(entry);
    }
    for (const list of Object.values(groups)) list.sort((a: ReachedNode, b: ReachedNode) => a.hops - b.hops || compare(a.id, b.id));
    return groups;
  };
  const loops: TouchedLoop[] = [];
  for (const loop of graph.loops) {
    let best: { hops: number; entry: string } | undefined;
    for (const id of loop.nodes) {
      const hops = id === target.id ? 0 : downstream.get(id)?.hops;
      if (hops !== undefined && (!best || hops < best.hops || (hops === best.hops && id < best.entry))) best = { hops, entry: id };
    }
    if (best) loops.push({ ...loop, ...best });
  }
  loops.sort((a, b) => a.hops - b.hops || compare(a.kind, b.kind) || compare(a.models.join("\u0000"), b.models.join("\u0000")));
  return {
    found: true,
    impact: {
      target: { id: target.id, kind: target.kind, implicit: target.implicit, ...(target.owner ? { owner: target.owner } : {}) },
      ...(options.depth !== undefined ? { depth: options.depth } : {}),
      downstream: group(downstream),
      upstream: group(upstream),
      loops,
    },
  };
}

interface Visit {
  hops: number;
  path: string[];
  via: EdgeKind;
}

/** Breadth-first from `start`, neighbours in name order, so every shortest path is reproducible. */
function reach(start: string, adjacency: Map<string, { to: string; kind: EdgeKind }[]>, depth: number | undefined): Map<string, Visit> {
  const visits = new Map<string, Visit>();
  let frontier: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
  const seen = new Set([start]);
  for (let hops = 1; frontier.length > 0 && (depth === undefined || hops <= depth); hops++) {
    const next: { id: string; path: string[] }[] = [];
    for (const { id, path } of frontier) {
      const neighbours = [...(adjacency.get(id) ?? [])].sort((a, b) => compare(a.to, b.to));
      for (const { to, kind } of neighbours) {
        if (seen.has(to)) continue;
        seen.add(to);
        const visit = { hops, path: [...path, to], via: kind };
        visits.set(to, visit);
        next.push({ id: to, path: visit.path });
      }
    }
    frontier = next.sort((a, b) => compare(a.id, b.id));
  }
  return visits;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
