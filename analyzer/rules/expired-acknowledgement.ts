/**
 * expired-acknowledgement: an `acknowledge` entry past its `expires` date. The finding it
 * covered is reported again, so accepted debt is revisited on schedule; unless another,
 * live entry of the same model acknowledges the same rule (a renewal added beside the old
 * entry), which the message then points at: the expired entry only needs removing.
 */
import type { Rule } from "./rule.js";
import type { AcknowledgementEntry } from "../engine/acknowledge.js";
import { locateSite } from "../graph/attributes.js";

export const expiredAcknowledgement: Rule = {
  id: "expired-acknowledgement",
  after: true,
  meta: {
    category: "acknowledgements",
    defaultSeverity: "warning",
    description: "An `acknowledge` entry whose `expires` date has passed; the finding it covered is reported again (unless another live entry of the model acknowledges the same rule).",
    rationale: "Accepted debt is a loan with a due date. When the date passes, the team has to look again: the reason may no longer hold.",
    fix: "Fix the underlying finding, or renew the acknowledgement with a new reason and a new `expires` date.",
  },
  check({ acknowledgements, report }) {
    // A live entry of the same model and rule still acknowledges what the expired one covered.
    const key = (entry: AcknowledgementEntry) => `${entry.model}\u0000${entry.rule}`;
    const live = new Map<string, AcknowledgementEntry>();
    for (const entry of acknowledgements) if (!entry.expired && !live.has(key(entry))) live.set(key(entry), entry);
    for (const entry of acknowledgements) {
      if (!entry.expired) continue;
      const renewed = entry.covers ? live.get(key(entry)) : undefined;
      const where = renewed && locateSite(renewed.site);
      const outcome = where
        ? `; ${entry.model}'s entry at ${where.file}:${where.line}:${where.column} still acknowledges ${entry.rule}, so this one can be removed`
        : entry.covers
          ? "; the finding is reported again"
          : "";
      report({
        message: `${entry.model}'s acknowledgement of ${entry.rule} expired on ${entry.expires ?? "?"}${outcome}`,
        models: [entry.model],
        nodes: [entry.model],
        sites: [entry.site],
        identity: [entry.model, entry.rule],
        data: { acknowledgedRule: entry.rule, expires: entry.expires },
      });
    }
  },
};
