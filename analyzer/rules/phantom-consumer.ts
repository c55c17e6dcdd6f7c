/**
 * phantom-consumer: an output lists a declared model or service among its `consumers`, but
 * that consumer's own manifest neither reads nor consumes it. The dependency map is wrong:
 * either the consumer stopped using the output, or it uses it without saying so.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries" (the mirror image of
 * undeclared consumers).
 *
 * One finding per (output, consumer); identity = [output id, consumer name], so runtime
 * lineage evidence (an observed read, or its absence) can be matched to the same fingerprint.
 * Involved models: the producer, and the consumer when it is a model.
 */
import type { Rule } from "./rule.js";
import { modelOfOutput } from "./edge-sites.js";

export const phantomConsumer: Rule = {
  id: "phantom-consumer",
  meta: {
    category: "boundary-erosion",
    defaultSeverity: "warning",
    description: "An output that names a declared Model or Service as a consumer, where that consumer's own manifest does not read or consume it.",
    rationale: "Declared dependencies that one side denies make the estate's map untrustworthy: impact analysis warns the wrong team, and if the consumer really does use the output without declaring it, its own manifest hides the dependency (and any loop through it).",
    paper: "§2 Complex Models Erode Boundaries — Undeclared Consumers",
    fix: "If the consumer uses the output, add it to the consumer's `inputs` (a model) or `consumes` (a service); otherwise remove it from the output's `consumers`.",
  },
  check({ estate, report }) {
    estate.graph.forEachEdge((attributes, source, target, sourceNode, consumer) => {
      if (attributes.kind !== "reads" && attributes.kind !== "consumes") return;
      if (sourceNode.kind !== "output") return;
      if (consumer.implicit || (consumer.kind !== "model" && consumer.kind !== "service")) return;
      if (attributes.declarations.some((d) => d.side === "consumer")) return;
      const producer = sourceNode.model ?? modelOfOutput(estate, source);
      const isModel = consumer.kind === "model";
      report({
        message: `${source} lists ${target} as a consumer, but ${isModel ? `model ${target} does not read it in its inputs` : `service ${target} does not consume it`}`,
        models: isModel ? [producer, target] : [producer],
        nodes: [producer, source, target],
        sites: attributes.declarations.filter((d) => d.side === "producer"),
        identity: [source, target],
        data: { output: source, consumer: target },
      });
    });
  },
};
