import type { Rule } from "./rule.js";
import { hiddenFeedbackLoop } from "./hidden-feedback-loop.js";
import { circularModelDependency } from "./circular-model-dependency.js";
import { directFeedbackLoop } from "./direct-feedback-loop.js";
import { invalidManifest } from "./invalid-manifest.js";
import { duplicateName } from "./duplicate-name.js";
import { unknownReference } from "./unknown-reference.js";
import { undeclaredDataset } from "./undeclared-dataset.js";
import { undeclaredService } from "./undeclared-service.js";
import { undeclaredConsumer } from "./undeclared-consumer.js";
import { phantomConsumer } from "./phantom-consumer.js";
import { correctionCascade } from "./correction-cascade.js";
import { deepModelChain } from "./deep-model-chain.js";
import { sharedOutcome } from "./shared-outcome.js";
import { inputEntanglement } from "./input-entanglement.js";
import { unstableDataDependency } from "./unstable-data-dependency.js";
import { unusedOutput } from "./unused-output.js";
import { unmonitoredLoop } from "./unmonitored-loop.js";
import { loopWithoutHoldout } from "./loop-without-holdout.js";
import { missingOwner } from "./missing-owner.js";
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
  undeclaredConsumer,
  phantomConsumer,
  correctionCascade,
  deepModelChain,
  sharedOutcome,
  inputEntanglement,
  unstableDataDependency,
  unusedOutput,
  unmonitoredLoop,
  loopWithoutHoldout,
  missingOwner,
  expiredAcknowledgement,
  staleAcknowledgement,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

export type { Rule, RuleMeta, RuleContext, FindingDraft } from "./rule.js";
