import type { Report } from "../../analyzer/types.js";
import type { Highlight, Selection } from "../model/highlight.js";
import type { ViewGraph } from "../model/view-graph.js";

interface Props {
  highlight: Highlight | null;
  view: string;
  status: string;
  report: Report | undefined;
  viewGraph: ViewGraph | null;
  selection: Selection;
}

/**
 * What the graph highlights, as data the browser tests read (pixels alone cannot say which
 * nodes are emphasised). Hidden from people and assistive technology.
 */
export function TestState({ highlight, view, status, report, viewGraph, selection }: Props) {
  return (
    <output
      id="loopscope-state"
      hidden
      aria-hidden="true"
      data-status={status}
      data-view={view}
      data-findings={report?.findings.length ?? 0}
      data-drawn-nodes={viewGraph?.order ?? 0}
      data-selection={selection ? JSON.stringify(selection) : ""}
      data-highlighted-nodes={highlight ? [...highlight.nodes].sort().join(",") : ""}
      data-highlighted-edges={highlight ? [...highlight.edges].map((e) => e.replace("\u0000", "->")).sort().join(",") : ""}
    />
  );
}
