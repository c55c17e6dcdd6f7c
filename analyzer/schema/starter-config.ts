/**
 * The commented starter config `loopscope init` writes. Built from the rule list so every
 * rule id appears with its default severity and options; all of them are commented out, so
 * the file changes nothing until someone edits it (and later default changes still apply).
 */
import type { Rule } from "../rules/rule.js";
import { DOCUMENTED_RULES } from "./rule-ids.js";
import { ruleOptionsSchema } from "./config.js";

export function starterConfig(rules: readonly Rule[], docsUrl: string, schemaUrl: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaUrl}`,
    "# Loopscope config. Reference: " + docsUrl,
    "# Used by `loopscope lint`, `baseline`, `impact` and `graph` run in this folder or any folder below it; `--config FILE` overrides.",
    "",
    "# Lowest severity that makes `loopscope lint` exit 1: error | warning | info | never",
    "failOn: error",
    "",
    "# Globs relative to this file's folder. Only matching manifest files are read; excluded ones are skipped.",
    '# include: ["**/*.yaml", "**/*.yml", "**/*.json"]',
    '# exclude: ["legacy/**"]',
    "",
    "# Per rule: a severity (error | warning | info | off), or { severity: ..., <options> }.",
    "# Every rule is listed with its default; uncomment a line to change it.",
    "rules:",
  ];
  let section = "";
  for (const documented of DOCUMENTED_RULES) {
    if (documented.section !== section) {
      section = documented.section;
      lines.push(`  # -- ${section}`);
    }
    const rule = rules.find((candidate) => candidate.id === documented.id);
    const severity = rule?.meta.defaultSeverity ?? documented.defaultSeverity;
    const defaults = ruleOptionsSchema(documented.id, rules)?.safeParse({}).data as Record<string, unknown> | undefined;
    const options = Object.entries(defaults ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const value = options.length === 0 ? severity : `{ severity: ${severity}, ${options.map(([key, v]) => `${key}: ${JSON.stringify(v)}`).join(", ")} }`;
    lines.push(`  # ${documented.id}: ${value}`);
  }
  return `${lines.join("\n")}\n`;
}
