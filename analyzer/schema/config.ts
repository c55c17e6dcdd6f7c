/**
 * The Loopscope config file (`loopscope.config.yaml` / `.json`), as zod. Strict: an unknown
 * key, rule id or rule option is a problem with its field path and a "did you mean", so a
 * typo never silently turns a rule back on. Positions are added by the caller, which knows
 * the file (src/io/load-config.ts). Pure: the UI can validate a pasted config the same way.
 */
import { z } from "zod";
import type { Rule } from "../rules/rule.js";
import { RULE_IDS } from "./rule-ids.js";
import { closestName } from "../graph/closest-name.js";

export const FAIL_ON_VALUES = ["error", "warning", "info", "never"] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export const RULE_SEVERITY_VALUES = ["error", "warning", "info", "off"] as const;
export type RuleSeverity = (typeof RULE_SEVERITY_VALUES)[number];

const RuleSeveritySchema = z.enum(RULE_SEVERITY_VALUES);

/** The file's shape; `rules` values are checked per rule afterwards (see validateConfig). */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional().describe("Editor hint; ignored by Loopscope."),
  failOn: z
    .enum(FAIL_ON_VALUES)
    .default("error")
    .describe("Lowest severity that fails `loopscope lint` (exit 1); `never` only reports."),
  include: z
    .array(z.string().min(1))
    .optional()
    .describe("Globs, relative to the config file's folder: only matching manifest files are read."),
  exclude: z
    .array(z.string().min(1))
    .optional()
    .describe("Globs, relative to the config file's folder: matching manifest files are skipped."),
  rules: z
    .preprocess((value) => value ?? {}, z.record(z.string(), z.unknown())) // `rules:` with every line commented out is null
    .default({})
    .describe("Per rule id: a severity (error | warning | info | off) or { severity?, ...options }."),
});

/** A rule's entry as written: a severity, or an object with an optional severity and options. */
export type RuleSetting = RuleSeverity | ({ severity?: RuleSeverity } & Record<string, unknown>);

export interface LoopscopeConfig {
  failOn: FailOn;
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  /** Rule settings as written (options unparsed); the engine applies defaults. */
  rules: Record<string, RuleSetting>;
}

export interface ConfigProblem {
  /** Field path inside the file, e.g. ["rules", "deep-model-chain", "maxDepht"]. */
  path: (string | number)[];
  message: string;
  /** Point at the key itself (an unknown key) rather than at its value. */
  atKey?: boolean | undefined;
}

export interface ConfigValidation {
  config?: LoopscopeConfig | undefined;
  problems: ConfigProblem[];
}

/**
 * Options of rules that RULES.md names but whose implementation may not be in the catalogue
 * yet; the catalogue's own `meta.options` wins when the rule is there.
 */
const DOCUMENTED_OPTIONS: Record<string, z.ZodObject> = {
  "deep-model-chain": z.object({ maxDepth: z.number().int().min(2).default(4) }),
  "input-entanglement": z.object({
    minShared: z.number().int().min(1).default(3),
    minJaccard: z.number().min(0).max(1).default(0.5),
  }),
};

/** The options schema of a rule: the catalogue's, else the one RULES.md documents, else none. */
export function ruleOptionsSchema(id: string, rules: readonly Rule[]): z.ZodObject | undefined {
  return rules.find((rule) => rule.id === id)?.meta.options ?? DOCUMENTED_OPTIONS[id];
}

/** Validates a parsed config against the schema and the rule catalogue. Never throws. */
export function validateConfig(value: unknown, rules: readonly Rule[] = []): ConfigValidation {
  const problems: ConfigProblem[] = [];
  if (value === null || value === undefined) value = {};
  const parsed = ConfigSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...fromIssue(issue, [], Object.keys(ConfigSchema.shape), value));
  }
  // Rule entries are checked even when another key is wrong, so one run shows every typo.
  // They are read from the parsed text, not zod's copy: z.record assigns each key, so a
  // `__proto__` key set the copy's prototype (or nothing) and vanished instead of being unknown.
  const rawRules = (value as { rules?: unknown }).rules;
  const known = new Map<string, Rule | undefined>(RULE_IDS.map((id) => [id, undefined]));
  for (const rule of rules) known.set(rule.id, rule);
  const ruleSettings: Record<string, RuleSetting> = {};
  const entries = rawRules && typeof rawRules === "object" && !Array.isArray(rawRules) ? Object.entries(rawRules) : [];
  for (const [id, setting] of entries) {
    const path = ["rules", id];
    if (!known.has(id)) {
      problems.push({ path, atKey: true, message: `unknown rule "${id}"${suggest(id, known.keys())}` });
      continue;
    }
    const options = ruleOptionsSchema(id, rules);
    const before = problems.length;
    checkRuleSetting(setting, path, options, problems);
    if (problems.length === before) ruleSettings[id] = setting as RuleSetting;
  }
  if (!parsed.success || problems.length > 0) return { problems };
  const { failOn, include, exclude } = parsed.data;
  return { config: { failOn, ...(include ? { include } : {}), ...(exclude ? { exclude } : {}), rules: ruleSettings }, problems };
}

function checkRuleSetting(setting: unknown, path: (string | number)[], options: z.ZodObject | undefined, problems: ConfigProblem[]): void {
  const severities = RULE_SEVERITY_VALUES.join(" | ");
  if (typeof setting === "string") {
    if (!(RULE_SEVERITY_VALUES as readonly string[]).includes(setting)) {
      problems.push({ path, message: `severity must be one of ${severities} (got "${setting}")${suggest(setting, RULE_SEVERITY_VALUES)}` });
    }
    return;
  }
  if (setting === null || typeof setting !== "object" || Array.isArray(setting)) {
    // ESLint's numbers, written by habit.
    const eslint = setting === 0 || setting === 1 || setting === 2 ? `; ESLint's ${setting} is "${["off", "warning", "error"][setting]}" here` : "";
    problems.push({ path, message: `expected a severity (${severities}) or an object { severity, ...options }${eslint}` });
    return;
  }
  const { severity, ...rest } = setting as Record<string, unknown>;
  if (severity !== undefined) checkRuleSetting(severity, [...path, "severity"], undefined, problems);
  const optionNames = options ? Object.keys(options.shape) : [];
  for (const key of Object.keys(rest)) {
    if (!optionNames.includes(key)) {
      const allowed = ["severity", ...optionNames];
      const hint = suggest(key, allowed) || ` (allowed: ${allowed.join(", ")})`;
      problems.push({ path: [...path, key], atKey: true, message: `unknown option "${key}" for rule ${String(path[path.length - 1])}${hint}` });
    }
  }
  if (!options) return;
  const known = Object.fromEntries(Object.entries(rest).filter(([key]) => optionNames.includes(key)));
  const result = options.safeParse(known);
  if (!result.success) for (const issue of result.error.issues) problems.push(...fromIssue(issue, path, optionNames, known));
}

function fromIssue(issue: z.core.$ZodIssue, prefix: (string | number)[], allowedKeys: string[], root: unknown): ConfigProblem[] {
  const relative = issue.path.filter((key): key is string | number => typeof key !== "symbol");
  const path = [...prefix, ...relative];
  const input = relative.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined), root);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...path, key],
      atKey: true,
      message: `unknown key "${key}"${OTHER_TOOLS_KEYS[key] && allowedKeys.includes(OTHER_TOOLS_KEYS[key]) ? `; did you mean "${OTHER_TOOLS_KEYS[key]}"?` : suggest(key, allowedKeys) || ` (allowed: ${allowedKeys.join(", ")})`}`,
    }));
  }
  if (issue.code === "invalid_value" && issue.values.every((v) => typeof v === "string")) {
    const got = pathValue(input);
    return [{ path, message: `must be one of ${issue.values.join(" | ")}${got}${typeof input === "string" ? suggest(input, issue.values as string[]) : ""}` }];
  }
  return [{ path, message: issue.message }];
}

function pathValue(input: unknown): string {
  return input === undefined ? "" : ` (got ${JSON.stringify(input)})`;
}

/** Keys other linters' configs use for what these do ("files" is not a typo of "rules"). */
const OTHER_TOOLS_KEYS: Record<string, string> = { files: "include", ignores: "exclude", ignore: "exclude", ignorePatterns: "exclude", exclude_paths: "exclude" };

/** A typo's closest candidate, else the one candidate the text starts ("warn" → "warning"). */
function suggest(name: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  const closest = closestName(name, list) ?? (() => {
    const starting = list.filter((c) => name.length >= 2 && c.startsWith(name));
    return starting.length === 1 ? starting[0] : undefined;
  })();
  return closest !== undefined && closest !== name ? `; did you mean "${closest}"?` : "";
}
