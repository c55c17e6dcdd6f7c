/**
 * Baselines let a team adopt Loopscope on an estate that already has debt: known findings
 * are recorded by fingerprint, and a lint fails only on findings that are not recorded.
 * Fingerprints are rule + involved names (engine/fingerprint.ts), so a baseline survives
 * file moves, reformatting and reordered lists. Pure: no files, no clock.
 */
import type { Finding, Report } from "../types.js";
import { BASELINE_VERSION, type Baseline, type BaselineEntry } from "../schema/baseline.js";
import { cmp } from "./sort.js";

/**
 * A baseline of every finding in the report that is not acknowledged (an acknowledgement
 * already keeps a finding from failing, and must come back when it expires). Reasons from
 * `previous` are kept for fingerprints that are still there. With `prune`, only findings
 * already in `previous` are recorded: its stale entries go and nothing new comes in (a
 * regenerated baseline took a pull request's new debt in with the fixed debt's removal).
 */
export function createBaseline(report: Report, previous?: Baseline, { prune = false } = {}): Baseline {
  const reasons = new Map((previous?.entries ?? []).map((entry) => [entry.fingerprint, entry.reason]));
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const finding of report.findings) {
    if (finding.acknowledged || byFingerprint.has(finding.fingerprint)) continue;
    if (prune && !reasons.has(finding.fingerprint)) continue;
    byFingerprint.set(finding.fingerprint, {
      rule: finding.rule,
      models: [...finding.models].sort(),
      ...(finding.models.length === 0 ? { nodes: [...finding.nodes].sort() } : {}),
      fingerprint: finding.fingerprint,
      reason: reasons.get(finding.fingerprint) ?? "",
    });
  }
  return { version: BASELINE_VERSION, tool: "loopscope", entries: [...byFingerprint.values()].sort(compareEntries) };
}

/** Entry order: rule, then involved names, then fingerprint, so diffs stay small. */
export function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.rule, b.rule) || cmp(identity(a), identity(b)) || cmp(a.fingerprint, b.fingerprint);
}

function identity(entry: BaselineEntry): string {
  return (entry.models.length > 0 ? entry.models : (entry.nodes ?? [])).join("\u0000");
}

export interface BaselineComparison {
  /** Baseline entries whose finding is still reported. */
  stillPresent: number;
  /** Baseline entries whose finding is gone (fixed, its names changed, or now acknowledged in its manifest): prune them. */
  stale: BaselineEntry[];
  /** Findings not in the baseline and not acknowledged: these fail the lint. */
  new: number;
  /** Findings acknowledged in their manifests: a baseline never records them, and they never fail. */
  acknowledged: number;
}

/**
 * Marks every finding `baselineState: "unchanged"` (its fingerprint is in the baseline) or
 * `"new"`, and counts what changed. Returns a new report; the input is not modified.
 */
export function applyBaseline(report: Report, baseline: Baseline): { report: Report; comparison: BaselineComparison } {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const seen = new Set<string>();
  let fresh = 0;
  let acknowledged = 0;
  // An entry is still present while a finding that is not acknowledged matches it. One whose
  // finding is now acknowledged in its manifest is stale, as `baseline` (which never records an
  // acknowledged finding) and `--prune` see it: the stderr line, the reports and --prune counted
  // that finding three different ways.
  const findings: Finding[] = report.findings.map((finding) => {
    const baselined = known.has(finding.fingerprint);
    if (finding.acknowledged) acknowledged++;
    else if (baselined) seen.add(finding.fingerprint);
    else fresh++;
    // An acknowledged finding has no baseline state: a baseline never records it, so "unchanged"
    // contradicted the stale count and "new" the stderr line's "0 new" (consumers counting
    // baselineState "new" in JSON or SARIF over-counted).
    if (finding.acknowledged) return finding;
    return { ...finding, baselineState: baselined ? "unchanged" : "new" };
  });
  const stale = baseline.entries.filter((entry) => !seen.has(entry.fingerprint)).sort(compareEntries);
  const stillPresent = new Set(baseline.entries.map((entry) => entry.fingerprint).filter((fp) => seen.has(fp))).size;
  return {
    report: { ...report, findings },
    comparison: { stillPresent, stale, new: fresh, acknowledged },
  };
}

/**
 * One line for every run with a baseline, e.g. "baseline: 3 still present, 1 stale, 2 new".
 * Acknowledged findings are counted apart: they were called "new but acknowledged" on every
 * run, though a baseline never records them.
 */
export function formatBaselineComparison(comparison: BaselineComparison): string {
  const acknowledged = comparison.acknowledged > 0 ? `; ${comparison.acknowledged} acknowledged in the manifests` : "";
  return `baseline: ${comparison.stillPresent} still present, ${comparison.stale.length} stale, ${comparison.new} new${acknowledged}`;
}

/**
 * The file text: stable key order, one entry per block with its name lists on one line (short
 * diffs, easy to fill in `reason`), one trailing newline. Always valid JSON.
 */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(compareEntries).map((entry) => {
    const fields = [
      `"rule": ${JSON.stringify(entry.rule)}`,
      `"models": ${JSON.stringify(entry.models)}`,
      ...(entry.nodes ? [`"nodes": ${JSON.stringify(entry.nodes)}`] : []),
      `"fingerprint": ${JSON.stringify(entry.fingerprint)}`,
      `"reason": ${JSON.stringify(entry.reason)}`,
    ];
    return `    {\n${fields.map((field) => `      ${field}`).join(",\n")}\n    }`;
  });
  const body = entries.length > 0 ? `[\n${entries.join(",\n")}\n  ]` : "[]";
  return `{\n  "version": ${baseline.version},\n  "tool": ${JSON.stringify(baseline.tool)},\n  "entries": ${body}\n}\n`;
}
