import { resolve } from "node:path";
import type { Report } from "../../analyzer/types.js";
import type { CommandIO } from "../commands/command.js";
import type { PathsAnalysis } from "./analyze-paths.js";
import { detectCommit, recordRun } from "./database-file.js";
import { filterSources } from "./filter-sources.js";
import { readSources } from "./read-sources.js";

/**
 * `lint --db FILE`: records the run (snapshot + history) in FILE. The manifest texts are read
 * again here rather than threaded through `analyzePaths`, so plain lint runs stay as they are;
 * it costs a second read of the files only when --db is given.
 */
export async function recordLintRun(file: string, paths: string[], analysis: PathsAnalysis, report: Report, io: CommandIO): Promise<number> {
  const { sources } = filterSources(readSources(paths, io.cwd).sources, analysis.loaded, io.cwd);
  return recordRun(resolve(io.cwd, file), { report, graph: analysis.graph }, {
    source: paths.join(" "),
    commit: detectCommit(io.cwd, io.env),
    sources,
    shown: file,
  });
}
