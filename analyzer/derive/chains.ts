import type { GraphIndex } from "../graph/graph-index.js";
import type { ModelLink } from "./model-links.js";
import { stronglyConnectedComponents } from "./sccs.js";

/** One longest chain of models, each reading the previous one's output. */
export interface ModelChain {
  /** Model node indexes, first producer first; a cycle on the chain appears as all its models, in name order. */
  models: number[];
  /** The same models by step: one model, or every model of a cycle on the chain (name order). */
  steps: number[][];
  /** The reads between consecutive steps, plus the reads inside any cycle on the chain. */
  links: ModelLink[];
}

export interface ModelChains {
  /** One chain per end of the model-to-model graph (a model, or a cycle of models, that no other model reads). */
  ends: { length: number; chain: () => ModelChain }[];
}

/**
 * Longest chains on the model-to-model read graph in linear time. Cycles make "longest
 * simple path" intractable, so the graph is condensed into strongly connected components
 * first; a component counts as all of its models (every one of them is a step data passes
 * through, and circular-model-dependency reports the cycle itself). Tarjan numbers
 * components so that every edge goes from a higher number to a lower one, so one pass in
 * decreasing order is a topological sweep: best(c) = models(c) + max best(predecessor).
 * Ties go to the predecessor whose first model sorts first, so the chain is stable.
 */
export function findModelChains(index: GraphIndex, links: ModelLink[]): ModelChains {
  const models: number[] = [];
  const local = new Int32Array(index.ids.length).fill(-1);
  for (let v = 0; v < index.ids.length; v++) if (index.kind[v] === "model") local[v] = models.push(v) - 1;
  // The model-to-model graph in compressed rows (links are sorted by producer, then consumer).
  const start = new Int32Array(models.length + 1);
  const targets: number[] = [];
  let last = -1;
  let lastTarget = -1;
  for (const link of links) {
    const from = local[link.producer]!;
    const to = local[link.consumer]!;
    if (from === last && to === lastTarget) continue;
    start[from + 1]!++;
    targets.push(to);
    last = from;
    lastTarget = to;
  }
  for (let m = 0; m < models.length; m++) start[m + 1]! += start[m]!;
  const { componentOf } = stronglyConnectedComponents({ ids: models, out: { start, node: Int32Array.from(targets) } });
  let count = 0;
  for (const c of componentOf) count = Math.max(count, c + 1);
  const members: number[][] = Array.from({ length: count }, () => []);
  models.forEach((_, m) => members[componentOf[m]!]!.push(m)); // ascending, so sorted by name
  const inbound: ModelLink[][] = Array.from({ length: count }, () => []);
  const internal: ModelLink[][] = Array.from({ length: count }, () => []);
  const hasSuccessor = new Uint8Array(count);
  for (const link of links) {
    const from = componentOf[local[link.producer]!]!;
    const to = componentOf[local[link.consumer]!]!;
    if (from === to) internal[to]!.push(link);
    else {
      inbound[to]!.push(link);
      hasSuccessor[from] = 1;
    }
  }
  const best = new Int32Array(count);
  const previous = new Int32Array(count).fill(-1);
  const via: (ModelLink | undefined)[] = new Array(count);
  for (let c = count - 1; c >= 0; c--) {
    let top = 0;
    for (const link of inbound[c]!) {
      const p = componentOf[local[link.producer]!]!;
      const better = best[p]! > top || (best[p] === top && previous[c] !== -1 && members[p]![0]! < members[previous[c]!]![0]!);
      if (better) {
        top = best[p]!;
        previous[c] = p;
        via[c] = link;
      }
    }
    best[c] = top + members[c]!.length;
  }
  const ends: ModelChains["ends"] = [];
  for (let c = 0; c < count; c++) {
    if (hasSuccessor[c]) continue;
    ends.push({
      length: best[c]!,
      chain: () => {
        const order: number[] = [];
        for (let x = c; x !== -1; x = previous[x]!) order.push(x);
        order.reverse();
        const chainLinks: ModelLink[] = [];
        for (const x of order) {
          if (via[x]) chainLinks.push(via[x]!);
          // A loop here: every model reads every other, tens of thousands of links; a spread of
          // that many arguments overflows the stack (a 400-model clique did).
          for (const link of internal[x]!) chainLinks.push(link);
        }
        const steps = order.map((x) => members[x]!.map((m) => models[m]!));
        return { models: steps.flat(), steps, links: chainLinks };
      },
    });
  }
  return { ends };
}
