/// <reference lib="webworker" />
import { analyze } from "../../analyzer/index.js";
import type { AnalyzeRequest, WorkerMessage } from "./protocol.js";

/** Runs the same analyzer as the CLI off the main thread, so the page never freezes. */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const post = (message: WorkerMessage) => scope.postMessage(message);
  const started = performance.now();
  try {
    const { sources, today } = event.data;
    const analysis = analyze(sources, { today, onProgress: (progress) => post({ type: "progress", progress }) });
    // Reading `graph` builds the plain graph (it is lazy) before it crosses postMessage.
    const graph = analysis.graph;
    post({ type: "done", result: { report: analysis.report, graph, notices: [], millis: Math.round(performance.now() - started) } });
  } catch (error) {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
};
