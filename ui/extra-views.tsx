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

export function ExtraViews({ view, result, sources, onSelectNode, onSelectFinding }: ExtraViewsProps) {
  if (view === "sql") return <SqlConsole analysis={result} sources={sources} onSelectNode={onSelectNode} />;
  if (view === "history") return <HistoryView onSelectFinding={onSelectFinding} />;
  return null;
}

interface WorkspaceSlotProps {
  sources: SourceFile[];
  label: string;
  onOpen: (sources: SourceFile[], label: string) => void;
  /** The worker's analysis of `sources`: saving uses it instead of analysing again on the page's thread. */
  analysis: AnalysisResult | null;
}

/** Save and open the workspace as .sqlite; the last one comes back after a reload unless the URL names a sample. */
export function WorkspaceSlot({ sources, label, onOpen, analysis }: WorkspaceSlotProps) {
  return <WorkspaceMenu sources={sources} label={label} onOpen={onOpen} analysis={analysis} restore={readHash().sample === undefined} />;
}
