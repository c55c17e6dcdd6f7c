import type { SourceFile } from "../analyzer/types.js";
import type { AnalysisResult } from "./worker/protocol.js";

/** Views contributed by other parts of the app (the SQL workspace mounts here when present). */
export const EXTRA_VIEW_NAMES = [] as const;

export function ExtraViews(_props: { view: string; result: AnalysisResult | null; onSelectNode: (id: string) => void; onSelectFinding: (fingerprint: string) => void }) {
  return null;
}

export function WorkspaceSlot(_props: { sources: SourceFile[]; onOpen: (sources: SourceFile[], label: string) => void }) {
  return null;
}
