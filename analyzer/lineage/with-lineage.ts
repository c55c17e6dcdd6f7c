import type { Finding, Report } from "../types.js";
import type { EstateGraph } from "../graph/estate-graph.js";
import type { EngineConfig } from "../engine/settings.js";
import { ruleSettings } from "../engine/settings.js";
import { RULES } from "../rules/index.js";
import { countBySeverity } from "../analyze.js";
import { compareFindings } from "../engine/sort.js";
import type { LineageCheck, LineageCheckOptions } from "./lineage-findings.js";

const LINEAGE_RULES = ["undeclared-consumer", "phantom-consumer", "undeclared-dataset"] as const;

/**
 * Severities the user configured for the three rules lineage reports under. Unconfigured
 * rules keep the lineage defaults (phantom-consumer is info at runtime: an unobserved read
 * is weaker evidence than a manifest that contradicts itself).
 */
export function lineageSeverities(config: EngineConfig | undefined): LineageCheckOptions["severity"] {
  const severity: NonNullable<LineageCheckOptions["severity"]> = {};
  for (const id of LINEAGE_RULES) {
    const rule = RULES.find((r) => r.id === id);
    if (rule && config?.rules && Object.prototype.hasOwnProperty.call(config.rules, id)) severity[id] = ruleSettings(rule, config).severity;
  }
  return severity;
}

/**
 * The report with lineage findings added. A lineage finding with the fingerprint of a
 * static one (the same output and consumer) adds its evidence to it instead of repeating
 * it; a finding some model acknowledged stays acknowledged. Summary counts are redone.
 */
export function withLineage(report: Report, check: LineageCheck, graph?: EstateGraph, today?: string): Report {
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const findings: Finding[] = report.findings.map((f) => ({ ...f }));
  const index = new Map(findings.map((f, i) => [f.fingerprint, i]));
  for (const finding of check.findings) {
    const existing = byFingerprint.get(finding.fingerprint);
    if (existing) {
      const i = index.get(finding.fingerprint)!;
      findings[i] = { ...findings[i]!, evidence: [...(existing.evidence ?? []), ...(finding.evidence ?? [])] };
    } else findings.push(graph ? acknowledge(finding, graph, today) : finding);
  }
  findings.sort(compareFindings);
  return {
    ...report,
    findings,
    notices: [...report.notices, ...check.notices],
    summary: { ...report.summary, findings: findings.length, bySeverity: countBySeverity(findings), acknowledged: findings.filter((f) => f.acknowledged).length },
  };
}

/** FORMAT.md's rule: acknowledged when every involved model acknowledges the rule (unexpired). */
function acknowledge(finding: Finding, graph: EstateGraph, today: string | undefined): Finding {
  if (finding.models.length === 0) return finding;
  const reasons: string[] = [];
  let expires: string | undefined;
  for (const model of finding.models) {
    const node = nodeById(graph).get(model);
    const entries = (node?.attributes?.["acknowledge"] ?? []) as { rule: string; reason: string; expires?: string }[];
    const entry = entries.find((e) => e.rule === finding.rule && (e.expires === undefined || today === undefined || e.expires >= today));
    if (!entry) return finding;
    reasons.push(entry.reason);
    if (entry.expires !== undefined && (expires === undefined || entry.expires < expires)) expires = entry.expires;
  }
  return { ...finding, acknowledged: { reason: [...new Set(reasons)].join("; "), ...(expires !== undefined ? { expires } : {}) } };
}

/** A look-up per graph, made once: a search of every node per finding was quadratic. */
const byId = new WeakMap<EstateGraph, Map<string, EstateGraph["nodes"][number]>>();
function nodeById(graph: EstateGraph): Map<string, EstateGraph["nodes"][number]> {
  let nodes = byId.get(graph);
  if (!nodes) byId.set(graph, (nodes = new Map(graph.nodes.map((n) => [n.id, n]))));
  return nodes;
}
