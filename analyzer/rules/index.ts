import type { Rule } from "./rule.js";
import { hiddenFeedbackLoop } from "./hidden-feedback-loop.js";
import { circularModelDependency } from "./circular-model-dependency.js";
import { directFeedbackLoop } from "./direct-feedback-loop.js";
import { invalidManifest } from "./invalid-manifest.js";
import { duplicateName } from "./duplicate-name.js";
import { unknownReference } from "./unknown-reference.js";
import { undeclaredDataset } from "./undeclared-dataset.js";
import { undeclaredService } from "./undeclared-service.js";
import { expiredAcknowledgement } from "./expired-acknowledgement.js";
import { staleAcknowledgement } from "./stale-acknowledgement.js";

/** The rule catalogue (RULES.md), in the order of its sections. Ids are fixed. */
export const RULES: readonly Rule[] = [
  hiddenFeedbackLoop,
  circularModelDependency,
  directFeedbackLoop,
  invalidManifest,
  duplicateName,
  unknownReference,
  undeclaredDataset,
  undeclaredService,
  expiredAcknowledgement,
  staleAcknowledgement,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

export type { Rule, RuleMeta, RuleContext, FindingDraft } from "./rule.js";
