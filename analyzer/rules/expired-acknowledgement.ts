/**
 * expired-acknowledgement: an `acknowledge` entry past its `expires` date. The finding it
 * covered is reported again, so accepted debt is revisited on schedule.
 */
import type { Rule } from "./rule.js";

export const expiredAcknowledgement: Rule = {
  id: "expired-acknowledgement",
  after: true,
  meta: {
    category: "acknowledgements",
    defaultSeverity: "warning",
    description: "An `acknowledge` entry whose `expires` date has passed; the finding it covered is reported again.",
    rationale: "Accepted debt is a loan with a due date. When the date passes, the team has to look again: the reason may no longer hold.",
    fix: "Fix the underlying finding, or renew the acknowledgement with a new reason and a new `expires` date.",
  },
  check({ acknowledgements, report }) {
    for (const entry of acknowledgements) {
      if (!entry.expired) continue;
      report({
        message: `${entry.model}'s acknowledgement of ${entry.rule} expired on ${entry.expires ?? "?"}${entry.covers ? "; the finding is reported again" : ""}`,
        models: [entry.model],
        nodes: [entry.model],
        sites: [entry.site],
        identity: [entry.model, entry.rule],
        data: { acknowledgedRule: entry.rule, expires: entry.expires },
      });
    }
  },
};
