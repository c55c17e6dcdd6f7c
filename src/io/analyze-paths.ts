import { analyze, type Analysis } from "../../analyzer/index.js";
import type { Notice } from "../../analyzer/types.js";
import { filterSources } from "./filter-sources.js";
import { loadConfig, type LoadedConfig } from "./load-config.js";
import { readSources } from "./read-sources.js";
import { today } from "./today.js";

export interface PathsAnalysis extends Analysis {
  loaded: LoadedConfig;
  /** Files dropped by the config's include/exclude. */
  excluded: number;
}

/**
 * What `lint`, `baseline` and `impact` share: read the given paths, apply the config in
 * effect (explicit `--config` or the nearest one upward) and analyse. Read notices are
 * put in front of the analyzer's own.
 */
export function analyzePaths(paths: string[], cwd: string, configFile?: string): PathsAnalysis {
  const loaded = loadConfig(cwd, configFile);
  const read = readSources(paths, cwd);
  const { sources, excluded } = filterSources(read.sources, loaded, cwd);
  const analysis = analyze(sources, { today: today(), config: loaded.config });
  const notices: Notice[] = [...read.notices, ...analysis.report.notices];
  // `graph` stays lazy (analyze builds it on first access): lint only needs it for SARIF.
  return {
    report: { ...analysis.report, notices },
    get graph() {
      return analysis.graph;
    },
    loaded,
    excluded,
  };
}
