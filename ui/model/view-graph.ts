import Graph from "graphology";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { EdgeKind, NodeKind } from "../../analyzer/types.js";
import type { EstateIndex } from "./estate-index.js";
import { KIND_SHAPES, teamColours, UNOWNED_COLOUR } from "./palette.js";

export interface ViewNodeAttributes {
  id: string;
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  shape: string;
  inLoop: boolean;
  findings: number;
}

export interface ViewEdgeAttributes {
  kind: EdgeKind | "data" | "world" | "loop";
  /** Models-only view: what connects the two models. */
  via?: string[] | undefined;
  /** Models-only view: the edge's label (one per pair of models, see labelReciprocalEdgesOnce). */
  label?: string | undefined;
  color: string;
  /** The solid layer's colour: transparent on world edges, which draw only their dashes. */
  plainColor: string;
  size: number;
  head: string;
  dashSize: number;
  gapSize: number;
}

export type ViewGraph = Graph<ViewNodeAttributes, ViewEdgeAttributes>;

/**
 * graphology keeps neighbours in plain objects, so names such as `constructor` must not be
 * keys there: every view key is the estate id behind a prefix.
 */
export const keyOf = (id: string) => `n:${id}`;
export const idOf = (key: string) => key.slice(2);

const EDGE_COLOURS = { data: "#5b6472", world: "#ff8a3d", loop: "#ff5d5d" } as const;

export interface ViewOptions {
  /** Show only these estate ids (a loop's neighbourhood); all when undefined. */
  visible?: Set<string> | undefined;
  modelsOnly: boolean;
}

/** The graph sigma draws for the current view; positions are seeded, never random. */
export function buildViewGraph(estate: EstateGraph, index: EstateIndex, options: ViewOptions): ViewGraph {
  const graph: ViewGraph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
  const colours = teamColours(index.owners);
  const visible = (id: string) => !options.visible || options.visible.has(id);
  const nodes = estate.nodes.filter((n) => visible(n.id) && (!options.modelsOnly || n.kind === "model"));
  const positions = seededPositions(nodes.map((n) => ({ id: n.id, group: n.owner ?? (n.model ? index.nodes.get(n.model)?.owner : undefined) ?? "~" })));
  for (const node of nodes) {
    const owner = node.owner ?? (node.model ? index.nodes.get(node.model)?.owner : undefined);
    const findings = index.findingsByNode.get(node.id)?.filter((f) => !f.acknowledged).length ?? 0;
    const base = node.kind === "model" ? 8 : node.kind === "output" ? 4 : 6;
    const position = positions.get(node.id)!;
    graph.addNode(keyOf(node.id), {
      id: node.id,
      kind: node.kind,
      label: node.kind === "output" ? node.id : node.name,
      x: position.x,
      y: position.y,
      size: base + Math.min(8, 2 * Math.sqrt(findings)),
      color: owner ? (colours.get(owner) ?? UNOWNED_COLOUR) : UNOWNED_COLOUR,
      shape: KIND_SHAPES[node.kind],
      inLoop: index.loopNodes.has(node.id),
      findings,
    });
  }
  if (options.modelsOnly) {
    // Model → the (non-direct) loops it is in, so "same loop" is a look-up per edge.
    const loopsOf = new Map<string, number[]>();
    estate.loops.forEach((loop, i) => {
      if (loop.kind !== "direct") for (const m of loop.models) (loopsOf.get(m) ?? loopsOf.set(m, []).get(m)!).push(i);
    });
    // Only from the models in view: a big estate's first view holds a few hundred of thousands.
    for (const node of nodes) {
      if (node.kind !== "model") continue;
      const a = node.id;
      for (const [b, via] of modelEdgesFrom(estate, index, a)) {
        if (!graph.hasNode(keyOf(b))) continue;
        const loopsOfA = loopsOf.get(a);
        const sameLoop = loopsOfA !== undefined && (loopsOf.get(b) ?? []).some((i) => loopsOfA.includes(i));
        const kind = sameLoop ? "loop" : via.world ? "world" : "data";
        graph.addEdge(keyOf(a), keyOf(b), edgeStyle(kind, [...via.through].sort()));
      }
    }
    labelReciprocalEdgesOnce(graph);
    return graph;
  }
  for (const edge of estate.edges) {
    if (!graph.hasNode(keyOf(edge.source)) || !graph.hasNode(keyOf(edge.target))) continue;
    graph.addEdge(keyOf(edge.source), keyOf(edge.target), edgeStyle(edge.kind));
  }
  return graph;
}

/**
 * A → B and B → A are drawn on one line, so two labels would print over each other. The edge
 * from the name that sorts first says both ("loop ⇄ via ..."); the other keeps its arrow only.
 */
function labelReciprocalEdgesOnce(graph: ViewGraph): void {
  graph.forEachEdge((edge, attributes, source, target) => {
    if (source >= target || !graph.hasDirectedEdge(target, source)) return;
    const back = graph.getDirectedEdgeAttributes(target, source);
    const kinds = attributes.kind === back.kind ? attributes.kind : `${attributes.kind} / ${back.kind}`;
    const via = [...new Set([...(attributes.via ?? []), ...(back.via ?? [])])].sort();
    graph.setEdgeAttribute(edge, "label", `${kinds} ⇄ via ${viaText(via)}`);
    graph.removeEdgeAttribute(graph.directedEdge(target, source)!, "label");
  });
}

function viaText(via: string[]): string {
  return via.length > 2 ? `${via.slice(0, 2).join(", ")} +${via.length - 2}` : via.join(", ");
}

function edgeStyle(kind: ViewEdgeAttributes["kind"], via?: string[]): ViewEdgeAttributes & { label?: string } {
  const world = kind === "influences" || kind === "world";
  const colour = kind === "loop" ? EDGE_COLOURS.loop : world ? EDGE_COLOURS.world : EDGE_COLOURS.data;
  // Models-only edges say what connects the two models: "loop · via purchases".
  const label = via ? `${kind} · via ${viaText(via)}` : undefined;
  return { kind, via, ...(label ? { label } : null), color: colour, size: world || kind === "loop" ? 2 : 1, head: "arrow", plainColor: world ? "rgba(0,0,0,0)" : colour, dashSize: world ? 7 : 0, gapSize: world ? 5 : 0 };
}

type Via = { world: boolean; through: Set<string> };

/** Each model's model→model edges walk part of the estate: once per model and analysis, not once per view change. */
const modelEdgeCache = new WeakMap<EstateGraph, Map<string, Map<string, Via>>>();
function modelEdgesFrom(estate: EstateGraph, index: EstateIndex, model: string): Map<string, Via> {
  let byModel = modelEdgeCache.get(estate);
  if (!byModel) modelEdgeCache.set(estate, (byModel = new Map()));
  let edges = byModel.get(model);
  if (!edges) byModel.set(model, (edges = edgesFromModel(index, model)));
  return edges;
}

/**
 * Models-only view: model A → model B when B reads something A's outputs reach through
 * outputs, services and datasets only. Remembers whether an `influences` edge was crossed
 * (a world edge) and which nodes it went through, for the edge's label. Keyed `A\u0000B`.
 */
export function modelToModelEdges(estate: EstateGraph, index: EstateIndex): Map<string, Via> {
  const result = new Map<string, Via>();
  for (const model of estate.nodes) {
    if (model.kind !== "model") continue;
    for (const [target, via] of modelEdgesFrom(estate, index, model.id)) result.set(`${model.id}\u0000${target}`, via);
  }
  return result;
}

/** The models one model's outputs reach (see modelToModelEdges), in the order the walk meets them. */
function edgesFromModel(index: EstateIndex, model: string): Map<string, Via> {
  const result = new Map<string, Via>();
  const seen = new Map<string, boolean>(); // node → reached with an influence
  const queue: [string, boolean][] = (index.out.get(model) ?? []).map((e) => [e.target, false]);
  for (const [id] of queue) seen.set(id, false);
  for (let head = 0; head < queue.length; head++) {
    const [id, world] = queue[head]!;
    for (const edge of index.out.get(id) ?? []) {
      const target = index.nodes.get(edge.target);
      const crossed = world || edge.kind === "influences";
      if (target?.kind === "model") {
        const entry = result.get(edge.target) ?? { world: false, through: new Set<string>() };
        entry.world ||= crossed;
        entry.through.add(id);
        result.set(edge.target, entry);
        continue;
      }
      const before = seen.get(edge.target);
      if (before === undefined || (crossed && !before)) {
        seen.set(edge.target, crossed);
        queue.push([edge.target, crossed]);
      }
    }
  }
  return result;
}

/** Teams on a circle, each team's nodes on a small circle around it: readable before any layout runs. */
function seededPositions(items: { id: string; group: string }[]): Map<string, { x: number; y: number }> {
  const groups = new Map<string, string[]>();
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : 1))) (groups.get(item.group) ?? groups.set(item.group, []).get(item.group)!).push(item.id);
  const names = [...groups.keys()].sort();
  const radius = 30 * Math.sqrt(items.length + 1);
  const positions = new Map<string, { x: number; y: number }>();
  names.forEach((name, g) => {
    const angle = (2 * Math.PI * g) / Math.max(1, names.length);
    const cx = names.length === 1 ? 0 : radius * Math.cos(angle);
    const cy = names.length === 1 ? 0 : radius * Math.sin(angle);
    const members = groups.get(name)!;
    const r = 14 * Math.sqrt(members.length);
    members.forEach((id, i) => {
      const a = 2.399963 * i; // golden angle spiral
      const d = r * Math.sqrt((i + 0.5) / members.length);
      positions.set(id, { x: cx + d * Math.cos(a), y: cy + d * Math.sin(a) });
    });
  });
  return positions;
}
