import type { Finding, Severity } from "../types.js";

export type FailOn = Severity | "never";
export const FAIL_ON_LEVELS: readonly FailOn[] = ["error", "warning", "info", "never"];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * The findings that fail a lint: not acknowledged, not baselined, at or above `failOn`.
 * Exit 1 when any remain.
 */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === "never") return [];
  return findings.filter((f) => !f.acknowledged && f.baselineState !== "unchanged" && RANK[f.severity] >= RANK[failOn]);
}
