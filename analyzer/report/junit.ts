/**
 * JUnit XML, which every CI system can show: one test suite, one test case per rule of the
 * catalogue (plus any other rule that reported). A case fails when its rule has findings that
 * fail the lint (not acknowledged, not baselined, at or above `failOn`); the rest of its
 * findings are listed in `<system-out>`. No timestamps, so the output is reproducible.
 */
import { failingFindings, type FailOn } from "../engine/fail-on.js";
import { visible } from "./visible-text.js";
import type { Finding, Report } from "../types.js";
import { catalogueIds, ruleInfo } from "./rule-info.js";
import type { BaselineComparison } from "../engine/baseline.js";

export interface JunitOptions {
  /** Same meaning as `loopscope lint --fail-on` (default error). */
  failOn?: FailOn | undefined;
  docsBaseUrl?: string | undefined;
  /** Rule ids to show as test cases (default: the whole catalogue); pass the rules that ran, so one switched off is not shown as passing. */
  rules?: readonly string[] | undefined;
  /** This run's baseline comparison: with `strictBaseline`, its stale entries are a failing case of their own. */
  baseline?: BaselineComparison | undefined;
  /** As `lint --strict-baseline`: stale baseline entries fail the lint. */
  strictBaseline?: boolean | undefined;
}

export function formatJunit(report: Report, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? "error";
  const failing = new Set(failingFindings(report.findings, failOn));
  const ids = [...new Set([...(options.rules ?? catalogueIds()), ...report.findings.map((f) => f.rule)])];
  const byRule = new Map<string, Finding[]>(ids.map((id) => [id, []]));
  for (const finding of report.findings) byRule.get(finding.rule)!.push(finding);
  const cases: string[] = [];
  let failures = 0;
  for (const id of ids) {
    const findings = byRule.get(id) ?? [];
    const failed = findings.filter((f) => failing.has(f));
    const passed = findings.filter((f) => !failing.has(f));
    const info = ruleInfo(id, options.docsBaseUrl);
    const body: string[] = [];
    if (failed.length > 0) {
      failures++;
      const message = `${failed.length} ${failed.length === 1 ? "finding" : "findings"} at or above ${failOn}`;
      body.push(`      <failure message="${xml(message)}" type="${xml(id)}">${xml([...listed(failed), `Docs: ${info.docsUrl}`].join("\n"))}</failure>`);
    }
    if (passed.length > 0) body.push(`      <system-out>${xml(listed(passed).join("\n"))}</system-out>`);
    const open = `    <testcase name="${xml(id)}" classname="loopscope.${xml(info.category)}" time="0"`;
    cases.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`);
  }
  // --strict-baseline fails the lint on stale entries: a case of its own, so the test view agrees with the exit code.
  const stale = options.strictBaseline ? (options.baseline?.stale ?? []) : [];
  if (stale.length > 0) {
    failures++;
    const message = `${stale.length} stale baseline ${stale.length === 1 ? "entry" : "entries"} (--strict-baseline): their findings are gone or now acknowledged; drop them with loopscope baseline <paths> --prune -o <baseline file>`;
    const lines = stale.map((entry) => visible(`${entry.rule} ${(entry.models.length > 0 ? entry.models : (entry.nodes ?? [])).join(", ")} (${entry.fingerprint})`));
    cases.push(`    <testcase name="stale-baseline-entries" classname="loopscope.baseline" time="0">\n      <failure message="${xml(message)}" type="stale-baseline-entries">${xml(lines.join("\n"))}</failure>\n    </testcase>`);
  }
  const tests = ids.length + (stale.length > 0 ? 1 : 0);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loopscope" ${counts} time="0">`,
    `  <testsuite name="loopscope" ${counts} time="0">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/**
 * At most JUNIT_MAX_LINES findings per element, then how many more: libxml2 (GitLab's and
 * Jenkins' parsers) refuses a text node over 10 MB, which one rule's findings reached at
 * 25,000 models.
 */
export const JUNIT_MAX_LINES = 2_000;

function listed(findings: readonly Finding[]): string[] {
  const lines = findings.slice(0, JUNIT_MAX_LINES).map(describe);
  if (findings.length > JUNIT_MAX_LINES) lines.push(`… and ${findings.length - JUNIT_MAX_LINES} more findings of this rule (the JSON report has every one)`);
  return lines;
}

/**
 * One line per finding: where, severity, message, and how it is handled. CI test views show
 * this text to people, so file names and manifest text come through `visible` as in the text
 * report: a line break in a file name forged finding lines, and bidi or C1 controls passed.
 */
function describe(finding: Finding): string {
  const at = finding.locations[0];
  const where = at ? `${visible(at.file)}:${at.line}:${at.column}` : "(no location)";
  const state = finding.acknowledged ? ` [acknowledged: ${visible(finding.acknowledged.reason)}]` : finding.baselineState === "unchanged" ? " [baselined]" : "";
  return `${where} ${finding.severity}: ${visible(finding.message)}${state}`;
}

/** XML text and attribute escaping; control characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
