import { relative, sep } from "node:path";
import { startAnalysis, type Analysis } from "../../analyzer/index.js";
import type { Notice } from "../../analyzer/types.js";
import { filterSources } from "./filter-sources.js";
import { loadConfig, type LoadedConfig } from "./load-config.js";
import { listManifestFiles } from "./read-sources.js";
import { startReader } from "./read-in-background.js";
import type { ProgressSink } from "./progress.js";
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
export async function analyzePaths(paths: string[], cwd: string, configFile?: string, progress?: ProgressSink): Promise<PathsAnalysis> {
  try {
    return await analyzeListed(paths, cwd, configFile, progress);
  } finally {
    progress?.done();
  }
}

async function analyzeListed(paths: string[], cwd: string, configFile: string | undefined, progress: ProgressSink | undefined): Promise<PathsAnalysis> {
  const reader = startReader();
  let loaded: LoadedConfig;
  let listed: ReturnType<typeof listManifestFiles>;
  try {
    loaded = loadConfig(cwd, configFile);
    listed = listManifestFiles(paths, cwd);
  } catch (error) {
    reader.stop();
    throw error;
  }
  const { sources: files, excluded } = filterSources(listed.files, loaded, cwd);
  // Files are parsed as they are read (reading runs on another thread for large estates).
  const session = startAnalysis({ today: today(), config: loaded.config, onProgress: progress ? (p) => progress.update(p) : undefined }, files.length);
  const readNotices: Notice[] = [...listed.notices];
  await reader.read(files, (result) => ("source" in result ? session.add(result.source) : readNotices.push(result.notice)));
  const analysis = session.finish();
  const notices: Notice[] = [...readNotices, ...analysis.report.notices];
  // `graph` stays lazy (analyze builds it on first access): lint only needs it for SARIF.
  return {
    report: { ...analysis.report, notices },
    get graph() {
      return analysis.graph;
    },
    graphOutline: () => analysis.graphOutline(),
    loaded,
    excluded,
  };
}

/** "no Loopscope manifests found in …", saying when the config's globs dropped files. */
export function noManifestsMessage(paths: string[], analysis: PathsAnalysis, cwd: string): string {
  const config = analysis.loaded.file ? relative(cwd, analysis.loaded.file).split(sep).join("/") : "the config";
  const excluded = analysis.excluded > 0 ? ` (${analysis.excluded} ${analysis.excluded === 1 ? "file was" : "files were"} left out by include/exclude in ${config})` : "";
  return `no Loopscope manifests found in ${paths.join(", ")}${excluded}`;
}
