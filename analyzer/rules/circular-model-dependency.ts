/**
 * circular-model-dependency: models that feed each other's outputs directly, with no world
 * signal in between. Nothing can be retrained, rolled back or reasoned about alone.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries" and §4 "Feedback Loops".
 */
import type { Rule } from "./rule.js";
import { loopSites, formatModels } from "./loop-sites.js";

export const circularModelDependency: Rule = {
  id: "circular-model-dependency",
  meta: {
    category: "loops",
    defaultSeverity: "error",
    description: "Two or more models in one strongly connected component with no `influences` edge: they consume each other's outputs directly.",
    rationale: "A cycle of model-to-model data dependencies means no model can be changed, retrained or rolled back in isolation (Changing Anything Changes Everything), and a serving-time cycle can recurse.",
    paper: "§2 Complex Models Erode Boundaries; §4 Feedback Loops",
    fix: "Cut one edge of the cycle: have one model read a snapshot or a version-pinned copy instead of the live output, or merge the models into one owned pipeline.",
  },
  check({ facts, estate, report }) {
    for (const loop of facts.componentLoops) {
      if (loop.hasInfluence) continue;
      report({
        message: `circular dependency between ${formatModels(loop.models)}${loop.throughTraining ? "" : " (runtime coupling only)"}`,
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
