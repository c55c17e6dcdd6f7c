/**
 * Renders docs/rules/<id>.md from the rule's `meta`, its notes (notes.ts) and its fixtures:
 * the first invalid fixture is the example, run through the analyzer for the output shown,
 * and the first valid fixture is the near miss. Generated so the pages cannot drift from
 * the code; tests/rules/docs.test.ts checks the committed pages, `npm run docs:rules` rewrites them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../analyzer/index.js";
import { formatText } from "../../analyzer/report/text.js";
import type { Rule } from "../../analyzer/rules/rule.js";
import { RULE_FIXTURES, FIXTURE_TODAY, fixtureFiles } from "../../tests/rules/fixture-cases.js";
import { RULE_NOTES } from "./notes.js";

const CATEGORY: Record<string, string> = {
  loops: "Loops",
  manifests: "Manifests and references",
  "boundary-erosion": "Boundary erosion",
  entanglement: "Entanglement",
  "data-dependencies": "Data dependencies",
  operations: "Operations (monitoring and deployment)",
  acknowledgements: "Acknowledgements",
};

export function renderRulePage(rule: Rule): string {
  const { meta } = rule;
  const lines: string[] = [`# \`${rule.id}\``, ""];
  const options = optionDefaults(rule);
  lines.push(`**Category:** ${CATEGORY[meta.category] ?? meta.category} · **Default severity:** \`${meta.defaultSeverity}\`${options.length > 0 ? ` · **Options:** ${options.map(([k, v]) => `\`${k}\` (default ${v})`).join(", ")}` : ""}`, "");
  lines.push(meta.description, "");
  lines.push("## Why it is debt", "", meta.rationale, "");
  if (meta.paper) lines.push(`Source idea: Sculley et al., *Hidden Technical Debt in Machine Learning Systems*, NeurIPS 2015, ${meta.paper}.`, "");
  const notes = RULE_NOTES[rule.id];
  if (notes) lines.push("## How Loopscope decides", "", notes.trim(), "");
  const example = fixtureFiles(rule.id, "invalid")[0];
  if (example) {
    const path = `tests/fixtures/rules/${rule.id}/invalid/${example}`;
    const text = readFileSync(join(RULE_FIXTURES, rule.id, "invalid", example), "utf8");
    lines.push("## Example", "", `This estate triggers it ([\`${path}\`](../../${path})):`, "", "```yaml", stripExpectations(text).trimEnd(), "```", "");
    const analysis = analyze([{ path: `${example}`, text }], { today: FIXTURE_TODAY });
    // The text report itself (this rule's findings only, without the summary line), so the
    // page shows exactly what a terminal does.
    const findings = analysis.report.findings.filter((f) => f.rule === rule.id);
    const reported = formatText({ ...analysis.report, findings, notices: [] }).trimEnd().split("\n");
    lines.push("`loopscope lint` reports (among the estate's other findings):", "", "```text", ...reported.slice(0, -1).join("\n").trimEnd().split("\n"), "```", "");
  }
  const nearMiss = fixtureFiles(rule.id, "valid")[0];
  if (nearMiss) {
    const path = `tests/fixtures/rules/${rule.id}/valid/${nearMiss}`;
    const text = readFileSync(join(RULE_FIXTURES, rule.id, "valid", nearMiss), "utf8");
    lines.push(`A near miss that does **not** trigger it ([\`${path}\`](../../${path})):`, "", "```yaml", text.trimEnd(), "```", "");
  }
  lines.push("## How to fix it", "", meta.fix, "");
  lines.push("## Acknowledging it", "");
  if (meta.category === "acknowledgements") {
    lines.push("This finding is about an acknowledgement itself and cannot be acknowledged (an entry for it is reported as stale); fix or remove the `acknowledge` entry, or set the rule's severity in the config.", "");
  } else {
    lines.push(
      "When the finding is understood and accepted, every model it involves (its `models`) adds an entry. A model speaks only for itself: the finding is acknowledged when all of them do, and it stays visible in every output format, marked, without failing the lint.",
      "",
      "```yaml",
      "acknowledge:",
      `  - rule: ${rule.id}`,
      "    reason: Why this is accepted, and who decided.",
      "    expires: 2027-06-30      # optional: after this date the finding is reported again",
      "```",
      "",
    );
  }
  lines.push("## Configuration", "", "```yaml", "# loopscope.config.yaml", "rules:");
  if (options.length > 0) {
    lines.push(`  ${rule.id}:`, `    severity: ${meta.defaultSeverity}   # error | warning | info | off`);
    for (const [key, value] of options) lines.push(`    ${key}: ${value}`);
  } else {
    lines.push(`  ${rule.id}: ${meta.defaultSeverity}   # error | warning | info | off`);
  }
  lines.push("```", "", "See [configuration](../config.md) for the rest of the file.", "");
  return lines.join("\n");
}

/** The index page: every rule with its category, default severity and description. */
export function renderRuleIndex(rules: readonly Rule[]): string {
  const lines = ["# Rules", "", "Every rule Loopscope checks, in the order of its catalogue. Ids are fixed: configs, baselines and dashboards key on them.", ""];
  let category = "";
  for (const rule of rules) {
    if (rule.meta.category !== category) {
      category = rule.meta.category;
      lines.push(`## ${CATEGORY[category] ?? category}`, "", "| rule | default | finds |", "| --- | --- | --- |");
    }
    lines.push(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.meta.defaultSeverity} | ${rule.meta.description.replace(/\|/g, "\\|")} |`);
    const next = rules[rules.indexOf(rule) + 1];
    if (!next || next.meta.category !== category) lines.push("");
  }
  return lines.join("\n");
}

function optionDefaults(rule: Rule): [string, string][] {
  const parsed = rule.meta.options?.safeParse({});
  if (!parsed?.success) return [];
  return Object.entries(parsed.data as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
}

function stripExpectations(text: string): string {
  return text.replace(/^# expect:.*\n/gm, "");
}
