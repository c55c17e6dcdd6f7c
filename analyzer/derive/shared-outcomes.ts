import { trains, type GraphIndex } from "../graph/graph-index.js";
import { findInfluencers, type EdgeRef } from "./influencers.js";
import { DownstreamLineage } from "./lineage.js";

/** Two models that both influence one or more datasets, at least one training on it (or its derivations). */
export interface SharedOutcome {
  /** Model indexes, the smaller first. */
  models: [number, number];
  /** The influenced datasets, ascending. */
  datasets: number[];
  /** Influence routes and training reads that make the finding. */
  edges: EdgeRef[];
}

/** A dataset whose pairs were not listed one by one because there are too many. */
export interface CrowdedOutcome {
  dataset: number;
  influencers: number[];
  trainers: number[];
  pairs: number;
}

export interface SharedOutcomes {
  pairs: SharedOutcome[];
  crowded: CrowdedOutcome[];
}

/** Pairs one dataset may contribute before it is reported as one crowded finding instead. */
export const MAX_PAIRS_PER_DATASET = 50_000;

/**
 * shared-outcome's pairs, enumerated only among models that actually share an influenced
 * dataset. Per dataset D with two or more influencers: mark D's downstream lineage once (no
 * per-pair search), find which influencers train on a marked dataset, then every pair with at
 * least one trainer: trainers × trainers and trainers × the rest. The pair count is the output
 * size; a dataset that would add more than MAX_PAIRS_PER_DATASET pairs is returned as crowded.
 */
export function findSharedOutcomes(index: GraphIndex, maxPairsPerDataset = MAX_PAIRS_PER_DATASET): SharedOutcomes {
  const influencers = findInfluencers(index);
  const lineage = new DownstreamLineage(index);
  const byPair = new Map<number, Map<number, SharedOutcome>>();
  const crowded: CrowdedOutcome[] = [];
  for (const [dataset, list] of influencers) {
    if (list.length < 2) continue;
    lineage.markFrom(dataset);
    const training = new Map<number, EdgeRef>();
    for (const { model } of list) {
      const inbound = index.in;
      for (let k = inbound.start[model]!; k < inbound.start[model + 1]!; k++) {
        const source = inbound.node[k]!;
        if (inbound.kind[k] === "reads" && trains(inbound.use[k]) && index.kind[source] === "dataset" && lineage.has(source)) {
          training.set(model, [source, model]);
          break;
        }
      }
    }
    const trainers = list.filter((entry) => training.has(entry.model));
    if (trainers.length === 0) continue;
    const others = list.filter((entry) => !training.has(entry.model));
    const pairCount = (trainers.length * (trainers.length - 1)) / 2 + trainers.length * others.length;
    if (pairCount > maxPairsPerDataset) {
      crowded.push({ dataset, influencers: list.map((e) => e.model), trainers: trainers.map((e) => e.model), pairs: pairCount });
      continue;
    }
    const add = (a: (typeof list)[number], b: (typeof list)[number]) => {
      const x = a.model < b.model ? a : b;
      const y = x === a ? b : a;
      let inner = byPair.get(x.model);
      if (!inner) byPair.set(x.model, (inner = new Map()));
      const readX = training.get(x.model);
      const readY = training.get(y.model);
      // Most pairs share one dataset: their lists are made at their exact size (a list grown
      // from [] by push holds 17 slots, and 20,000 pairs live to the end of a run).
      const edges = x.route.concat(y.route, readX ? [readX] : [], readY ? [readY] : []);
      const pair = inner.get(y.model);
      if (!pair) inner.set(y.model, { models: [x.model, y.model], datasets: [dataset], edges });
      else {
        pair.datasets.push(dataset);
        for (const edge of edges) pair.edges.push(edge);
      }
    };
    for (let i = 0; i < trainers.length; i++) {
      for (let j = i + 1; j < trainers.length; j++) add(trainers[i]!, trainers[j]!);
      for (const other of others) add(trainers[i]!, other);
    }
  }
  const pairs: SharedOutcome[] = [];
  for (const x of [...byPair.keys()].sort((a, b) => a - b)) {
    const inner = byPair.get(x)!;
    for (const y of [...inner.keys()].sort((a, b) => a - b)) {
      const pair = inner.get(y)!;
      pair.datasets.sort((a, b) => a - b);
      pairs.push(pair);
    }
  }
  return { pairs, crowded: crowded.sort((a, b) => a.dataset - b.dataset) };
}
