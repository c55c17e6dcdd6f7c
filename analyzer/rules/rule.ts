import type { z } from "zod";
import type { Estate, Site } from "../graph/attributes.js";
import type { Facts } from "../derive/facts.js";
import type { SchemaProblem } from "../validate/validate.js";
import type { ParseProblem } from "../parse/parsed-document.js";
import type { AcknowledgementEntry } from "../engine/acknowledge.js";
import type { Evidence, Finding, Location, PathStep, Severity } from "../types.js";

export type RuleCategory = "loops" | "manifests" | "boundary-erosion" | "entanglement" | "data-dependencies" | "operations" | "acknowledgements";

export interface RuleMeta {
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it is debt, and the idea from Sculley et al. (2015) it comes from. */
  rationale: string;
  /** Section of "Hidden Technical Debt in Machine Learning Systems" (NeurIPS 2015), if any. */
  paper?: string | undefined;
  /** How to fix or acknowledge it. */
  fix: string;
  /** The rule's options with defaults (config: `rules.<id>: { ...options }`). */
  options?: z.ZodObject | undefined;
}

/** What a rule reports; the engine adds severity, locations, fingerprint and acknowledgement. */
export interface FindingDraft {
  message: string;
  models: string[];
  nodes: string[];
  /** Declarations that cause the finding (resolved to file:line:column by the engine). */
  sites: Site[];
  /** Already-resolved locations (parse problems have no document). */
  locations?: Location[] | undefined;
  path?: PathStep[] | undefined;
  /** Names beyond the rule id that identify the finding across runs; defaults to models, else nodes. */
  identity?: string[] | undefined;
  /** Runtime coupling only: reported one severity below the configured one. */
  demote?: boolean | undefined;
  data?: Record<string, unknown> | undefined;
  evidence?: Evidence[] | undefined;
}

export interface RuleContext {
  estate: Estate;
  facts: Facts;
  /** Parsed options (defaults applied). */
  options: Record<string, unknown>;
  parseProblems: ParseProblem[];
  schemaProblems: SchemaProblem[];
  /** Today's date (YYYY-MM-DD) when the caller gave one. */
  today?: string | undefined;
  /** Findings of the rules that ran before (only for rules with `after: true`). */
  findings: readonly Finding[];
  /** Every `acknowledge` entry, marked with what it covers (only for rules with `after: true`). */
  acknowledgements: readonly AcknowledgementEntry[];
  /** Rule ids the config switches off: they did not run, so nothing is known of their findings. */
  off: ReadonlySet<string>;
  /**
   * Reports one finding. The engine turns each draft into a finding at once, so that drafts
   * die young: a rule that returned its 20,000 drafts in one list kept them alive through
   * several collections, which copied them and then left them as old-generation garbage.
   */
  report(draft: FindingDraft): void;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  /** Runs after the other rules and their acknowledgements (the acknowledgement rules). */
  after?: boolean | undefined;
  /** Reports each finding through `context.report`. */
  check(context: RuleContext): undefined;
}

export const PAPER = "Sculley et al., Hidden Technical Debt in Machine Learning Systems, NeurIPS 2015";
