import { realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { startAnalysis, type Analysis } from "../../analyzer/index.js";
import type { Notice } from "../../analyzer/types.js";
import { findConfigIn, loadConfig, type LoadedConfig } from "./load-config.js";
import { filterSpec, sourceFilter } from "./filter-sources.js";
import { ManifestWalk } from "./manifest-walk.js";
import { MIN_FILES_FOR_THREAD, startReader } from "./read-in-background.js";
import { readManifestFile, type ListedFile } from "./read-file.js";
import type { ReadResult } from "./read-worker.js";
import type { ProgressSink } from "./progress.js";
import { today } from "./today.js";
import { formatNotice } from "./format-notice.js";
import { UsageError } from "../exit-codes.js";
import { compareNotices } from "../../analyzer/engine/sort.js";

export interface PathsAnalysis extends Analysis {
  loaded: LoadedConfig;
  /** The files the walk left out as the run's own (analyzePaths' `ownFiles`), for a second read of the same paths. */
  ownFiles: readonly string[];
  /** Files dropped by the config's include/exclude. */
  excluded: number;
}

/**
 * A config file at the top of a linted folder that is not the one in effect: the walk skips
 * it as Loopscope's own file, and an ESLint user expects the nearest config to apply, so
 * `failOn` and rule settings written there were ignored without a word.
 */
function unusedConfigNotices(paths: string[], cwd: string, loaded: LoadedConfig, explicit: boolean): Notice[] {
  const notices: Notice[] = [];
  const real = (file: string) => {
    try {
      return realpathSync.native(file);
    } catch {
      return file;
    }
  };
  const inUse = loaded.file === undefined ? undefined : real(loaded.file);
  const said = new Set<string>();
  for (const path of paths) {
    const found = findConfigIn(resolve(cwd, path));
    // The same file reached through a link (`lint self` where self → .) is the one in effect;
    // one folder given twice (`lint m m/ ./m`) gets one notice.
    if (found === undefined || real(found) === inUse || said.has(real(found))) continue;
    said.add(real(found));
    const shown = relative(cwd, found).split(sep).join("/");
    const used = loaded.file === undefined ? "" : relative(cwd, loaded.file).split(sep).join("/");
    const message = explicit
      ? `not this run's config: this run uses ${used}, given with --config`
      : `not this run's config: the config is looked for from the working folder upward (${used === "" ? "none was found there, so the defaults apply" : `this run uses ${used}`}); use --config ${shown}, or run from its folder`;
    notices.push({ file: shown, message });
  }
  return notices;
}

/**
 * What `lint`, `baseline` and `impact` share: read the given paths, apply the config in
 * effect (explicit `--config` or the nearest one upward) and analyse. Read notices are
 * put in front of the analyzer's own. `ownFiles` are what the command writes or reads in
 * another role (ManifestWalk): with the config in effect and stdout's file, never manifests.
 */
export async function analyzePaths(paths: string[], cwd: string, configFile?: string, progress?: ProgressSink, ownFiles: readonly (string | undefined)[] = []): Promise<PathsAnalysis> {
  try {
    return await analyzeListed(paths, cwd, configFile, progress, ownFiles.filter((file): file is string => file !== undefined));
  } finally {
    progress?.done();
  }
}

async function analyzeListed(paths: string[], cwd: string, configFile: string | undefined, progress: ProgressSink | undefined, given: string[]): Promise<PathsAnalysis> {
  const reader = startReader();
  let loaded: LoadedConfig;
  let walk: ManifestWalk;
  let ownFiles: string[];
  try {
    loaded = loadConfig(cwd, configFile);
    ownFiles = loaded.file === undefined ? given : [...given, loaded.file];
    walk = ManifestWalk.start(paths, cwd, ownFiles);
  } catch (error) {
    reader.stop();
    throw error;
  }
  const filter = filterSpec(loaded, cwd);
  const keep = sourceFilter(filter) ?? (() => true);
  // The first files are listed here; a walk that goes on past them is handed to the reader
  // thread, which lists and reads the rest while this thread parses.
  const listedHere = walk.next(MIN_FILES_FOR_THREAD);
  const first = listedHere.filter((file) => keep(file.path));
  let excluded = listedHere.length - first.length;
  const session = startAnalysis({ today: today(), config: loaded.config, onProgress: progress ? (p) => progress.update(p) : undefined }, first.length);
  const readNotices: Notice[] = [];
  const delivered = new Set<string>();
  const onResult = (result: ReadResult) => {
    if ("source" in result) {
      delivered.add(result.source.path);
      session.add(result.source);
    } else {
      delivered.add(result.notice.file ?? "");
      readNotices.push(result.notice);
    }
  };
  let walkNotices: Notice[];
  if (walk.done) {
    await reader.read(sortByPath(first), onResult);
    walkNotices = walk.notices;
  } else {
    // While the thread starts (about 60 ms), this one reads and parses the first files itself.
    const own = first.slice(0, READ_WHILE_THE_THREAD_STARTS);
    for (const file of own) onResult(readManifestFile(file));
    // The thread walks as it reads, so how many files there are is known only at the end:
    // progress shows the count alone until then.
    session.expect(0);
    const walked = await reader.walkAndRead(first.slice(own.length), { state: walk.state(), filter, listed: first.length }, onResult);
    if (walked) {
      walkNotices = walked.notices;
      excluded += walked.excluded;
    } else {
      // No thread, or it failed: the walk goes on here from where it was handed over (a
      // copy went to the thread), and what the thread did not deliver is read here.
      const rest = walk.next();
      const kept = rest.filter((file) => keep(file.path));
      excluded += rest.length - kept.length;
      session.expect(first.length + kept.length);
      for (const file of [...first, ...kept]) if (!delivered.has(file.path)) onResult(readManifestFile(file));
      walkNotices = walk.notices;
    }
  }
  // Read notices in path order, as a sorted list gives them, whatever order files were read in.
  const fileNotices = [...walkNotices, ...unusedConfigNotices(paths, cwd, loaded, configFile !== undefined), ...sortByFile(readNotices)];
  const analysis = session.finish();
  // One list in file order: notices from reading files came before those from parsing them,
  // so `b/bad.yaml` (not UTF-8) was listed before `Z/bin.json` (binary).
  const notices: Notice[] = [...fileNotices, ...analysis.report.notices].sort(compareNotices);
  // `graph` stays lazy (analyze builds it on first access): lint only needs it for SARIF.
  return {
    report: { ...analysis.report, notices },
    get graph() {
      return analysis.graph;
    },
    graphOutline: () => analysis.graphOutline(),
    loaded,
    excluded,
    ownFiles,
  };
}

/**
 * The usage error for paths that hold no manifest (`lint`, `baseline`, `impact`). Such a run
 * prints no report, so the notices that say why each file was skipped go to stderr first.
 */
export function noManifestsError(paths: string[], analysis: PathsAnalysis, cwd: string, stderr: (text: string) => void): UsageError {
  for (const notice of analysis.report.notices) stderr(`notice: ${formatNotice(notice)}\n`);
  return new UsageError(noManifestsMessage(paths, analysis, cwd));
}

/** "no Loopscope manifests found in …", saying when the config's globs dropped files. */
function noManifestsMessage(paths: string[], analysis: PathsAnalysis, cwd: string): string {
  const config = analysis.loaded.file ? relative(cwd, analysis.loaded.file).split(sep).join("/") : "the config";
  const excluded = analysis.excluded > 0 ? ` (${analysis.excluded} ${analysis.excluded === 1 ? "file was" : "files were"} left out by include/exclude in ${config})` : "";
  return `no Loopscope manifests found in ${paths.join(", ")}${excluded}`;
}

/** Files this thread reads itself while the reader thread starts: about its start-up's worth. */
const READ_WHILE_THE_THREAD_STARTS = 100;

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortByPath(files: ListedFile[]): ListedFile[] {
  return files.sort((a, b) => byPath(a.path, b.path));
}

function sortByFile(notices: Notice[]): Notice[] {
  return notices.sort((a, b) => byPath(a.file ?? "", b.file ?? ""));
}
