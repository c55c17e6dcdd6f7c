import { useEffect, useMemo, useState } from "react";
import type { Finding, Severity } from "../../analyzer/types.js";
import { SEVERITIES } from "../../analyzer/types.js";
import { formatWalk } from "../../analyzer/report/walk.js";
import { readable, shortLabel } from "./readable-text.js";

export interface FindingFilters {
  severities: Severity[];
  rule: string;
  owner: string;
  text: string;
  showAcknowledged: boolean;
}

export const DEFAULT_FILTERS: FindingFilters = { severities: ["error", "warning", "info"], rule: "", owner: "", text: "", showAcknowledged: true };

/** Findings in display order: severity, then rule, then report order; acknowledged last. */
export function visibleFindings(findings: Finding[], filters: FindingFilters, ownerOf: (model: string) => string | undefined): Finding[] {
  const text = filters.text.trim().toLowerCase();
  const rank = (f: Finding) => (f.acknowledged ? 3 : SEVERITIES.indexOf(f.severity));
  return findings
    .filter((f) => filters.severities.includes(f.severity) && (filters.showAcknowledged || !f.acknowledged))
    .filter((f) => !filters.rule || f.rule === filters.rule)
    .filter((f) => !filters.owner || f.models.some((m) => ownerOf(m) === filters.owner))
    .filter((f) => !text || `${f.rule} ${f.message} ${f.nodes.join(" ")}`.toLowerCase().includes(text))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || (a.f.rule < b.f.rule ? -1 : a.f.rule > b.f.rule ? 1 : a.i - b.i))
    .map(({ f }) => f);
}

interface Props {
  findings: Finding[];
  visible: Finding[];
  filters: FindingFilters;
  owners: string[];
  selected: string | undefined;
  onFilters: (filters: FindingFilters) => void;
  onSelect: (fingerprint: string) => void;
}

/** Rows rendered at first: thousands of findings as DOM rows would stall the first draw of a big estate. */
const PAGE = 60;

export function FindingsPanel({ findings, visible, filters, owners, selected, onFilters, onSelect }: Props) {
  const [limit, setLimit] = useState(PAGE);
  useEffect(() => setLimit(PAGE), [visible]);
  const tabStop = selected !== undefined && visible.some((f) => f.fingerprint === selected) ? selected : visible[0]?.fingerprint;
  // The selected finding is always rendered (arrow keys may walk past the last rendered row).
  const selectedAt = selected === undefined ? -1 : visible.findIndex((f) => f.fingerprint === selected);
  const shown = selectedAt >= limit ? selectedAt + 1 + Math.floor(PAGE / 3) : limit;
  const rules = useMemo(() => [...new Set(findings.map((f) => f.rule))].sort(), [findings]);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) if (!f.acknowledged) c[f.severity]++;
    return c;
  }, [findings]);
  const toggle = (severity: Severity) =>
    onFilters({ ...filters, severities: filters.severities.includes(severity) ? filters.severities.filter((s) => s !== severity) : [...filters.severities, severity] });
  const groups: { title: string; items: Finding[] }[] = [];
  const totals = new Map<string, number>();
  for (const finding of visible) {
    const title = finding.acknowledged ? "acknowledged" : finding.severity;
    totals.set(title, (totals.get(title) ?? 0) + 1);
  }
  for (const finding of visible.slice(0, shown)) {
    const title = finding.acknowledged ? "acknowledged" : finding.severity;
    const group = groups[groups.length - 1];
    if (group?.title === title) group.items.push(finding);
    else groups.push({ title, items: [finding] });
  }
  return (
    <section className="findings" aria-label="Findings">
      <div className="filters">
        <div className="severity-toggles" role="group" aria-label="Severity">
          {SEVERITIES.map((severity) => (
            <button key={severity} type="button" className={`chip sev-${severity}${filters.severities.includes(severity) ? " on" : ""}`} aria-pressed={filters.severities.includes(severity)} onClick={() => toggle(severity)}>
              {severity} <b>{counts[severity]}</b>
            </button>
          ))}
        </div>
        <div className="filter-row">
          <select aria-label="Rule" value={filters.rule} onChange={(e) => onFilters({ ...filters, rule: e.target.value })}>
            <option value="">all rules</option>
            {rules.map((rule) => (
              <option key={rule} value={rule}>
                {rule}
              </option>
            ))}
          </select>
          <select aria-label="Owner" value={filters.owner} onChange={(e) => onFilters({ ...filters, owner: e.target.value })}>
            <option value="">all owners</option>
            {owners.map((owner) => (
              <option key={owner} value={owner}>
                {shortLabel(owner)}
              </option>
            ))}
          </select>
        </div>
        <input className="filter-text" type="search" placeholder="Filter findings…" aria-label="Filter findings" value={filters.text} onChange={(e) => onFilters({ ...filters, text: e.target.value })} />
      </div>
      <div className="finding-list" role="listbox" aria-label="Findings list" data-testid="findings-list">
        {visible.length === 0 && <p className="empty">{findings.length === 0 ? "No findings: this estate is clean." : "No finding matches the filters."}</p>}
        {groups.map((group, g) => (
          // A listbox may hold options and groups of them, not headings: each severity is a group
          // named by its title (a heading there was an ARIA error screen readers stumble on).
          <div key={`${group.title}-${group.items[0]!.fingerprint}`} className="finding-group" role="group" aria-labelledby={`finding-group-${g}`}>
            <div id={`finding-group-${g}`} className={`group-title sev-${group.title}`}>
              {group.title} <span>{totals.get(group.title)}</span>
            </div>
            {group.items.map((finding) => (
              <button
                key={finding.fingerprint}
                type="button"
                role="option"
                aria-selected={finding.fingerprint === selected}
                // One Tab stop for the whole list (the selected finding, else the first); the arrow keys move within it.
                tabIndex={finding.fingerprint === tabStop ? 0 : -1}
                data-fingerprint={finding.fingerprint}
                data-rule={finding.rule}
                className={`finding sev-${finding.severity}${finding.acknowledged ? " acknowledged" : ""}${finding.fingerprint === selected ? " selected" : ""}`}
                onClick={() => onSelect(finding.fingerprint)}
              >
                <span className="finding-rule">{finding.rule}</span>
                <span className="finding-message">{readable(finding.message)}</span>
                {finding.path && <span className="finding-walk">{formatWalk(finding.path)}</span>}
                {finding.rule === "invalid-manifest" && finding.locations[0] && (
                  <span className="finding-walk">
                    {readable(finding.locations[0].file)}:{finding.locations[0].line}:{finding.locations[0].column}
                  </span>
                )}
                {finding.acknowledged && <span className="finding-ack">acknowledged: {readable(finding.acknowledged.reason)}</span>}
              </button>
            ))}
          </div>
        ))}
        {visible.length > shown && (
          <button type="button" className="more" onClick={() => setLimit(shown + PAGE * 4)}>
            Show more ({visible.length - shown} not shown; filter to narrow)
          </button>
        )}
      </div>
    </section>
  );
}
