/**
 * unmonitored-loop: a model in a feedback loop (hidden or direct) without drift monitoring.
 * A loop changes the model's own input distribution over time; without drift monitoring
 * nobody notices until the business metric moves.
 * [Reference] Sculley et al. 2015, §4 "Feedback Loops" and §7 "Dealing with Changes in the
 * External World: Monitoring and Testing".
 */
import type { Rule } from "./rule.js";
import { loopsOf } from "./feedback-membership.js";

export const unmonitoredLoop: Rule = {
  id: "unmonitored-loop",
  meta: {
    category: "operations",
    defaultSeverity: "warning",
    description: "A model in a feedback loop (hidden or direct) without `monitoring.drift: true`.",
    rationale: "A model in a feedback loop changes the data it will see next. That drift is the loop's signature, and without drift monitoring it is only noticed when a business metric breaks, long after the cause.",
    paper: "§4 Feedback Loops; §7 Dealing with Changes in the External World — Monitoring and Testing",
    fix: "Monitor the model's input and output distributions and set `monitoring: { drift: true }` in its manifest.",
  },
  check({ estate, facts, report }) {
    const loops = loopsOf(facts);
    for (const model of [...facts.modelsInFeedbackLoops].sort()) {
      const declared = estate.models.get(model);
      if (!declared || declared.manifest.monitoring?.drift === true) continue;
      const monitoring = declared.manifest.monitoring;
      report({
        message: `${model} is in ${(loops.get(model) ?? ["a feedback loop"]).join(" and ")} but has no drift monitoring (monitoring.drift is ${monitoring ? "false" : "not set"})`,
        models: [model],
        nodes: [model],
        sites: [{ doc: declared.doc, path: monitoring ? ["monitoring"] : ["name"] }],
      });
    }
  },
};
