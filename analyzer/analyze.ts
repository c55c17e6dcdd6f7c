import type { Report, SourceFile } from "./types.js";
import type { EstateGraph } from "./graph/estate-graph.js";

export interface Progress {
  stage: "parse" | "validate" | "graph" | "derive" | "rules" | "report";
  done: number;
  total: number;
}

export interface AnalyzeOptions {
  /** Today's date (YYYY-MM-DD) for acknowledgement expiry; the caller decides, so output stays reproducible. */
  today?: string | undefined;
  /** A validated Loopscope config (per-rule severity and options). */
  config?: unknown;
  onProgress?: ((progress: Progress) => void) | undefined;
}

export interface Analysis {
  report: Report;
  graph: EstateGraph;
}

export function analyze(_sources: SourceFile[], _options: AnalyzeOptions = {}): Analysis {
  throw new Error("loopscope/analyze: not built yet");
}
