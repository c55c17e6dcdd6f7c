import type { BaselineComparison } from "../engine/baseline.js";
import { failingFindings, type FailOn } from "../engine/fail-on.js";
import type { Report } from "../types.js";

export interface VerdictOptions {
  /** As `lint --fail-on` (default error). */
  failOn?: FailOn | undefined;
  baseline?: BaselineComparison | undefined;
  /** Stale baseline entries fail the lint too (`lint --strict-baseline`). */
  strictBaseline?: boolean | undefined;
}

export interface Verdict {
  /** fail: the lint exits 1; attention: findings to look at that do not fail it; pass: none. */
  state: "fail" | "attention" | "pass";
  /** Findings that fail the lint (not acknowledged, not baselined, at or above failOn). */
  failing: number;
  /** Stale baseline entries that fail the lint (0 without --strict-baseline). */
  staleFailing: number;
}

/**
 * What the exit code says, for the reports' marks (✖ ⚠ ✔, ❌ ⚠️ ✅): they followed the worst
 * severity alone, so `--strict-baseline` with stale entries exited 1 under "✅ no new
 * findings", `--fail-on warning` exited 1 under ⚠️, and `--fail-on never` exited 0 under ❌.
 */
export function verdictOf(report: Report, options: VerdictOptions): Verdict {
  const failing = failingFindings(report.findings, options.failOn ?? "error").length;
  const staleFailing = options.strictBaseline ? (options.baseline?.stale.length ?? 0) : 0;
  const open = report.findings.some((f) => !f.acknowledged && f.baselineState !== "unchanged");
  return { state: failing > 0 || staleFailing > 0 ? "fail" : open ? "attention" : "pass", failing, staleFailing };
}
