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
  /**
   * That shortest path, changed node first (ties broken by name, so it is stable). A path of
   * more than 40 nodes is given as its first 20 and its last 20, `pathOmitted` saying how many
   * were left out between them: whole paths grow with the square of a chain's length (a
   * chain of 5,000 models gave 530 MB of text and took 3.3 GB).
   */
  path: string[];
  /** Nodes of the path left out between `path`'s first and last 20, when it is longer than 40. */
  pathOmitted?: number | undefined;
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
    // Another case ("DEMAND-FORECAST", too far from the name for a typo), else a typo, else a
    // node whose name contains what was typed ("pricing" → "dynamic-pricing").
    const lower = name.toLowerCase();
    const ids = [...nodes.keys()].sort(compare);
    const sameLetters = ids.find((id) => id.toLowerCase() === lower);
    const containing = ids.filter((id) => id.toLowerCase().includes(lower)).sort((a, b) => a.length - b.length || compare(a, b));
    const suggestion = sameLetters ?? closestName(name, ids) ?? containing[0];
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
      const { path, omitted } = pathTo(id, reached);
      const entry: ReachedNode = { id, kind: node.kind, hops: visit.hops, path, ...(omitted > 0 ? { pathOmitted: omitted } : {}), via: visit.via };
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

/** Nodes kept from each end of a long path. */
const PATH_END = 20;

interface Visit {
  hops: number;
  /** The node before this one on the path (the start for the first hop). */
  parent: string;
  via: EdgeKind;
  /** The path's first nodes, at most PATH_END; shared with the children once full. */
  head: readonly string[];
}

/**
 * Breadth-first from `start`, neighbours in name order, so every shortest path is
 * reproducible. Each node keeps its parent and the path's first nodes, not the whole path:
 * memory stays linear in the nodes reached however long the paths are.
 */
function reach(start: string, adjacency: Map<string, { to: string; kind: EdgeKind }[]>, depth: number | undefined): Map<string, Visit> {
  const visits = new Map<string, Visit>();
  let frontier: { id: string; head: readonly string[] }[] = [{ id: start, head: [start] }];
  const seen = new Set([start]);
  for (let hops = 1; frontier.length > 0 && (depth === undefined || hops <= depth); hops++) {
    const next: { id: string; head: readonly string[] }[] = [];
    for (const { id, head } of frontier) {
      const neighbours = [...(adjacency.get(id) ?? [])].sort((a, b) => compare(a.to, b.to));
      for (const { to, kind } of neighbours) {
        if (seen.has(to)) continue;
        seen.add(to);
        const visit = { hops, parent: id, via: kind, head: head.length < PATH_END ? [...head, to] : head };
        visits.set(to, visit);
        next.push({ id: to, head: visit.head });
      }
    }
    frontier = next.sort((a, b) => compare(a.id, b.id));
  }
  return visits;
}

/** The path to `id`, whole up to 2 × PATH_END nodes, else both ends and how many were left out. */
function pathTo(id: string, visits: Map<string, Visit>): { path: string[]; omitted: number } {
  const visit = visits.get(id)!;
  const length = visit.hops + 1;
  const tailLength = length <= 2 * PATH_END ? length : PATH_END;
  const tail: string[] = new Array<string>(tailLength);
  let at: string = id;
  for (let i = tailLength - 1; i >= 0; i--) {
    tail[i] = at;
    at = visits.get(at)?.parent ?? at;
  }
  return length <= 2 * PATH_END ? { path: tail, omitted: 0 } : { path: [...visit.head, ...tail], omitted: length - 2 * PATH_END };
}

/** A reached node's path as text, `… (N more) →` where its middle was left out; upstream paths read backwards. */
export function pathText(node: Pick<ReachedNode, "path" | "pathOmitted">, downstream: boolean): string {
  const ordered = downstream ? node.path : [...node.path].reverse();
  const omitted = node.pathOmitted ?? 0;
  if (omitted === 0) return ordered.join(" → ");
  // Both ends are PATH_END long, so the split point is the same read either way.
  return `${ordered.slice(0, PATH_END).join(" → ")} → … (${omitted} more) → ${ordered.slice(PATH_END).join(" → ")}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
