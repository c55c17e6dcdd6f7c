import type { Analysis, Progress } from "../../analyzer/index.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Notice, Report, SourceFile } from "../../analyzer/types.js";
import type { DetailsPart } from "./details.js";
import type { PackedOutline } from "./graph-codec.js";

/**
 * What the page sends the worker. Texts it already has (samples, paste, a workspace) go in
 * one `sources` message. Picked or dropped files are read by the page a chunk at a time
 * (load/stream-files.ts) and go as `start`, `texts` for each chunk as it is read (in any
 * order), then `end`: the worker parses each chunk while the page reads the next ones.
 */
export type AnalyzeRequest =
  | { type: "sources"; sources: SourceFile[]; today: string }
  | { type: "start"; today: string; expected: number }
  | { type: "texts"; sources: SourceFile[] }
  /** `notices`: files the page could not read. */
  | { type: "end"; notices: Notice[] }
  /** The page has drawn the result and is idle: send the details held back (details.ts). */
  | { type: "details" };

/** Plain data only: it crosses postMessage. */
export interface AnalysisResult {
  report: Report;
  graph: EstateGraph;
  /** Notices from files that could not be read and from converting foreign files (OpenLineage, dbt). */
  notices: Notice[];
  millis: number;
}

export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  /**
   * The report, ahead of the graph (the page takes it in while the worker exports the graph).
   * A big report's findings follow in `findings` messages, in order: taking in 20,000 findings
   * at once held the page's thread for a quarter of a second; in parts, input goes between.
   */
  | { type: "report"; report: Report }
  | { type: "findings"; findings: Report["findings"] }
  /** The rest of the result: with the report just before it, the whole AnalysisResult. */
  | ({
      type: "done";
      /** The graph, whole; or, for a big result, `packed`: its outline in columns (details.ts, graph-codec.ts). */
      graph?: EstateGraph | undefined;
      packed?: PackedOutline | undefined;
      /** Where the worker's time went, ms (parse, waiting for texts, finish, graph), for the UI benchmark. */
      timings: Record<string, number>;
      /** Date.now() when posted: the page's receive time minus this is the result's transfer. */
      posted: number;
      /** Parts of details held back (details.ts): 0 when the result came whole. */
      details: number;
    } & Omit<AnalysisResult, "report" | "graph">)
  | { type: "details"; part: DetailsPart }
  /** Every detail sent: the result is complete. */
  | { type: "complete" }
  | { type: "failed"; message: string };

export type { Analysis };
