/**
 * unused-output: an output that no model reads and no service consumes. It still costs
 * compute, monitoring and attention, and anyone may start depending on it unnoticed.
 * [Reference] Sculley et al. 2015, §3 "Data Dependencies Cost More than Code Dependencies:
 * Underutilized Data Dependencies" and §5 "ML-System Anti-Patterns: Dead Experimental Codepaths".
 */
import type { Rule } from "./rule.js";

export const unusedOutput: Rule = {
  id: "unused-output",
  meta: {
    category: "data-dependencies",
    defaultSeverity: "info",
    description: "An output that no one consumes or reads.",
    rationale: "An output nobody uses is dead weight: it is computed, stored and monitored for nothing, and it invites undeclared consumers later. Often it is a leftover of an experiment.",
    paper: "§3 Data Dependencies Cost More than Code Dependencies — Underutilized Data Dependencies; §5 ML-System Anti-Patterns — Dead Experimental Codepaths",
    fix: "Remove the output, or declare who uses it: list the consumer in `consumers`, or add it to the consumer's `inputs` / `consumes`.",
  },
  check({ estate, report }) {
    estate.graph.forEachNode((id, attributes) => {
      if (attributes.kind !== "output") return;
      let used = false;
      estate.graph.forEachOutEdge(id, (_target, edge) => {
        if (edge.kind === "reads" || edge.kind === "consumes") used = true;
      });
      if (used) return;
      const model = attributes.model!;
      report({
        message: `no model reads and no service consumes ${id}`,
        models: [model],
        nodes: [model, id],
        sites: attributes.site ? [attributes.site] : [],
        identity: [id],
      });
    });
  },
};
