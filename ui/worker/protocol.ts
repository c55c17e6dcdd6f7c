import type { Analysis, Progress } from "../../analyzer/index.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Notice, Report, SourceFile } from "../../analyzer/types.js";

export interface AnalyzeRequest {
  sources: SourceFile[];
  today: string;
}

/** Plain data only: it crosses postMessage. */
export interface AnalysisResult {
  report: Report;
  graph: EstateGraph;
  /** Notices from converting foreign files (OpenLineage, dbt) before the analysis. */
  notices: Notice[];
  millis: number;
}

export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "done"; result: AnalysisResult }
  | { type: "failed"; message: string };

export type { Analysis };
