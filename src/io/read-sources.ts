import type { Notice, SourceFile } from "../../analyzer/types.js";
import type { WalkedFiles } from "../../analyzer/parse/manifest-path.js";
import { listManifestFiles } from "./manifest-walk.js";
import { readManifestFile, type ListedFile } from "./read-file.js";

export type { ListedFile };
export { listManifestFiles };

export interface ReadSourcesResult {
  sources: SourceFile[];
  /** Files that could not be read (unreadable, vanished, too large, not UTF-8), with why. */
  notices: Notice[];
}

/**
 * Expands the paths given on the command line into manifest files: folders recursively
 * (skipping node_modules and .git, following symlinks, each real folder once so symlink
 * loops end), files as given. Paths in the result are POSIX and relative to `cwd`, sorted,
 * so reports do not depend on the machine.
 *
 * Nothing here throws for a bad file: a file that is unreadable, vanishes during the run,
 * is not a regular file (a FIFO would block a read forever), is over the size limit (not
 * even read into memory) or is not UTF-8 becomes a notice, and the rest is still read.
 * Only a path given on the command line that does not exist is a usage error.
 */
export function readSources(paths: string[], cwd: string, ownFiles: readonly string[] = [], walked: WalkedFiles = "manifests"): ReadSourcesResult {
  const { files, notices } = listManifestFiles(paths, cwd, ownFiles, walked);
  const sources: SourceFile[] = [];
  for (const file of files) {
    const read = readManifestFile(file);
    if ("notice" in read) notices.push(read.notice);
    else sources.push(read.source);
  }
  return { sources, notices };
}
