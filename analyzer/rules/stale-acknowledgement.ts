/**
 * stale-acknowledgement: an `acknowledge` entry that covers no finding (the debt is gone, the
 * rule id is misspelt, or it names one of the acknowledgement rules, which cannot be
 * acknowledged). Stale entries hide the next real finding of that rule.
 */
import type { Rule } from "./rule.js";
import { closestName } from "../graph/closest-name.js";
import { RULE_IDS } from "./rule-ids.js";
import { UNACKNOWLEDGEABLE_RULES } from "../engine/acknowledge.js";

export const staleAcknowledgement: Rule = {
  id: "stale-acknowledgement",
  after: true,
  meta: {
    category: "acknowledgements",
    defaultSeverity: "info",
    description: "An `acknowledge` entry that covers no finding (entries for a rule the config switches off are left alone).",
    rationale: "An acknowledgement that matches nothing is dead configuration: either the debt was paid (remove it) or the rule id is wrong (and the finding it meant to cover is not covered).",
    fix: "Remove the entry, or correct its `rule` id (the message suggests the closest one).",
  },
  check({ acknowledgements, off, report }) {
    for (const entry of acknowledgements) {
      // A rule switched off found nothing because it did not run: "no finding involves" it was
      // untrue, and the entry is needed again the day the rule is switched back on.
      if (entry.expired || entry.covers || off.has(entry.rule)) continue;
      const known = RULE_IDS.includes(entry.rule);
      const suggestion = known ? undefined : closestName(entry.rule, RULE_IDS);
      const why = !known
        ? `"${entry.rule}" is not a rule id${suggestion ? `; did you mean "${suggestion}"?` : ""}`
        : UNACKNOWLEDGEABLE_RULES.includes(entry.rule)
          ? `${entry.rule} findings are about acknowledge entries and cannot be acknowledged; remove this entry (set the rule's severity in the config instead)`
          : `no ${entry.rule} finding involves ${entry.model}`;
      report({
        message: `${entry.model} acknowledges ${entry.rule}, but ${why}`,
        models: [entry.model],
        nodes: [entry.model],
        sites: [entry.site],
        identity: [entry.model, entry.rule],
        data: suggestion ? { acknowledgedRule: entry.rule, suggestion } : { acknowledgedRule: entry.rule },
      });
    }
  },
};
