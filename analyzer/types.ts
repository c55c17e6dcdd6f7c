/**
 * The shared vocabulary of Loopscope: what goes into an analysis and what comes out.
 * Everything here is plain data (structured-clone safe) so the UI worker can post it.
 */

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** One input file. `path` is an opaque POSIX path relative to where the user pointed us. */
export interface SourceFile {
  path: string;
  text: string;
}

/** 1-based line and column, as editors and SARIF count them. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export type NodeKind = "model" | "output" | "dataset" | "service";
export type EdgeKind = "reads" | "produces" | "consumes" | "influences" | "derives";
export type InputUse = "training" | "serving" | "both";

/** One step of a witness walk. */
export interface PathStep {
  from: string;
  to: string;
  edge: EdgeKind;
}

export interface Acknowledgement {
  reason: string;
  expires?: string | undefined;
}

/** Runtime evidence attached to a finding (for example an observed OpenLineage run). */
export interface Evidence {
  kind: string;
  description: string;
  location?: Location | undefined;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Names of the models involved, sorted. */
  models: string[];
  /** Every graph node involved, sorted. */
  nodes: string[];
  /** Loops only: one closed witness walk. */
  path?: PathStep[] | undefined;
  /** Declarations that cause the finding; at least one. */
  locations: Location[];
  /** Stable across runs and file moves: rule + involved names, never paths or lines. */
  fingerprint: string;
  acknowledged?: Acknowledgement | undefined;
  /** Set by a baseline comparison: "new" findings fail, "unchanged" ones do not. */
  baselineState?: "new" | "unchanged" | undefined;
  /** Rule-specific facts (shared datasets, suggestion, chain, ...), sorted. */
  data?: Record<string, unknown> | undefined;
  evidence?: Evidence[] | undefined;
}

/** Something the user should know that is not a finding (a skipped file, a cap hit). */
export interface Notice {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  message: string;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface ReportSummary {
  files: number;
  documents: number;
  models: number;
  outputs: number;
  datasets: number;
  services: number;
  edges: number;
  loops: number;
  findings: number;
  bySeverity: SeverityCounts;
  acknowledged: number;
}

export interface Report {
  tool: { name: "loopscope"; version: string };
  summary: ReportSummary;
  findings: Finding[];
  notices: Notice[];
}
