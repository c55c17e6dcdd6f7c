import type { Report } from "../../analyzer/types.js";
import type { PathsAnalysis } from "./analyze-paths.js";
import { checkLineage, lineageSeverities, readLineageEvents, withLineage } from "../../analyzer/lineage/index.js";
import { readLineageFiles } from "./read-lineage-files.js";
import type { CommandIO } from "../commands/command.js";
import { formatNotice } from "./format-notice.js";
import { today } from "./today.js";

/**
 * `lint --lineage DIR`: OpenLineage run events as evidence. Their findings join the report
 * (every format shows them, with the observed runs as `evidence`); unreadable or malformed
 * events become positioned notices.
 */
export function lintWithLineage(report: Report, analysis: PathsAnalysis, paths: string[], io: CommandIO): Report {
  // Skipped files are notices, written as lint writes them; when none could be read they come before the error.
  const { sources, notices } = readLineageFiles(paths, io.cwd, { flag: "--lineage", skipped: (notice) => io.stderr(`notice: ${formatNotice(notice)}\n`) });
  const { events, problems } = readLineageEvents(sources);
  const check = checkLineage(analysis.graph, events, { severity: lineageSeverities(analysis.loaded.config) });
  const merged = withLineage(report, check, analysis.graph, today());
  return { ...merged, notices: [...merged.notices, ...notices, ...problems] };
}
