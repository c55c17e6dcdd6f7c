/**
 * loop-without-holdout: a model that trains on data inside a feedback loop it belongs to,
 * with no holdout traffic and no bandit exploration. All its future training data is shaped
 * by its own (or its loop partners') decisions, so it can never measure what would have
 * happened otherwise.
 * [Reference] Sculley et al. 2015, §4 "Feedback Loops: Direct Feedback Loops" (bandit
 * algorithms) and §7 "Dealing with Changes in the External World".
 */
import type { Rule } from "./rule.js";
import type { Site } from "../graph/attributes.js";
import { loopsOf, trainingReadsInsideLoop } from "./feedback-membership.js";
import { declarationSites, formatList } from "./edge-sites.js";

export const loopWithoutHoldout: Rule = {
  id: "loop-without-holdout",
  meta: {
    category: "operations",
    defaultSeverity: "warning",
    description: "A model that trains (`use: training` or `both`) on data inside a feedback loop it belongs to, whose `deployment` keeps no holdout (`holdout` absent or 0) and whose strategy is not `bandit`.",
    rationale: "A holdout (or a bandit's exploration) is the only source of training data the loop did not shape. Without it the model learns from its own decisions, offline metrics are biased, and the loop's effect cannot be measured.",
    paper: "§4 Feedback Loops — Direct Feedback Loops; §7 Dealing with Changes in the External World",
    fix: "Keep a share of traffic away from the model (`deployment.holdout: 0.05`) and train or evaluate on it, or deploy with `strategy: bandit` and log propensities.",
  },
  check({ estate, facts, report }) {
    const loops = loopsOf(facts);
    for (const model of [...facts.modelsInFeedbackLoops].sort()) {
      const declared = estate.models.get(model);
      if (!declared) continue;
      const deployment = declared.manifest.deployment;
      if ((deployment?.holdout ?? 0) > 0 || deployment?.strategy === "bandit") continue;
      const sources = trainingReadsInsideLoop(facts, model);
      if (sources.length === 0) continue;
      const sites: Site[] = sources.flatMap((source) => declarationSites(estate, source, model, "consumer"));
      if (sites.length === 0) sites.push(...sources.flatMap((source) => declarationSites(estate, source, model)));
      sites.push({ doc: declared.doc, path: deployment ? ["deployment"] : ["name"] });
      report({
        message: `${model} trains on ${formatList(sources)} inside ${(loops.get(model) ?? ["a feedback loop"]).join(" and ")}, with no holdout${deployment?.strategy ? ` (strategy ${deployment.strategy})` : ""}`,
        models: [model],
        nodes: [model, ...sources],
        sites,
        data: { trainsOn: sources },
      });
    }
  },
};
