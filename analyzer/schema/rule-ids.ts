/**
 * Every rule id of RULES.md, v1, with its default severity and section. Ids are fixed:
 * configs and baselines key on them. The config validator and `loopscope init` use this list
 * so that they work even before a rule's implementation lands in the catalogue
 * (analyzer/rules/index.ts); where the catalogue has the rule, its own metadata wins.
 */
export interface DocumentedRule {
  id: string;
  defaultSeverity: "error" | "warning" | "info";
  section: string;
}

export const DOCUMENTED_RULES: readonly DocumentedRule[] = [
  { id: "hidden-feedback-loop", defaultSeverity: "error", section: "Loops" },
  { id: "circular-model-dependency", defaultSeverity: "error", section: "Loops" },
  { id: "direct-feedback-loop", defaultSeverity: "warning", section: "Loops" },
  { id: "invalid-manifest", defaultSeverity: "error", section: "Manifests and references" },
  { id: "duplicate-name", defaultSeverity: "error", section: "Manifests and references" },
  { id: "unknown-reference", defaultSeverity: "error", section: "Manifests and references" },
  { id: "undeclared-dataset", defaultSeverity: "info", section: "Manifests and references" },
  { id: "undeclared-service", defaultSeverity: "info", section: "Manifests and references" },
  { id: "undeclared-consumer", defaultSeverity: "warning", section: "Boundary erosion" },
  { id: "phantom-consumer", defaultSeverity: "warning", section: "Boundary erosion" },
  { id: "correction-cascade", defaultSeverity: "warning", section: "Boundary erosion" },
  { id: "deep-model-chain", defaultSeverity: "info", section: "Boundary erosion" },
  { id: "shared-outcome", defaultSeverity: "warning", section: "Entanglement" },
  { id: "input-entanglement", defaultSeverity: "info", section: "Entanglement" },
  { id: "unstable-data-dependency", defaultSeverity: "warning", section: "Data dependencies" },
  { id: "unused-output", defaultSeverity: "info", section: "Data dependencies" },
  { id: "unmonitored-loop", defaultSeverity: "warning", section: "Operations" },
  { id: "loop-without-holdout", defaultSeverity: "warning", section: "Operations" },
  { id: "missing-owner", defaultSeverity: "info", section: "Operations" },
  { id: "expired-acknowledgement", defaultSeverity: "warning", section: "Acknowledgements" },
  { id: "stale-acknowledgement", defaultSeverity: "info", section: "Acknowledgements" },
];

export const RULE_IDS: readonly string[] = DOCUMENTED_RULES.map((rule) => rule.id);
