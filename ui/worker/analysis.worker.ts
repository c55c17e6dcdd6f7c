/// <reference lib="webworker" />
import { analyze } from "../../analyzer/index.js";
import { convertForeignSources } from "../../analyzer/import/convert-foreign-sources.js";
import { checkLineage, withLineage } from "../../analyzer/lineage/index.js";
import type { AnalyzeRequest, WorkerMessage } from "./protocol.js";

/** Runs the same analyzer as the CLI off the main thread, so the page never freezes. */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const post = (message: WorkerMessage) => scope.postMessage(message);
  const started = performance.now();
  try {
    const { sources, today } = event.data;
    // OpenLineage events and dbt manifests dropped next to manifests work as in the CLI:
    // a dbt manifest becomes manifests, run events become runtime evidence (`lint --lineage`).
    const foreign = convertForeignSources(sources);
    const analysis = analyze(foreign.sources, { today, onProgress: (progress) => post({ type: "progress", progress }) });
    // Reading `graph` builds the plain graph (it is lazy) before it crosses postMessage.
    const graph = analysis.graph;
    const report = foreign.events.length > 0 ? withLineage(analysis.report, checkLineage(graph, foreign.events), graph, today) : analysis.report;
    post({ type: "done", result: { report, graph, notices: foreign.notices, millis: Math.round(performance.now() - started) } });
  } catch (error) {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
};
