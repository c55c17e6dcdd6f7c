import type { Finding, Report, Severity } from "../types.js";
import { SEVERITIES } from "../types.js";
import { visible } from "./visible-text.js";
import { formatWalk } from "./walk.js";
import { plural } from "./plural.js";
import { verdictOf, type VerdictOptions } from "./verdict.js";

export interface TextOptions extends VerdictOptions {
  /** ANSI colour; the CLI enables it on a TTY without NO_COLOR. */
  color?: boolean | undefined;
}

const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;

/**
 * Human-readable report: findings grouped by severity (acknowledged ones last, with their
 * reason), `file:line:column  rule  message`, loop walks, notices, and a summary line.
 */
export function formatText(report: Report, options: TextOptions = {}): string {
  const paint = (code: keyof typeof CODES, text: string) => (options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  const colourOf: Record<Severity, keyof typeof CODES> = { error: "red", warning: "yellow", info: "cyan" };
  const lines: string[] = [];
  const open = report.findings.filter((f) => !f.acknowledged);
  const acknowledged = report.findings.filter((f) => f.acknowledged);
  const section = (title: string, findings: Finding[], colour: keyof typeof CODES) => {
    if (findings.length === 0) return;
    lines.push(paint(colour, paint("bold", `${title} (${findings.length})`)));
    for (const finding of findings) {
      const where = finding.locations[0] ? `${visible(finding.locations[0].file)}:${finding.locations[0].line}:${finding.locations[0].column}` : "(no location)";
      lines.push(`  ${where}  ${paint(colourOf[finding.severity], finding.rule)}  ${visible(finding.message)}`);
      if (finding.path && finding.path.length > 0) lines.push(paint("dim", `      walk: ${visible(formatWalk(finding.path))}`));
      if (finding.acknowledged) lines.push(paint("dim", `      acknowledged: ${visible(finding.acknowledged.reason)}${finding.acknowledged.expires ? ` (until ${visible(finding.acknowledged.expires)})` : ""}`));
      if (finding.baselineState === "unchanged") lines.push(paint("dim", "      baselined"));
      for (const evidence of finding.evidence ?? []) lines.push(paint("dim", `      evidence: ${visible(evidence.description)}`));
    }
    lines.push("");
  };
  for (const severity of SEVERITIES) section(severity, open.filter((f) => f.severity === severity), colourOf[severity]);
  section("acknowledged", acknowledged, "dim");
  if (report.notices.length > 0) {
    for (const notice of report.notices) {
      const where = notice.file ? `${notice.file}${notice.line ? `:${notice.line}:${notice.column ?? 1}` : ""}: ` : "";
      lines.push(paint("dim", `notice: ${visible(`${where}${notice.message}`)}`));
    }
    lines.push("");
  }
  lines.push(summaryLine(report, options, paint));
  return `${lines.join("\n")}\n`;
}

function summaryLine(report: Report, options: TextOptions, paint: (code: keyof typeof CODES, text: string) => string): string {
  const { bySeverity, acknowledged, files, models } = report.summary;
  const total = bySeverity.error + bySeverity.warning + bySeverity.info;
  const counts = `${plural(bySeverity.error, "error")}, ${plural(bySeverity.warning, "warning")}, ${bySeverity.info} info`;
  const ack = acknowledged > 0 ? `, ${acknowledged} acknowledged` : "";
  const scope = `in ${plural(files, "file")}, ${plural(models, "model")}`;
  // The mark says what the exit code says: ✖ the lint fails, ⚠ findings that do not fail it
  // (below --fail-on, or all in the baseline but new ones under it), ✔ nothing to look at.
  // With a baseline the line says how many are new ("✖ 14 findings" over an exit code of 0 read as a failure).
  const { state, staleFailing } = verdictOf(report, options);
  const mark = state === "fail" ? paint("red", "✖") : state === "attention" ? paint("yellow", "⚠") : paint("green", "✔");
  const compared = report.findings.some((f) => f.baselineState !== undefined);
  const fresh = compared ? report.findings.filter((f) => f.baselineState === "new" && !f.acknowledged).length : 0;
  const inBaseline = compared ? `; ${fresh} new, ${total - fresh} in the baseline` : "";
  const stale = staleFailing > 0 ? `; ${staleFailing} stale baseline ${staleFailing === 1 ? "entry" : "entries"} (--strict-baseline)` : "";
  return `${mark} ${plural(total, "finding")} (${counts}${ack}) ${scope}${inBaseline}${stale}`;
}
