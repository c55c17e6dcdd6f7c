import type { Rule } from "../rules/rule.js";
import type { Severity } from "../types.js";

export interface RuleSettings {
  severity: Severity | "off";
  options: Record<string, unknown>;
}

/** The part of a Loopscope config the engine reads (validated in analyzer/schema/config.ts). */
export interface EngineConfig {
  rules?: Record<string, unknown> | undefined;
}

/**
 * Severity and options for one rule from `rules.<id>` in the config: a severity string, or
 * an object with an optional `severity` and the rule's options. Defaults fill the rest.
 */
export function ruleSettings(rule: Rule, config: EngineConfig | undefined): RuleSettings {
  const entry = config?.rules && Object.prototype.hasOwnProperty.call(config.rules, rule.id) ? config.rules[rule.id] : undefined;
  let severity: Severity | "off" = rule.meta.defaultSeverity;
  let raw: Record<string, unknown> = {};
  if (typeof entry === "string") severity = entry as Severity | "off";
  else if (entry && typeof entry === "object") {
    const { severity: configured, ...rest } = entry as Record<string, unknown>;
    if (typeof configured === "string") severity = configured as Severity | "off";
    raw = rest;
  }
  const parsed = rule.meta.options?.safeParse(raw);
  const options = parsed?.success ? (parsed.data as Record<string, unknown>) : (rule.meta.options?.safeParse({}).data as Record<string, unknown> | undefined) ?? {};
  return { severity, options };
}

const ORDER: Severity[] = ["error", "warning", "info"];

/** One step down: error → warning → info (info stays info). */
export function demote(severity: Severity): Severity {
  return ORDER[Math.min(ORDER.indexOf(severity) + 1, ORDER.length - 1)]!;
}
