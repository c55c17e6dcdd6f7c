/**
 * correction-cascade: model B reads model A's output and both declare the same `target`, so
 * B learns to correct A's mistakes for the same outcome. A can no longer be improved alone:
 * a better A changes B's input distribution and can make the pair worse.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries: Correction Cascades".
 *
 * One finding per (A, B) with A ≠ B, however many of A's outputs B reads; identity = [A, B]
 * in that order, so two models correcting each other are two findings.
 */
import type { Rule } from "./rule.js";
import type { Site } from "../graph/attributes.js";
import { declarationSites, formatList } from "./edge-sites.js";

export const correctionCascade: Rule = {
  id: "correction-cascade",
  meta: {
    category: "boundary-erosion",
    defaultSeverity: "warning",
    description: "Model B reads model A's output and both declare the same `target`: B patches A.",
    rationale: "A model trained to correct another model's output for the same target creates a dependency that blocks improvements to either: improving A shifts what B learned to fix, and the cascade of corrections gets more expensive to unwind with every layer.",
    paper: "§2 Complex Models Erode Boundaries — Correction Cascades",
    fix: "Fold the correction into A (add the features B uses to A's model), or give B a different target; if the cascade is deliberate, have both models acknowledge it.",
  },
  check({ estate, facts, report }) {
    const { index } = facts;
    const links = facts.modelLinks;
    for (let i = 0; i < links.length; ) {
      const { producer, consumer } = links[i]!;
      let j = i;
      const outputs: string[] = [];
      const sites: Site[] = [];
      for (; j < links.length && links[j]!.producer === producer && links[j]!.consumer === consumer; j++) {
        const output = index.ids[links[j]!.output]!;
        outputs.push(output);
        sites.push(...declarationSites(estate, output, index.ids[consumer]!));
      }
      i = j;
      if (producer === consumer) continue;
      const a = index.ids[producer]!;
      const b = index.ids[consumer]!;
      const target = estate.models.get(a)?.manifest.target;
      const declaredB = estate.models.get(b);
      if (target === undefined || declaredB?.manifest.target !== target) continue;
      sites.push({ doc: estate.models.get(a)!.doc, path: ["target"] }, { doc: declaredB.doc, path: ["target"] });
      report({
        message: `${b} reads ${formatList(outputs)} and both models predict "${target}": ${b} patches ${a}'s output (correction cascade)`,
        models: [a, b],
        nodes: [a, ...outputs, b],
        sites,
        identity: [a, b],
        data: { corrected: a, correcting: b, target, outputs },
      });
    }
  },
};
