/// <reference lib="webworker" />
import { analyze, startAnalysis, type Analysis, type AnalysisSession, type Progress } from "../../analyzer/index.js";
import { convertForeignSources, foreignKind } from "../../analyzer/import/convert-foreign-sources.js";
import { checkLineage, withLineage } from "../../analyzer/lineage/index.js";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import type { AnalyzeRequest, WorkerMessage } from "./protocol.js";
import { packOutline, transferablesOf } from "./graph-codec.js";
import { SAMPLES } from "../load/samples.js";
import { detachFindingDetails, detachGraphDetails, isBig, outlineToSend, type DetailsPart } from "./details.js";

/** Runs the same analyzer as the CLI off the main thread, so the page never freezes. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);
const onProgress = (progress: Progress) => post({ type: "progress", progress });

/** A run fed chunk by chunk: each chunk is parsed as it arrives, while the page reads the next. */
interface Streamed {
  today: string;
  started: number;
  session: AnalysisSession;
  sources: SourceFile[];
  /** OpenLineage or dbt files seen: the run then takes the conversion path at the end. */
  foreign: boolean;
  /** Time spent parsing, ms. */
  parse: number;
  /** When the last chunk came, ms after the start. */
  lastChunk: number;
  /** Time spent resolving references between chunks, ms. */
  resolve: number;
}

/** A big report's findings per message: about 60 ms of the page's time each. */
const FINDINGS_PER_MESSAGE = 4000;

let streamed: Streamed | null = null;
/** Details of the last result, sent when the page asks for them. */
let held: DetailsPart[] = [];
/** A big result's graph positions are found only when the page asks for the details. */
let heldGraph: Analysis | null = null;

scope.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  warming = false;
  const request = event.data;
  try {
    if (request.type === "details") {
      if (heldGraph) for (const detail of detachGraphDetails(heldGraph.graph)) held.push(detail);
      heldGraph = null;
      for (const part of held) post({ type: "details", part });
      held = [];
      post({ type: "complete" });
    } else if (request.type === "sources") {
      analyzeSources(request.sources, request.today, []);
    } else if (request.type === "start") {
      streamed = { today: request.today, started: performance.now(), session: startAnalysis({ today: request.today, onProgress, resolveEarly: true }, request.expected), sources: [], foreign: false, parse: 0, lastChunk: 0, resolve: 0 };
    } else if (request.type === "texts" && streamed) {
      const run = streamed;
      const t = performance.now();
      for (const source of request.sources) {
        run.sources.push(source);
        // OpenLineage events and dbt manifests switch the run to the conversion path at the end.
        if (run.foreign || foreignKind(source) !== undefined) run.foreign = true;
        else run.session.add(source);
      }
      run.parse += performance.now() - t;
      run.lastChunk = t - run.started;
      resolveWhenIdle(run);
    } else if (request.type === "end" && streamed) {
      const run = streamed;
      streamed = null;
      // Chunks may arrive out of order: the conversion path takes the files in path order, as a drop of texts would.
      if (run.foreign) return analyzeSources(run.sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), run.today, request.notices);
      const t = performance.now();
      const analysis = run.session.finish();
      const finish = performance.now() - t;
      done(analysis, analysis.report, request.notices, run.parse + run.resolve + finish, { parse: run.parse, resolve: run.resolve, lastChunk: run.lastChunk, finish, warm: Math.round(warmed.ms), warmRounds: warmed.rounds });
    }
  } catch (error) {
    streamed = null;
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * A worker is started ahead of each analysis (use-analysis.ts keeps a spare while the page is
 * idle), and would then run the analyzer's code cold: interpreted at first, optimised only
 * once hot, which on a 5,000-model upload cost the analysis after the last file about 0.6 s
 * (bench/RESULTS.md). So until its first request comes, the worker analyses the bundled
 * samples over and over, one analysis per task, and throws the results away: the request's
 * message queues ahead of the next round and stops it. Bounded, so an idle page goes quiet.
 */
const WARM_UP_MS = 1000;
const warmed = { ms: 0, rounds: 0 };
let warming = true;
const warmChannel = new MessageChannel();
warmChannel.port1.onmessage = () => {
  if (!warming || warmed.ms >= WARM_UP_MS) return;
  const t = performance.now();
  analyze(SAMPLES.flatMap((sample) => sample.sources), { today: "2026-01-01" });
  warmed.ms += performance.now() - t;
  warmed.rounds++;
  warmChannel.port2.postMessage(null);
};
// Not at once: the page's first worker gets its request within milliseconds, and a round would delay it.
setTimeout(() => warmChannel.port2.postMessage(null), 250);

/** Manifests whose references are resolved per idle task: a few milliseconds of work. */
const RESOLVE_BATCH = 200;
const idle = new MessageChannel();
let idleQueued = false;

/**
 * Resolves references of the manifests parsed so far, a batch per task, while no chunk of
 * files is waiting: the message for this task queues behind any chunk that has already
 * arrived, so parsing goes first and only the worker's idle time is used. Whatever is left
 * is resolved by `finish`.
 */
function resolveWhenIdle(run: Streamed): void {
  if (idleQueued) return;
  idleQueued = true;
  idle.port1.onmessage = () => {
    idleQueued = false;
    if (streamed !== run) return;
    const t = performance.now();
    const more = run.session.resolveSome(RESOLVE_BATCH);
    run.resolve += performance.now() - t;
    if (more) resolveWhenIdle(run);
  };
  idle.port2.postMessage(null);
}

/**
 * Texts in hand: analyse them. OpenLineage events and dbt manifests dropped next to manifests
 * work as in the CLI: a dbt manifest becomes manifests, run events become runtime evidence
 * (`lint --lineage`). Without such files the conversion is skipped (it parses every manifest
 * once more to learn the declared names).
 */
function analyzeSources(sources: SourceFile[], today: string, notices: Notice[]): void {
  const t = performance.now();
  const foreign = sources.some((source) => foreignKind(source) !== undefined) ? convertForeignSources(sources) : { sources, events: [], notices: [] };
  const analysis = analyze(foreign.sources, { today, onProgress });
  const report = foreign.events.length > 0 ? withLineage(analysis.report, checkLineage(analysis.graph, foreign.events), analysis.graph, today) : analysis.report;
  const finish = performance.now() - t;
  done(analysis, report, [...notices, ...foreign.notices], finish, { finish });
}

/**
 * The report goes first, so the page takes it in while the graph is exported (that export
 * is lazy: reading `analysis.graph` builds it); then the graph. On a big estate the positions
 * stay behind until the page asks for them (details.ts), and the graph goes without them, as
 * its outline packed in columns (graph-codec.ts): the positions are found only when asked for.
 */
function done(analysis: Analysis, report: Analysis["report"], notices: Notice[], busy: number, timings: Record<string, number>): void {
  const big = isBig(report);
  held = big ? detachFindingDetails(report) : [];
  heldGraph = big ? analysis : null;
  if (big) {
    // Its findings follow in parts (each a short task for the page), into the same key.
    post({ type: "report", report: { ...report, findings: [] } });
    for (let from = 0; from < report.findings.length; from += FINDINGS_PER_MESSAGE) post({ type: "findings", findings: report.findings.slice(from, from + FINDINGS_PER_MESSAGE) });
  } else post({ type: "report", report });
  const t = performance.now();
  const packed = big ? packOutline(outlineToSend(analysis)) : undefined;
  const graph = packed ? undefined : analysis.graph;
  const exported = performance.now() - t;
  const rounded = Object.fromEntries(Object.entries({ ...timings, graph: exported }).map(([k, v]) => [k, Math.round(v)]));
  // The graph's positions are one more part, found when asked for.
  const message: WorkerMessage = { type: "done", graph, packed, notices, millis: Math.round(busy + exported), timings: rounded, posted: Date.now(), details: held.length + (heldGraph ? 1 : 0) };
  scope.postMessage(message, packed ? transferablesOf(packed) : []);
}
