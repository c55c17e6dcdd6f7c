import type { RefObject } from "react";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import type { Report } from "../../analyzer/types.js";
import { REPORTERS } from "../../analyzer/report/index.js";
import type { GraphViewHandle } from "../graph/GraphView.js";

/** Downloads made by the same pure reporters as the CLI, and the graph as PNG. */
export function ExportMenu({ report, graph, graphRef }: { report: Report | undefined; graph: EstateGraph | undefined; graphRef: RefObject<GraphViewHandle | null> }) {
  const download = (name: string, type: string, content: string | Blob) => {
    const blob = typeof content === "string" ? new Blob([content], { type }) : content;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const disabled = !report;
  return (
    <div className="export" role="group" aria-label="Export">
      <span className="muted">Export</span>
      <button type="button" disabled={disabled} onClick={() => report && download("loopscope-report.json", "application/json", REPORTERS.json(report))}>
        JSON
      </button>
      <button type="button" disabled={disabled} onClick={() => report && download("loopscope.sarif", "application/sarif+json", REPORTERS.sarif(report, { graph }))}>
        SARIF
      </button>
      <button type="button" disabled={disabled} onClick={() => report && download("loopscope-report.md", "text/markdown", REPORTERS.markdown(report))}>
        Markdown
      </button>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          const png = graphRef.current?.toPng();
          // Decoded here rather than fetch(dataUrl): the CSP's connect-src 'self' (rightly) blocks data: fetches.
          if (png) download("loopscope-graph.png", "image/png", dataUrlToBlob(png));
        }}
      >
        PNG
      </button>
    </div>
  );
}

function dataUrlToBlob(url: string): Blob {
  const [head, data = ""] = url.split(",", 2);
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: /^data:([^;,]+)/.exec(head ?? "")?.[1] ?? "application/octet-stream" });
}
