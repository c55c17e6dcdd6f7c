/**
 * missing-owner: a Model without an `owner`. Nobody is accountable for its loops, its
 * consumers or its acknowledgements, and no team can be asked to fix a finding.
 * [Reference] Sculley et al. 2015, §8 "Other Areas of ML-related Debt: Process Management
 * Debt, Cultural Debt" and §7 "Dealing with Changes in the External World" (monitoring
 * needs someone to respond).
 */
import type { Rule } from "./rule.js";

export const missingOwner: Rule = {
  id: "missing-owner",
  meta: {
    category: "operations",
    defaultSeverity: "info",
    description: "A Model without `owner`, or with a blank one.",
    rationale: "Every other finding needs a team to act on it. A model with no owner cannot be asked to pin a version, monitor a loop or acknowledge a risk, and ownerless models are the ones that quietly rot.",
    paper: "§8 Other Areas of ML-related Debt — Process Management Debt, Cultural Debt; §7 Dealing with Changes in the External World — Monitoring and Testing",
    fix: "Add `owner: <team or person>` to the model's manifest.",
  },
  check({ estate, report }) {
    for (const [name, { manifest, doc }] of estate.models) {
      if (manifest.owner === undefined) report({ message: `model ${name} has no owner`, models: [name], nodes: [name], sites: [{ doc, path: ["name"] }] });
      // Only blanks names nobody ("owner: ' '" passed, a placeholder no team answers to).
      else if (manifest.owner.trim() === "") report({ message: `model ${name} has no owner (its owner is blank)`, models: [name], nodes: [name], sites: [{ doc, path: ["owner"] }] });
    }
  },
};
