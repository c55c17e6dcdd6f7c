/**
 * direct-feedback-loop: a model whose outputs change the data it learns from, with no other
 * model in between (a recommender trained on clicks on its own recommendations).
 * [Reference] Sculley et al. 2015, §4 "Feedback Loops: Direct Feedback Loops".
 */
import type { Rule } from "./rule.js";
import { loopSites } from "./loop-sites.js";

export const directFeedbackLoop: Rule = {
  id: "direct-feedback-loop",
  meta: {
    category: "loops",
    defaultSeverity: "warning",
    description: "A model whose outputs reach one of its own inputs through at least one `influences` edge without passing another model.",
    rationale: "The model selects the data it will be trained on next: its errors reinforce themselves and offline evaluation on logged data is biased.",
    paper: "§4 Feedback Loops — Direct Feedback Loops",
    fix: "Keep a holdout or use a bandit with exploration so part of the data is unbiased, log propensities, or train on signals the model does not influence; then acknowledge the finding with the reason.",
  },
  check({ facts, estate, report }) {
    for (const loop of facts.directLoops) {
      report({
        message: `${loop.model} learns from data its own outputs change${loop.throughTraining ? "" : " (runtime coupling only)"}`,
        models: [loop.model],
        nodes: loop.nodes,
        path: loop.walk,
        sites: loopSites(estate, loop.walk),
        demote: !loop.throughTraining,
        data: { throughTraining: loop.throughTraining },
      });
    }
  },
};
