import type { Finding, Notice, Report, SeverityCounts, SourceFile } from "./types.js";
import type { EstateGraph } from "./graph/estate-graph.js";
import { parseSource } from "./parse/parse-source.js";
import { isLoopscopeOwnFile } from "./parse/manifest-path.js";
import type { ParseProblem } from "./parse/parsed-document.js";
import { validateDocument, type SchemaProblem } from "./validate/validate.js";
import { EstateBuilder } from "./graph/build-graph.js";
import { deriveFacts } from "./derive/facts.js";
import { runRules } from "./engine/run-rules.js";
import type { EngineConfig } from "./engine/settings.js";
import { RULES } from "./rules/index.js";
import { exportGraph } from "./graph/export-graph.js";
import { VERSION } from "./version.js";
import { compareNotices } from "./engine/sort.js";

export interface Progress {
  stage: "parse" | "validate" | "graph" | "derive" | "rules" | "report";
  done: number;
  total: number;
}

export interface AnalyzeOptions {
  /** Today's date (YYYY-MM-DD) for acknowledgement expiry; the caller decides, so output stays reproducible. */
  today?: string | undefined;
  /** A validated Loopscope config (per-rule severity and options). */
  config?: EngineConfig | undefined;
  onProgress?: ((progress: Progress) => void) | undefined;
  /**
   * `startAnalysis` only: let `resolveSome` resolve references before `finish`. Worth it
   * where the thread adding files waits for them anyway (the browser's worker while the page
   * reads); the report is the same bytes either way.
   */
  resolveEarly?: boolean | undefined;
}

export interface Analysis {
  report: Report;
  graph: EstateGraph;
  /** The graph without positions (exportGraph's `positions: false`): quicker, for a first view. */
  graphOutline(): EstateGraph;
}

/**
 * Parse → validate → graph → derive → rules → report. Never throws for bad input: every
 * problem is a finding or a notice, and the rest of the estate is still analysed.
 */
export function analyze(sources: SourceFile[], options: AnalyzeOptions = {}): Analysis {
  const session = startAnalysis(options, sources.length);
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) session.add(source);
  return session.finish();
}

/** An analysis fed one file at a time (parsed and validated as it arrives), then finished. */
export interface AnalysisSession {
  add(source: SourceFile): void;
  /**
   * With `resolveEarly`: resolves the references of up to `limit` added manifests now, so
   * that `finish` has less to do; true while some are left. Call it when otherwise idle.
   */
  resolveSome(limit: number): boolean;
  /** How many files will be added in all (shown in progress); 0 while the caller does not know. */
  expect(total: number): void;
  finish(): Analysis;
}

/**
 * The same analysis as `analyze`, for callers that read files while earlier ones are parsed
 * (the CLI reads in a worker thread). Files may come in any order: everything that depends
 * on order is sorted in `finish`, so the report is the same bytes as `analyze` gives.
 * `expectedFiles` (when known; 0 when not) is the total shown in progress.
 */
export function startAnalysis(options: AnalyzeOptions = {}, expectedFiles = 0): AnalysisSession {
  let expected = expectedFiles;
  const progress = options.onProgress ?? (() => undefined);
  const notices: Notice[] = [];
  const parseProblems: ParseProblem[] = [];
  const schemaProblems: SchemaProblem[] = [];
  const estate = new EstateBuilder(options.resolveEarly === true);
  let added = 0;
  let files = 0;
  let documents = 0;
  return {
    add(source) {
      const parsed = parseSource(source);
      if (!parsed.skipped) files++;
      else if (!isLoopscopeOwnFile(source.path)) notices.push({ file: source.path, message: `skipped: ${parsed.skipped}` });
      for (const problem of parsed.problems) parseProblems.push(problem);
      for (const doc of parsed.documents) {
        documents++;
        const result = validateDocument(doc);
        if (result.manifest) estate.add(result.manifest);
        for (const problem of result.problems) schemaProblems.push(problem);
      }
      if (++added % 500 === 0) progress({ stage: "parse", done: added, total: expected > 0 ? Math.max(expected, added) : 0 });
    },
    resolveSome: (limit) => estate.resolveSome(limit),
    expect: (total) => void (expected = total),
    finish: () => finishAnalysis(options, { notices, parseProblems, schemaProblems, estate, files, documents }),
  };
}

interface Parsed {
  notices: Notice[];
  parseProblems: ParseProblem[];
  schemaProblems: SchemaProblem[];
  estate: EstateBuilder;
  files: number;
  documents: number;
}

function finishAnalysis(options: AnalyzeOptions, { notices, parseProblems, schemaProblems, estate: builder, files, documents }: Parsed): Analysis {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: "graph", done: 0, total: 1 });
  const estate = builder.finish();
  progress({ stage: "derive", done: 0, total: 1 });
  const facts = deriveFacts(estate.graph);
  progress({ stage: "rules", done: 0, total: RULES.length });
  const findings = runRules({ rules: RULES, estate, facts, parseProblems, schemaProblems, config: options.config, today: options.today });
  progress({ stage: "report", done: 0, total: 1 });
  const kinds = { output: 0, dataset: 0, service: 0 };
  estate.graph.forEachNode((_id, attributes) => {
    if (attributes.kind !== "model") kinds[attributes.kind]++;
  });
  const report: Report = {
    tool: { name: "loopscope", version: VERSION },
    summary: {
      files,
      documents,
      models: estate.models.size,
      outputs: kinds.output,
      datasets: kinds.dataset,
      services: kinds.service,
      edges: estate.graph.size,
      loops: facts.componentLoops.length + facts.directLoops.length,
      findings: findings.length,
      bySeverity: countBySeverity(findings),
      acknowledged: findings.filter((f) => f.acknowledged).length,
    },
    findings,
    notices: notices.sort(compareNotices),
  };
  // The plain graph resolves a position for every edge; only the graph command, the UI and
  // the database need it, so it is built on first access (a lint never pays for it).
  let graph: EstateGraph | undefined;
  return {
    report,
    get graph() {
      graph ??= exportGraph(estate, facts);
      return graph;
    },
    graphOutline: () => exportGraph(estate, facts, false),
  };
}

/** Counts of findings that are not acknowledged, by severity. */
export function countBySeverity(findings: Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) if (!finding.acknowledged) counts[finding.severity]++;
  return counts;
}
