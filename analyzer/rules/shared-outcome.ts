/**
 * shared-outcome: two models both change one dataset (through their outputs, or a service
 * acting on their outputs) while at least one of them trains on it or on data derived from
 * it. Each model's training data carries the other's effect: changes to one silently move
 * the other, even when no loop closes.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries: Entanglement (CACE)"
 * and §4 "Feedback Loops: Hidden Feedback Loops".
 *
 * One finding per pair, naming every dataset the pair shares (derive/shared-outcomes.ts).
 * A dataset that alone would add more than MAX_PAIRS_PER_DATASET pairs is reported as one
 * finding naming all its influencing models, with `data.capped`, instead of pair by pair.
 */
import type { Rule } from "./rule.js";
import type { Site } from "../graph/attributes.js";
import { MAX_PAIRS_PER_DATASET } from "../derive/shared-outcomes.js";
import { declarationSites, edgeRefSites, formatList } from "./edge-sites.js";

export const sharedOutcome: Rule = {
  id: "shared-outcome",
  meta: {
    category: "entanglement",
    defaultSeverity: "warning",
    description: "Two models that both influence one dataset while at least one of them trains on that dataset or on a dataset derived from it (`derivedFrom`); one finding per pair, naming the dataset(s).",
    rationale: "When two models act on the same outcome, the data either of them learns from is a mix of both models' effects. Changing one model changes the other's training data (Changing Anything Changes Everything); experiments on one are confounded by the other.",
    paper: "§2 Complex Models Erode Boundaries — Entanglement; §4 Feedback Loops — Hidden Feedback Loops",
    fix: "Give the models one owner for the shared outcome, log which model caused each event (so training can separate the effects), keep a holdout for one of them, or train on data the other model does not influence. Acknowledge it in both models when the coupling is understood.",
  },
  check({ estate, facts, report }) {
    const { index } = facts;
    const { pairs, crowded } = facts.sharedOutcomes;
    for (const pair of pairs) {
      const [x, y] = pair.models;
      const a = index.ids[x]!;
      const b = index.ids[y]!;
      const datasets = pair.datasets.map((v) => index.ids[v]!);
      // The pair's edges that end at one of its models are its training reads.
      let trainsA = false;
      let trainsB = false;
      for (const [, to] of pair.edges) {
        if (to === x) trainsA = true;
        else if (to === y) trainsB = true;
      }
      const trainers = trainsA && trainsB ? (a < b ? [a, b] : [b, a]) : [trainsA ? a : b];
      const it = datasets.length === 1 ? "it" : "them";
      const who = trainers.length === 2 ? "both train" : `${trainers[0]} trains`;
      report({
        message: `${a} and ${b} both influence ${formatList(datasets)}, and ${who} on ${it} or on data derived from ${it}`,
        models: [a, b],
        nodes: [a, b, ...datasets],
        sites: edgeRefSites(index, pair.edges),
        data: { datasets, trainers },
      });
    }
    for (const group of crowded) {
      const dataset = index.ids[group.dataset]!;
      const models = group.influencers.map((v) => index.ids[v]!);
      const sites: Site[] = [];
      const inbound = index.in;
      for (let k = inbound.start[group.dataset]!; k < inbound.start[group.dataset + 1]!; k++) {
        if (inbound.kind[k] === "influences") sites.push(...declarationSites(estate, index.ids[inbound.node[k]!]!, dataset));
      }
      report({
        message: `${models.length} models influence ${dataset} and ${group.trainers.length} of them train on it: ${group.pairs} pairs, more than the ${MAX_PAIRS_PER_DATASET} Loopscope lists one by one, so they are reported together`,
        models,
        nodes: [...models, dataset],
        sites,
        identity: [dataset, "*crowded*"],
        data: { capped: true, cap: MAX_PAIRS_PER_DATASET, dataset, pairs: group.pairs, trainers: group.trainers.map((v) => index.ids[v]!) },
      });
    }
  },
};
