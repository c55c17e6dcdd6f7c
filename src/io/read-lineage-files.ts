import type { Notice, SourceFile } from "../../analyzer/types.js";
import { readSources } from "./read-sources.js";
import { UsageError } from "../exit-codes.js";

/** How a command shows a file it skipped when none could be read, and the flag its errors name. */
export interface LineageFileOptions {
  /** Shows one skipped file's reason, before the error that ends the run. */
  skipped: (notice: Notice) => void;
  /** The flag the paths came from (`--lineage`), named in the errors. */
  flag?: string | undefined;
}

/**
 * OpenLineage files under the given paths: `.json`, `.ndjson` and `.jsonl` in folders
 * (recursively, sorted), files as given. Reading goes through `readSources`, so limits,
 * encodings and unreadable files are handled the way `lint` handles them: a notice each.
 * At least one file must be read (`import openlineage` and `lint --lineage` both need one):
 * when none is found that is a usage error, and when none could be read each file's reason
 * goes to `skipped` first, so it is not lost behind the error.
 */
export function readLineageFiles(paths: string[], cwd: string, options: LineageFileOptions): { sources: SourceFile[]; notices: Notice[] } {
  const read = readEachFile(paths, cwd);
  if (read.sources.length > 0) return read;
  const prefix = options.flag === undefined ? "" : `${options.flag}: `;
  if (read.notices.length === 0) throw new UsageError(`${prefix}no .json, .ndjson or .jsonl files found in ${paths.join(", ")}`);
  for (const notice of read.notices) options.skipped(notice);
  throw new UsageError(`${prefix}none of the event files could be read (${read.notices.length} skipped, above)`);
}

/**
 * Every event file found under `paths`, read: the texts, and a notice for each file or folder
 * skipped. The manifest walk does the listing, so symlink loops end, each real file is read
 * once, and an unreadable folder is a notice (its own walk hung on a loop and stopped with
 * a stack trace at a folder it could not list).
 */
function readEachFile(paths: string[], cwd: string): { sources: SourceFile[]; notices: Notice[] } {
  return readSources(paths, cwd, [], "lineage");
}
