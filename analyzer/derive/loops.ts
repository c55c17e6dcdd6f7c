import type { PathStep } from "../types.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { findSlot, trains } from "../graph/graph-index.js";
import type { Components } from "./sccs.js";
import { SearchScratch, shortestPath } from "./shortest-path.js";

/** An SCC holding two or more models: a hidden feedback loop or a circular dependency. */
export interface ComponentLoop {
  models: string[];
  nodes: string[];
  hasInfluence: boolean;
  throughTraining: boolean;
  /** Closed walk visiting every model of the component. */
  walk: PathStep[];
}

/**
 * Finds the component loops of FORMAT.md ("Loops"). The witness walk joins shortest paths:
 * from each model to the nearest model not yet visited, then back to the first. Greedy
 * nearest-next keeps each search small, so a component of 10,000 models costs about as much
 * as walking it, where joining paths in name order would search the whole component each time.
 * A hidden loop's walk is made to pass an `influences` edge, since that edge is the point.
 */
export function findComponentLoops(index: GraphIndex, components: Components, scratch: SearchScratch): ComponentLoop[] {
  const loops: ComponentLoop[] = [];
  for (const component of components.cyclic) {
    const models = component.filter((v) => index.kind[v] === "model");
    if (models.length < 2) continue;
    const id = components.componentOf[component[0]!]!;
    const inside = (v: number) => components.componentOf[v] === id;
    let hasInfluence = false;
    let throughTraining = false;
    let influenceEdge: [number, number] | undefined;
    let trainingEdge: [number, number] | undefined;
    for (const v of component) {
      const out = index.out;
      for (let k = out.start[v]!; k < out.start[v + 1]!; k++) {
        const w = out.node[k]!;
        if (!inside(w)) continue;
        if (out.kind[k] === "influences") {
          hasInfluence = true;
          influenceEdge ??= [v, w];
        } else if (out.kind[k] === "reads" && index.kind[w] === "model" && trains(out.use[k])) {
          throughTraining = true;
          trainingEdge ??= [v, w];
        }
      }
    }
    const walk = componentWalk(index, models, inside, influenceEdge, trainingEdge, scratch);
    loops.push({
      models: models.map((v) => index.ids[v]!).sort(),
      nodes: component.map((v) => index.ids[v]!).sort(),
      hasInfluence,
      throughTraining,
      walk: toSteps(index, walk),
    });
  }
  return loops;
}

function componentWalk(
  index: GraphIndex,
  models: number[],
  inside: (v: number) => boolean,
  influenceEdge: [number, number] | undefined,
  trainingEdge: [number, number] | undefined,
  scratch: SearchScratch,
): number[] {
  const start = models[0]!;
  const pending = new Set(models.slice(1));
  const walk = [start];
  let current = start;
  while (pending.size > 0) {
    const leg = shortestPath(index, current, (v) => pending.has(v), inside, scratch)!;
    for (const v of leg.slice(1)) {
      walk.push(v);
      pending.delete(v);
    }
    current = leg[leg.length - 1]!;
  }
  const home = shortestPath(index, current, (v) => v === start, inside, scratch)!;
  for (let i = 1; i < home.length; i++) walk.push(home[i]!);
  // Detours start → u → v → start so the witness shows how the models shape the world (an
  // influences edge) and, when they learn from each other, a read they train on: a walk through
  // serving reads alone reads as runtime coupling.
  const detour = (route: number[], [u, v]: [number, number]) => {
    const toU = u === start ? [start] : shortestPath(index, start, (x) => x === u, inside, scratch)!;
    const back = shortestPath(index, v, (x) => x === start, inside, scratch) ?? [v];
    return [...toU, ...(v === start ? [v] : back), ...route.slice(1)];
  };
  let route = walk;
  if (influenceEdge && !passes(route, (i) => edgeKind(index, route[i]!, route[i + 1]!) === "influences")) route = detour(route, influenceEdge);
  if (trainingEdge && !passes(route, (i) => isTrainingRead(index, route[i]!, route[i + 1]!))) route = detour(route, trainingEdge);
  return route;
}

function passes(walk: number[], step: (i: number) => boolean): boolean {
  for (let i = 0; i + 1 < walk.length; i++) if (step(i)) return true;
  return false;
}

function isTrainingRead(index: GraphIndex, from: number, to: number): boolean {
  const slot = findSlot(index.out, from, to);
  return index.out.kind[slot] === "reads" && index.kind[to] === "model" && trains(index.out.use[slot]);
}

export function edgeKind(index: GraphIndex, from: number, to: number) {
  return index.out.kind[findSlot(index.out, from, to)]!;
}

export function toSteps(index: GraphIndex, walk: number[]): PathStep[] {
  const steps: PathStep[] = [];
  for (let i = 0; i + 1 < walk.length; i++) {
    steps.push({ from: index.ids[walk[i]!]!, to: index.ids[walk[i + 1]!]!, edge: edgeKind(index, walk[i]!, walk[i + 1]!) });
  }
  return steps;
}

export { SearchScratch };
