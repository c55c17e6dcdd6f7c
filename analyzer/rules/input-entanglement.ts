/**
 * input-entanglement: two models whose own inputs overlap heavily (at least `minShared`
 * shared inputs and a Jaccard index of at least `minJaccard`). A change to any shared input
 * (a schema change, an outage, a drift) hits both at once, and improvements in one are
 * tempting to copy into the other by hand.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries: Entanglement" and
 * §3 "Data Dependencies Cost More than Code Dependencies".
 *
 * Pairs come from a prefix-filtered similarity join (derive/similar-pairs.ts), never from
 * comparing all pairs. An input read by more than MAX_CANDIDATES_PER_INPUT models is not used
 * to enumerate pairs (that alone could be readers²/2 findings); it is reported as its own
 * finding with `data.capped`, so no pair is dropped silently.
 */
import { z } from "zod";
import type { Rule } from "./rule.js";
import type { Site } from "../graph/attributes.js";
import { findSimilarPairs, MAX_CANDIDATES_PER_INPUT } from "../derive/similar-pairs.js";
import { declarationSites, formatList } from "./edge-sites.js";

/**
 * Shared inputs one finding names, locates and lists at most. Models that each read hundreds
 * of the same inputs make a pair per two models and a list per pair: a clique of 400 models
 * reading each other's outputs gave a 3.4 GB report (80,000 pairs, 400 inputs and 800
 * locations each), growing with the cube of the clique.
 */
export const MAX_SHARED_LISTED = 20;

const optionsSchema = z.object({
  minShared: z.number().int().min(1).default(3).describe("Fewest shared inputs a pair must have."),
  minJaccard: z.number().min(0).max(1).default(0.5).describe("Lowest Jaccard index (shared / all inputs of the two) a pair must have."),
});

export const inputEntanglement: Rule = {
  id: "input-entanglement",
  meta: {
    category: "entanglement",
    defaultSeverity: "info",
    description: "Two models that share at least `minShared` (default 3) inputs with a Jaccard index of at least `minJaccard` (default 0.5); one finding per pair.",
    rationale: "Models built on nearly the same inputs are entangled through them: one upstream change moves both, their errors are correlated, and they are often near-duplicates that cost twice to maintain.",
    paper: "§2 Complex Models Erode Boundaries — Entanglement; §3 Data Dependencies Cost More than Code Dependencies",
    fix: "Check whether the two models should be one, or whether the shared inputs deserve one owned feature set with a version pin; when the overlap is deliberate, acknowledge it in both models.",
    options: optionsSchema,
  },
  check({ estate, facts, options, report }) {
    const { minShared, minJaccard } = optionsSchema.parse(options);
    const { index } = facts;
    const { pairs, crowded } = findSimilarPairs(facts.inputSets, minShared, minJaccard);
    for (const pair of pairs) {
      const [a, b] = pair.models.map((v) => index.ids[v]!) as [string, string];
      const shared = pair.shared.map((v) => index.ids[v]!);
      const jaccard = Math.round((shared.length / pair.union) * 1000) / 1000;
      // The first MAX_SHARED_LISTED shared inputs are named, located and listed in `data`;
      // `data.sharedOmitted` counts the rest, which the message's count includes.
      const listed = shared.length > MAX_SHARED_LISTED ? shared.slice(0, MAX_SHARED_LISTED) : shared;
      report({
        message: `${a} and ${b} share ${shared.length} of their ${pair.union} inputs (Jaccard ${jaccard}): ${formatList(shared)}`,
        models: [a, b],
        nodes: [a, b, ...listed],
        sites: listed.flatMap((input) => [...declarationSites(estate, input, a, "consumer"), ...declarationSites(estate, input, b, "consumer")]),
        data: { shared: listed, jaccard, ...(listed.length < shared.length ? { sharedOmitted: shared.length - listed.length } : {}) },
      });
    }
    for (const { node, readers } of crowded) {
      const id = index.ids[node]!;
      const site = estate.graph.getNodeAttributes(id).site;
      const sites: Site[] = site ? [site] : declarationSites(estate, id, index.ids[index.out.node[index.out.start[node]!]!]!);
      report({
        message: `${id} is an input of ${readers} models, more than the ${MAX_CANDIDATES_PER_INPUT} Loopscope compares pair by pair: pairs of models entangled mainly through it are not listed one by one`,
        models: [],
        nodes: [id],
        sites,
        identity: [id, "*crowded*"],
        data: { capped: true, cap: MAX_CANDIDATES_PER_INPUT, input: id, readers },
      });
    }
  },
};
