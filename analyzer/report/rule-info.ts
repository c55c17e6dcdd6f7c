/**
 * Rule metadata as reporters show it: from the catalogue when the rule is there, with a
 * plain fallback for ids it does not know (a report read back from an older version).
 */
import { RULES } from "../rules/index.js";
import type { Severity } from "../types.js";
import { ruleDocsUrl } from "./docs-url.js";

export interface RuleInfo {
  id: string;
  category: string;
  defaultSeverity: Severity;
  /** Markdown (may hold `code`). */
  description: string;
  rationale?: string | undefined;
  fix?: string | undefined;
  paper?: string | undefined;
  docsUrl: string;
}

export function ruleInfo(id: string, docsBaseUrl?: string): RuleInfo {
  const rule = RULES.find((candidate) => candidate.id === id);
  const docsUrl = docsBaseUrl === undefined ? ruleDocsUrl(id) : ruleDocsUrl(id, docsBaseUrl);
  if (!rule) return { id, category: "other", defaultSeverity: "warning", description: id, docsUrl };
  const { category, defaultSeverity, description, rationale, fix, paper } = rule.meta;
  return { id, category, defaultSeverity, description, rationale, fix, paper, docsUrl };
}

/** Every rule id the catalogue has, in catalogue order. */
export function catalogueIds(): string[] {
  return RULES.map((rule) => rule.id);
}

/** Markdown → plain text for fields that must not carry markup (SARIF `text`). */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "$1").replace(/\*\*([^*]*)\*\*/g, "$1");
}
