import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { formatSize, PARSE_LIMITS, tooLargeMessage } from "../../analyzer/parse/limits.js";
import type { Notice, SourceFile } from "../../analyzer/types.js";
import { invalidUtf8Problem } from "../../analyzer/parse/utf8-position.js";

// Kept apart from the folder walk (read-sources.ts) so the reader thread (read-worker.ts)
// loads only this and not the parsers.

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A manifest file found by the walk: its display path (POSIX, relative to cwd) and where it is. */
export interface ListedFile {
  path: string;
  absolute: string;
}

/** Reads one listed file: its text, or a notice saying why it was skipped. */
export function readManifestFile(file: ListedFile): { source: SourceFile } | { notice: Notice } {
  const read = readFile(file.absolute);
  return "problem" in read ? { notice: { file: file.path, ...read.at, message: read.problem } } : { source: { path: file.path, text: read.text } };
}

/**
 * Reads one file without trusting it: opened without blocking (a FIFO would otherwise wait
 * for a writer forever), only regular files, and the size checked on the open handle
 * before a byte is read. Node decodes UTF-8 fastest itself but replaces bad bytes with
 * U+FFFD silently, so a text holding U+FFFD is decoded again, strictly, to tell a real
 * U+FFFD from bytes that are not UTF-8.
 */
export function readFile(absolute: string): { text: string } | { problem: string; at?: { line: number; column: number } } {
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
      return { problem: tooLargeMessage(stats.size) };
    }
    const text = readFileSync(fd, "utf8");
    if (text.length > PARSE_LIMITS.maxFileBytes) return { problem: `file grew past the limit of ${formatSize(PARSE_LIMITS.maxFileBytes)} while it was read; it is not read` };
    if (!text.includes("\uFFFD")) return { text };
    const bytes = readFileSync(absolute);
    try {
      return { text: decoder.decode(bytes) };
    } catch {
      const { message, line, column } = invalidUtf8Problem(bytes);
      return { problem: message, at: { line, column } };
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

export function describeError(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
