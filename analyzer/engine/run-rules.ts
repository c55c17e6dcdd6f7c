import { locateSite, type Estate } from "../graph/attributes.js";
import type { Facts } from "../derive/facts.js";
import type { ParseProblem } from "../parse/parsed-document.js";
import type { SchemaProblem } from "../validate/validate.js";
import type { FindingDraft, Rule, RuleContext } from "../rules/rule.js";
import type { Finding, Location } from "../types.js";
import { applyAcknowledgements, collectAcknowledgements } from "./acknowledge.js";
import { fingerprint } from "./fingerprint.js";
import { demote, ruleSettings, type EngineConfig } from "./settings.js";
import { cmp, sortedUniqueLocations, sortFindings, sortInPlace } from "./sort.js";

export interface RunRulesInput {
  rules: readonly Rule[];
  estate: Estate;
  facts: Facts;
  parseProblems: ParseProblem[];
  schemaProblems: SchemaProblem[];
  config?: EngineConfig | undefined;
  today?: string | undefined;
}

/**
 * Runs the catalogue: every enabled rule's drafts become findings with their configured
 * severity (one lower for runtime-only loops), resolved locations and fingerprints; then
 * acknowledgements; then the acknowledgement rules, which look at the rest. Sorted.
 */
export function runRules(input: RunRulesInput): Finding[] {
  const homeOf = (model: string) => input.estate.models.get(model)?.doc.file;
  const acknowledgements = collectAcknowledgements(input.estate, input.today);
  const context: Omit<RuleContext, "report"> = {
    estate: input.estate,
    facts: input.facts,
    options: {},
    parseProblems: input.parseProblems,
    schemaProblems: input.schemaProblems,
    today: input.today,
    findings: [],
    acknowledgements,
    off: new Set(input.rules.filter((rule) => ruleSettings(rule, input.config).severity === "off").map((rule) => rule.id)),
  };
  const run = (rules: readonly Rule[], findings: Finding[]) => {
    for (const rule of rules) {
      const settings = ruleSettings(rule, input.config);
      if (settings.severity === "off") continue;
      const severity = settings.severity;
      // A rule reads the findings before it (the acknowledgement rules); its own join them after it ran.
      const reported: Finding[] = [];
      const report = (draft: FindingDraft) => void reported.push(toFinding(rule.id, draft.demote ? demote(severity) : severity, draft, homeOf));
      rule.check({ ...context, options: settings.options, findings, report });
      for (const finding of reported) findings.push(finding);
    }
  };
  const findings: Finding[] = [];
  run(input.rules.filter((rule) => !rule.after), findings);
  applyAcknowledgements(findings, acknowledgements);
  run(input.rules.filter((rule) => rule.after), findings);
  return sortFindings(dedupe(findings));
}

function toFinding(rule: string, severity: Finding["severity"], draft: FindingDraft, homeOf: (model: string) => string | undefined): Finding {
  const models = uniqueSorted(draft.models);
  const nodes = uniqueSorted(draft.nodes);
  // Exact-size arrays (map, concat): one grown by push keeps 17 slots for its one location.
  const fromSites = draft.sites.map(locateSite);
  const locations = homeFirst(sortedUniqueLocations(draft.locations ? draft.locations.concat(fromSites) : fromSites, true), models, homeOf);
  const identity = draft.identity ?? (models.length > 0 ? models : nodes);
  const message = flattened(draft.message);
  const print = flattened(fingerprint(rule, identity));
  const { path, data, evidence } = draft;
  // Each shape as one literal, keys in the report's order: keys added after a literal go to a
  // second, out-of-object store (40 bytes more for each of 40,000 findings at 10,000 models).
  if (!evidence) {
    if (!path) return data ? { rule, severity, message, models, nodes, locations, fingerprint: print, data } : { rule, severity, message, models, nodes, locations, fingerprint: print };
    return data ? { rule, severity, message, models, nodes, locations, fingerprint: print, path, data } : { rule, severity, message, models, nodes, locations, fingerprint: print, path };
  }
  const finding: Finding = { rule, severity, message, models, nodes, locations, fingerprint: print };
  if (path) finding.path = path;
  if (data) finding.data = data;
  if (evidence) finding.evidence = evidence;
  return finding;
}

/** Written by `flattened` so that no compiler can drop the read that flattens. */
let touched = 0;

/**
 * A message built from a template is, in V8, a tree of its pieces (a "cons string", 32 bytes
 * a piece) until something reads its characters; the JSON writer does, but only at the end,
 * so 40,000 messages lived as trees through the rest of the run (13 MB instead of 7 MB,
 * measured) and each tree was copied by every collection on the way. Reading one character
 * makes V8 store the text flat, and the collector then drops the tree. Fingerprints too
 * (`rule:` and 16 digits, a tree of two pieces).
 */
function flattened(text: string): string {
  touched ^= text.charCodeAt(0);
  return text;
}

/**
 * Names sorted by code unit (the default sort), each once; no Set. A list that already is
 * (most drafts name one to three, often in order) is kept rather than copied: findings are
 * never changed in place, and a copy per list was 5 MB that lived to the end at 40,000 findings.
 */
function uniqueSorted(names: string[]): string[] {
  let ordered = true;
  for (let i = 1; i < names.length && ordered; i++) ordered = names[i - 1]! < names[i]!;
  if (ordered) return names;
  const sorted = sortInPlace(names.slice(), cmp);
  let kept = Math.min(sorted.length, 1);
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i]!;
  sorted.length = kept;
  return sorted;
}

/**
 * Two drafts with one fingerprint (the same problem reached twice) are one finding with both
 * locations. Fingerprints are fixed (baselines key on them), so drafts that say different
 * things under one fingerprint keep every distinct message, joined in report order: a
 * second reason must not survive as a bare location.
 */
export function dedupe(findings: Finding[]): Finding[] {
  const byFingerprint = new Map<string, Finding>();
  let messages: Map<Finding, string[]> | undefined;
  // Locations are gathered, then sorted once per finding: sorting at each merge made 20,000
  // acknowledgements of one rule that does not fire (one stale finding) take 20 s.
  let merged: Map<Finding, Location[]> | undefined;
  for (const finding of findings) {
    const existing = byFingerprint.get(finding.fingerprint);
    if (!existing) {
      byFingerprint.set(finding.fingerprint, finding);
      continue;
    }
    const locations = (merged ??= new Map()).get(existing) ?? [...existing.locations];
    for (const location of finding.locations) locations.push(location);
    merged.set(existing, locations);
    if (finding.message === existing.message) continue;
    const seen = (messages ??= new Map()).get(existing) ?? [existing.message];
    if (seen.includes(finding.message)) continue;
    seen.push(finding.message);
    messages.set(existing, seen);
    existing.message = seen.join("; ");
  }
  if (merged) for (const [finding, locations] of merged) finding.locations = sortedUniqueLocations(locations);
  return [...byFingerprint.values()];
}

/**
 * A finding about one model leads with a location in that model's own file: the first location
 * is where the text report, SARIF and code scanning put it, and a finding shown in another
 * team's file (a service that consumes the output) goes to the wrong reviewers. Otherwise the
 * sorted order; both orders are the same for the same input.
 */
function homeFirst(locations: Location[], models: readonly string[], homeOf: (model: string) => string | undefined): Location[] {
  if (models.length !== 1 || locations.length < 2) return locations;
  const home = homeOf(models[0]!);
  if (home === undefined || locations[0]!.file === home || !locations.some((l) => l.file === home)) return locations;
  return [...locations.filter((l) => l.file === home), ...locations.filter((l) => l.file !== home)];
}
