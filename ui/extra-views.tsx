import { useEffect, useState } from "react";
import type { SourceFile } from "../analyzer/types.js";
import { HistoryView, SqlConsole, WorkspaceMenu } from "./sql/index.js";
import { readHash } from "./state/hash.js";
import type { AnalysisResult } from "./worker/protocol.js";

/** Views beyond the graph and the matrix: the SQL console and the history of `lint --db` runs. */
export const EXTRA_VIEW_NAMES = ["sql", "history"] as const;

interface ExtraViewsProps {
  view: string;
  result: AnalysisResult | null;
  sources: SourceFile[];
  onSelectNode: (id: string) => void;
  onSelectFinding: (fingerprint: string) => void;
}

/**
 * Each view stays mounted, hidden, once it has been opened: a query, its rows and an opened
 * history survive a look at the graph (a row's node, a finding), and the SQL database is not
 * built again for the same estate (4.8 s at 5,000 models).
 */
export function ExtraViews({ view, result, sources, onSelectNode, onSelectFinding }: ExtraViewsProps) {
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if ((EXTRA_VIEW_NAMES as readonly string[]).includes(view) && !opened.has(view)) setOpened(new Set([...opened, view]));
  }, [view, opened]);
  const shows = (name: string) => view === name || opened.has(name);
  return (
    <>
      {shows("sql") && (
        <div className="extra-pane" hidden={view !== "sql"}>
          <SqlConsole analysis={result} sources={sources} onSelectNode={onSelectNode} active={view === "sql"} />
        </div>
      )}
      {shows("history") && (
        <div className="extra-pane" hidden={view !== "history"}>
          <HistoryView onSelectFinding={onSelectFinding} />
        </div>
      )}
    </>
  );
}

interface WorkspaceSlotProps {
  sources: SourceFile[];
  label: string;
  onOpen: (sources: SourceFile[], label: string) => void;
  /** The worker's analysis of `sources`: saving uses it instead of analysing again on the page's thread. */
  analysis: AnalysisResult | null;
  /** How many loads the page has begun (WorkspaceMenu's `loadCount`). */
  loadCount: () => number;
}

/** Save and open the workspace as .sqlite; the last one comes back after a reload unless the URL names a sample. */
export function WorkspaceSlot({ sources, label, onOpen, analysis, loadCount }: WorkspaceSlotProps) {
  return <WorkspaceMenu sources={sources} label={label} onOpen={onOpen} analysis={analysis} loadCount={loadCount} restore={readHash().sample === undefined} />;
}
