/**
 * unstable-data-dependency: a model reads another team's model output without pinning the
 * producer's version. The producer retrains or changes the output on its own schedule, and
 * the consumer's input distribution changes under it with no code change on its side.
 * [Reference] Sculley et al. 2015, §3 "Data Dependencies Cost More than Code Dependencies:
 * Unstable Data Dependencies".
 *
 * One finding per read (output, consumer); identity = [output id, consumer]. Involved models:
 * the reader and the producer. A read declared only by the producer's `consumers` has no pin.
 */
import type { Rule } from "./rule.js";
import { declarationSites } from "./edge-sites.js";

export const unstableDataDependency: Rule = {
  id: "unstable-data-dependency",
  meta: {
    category: "data-dependencies",
    defaultSeverity: "warning",
    description: "A model that reads an output of a model with another `owner` (both owners set, and different) without a `version` pin.",
    rationale: "An unpinned read of another team's model output is a dependency on something that changes without notice: every retrain upstream is an untested change downstream. Pinning makes the upgrade a deliberate, reviewable step.",
    paper: "§3 Data Dependencies Cost More than Code Dependencies — Unstable Data Dependencies",
    fix: "Add `version: \"<producer version>\"` to the input (`{ from: producer/output, version: \"3\" }`) and upgrade deliberately, or read a versioned snapshot of the output.",
  },
  check({ estate, facts, report }) {
    const { index } = facts;
    for (const link of facts.modelLinks) {
      const producer = index.ids[link.producer]!;
      const consumer = index.ids[link.consumer]!;
      const output = index.ids[link.output]!;
      // A blank owner is no owner (missing-owner says so), not a team of its own.
      const producerOwner = estate.models.get(producer)?.manifest.owner?.trim() || undefined;
      const consumerOwner = estate.models.get(consumer)?.manifest.owner?.trim() || undefined;
      if (producerOwner === undefined || consumerOwner === undefined || producerOwner === consumerOwner) continue;
      const attributes = estate.graph.getEdgeAttributes(output, consumer);
      if (attributes.version !== undefined) continue;
      // The consumer's declarations that leave it unpinned (a read declared twice, pinned once, is unpinned).
      const consumerSites = attributes.declarations.filter((d) => d.side === "consumer" && d.version === undefined);
      report({
        message: `${consumer} (${consumerOwner}) reads ${output} from ${producer} (${producerOwner}) without a version pin${consumerSites.length === 0 ? " (the read is declared only in the producer's consumers)" : ""}`,
        models: [consumer, producer],
        nodes: [producer, output, consumer],
        sites: consumerSites.length > 0 ? consumerSites : declarationSites(estate, output, consumer),
        identity: [output, consumer],
        data: { output, consumer, producerOwner, consumerOwner },
      });
    }
  },
};
