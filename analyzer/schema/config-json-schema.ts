/**
 * JSON Schema of the config file, for editor completion and hover help
 * (`# yaml-language-server: $schema=…`). Generated from the same zod schemas and rule list
 * the validator uses, so it cannot drift; docs/loopscope.config.schema.json is its
 * committed output (refreshed by `npm run fixtures:update`).
 */
import { z } from "zod";
import type { Rule } from "../rules/rule.js";
import { DOCUMENTED_RULES } from "./rule-ids.js";
import { FAIL_ON_VALUES, RULE_SEVERITY_VALUES, ruleOptionsSchema } from "./config.js";

export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  const severity = { type: "string", enum: [...RULE_SEVERITY_VALUES] };
  const ruleProperties: Record<string, unknown> = {};
  for (const documented of DOCUMENTED_RULES) {
    const options = ruleOptionsSchema(documented.id, rules);
    const optionProperties = options ? ((z.toJSONSchema(options, { io: "input" }) as { properties?: Record<string, unknown> }).properties ?? {}) : {};
    ruleProperties[documented.id] = {
      // RULES.md's wording, not the catalogue's: the committed schema only changes when the contract does.
      description: `${documented.finds} (default: ${documented.defaultSeverity})`,
      anyOf: [severity, { type: "object", additionalProperties: false, properties: { severity, ...optionProperties } }],
    };
  }
  const globs = (what: string) => ({ type: "array", items: { type: "string", minLength: 1 }, description: `Globs relative to the config file's folder: ${what}` });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Loopscope config (loopscope.config.yaml)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      failOn: { type: "string", enum: [...FAIL_ON_VALUES], default: "error", description: "Lowest severity that fails `loopscope lint` (exit 1); `never` only reports." },
      include: globs("only matching manifest files are read."),
      exclude: globs("matching manifest files are skipped."),
      rules: { type: ["object", "null"], additionalProperties: false, properties: ruleProperties, description: "Per rule id: a severity or { severity, ...options }." },
    },
  };
}
