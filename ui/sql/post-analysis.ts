import type { SourceFile } from "../../analyzer/types.js";
import type { AnalysisData } from "../../analyzer/db/index.js";
import { nextTask } from "../load/stream-files.js";
import type { PartField, SqlRequest } from "./sql-protocol.js";

/** Items per posted part: about a tenth of a second of copying for the biggest kind (findings with their locations). */
const PART_ITEMS = 1500;

/**
 * Posts an analysis and its sources to a SQL worker (sql.worker.ts): the long lists in parts,
 * a task each, then `load` with the rest, then `after` (a query, an export). Posting it whole
 * held the page 1.3 s at 5,000 models: the copy is made on the sending thread. Returns a
 * function that stops the sending.
 */
export function postAnalysis(worker: Worker, { report, graph }: AnalysisData, sources: readonly SourceFile[], after: SqlRequest[] = []): () => void {
  const lists: [PartField, readonly unknown[]][] = [["findings", report.findings], ["nodes", graph.nodes], ["edges", graph.edges], ["loops", graph.loops], ["sources", sources]];
  const requests: SqlRequest[] = [];
  for (const [field, items] of lists) {
    for (let at = 0; at < items.length; at += PART_ITEMS) requests.push({ type: "part", field, items: items.slice(at, at + PART_ITEMS) });
  }
  requests.push({ type: "load", analysis: { report: { ...report, findings: [] }, graph: { nodes: [], edges: [], loops: [] } } }, ...after);
  let stopped = false;
  const send = (at: number) => {
    if (stopped || at >= requests.length) return;
    worker.postMessage(requests[at]!);
    nextTask(() => send(at + 1));
  };
  send(0);
  return () => {
    stopped = true;
  };
}

export function startSqlWorker(): Worker {
  return new Worker(new URL("./sql.worker.ts", import.meta.url), { type: "module" });
}
