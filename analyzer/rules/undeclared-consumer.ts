/**
 * undeclared-consumer: a model or service uses an output that its producer does not list
 * among `consumers`. The producer's team cannot see who depends on it, so a change it thinks
 * is internal breaks (or retrains) someone else.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries: Undeclared Consumers".
 *
 * One finding per (output, consumer); identity = [output id, consumer name], so runtime
 * lineage evidence (an observed read) can be matched to the same fingerprint.
 */
import type { Rule } from "./rule.js";
import { modelOfOutput } from "./edge-sites.js";

export const undeclaredConsumer: Rule = {
  id: "undeclared-consumer",
  meta: {
    category: "boundary-erosion",
    defaultSeverity: "warning",
    description: "A model or service that reads or consumes an output whose `consumers` list does not name it.",
    rationale: "An undeclared consumer is a silent dependency: the producing team changes, retrains or retires the output without knowing who relies on it, and the consumer's quality moves with changes it never agreed to. Undeclared consumers also hide feedback loops from the producer.",
    paper: "§2 Complex Models Erode Boundaries — Undeclared Consumers",
    fix: "Add the consumer to the output's `consumers` list in the producer's manifest (the producing team reviews it), or stop reading the output. Both models can acknowledge the finding with a reason.",
  },
  check({ estate, report }) {
    estate.graph.forEachEdge((attributes, source, target, sourceNode, targetNode) => {
      if (attributes.kind !== "reads" && attributes.kind !== "consumes") return;
      if (sourceNode.kind !== "output") return;
      if (attributes.declarations.some((d) => d.side === "producer")) return;
      const producer = sourceNode.model ?? modelOfOutput(estate, source);
      const consumerIsModel = targetNode.kind === "model";
      report({
        message: `${consumerIsModel ? "model" : "service"} ${target} ${consumerIsModel ? "reads" : "consumes"} ${source}, but ${producer} does not list ${target} among that output's consumers`,
        models: consumerIsModel ? [producer, target] : [producer],
        nodes: [producer, source, target],
        sites: attributes.declarations.filter((d) => d.side === "consumer"),
        identity: [source, target],
        data: { output: source, consumer: target },
      });
    });
  },
};
