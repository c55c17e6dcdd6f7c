import type { Estate, Site } from "../graph/attributes.js";
import type { Finding } from "../types.js";

/**
 * Rules whose findings are about `acknowledge` entries themselves. They run after the
 * acknowledgements are applied, so an entry for one of them can never cover a finding: an
 * entry that hid "this entry is stale" would make itself not stale. ESLint does the same
 * with its unused-directive reports; their severity is set in the config instead.
 */
export const UNACKNOWLEDGEABLE_RULES: readonly string[] = ["expired-acknowledgement", "stale-acknowledgement"];

export interface AcknowledgementEntry {
  model: string;
  rule: string;
  reason: string;
  expires?: string | undefined;
  expired: boolean;
  site: Site;
  /** Set while applying: the entry's model and rule match at least one finding. */
  covers: boolean;
}

/** Every `acknowledge` entry of every model; `expired` when `today` is past `expires`. */
export function collectAcknowledgements(estate: Estate, today: string | undefined): AcknowledgementEntry[] {
  const entries: AcknowledgementEntry[] = [];
  for (const [model, { manifest, doc }] of estate.models) {
    manifest.acknowledge.forEach((entry, i) => {
      entries.push({
        model,
        rule: entry.rule,
        reason: entry.reason,
        expires: entry.expires,
        expired: today !== undefined && entry.expires !== undefined && entry.expires < today,
        site: { doc, path: ["acknowledge", i] },
        covers: false,
      });
    });
  }
  return entries;
}

/**
 * A finding is acknowledged when every model it involves has a live entry for its rule: a
 * model speaks for itself, never for another team's model. Findings without models cannot be
 * acknowledged. Entries are marked when they cover a finding, for the stale/expired rules.
 */
export function applyAcknowledgements(findings: Finding[], entries: AcknowledgementEntry[]): void {
  const byModelRule = new Map<string, AcknowledgementEntry[]>();
  for (const entry of entries) {
    const key = `${entry.model}\u0000${entry.rule}`;
    const list = byModelRule.get(key) ?? [];
    list.push(entry);
    byModelRule.set(key, list);
  }
  // Most models acknowledge nothing: look a key up only for those that do.
  const acknowledging = new Set(entries.map((entry) => entry.model));
  for (const finding of findings) {
    if (finding.models.length === 0) continue;
    let live: AcknowledgementEntry[] | undefined;
    let complete = true;
    for (const model of finding.models) {
      const matching = acknowledging.has(model) ? byModelRule.get(`${model}\u0000${finding.rule}`) : undefined;
      if (!matching) {
        complete = false;
        continue;
      }
      for (const entry of matching) entry.covers = true;
      const alive = matching.find((entry) => !entry.expired);
      if (alive) (live ??= []).push(alive);
      else complete = false;
    }
    if (!complete || !live) continue;
    const reasons = [...new Set(live.map((entry) => entry.reason))];
    const expiries = live.map((entry) => entry.expires).filter((date): date is string => date !== undefined).sort();
    finding.acknowledged = { reason: reasons.join(" / "), ...(expiries[0] ? { expires: expiries[0] } : {}) };
  }
}
