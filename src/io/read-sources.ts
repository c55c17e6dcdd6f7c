import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { isManifestPath } from "../../analyzer/parse/parse-source.js";
import { formatSize, PARSE_LIMITS } from "../../analyzer/parse/limits.js";
import { UsageError } from "../exit-codes.js";
import { firstInvalidUtf8 } from "./utf8-position.js";

export interface ReadSourcesResult {
  sources: SourceFile[];
  /** Files that could not be read (unreadable, vanished, too large, not UTF-8), with why. */
  notices: Notice[];
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);
const decoder = new TextDecoder("utf-8", { fatal: true });

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
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = statSync(full);
        } catch (error) {
          notices.push({ file: display(full), message: `${(error as NodeJS.ErrnoException).code === "ELOOP" ? "symlink loop" : "broken symlink"} (${describeError(error)}); skipped` });
          continue;
        }
        if (target.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
        } else if (isManifestPath(entry.name)) files.set(display(full), full);
      } else if (isManifestPath(entry.name)) {
        // Regular files and anything else with a manifest name (a FIFO, a socket): readFile decides.
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
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`${given}: no such file or folder (${code})`);
      notices.push({ file: display(absolute), message: `cannot read (${describeError(error)}); skipped` });
      continue;
    }
    if (stats.isDirectory()) walk(absolute);
    else files.set(display(absolute), absolute);
  }
  const sources: SourceFile[] = [];
  for (const [path, absolute] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const read = readFile(absolute);
    if ("problem" in read) notices.push({ file: path, ...read.at, message: read.problem });
    else sources.push({ path, text: read.text });
  }
  return { sources, notices };
}

/**
 * Reads one file without trusting it: opened without blocking (a FIFO would otherwise wait
 * for a writer forever), only regular files, and the size checked on the open handle
 * before a byte is read. Node decodes UTF-8 fastest itself but replaces bad bytes with
 * U+FFFD silently, so a text holding U+FFFD is decoded again, strictly, to tell a real
 * U+FFFD from bytes that are not UTF-8.
 */
function readFile(absolute: string): { text: string } | { problem: string; at?: { line: number; column: number } } {
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: openProblem(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: "not a regular file (a device, FIFO or socket); skipped" };
    if (stats.size > PARSE_LIMITS.maxFileBytes) {
      return { problem: `file is ${formatBytes(stats.size)}, larger than the limit of ${formatSize(PARSE_LIMITS.maxFileBytes)}; it is not read` };
    }
    const text = readFileSync(fd, "utf8");
    if (text.length > PARSE_LIMITS.maxFileBytes) return { problem: `file grew past the limit of ${formatSize(PARSE_LIMITS.maxFileBytes)} while it was read; it is not read` };
    if (!text.includes("\uFFFD")) return { text };
    const bytes = readFileSync(absolute);
    try {
      return { text: decoder.decode(bytes) };
    } catch {
      const at = firstInvalidUtf8(bytes);
      return { problem: `not valid UTF-8 text (byte 0x${at.byte.toString(16).padStart(2, "0")} at offset ${at.offset}); skipped`, at: { line: at.line, column: at.column } };
    }
  } catch (error) {
    return { problem: openProblem(error) };
  } finally {
    closeSync(fd);
  }
}

function openProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "the file disappeared while Loopscope was running; skipped";
  if (code === "EACCES" || code === "EPERM") return `permission denied (${code}); skipped`;
  if (code === "ELOOP") return "symlink loop; skipped";
  return `cannot read this file (${describeError(error)}); skipped`;
}

function describeError(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
