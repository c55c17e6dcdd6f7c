import { resolve } from "node:path";
import type { Report } from "../../analyzer/types.js";
import type { CommandIO } from "../commands/command.js";
import type { PathsAnalysis } from "./analyze-paths.js";
import { detectCommit, openRunDatabase, type RunDatabase } from "./database-file.js";
import { filterSources } from "./filter-sources.js";
import { readSources } from "./read-sources.js";

/**
 * `lint --db FILE`, before the report: FILE (relative to cwd) opened and checked, so a database
 * that cannot be used ends the run before any report is written. Messages name FILE as typed.
 */
export function openLintDatabase(file: string, cwd: string): Promise<RunDatabase> {
  return openRunDatabase(resolve(cwd, file), file);
}

/**
 * `lint --db FILE`, after the report: records the run (snapshot + history). The manifest texts
 * are read again here rather than threaded through `analyzePaths`, so plain lint runs stay as
 * they are; it costs a second read of the files only when --db is given.
 */
export function recordLintRun(database: RunDatabase, paths: string[], analysis: PathsAnalysis, report: Report, io: CommandIO): number {
  const { sources } = filterSources(readSources(paths, io.cwd, analysis.ownFiles).sources, analysis.loaded, io.cwd);
  return database.record({ report, graph: analysis.graph }, {
    source: paths.join(" "),
    commit: detectCommit(io.cwd, io.env),
    sources,
  });
}
