import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { isManifestPath } from "../../analyzer/parse/parse-source.js";
import { UsageError } from "../exit-codes.js";

export interface ReadSourcesResult {
  sources: SourceFile[];
  /** Files that could not be read (unreadable, vanished, not UTF-8), with why. */
  notices: Notice[];
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Expands the paths given on the command line into manifest files: folders recursively
 * (skipping node_modules and .git, following symlinks once), files as given. Paths in the
 * result are POSIX and relative to `cwd`, sorted, so reports do not depend on the machine.
 */
export function readSources(paths: string[], cwd: string): ReadSourcesResult {
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
      real = realpathSync(directory);
    } catch {
      notices.push({ file: display(directory), message: "cannot resolve this folder (a broken symlink?); skipped" });
      return;
    }
    if (seenDirectories.has(real)) return; // symlink loop or the same folder twice
    seenDirectories.add(real);
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      notices.push({ file: display(directory), message: `cannot read folder: ${errorCode(error)}` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = statSync(full);
        } catch {
          notices.push({ file: display(full), message: "broken symlink; skipped" });
          continue;
        }
        if (target.isDirectory()) walk(full);
        else if (isManifestPath(entry.name)) files.set(display(full), full);
      } else if (entry.isFile() && isManifestPath(entry.name)) {
        files.set(display(full), full);
      }
    }
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new UsageError(`${given}: no such file or folder (${errorCode(error)})`);
    }
    if (stats.isDirectory()) walk(absolute);
    else files.set(display(absolute), absolute);
  }
  const sources: SourceFile[] = [];
  for (const [path, absolute] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch (error) {
      notices.push({ file: path, message: `cannot read file: ${errorCode(error)}; skipped` });
      continue;
    }
    try {
      sources.push({ path, text: decoder.decode(bytes) });
    } catch {
      notices.push({ file: path, ...firstInvalidByte(bytes), message: "not valid UTF-8 text; skipped" });
    }
  }
  return { sources, notices };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}

/** Line and column of the first byte sequence that is not UTF-8, for the message. */
function firstInvalidByte(bytes: Buffer): { line: number; column: number } {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  // `low` is just past the first undecodable prefix; back off to its start and count lines.
  const prefix = bytes.subarray(0, Math.max(0, low - 4)).toString("utf8");
  const lines = prefix.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
