import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { isManifestPath } from "../../analyzer/parse/parse-source.js";
import { UsageError } from "../exit-codes.js";
import { describeError, readManifestFile, type ListedFile } from "./read-file.js";

export type { ListedFile };

export interface ReadSourcesResult {
  sources: SourceFile[];
  /** Files that could not be read (unreadable, vanished, too large, not UTF-8), with why. */
  notices: Notice[];
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

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
export function readSources(paths: string[], cwd: string): ReadSourcesResult {
  const { files, notices } = listManifestFiles(paths, cwd);
  const sources: SourceFile[] = [];
  for (const file of files) {
    const read = readManifestFile(file);
    if ("notice" in read) notices.push(read.notice);
    else sources.push(read.source);
  }
  return { sources, notices };
}

/** The walk of `readSources` without reading: files sorted by display path, plus notices for what could not be walked. */
export function listManifestFiles(paths: string[], cwd: string): { files: ListedFile[]; notices: Notice[] } {
  const notices: Notice[] = [];
  const files = new Map<string, string>(); // display path → absolute path
  const seenDirectories = new Set<string>();
  const display = (absolute: string) => {
    const rel = relative(cwd, absolute);
    return (rel === "" ? "." : rel).split(sep).join("/");
  };
  const walk = (directory: string) => {
    let real: string;
    try {
      // One realpath(3) call; the JS realpathSync lstat()s every component of every folder.
      real = realpathSync.native(directory);
    } catch (error) {
      notices.push({ file: display(directory), message: `cannot resolve this folder (${describeError(error)}); skipped` });
      return;
    }
    if (seenDirectories.has(real)) return; // a symlink loop, or the same folder twice
    seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      notices.push({ file: display(directory), message: `cannot read this folder (${describeError(error)}); skipped` });
      return;
    }
    // A file's display path is its folder's plus its name: path.relative per file was a
    // third of the walk of 11,000 files.
    const folder = display(directory);
    const inFolder = (name: string) => (folder === "." ? name : `${folder}/${name}`);
    // `directory` is absolute and normalised (resolve, then names appended), so joining is appending.
    const prefix = directory.endsWith(sep) ? directory : directory + sep;
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = statSync(full);
        } catch (error) {
          notices.push({ file: inFolder(entry.name), message: `${(error as NodeJS.ErrnoException).code === "ELOOP" ? "symlink loop" : "broken symlink"} (${describeError(error)}); skipped` });
          continue;
        }
        if (target.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
        } else if (isManifestPath(entry.name)) files.set(inFolder(entry.name), full);
      } else if (isManifestPath(entry.name)) {
        // Regular files and anything else with a manifest name (a FIFO, a socket): readFile decides.
        files.set(inFolder(entry.name), full);
      }
    }
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`${given}: no such file or folder (${code})`);
      notices.push({ file: display(absolute), message: `cannot read (${describeError(error)}); skipped` });
      continue;
    }
    if (stats.isDirectory()) walk(absolute);
    else files.set(display(absolute), absolute);
  }
  const listed = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, absolute]) => ({ path, absolute }));
  return { files: listed, notices };
}
