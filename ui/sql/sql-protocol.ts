import type { QueryResult, RunDiff, RunSummary, TableShape } from "../../analyzer/db/index.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Report, SourceFile } from "../../analyzer/types.js";

/**
 * Rows a query keeps at most: a recursive CTE without a bound, or a cross join, would
 * otherwise fill the tab's memory. A query that runs long without rows is stopped from the
 * page (SqlConsole's Cancel ends the worker: sql.js cannot be interrupted).
 */
export const QUERY_MAX_ROWS = 100_000;

/** The long lists of an analysis, posted in parts (see SqlConsole). */
export type PartField = "findings" | "nodes" | "edges" | "loops" | "sources";

/**
 * What the SQL console posts its worker (sql.worker.ts): the analysis's long lists in `part`s,
 * one task each, then `load` with the rest (those lists empty); then queries.
 */
export type SqlRequest =
  | { type: "part"; field: PartField; items: unknown[] }
  | { type: "load"; analysis: { report: Report; graph: EstateGraph } }
  | { type: "query"; id: number; sql: string }
  /** The database as a `.sqlite` file, its label stored in `meta` (a saved workspace). */
  | { type: "export"; label: string }
  /** A history file's bytes (transferred): the worker opens it and answers with its runs. */
  | { type: "open-history"; bytes: Uint8Array }
  /** A saved workspace's bytes (transferred): the worker reads its manifest texts and label. */
  | { type: "open-workspace"; bytes: Uint8Array }
  | { type: "diff"; id: number; from: number; to: number };

/** What the worker answers: the schema once the snapshot is written, then each query's result or error. */
export type SqlResponse =
  | { type: "ready"; tables: TableShape[] }
  | { type: "failed"; message: string }
  | { type: "result"; id: number; result?: QueryResult | undefined; error?: string | undefined }
  | { type: "exported"; bytes: Uint8Array<ArrayBuffer> }
  | { type: "runs"; runs: RunSummary[] }
  | { type: "workspace"; sources: SourceFile[]; label: string | undefined }
  | { type: "diff"; id: number; diff: RunDiff }
  /** SQLite could not read the two runs (a damaged page the open did not meet). */
  | { type: "diff-failed"; id: number; message: string };
