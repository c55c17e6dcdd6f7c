/**
 * Loopscope's analyzer: pure, browser-safe. `analyze` turns source files into a report
 * (findings) and the estate graph. No Node APIs here; callers read files and pass text.
 */
export { analyze, startAnalysis, type Analysis, type AnalysisSession, type AnalyzeOptions, type Progress } from "./analyze.js";
export type * from "./types.js";
export type { EstateGraph, EstateNode, EstateEdge, EstateLoop, LoopKind } from "./graph/estate-graph.js";
