/**
 * GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a verdict
 * line, counts, a table of the findings that need attention (new ones when a baseline is in
 * use), every loop's walk, then baselined and acknowledged findings folded away.
 */
import type { BaselineComparison } from "../engine/baseline.js";
import type { Finding, PathStep, Report, Severity } from "../types.js";
import { SEVERITIES } from "../types.js";
import { ruleInfo } from "./rule-info.js";
import { markdownCode, markdownText, markdownUrl } from "./markdown-text.js";
import { formatWalk } from "./walk.js";
import { verdictOf } from "./verdict.js";
import type { FailOn } from "../engine/fail-on.js";

export interface MarkdownOptions {
  docsBaseUrl?: string | undefined;
  /** The baseline comparison of this run, for its counts (stale entries are not in the report). */
  baseline?: BaselineComparison | undefined;
  /** Rows per table before "… and N more" (GitHub comments stop at 65,536 characters). Default 50. */
  maxRows?: number | undefined;
  /** Heading text (default "Loopscope"). */
  title?: string | undefined;
  /** As `lint --fail-on` (default error): the verdict says whether the lint fails. */
  failOn?: FailOn | undefined;
  /** Stale baseline entries fail the lint too (`lint --strict-baseline`). */
  strictBaseline?: boolean | undefined;
}

const ICON: Record<Severity, string> = { error: "🔴", warning: "🟠", info: "🔵" };

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const baselined = report.findings.filter((f) => !f.acknowledged && f.baselineState === "unchanged");
  const acknowledged = report.findings.filter((f) => f.acknowledged);
  const open = report.findings.filter((f) => !f.acknowledged && f.baselineState !== "unchanged");
  const usesBaseline = options.baseline !== undefined || report.findings.some((f) => f.baselineState !== undefined);
  const count = (severity: Severity) => open.filter((f) => f.severity === severity).length;
  const lines: string[] = [];

  const { state, staleFailing } = verdictOf(report, options);
  const verdict = state === "fail" ? "❌" : state === "attention" ? "⚠️" : "✅";
  const scope = `${report.summary.files} ${report.summary.files === 1 ? "file" : "files"}, ${report.summary.models} ${report.summary.models === 1 ? "model" : "models"}`;
  const openText =
    (open.length === 0 ? `no ${usesBaseline ? "new " : ""}findings` : SEVERITIES.map((s) => `${count(s)} ${s}${s !== "info" && count(s) !== 1 ? "s" : ""}`).join(", ")) +
    (staleFailing > 0 ? `; ${staleFailing} stale baseline ${staleFailing === 1 ? "entry" : "entries"} (--strict-baseline)` : "");
  lines.push(`## ${verdict} ${markdownText(options.title ?? "Loopscope")}: ${openText}`, "");
  lines.push(`Checked ${scope}; ${report.summary.loops} ${report.summary.loops === 1 ? "loop" : "loops"} in the estate graph.`, "");

  lines.push(`| | ${SEVERITIES.join(" | ")} | total |`, `| --- | ${SEVERITIES.map(() => "---:").join(" | ")} | ---: |`);
  const row = (label: string, findings: Finding[]) =>
    lines.push(`| ${label} | ${SEVERITIES.map((s) => findings.filter((f) => f.severity === s).length).join(" | ")} | ${findings.length} |`);
  row(usesBaseline ? "new" : "open", open);
  if (usesBaseline) row("baselined", baselined);
  row("acknowledged", acknowledged);
  lines.push("");
  if (options.baseline) {
    const { stillPresent, stale, new: fresh } = options.baseline;
    lines.push(`Baseline: ${stillPresent} still present, ${stale.length} stale, ${fresh} new.`);
    if (stale.length > 0) {
      const listed = stale.slice(0, maxRows).map((e) => `${code(e.rule)} ${names(e.models.length > 0 ? e.models : (e.nodes ?? []))}`);
      if (stale.length > maxRows) listed.push(`… and ${stale.length - maxRows} more`);
      lines.push(`Stale entries (their finding is gone or now acknowledged; drop them with \`loopscope baseline <paths> --prune -o <baseline file>\`): ${listed.join("; ")}.`);
    }
    lines.push("");
  }

  if (open.length > 0) {
    lines.push(`### ${usesBaseline ? "New findings" : "Findings"}`, "");
    lines.push(...table(open, options, maxRows, false), "");
  }
  const loops = bySeverity(open.filter((f) => f.path && f.path.length > 0));
  if (loops.length > 0) {
    lines.push("### Loop walks", "");
    for (const finding of loops.slice(0, maxRows)) lines.push(`- ${code(finding.rule)} ${names(finding.models)}: ${markdownText(shortWalk(finding.path ?? []))}`);
    if (loops.length > maxRows) lines.push(`- … and ${loops.length - maxRows} more`);
    lines.push("");
  }
  for (const [title, findings, withReason] of [["Baselined", baselined, false], ["Acknowledged", acknowledged, true]] as const) {
    if (findings.length === 0) continue;
    lines.push(`<details><summary>${title} (${findings.length})</summary>`, "", ...table(findings, options, maxRows, withReason), "", "</details>", "");
  }
  if (report.notices.length > 0) lines.push(`${report.notices.length} ${report.notices.length === 1 ? "notice" : "notices"} (skipped files and the like): see the text or JSON report.`, "");
  return `${withinCommentLimit(lines).join("\n").trimEnd()}\n`;
}

/**
 * GitHub refuses a comment over 65,536 characters, and a job summary over 1 MiB drops the whole
 * summary: rows were capped but not their length, and a 1,000-model estate made 85,124
 * characters (one loop's walk alone 296,714). Past the budget the lines stop, an open
 * `<details>` is closed, and a last line says so.
 */
export const MARKDOWN_MAX_CHARS = 60_000;

function withinCommentLimit(lines: string[]): string[] {
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    length += lines[i]!.length + 1;
    if (length <= MARKDOWN_MAX_CHARS) continue;
    const kept = lines.slice(0, i);
    const open = kept.filter((line) => line.startsWith("<details>")).length - kept.filter((line) => line === "</details>").length;
    return [...kept, ...(open > 0 ? ["", "</details>"] : []), "", `… cut here to stay inside GitHub's comment limit (65,536 characters): ${lines.length - i} more lines. The text or JSON report has every finding.`];
  }
  return lines;
}

/** A walk of at most 40 steps, then how many more (one loop's walk was 296,714 characters). */
function shortWalk(path: readonly PathStep[]): string {
  const shown = formatWalk(path.slice(0, 40));
  return path.length > 40 ? `${shown} → … (${path.length - 40} more steps)` : shown;
}

/** Most severe first; report order (file, line) within a severity. */
function bySeverity(findings: Finding[]): Finding[] {
  return SEVERITIES.flatMap((severity) => findings.filter((f) => f.severity === severity));
}

function table(unsorted: Finding[], options: MarkdownOptions, maxRows: number, withReason: boolean): string[] {
  const findings = bySeverity(unsorted);
  const lines = [`| | rule | models | where | message${withReason ? " | reason" : ""} |`, `| --- | --- | --- | --- | ---${withReason ? " | ---" : ""} |`];
  for (const finding of findings.slice(0, maxRows)) {
    const where = finding.locations[0] ? markdownCode(`${finding.locations[0].file}:${finding.locations[0].line}`, { inTable: true }) : "";
    const rule = `[${markdownText(finding.rule)}](${markdownUrl(ruleInfo(finding.rule, options.docsBaseUrl).docsUrl)})`;
    const reason = withReason ? ` | ${markdownText(finding.acknowledged?.reason ?? "")}${finding.acknowledged?.expires ? ` (until ${markdownText(finding.acknowledged.expires)})` : ""}` : "";
    lines.push(`| ${ICON[finding.severity]} ${finding.severity} | ${rule} | ${names(finding.models)} | ${where} | ${markdownText(finding.message)}${reason} |`);
  }
  if (findings.length > maxRows) lines.push(`| | … and ${findings.length - maxRows} more | | | ${withReason ? "| " : ""}|`);
  return lines;
}

/** Names as plain text, comma-separated, at most 10 and how many more (model names are restricted; a baseline file's are not). */
function names(list: readonly string[]): string {
  if (list.length === 0) return "—";
  const shown = list.slice(0, 10).map(markdownText).join(", ");
  return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}

/** A rule id in a code span outside a table (a baseline file may hold any text there). */
function code(text: string): string {
  return markdownCode(text, { inTable: false });
}
