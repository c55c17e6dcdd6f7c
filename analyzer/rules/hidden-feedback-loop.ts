/**
 * hidden-feedback-loop: two or more models shape each other's training data through the
 * world. Each team sees only its own model; the loop lives between them.
 * [Reference] Sculley et al. 2015, §4 "Feedback Loops: Hidden Feedback Loops".
 */
import type { Rule } from "./rule.js";
import { loopSites, formatModels } from "./loop-sites.js";

export const hiddenFeedbackLoop: Rule = {
  id: "hidden-feedback-loop",
  meta: {
    category: "loops",
    defaultSeverity: "error",
    description: "Two or more models in one strongly connected component with at least one `influences` edge: they shape each other's data through the world.",
    rationale: "Each model changes a real-world signal that another model (or itself, through the other) learns from. No single team can see the loop, offline metrics stop predicting online behaviour, and a change to one model silently retrains the other.",
    paper: "§4 Feedback Loops — Hidden Feedback Loops",
    fix: "Break the loop (train on data the other model did not influence, e.g. a holdout or logged propensities), or own it jointly: monitor drift, keep a holdout, and acknowledge it in every involved model's manifest.",
  },
  check({ facts, estate, report }) {
    for (const loop of facts.componentLoops) {
      if (!loop.hasInfluence) continue;
      report({
        message: `hidden feedback loop between ${formatModels(loop.models)}${loop.throughTraining ? "" : " (runtime coupling only: no model trains on data inside the loop)"}`,
        models: loop.models,
        nodes: loop.nodes,
        path: loop.walk,
        sites: loopSites(estate, loop.walk),
        demote: !loop.throughTraining,
        data: { throughTraining: loop.throughTraining },
      });
    }
  },
};
