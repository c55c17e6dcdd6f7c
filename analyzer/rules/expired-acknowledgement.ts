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
    // Several expired entries of one model and rule are one finding (its fingerprint) naming every date.
    const expired = new Map<string, AcknowledgementEntry[]>();
    for (const entry of acknowledgements) {
      if (entry.expired) expired.set(key(entry), [...(expired.get(key(entry)) ?? []), entry]);
      else if (!live.has(key(entry))) live.set(key(entry), entry);
    }
    for (const [entryKey, entries] of expired) {
      const { model, rule, covers } = entries[0]!;
      const dates = [...new Set(entries.map((entry) => entry.expires ?? "?"))];
      const renewed = covers ? live.get(entryKey) : undefined;
      const where = renewed && locateSite(renewed.site);
      const outcome = where
        ? `; ${model}'s entry at ${where.file}:${where.line}:${where.column} still acknowledges ${rule}, so ${entries.length === 1 ? "this one" : "these"} can be removed`
        : covers
          ? "; the finding is reported again"
          : "";
      report({
        message: `${model}'s ${entries.length === 1 ? "acknowledgement" : "acknowledgements"} of ${rule} expired on ${dates.join(" and ")}${outcome}`,
        models: [model],
        nodes: [model],
        sites: entries.map((entry) => entry.site),
        identity: [model, rule],
        data: { acknowledgedRule: rule, expires: entries[0]!.expires },
      });
    }
  },
};
