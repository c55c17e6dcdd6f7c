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
  const walk = tour(index, models, inside, [], scratch);
  // The witness shows how the models shape the world (an influences edge) and, when they learn
  // from each other, a read they train on: a walk through serving reads alone reads as runtime
  // coupling. When the nearest-first walk has neither, it is made again through the missing
  // edges first. (Putting a detour start → u → v → start in front of the whole first walk
  // made two closed walks, one after the other: models and locations twice, for nothing.)
  const influences = (route: number[]) => !influenceEdge || passes(route, (i) => edgeKind(index, route[i]!, route[i + 1]!) === "influences");
  const trainsOn = (route: number[]) => !trainingEdge || passes(route, (i) => isTrainingRead(index, route[i]!, route[i + 1]!));
  if (influences(walk) && trainsOn(walk)) return walk;
  // Through the edge that is missing; if the new walk then lacks the other (it went another
  // way), through both: each edge made part of the walk is on it.
  const missing: [number, number][] = [];
  if (!influences(walk)) missing.push(influenceEdge!);
  if (!trainsOn(walk)) missing.push(trainingEdge!);
  const rebuilt = tour(index, models, inside, missing, scratch);
  if (influences(rebuilt) && trainsOn(rebuilt)) return rebuilt;
  return tour(index, models, inside, [influenceEdge, trainingEdge].filter((edge): edge is [number, number] => edge !== undefined), scratch);
}

/**
 * A closed walk from the first model: through each edge of `through` in turn, then to the
 * nearest model not yet visited until none is left, then back (shortest paths, joined).
 */
function tour(index: GraphIndex, models: number[], inside: (v: number) => boolean, through: [number, number][], scratch: SearchScratch): number[] {
  const start = models[0]!;
  const pending = new Set(models.slice(1));
  const walk = [start];
  let current = start;
  const go = (leg: number[]) => {
    for (let i = 1; i < leg.length; i++) {
      walk.push(leg[i]!);
      pending.delete(leg[i]!);
    }
    current = leg[leg.length - 1]!;
  };
  for (const [u, v] of through) {
    if (current !== u) go(shortestPath(index, current, (x) => x === u, inside, scratch)!);
    go([u, v]);
  }
  while (pending.size > 0) go(shortestPath(index, current, (v) => pending.has(v), inside, scratch)!);
  // The first walk always goes home (the component has models besides the start); a walk made
  // through edges may already be there.
  if (through.length === 0 || current !== start) go(shortestPath(index, current, (v) => v === start, inside, scratch)!);
  return walk;
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
