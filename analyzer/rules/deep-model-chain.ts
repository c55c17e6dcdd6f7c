/**
 * deep-model-chain: `maxDepth` or more models in a row, each reading the previous one's
 * output. Every link is a boundary a change has to cross; a change at the head ripples to the
 * tail with nobody owning the whole chain.
 * [Reference] Sculley et al. 2015, §2 "Complex Models Erode Boundaries" (Entanglement,
 * Correction Cascades) and §3 "Data Dependencies Cost More than Code Dependencies".
 *
 * One finding per longest chain: for every end of the model-to-model read graph (a model, or
 * a cycle of models, whose outputs no other model reads), the longest chain that ends there
 * (derive/chains.ts). Identity = the chain's models in order.
 */
import { z } from "zod";
import type { Rule } from "./rule.js";
import { declarationSites } from "./edge-sites.js";

const optionsSchema = z.object({
  maxDepth: z.number().int().min(2).default(4).describe("Chains of this many models or more are reported."),
});

export const deepModelChain: Rule = {
  id: "deep-model-chain",
  meta: {
    category: "boundary-erosion",
    defaultSeverity: "info",
    description: "A chain of `maxDepth` (default 4) or more models, each reading the previous one's output; one finding per longest chain.",
    rationale: "Each model in a chain consumes the previous model's output as a feature. An improvement at the head changes every downstream input distribution, so the chain can only be changed, evaluated and rolled back as a whole, and no single team owns it.",
    paper: "§2 Complex Models Erode Boundaries; §3 Data Dependencies Cost More than Code Dependencies",
    fix: "Shorten the chain: have downstream models read the underlying data instead of another model's output, pin versions at each link, or merge stages into one owned model. Acknowledge it in every model of the chain when the depth is deliberate.",
    options: optionsSchema,
  },
  check({ estate, facts, options, report }) {
    const { maxDepth } = optionsSchema.parse(options);
    const { index } = facts;
    for (const end of facts.modelChains.ends) {
      if (end.length < maxDepth) continue;
      const chain = end.chain();
      const models = chain.models.map((v) => index.ids[v]!);
      const steps = chain.steps.map(showStep);
      const listed = steps.length <= 8 ? steps : [...steps.slice(0, 4), "…", ...steps.slice(-3)];
      const shown = listed.join(" → ");
      // Models in a loop are one step, in braces: listed in a row, they read as a chain they are not.
      const loops = listed.some((step) => step.startsWith("{")) ? "; models in braces read each other in a loop" : "";
      report({
        message: `chain of ${models.length} models, each reading the previous one's output: ${shown}${loops}`,
        models,
        nodes: [...models, ...chain.links.map((link) => index.ids[link.output]!)],
        sites: chain.links.flatMap((link) => declarationSites(estate, index.ids[link.output]!, index.ids[link.consumer]!)),
        identity: models,
        data: { chain: models, depth: models.length },
      });
    }

    function showStep(step: number[]): string {
      if (step.length === 1) return index.ids[step[0]!]!;
      const names = step.slice(0, 3).map((v) => index.ids[v]!);
      return `{${names.join(", ")}${step.length > 3 ? `, and ${(step.length - 3).toLocaleString("en-US")} more` : ""}}`;
    }
  },
};
