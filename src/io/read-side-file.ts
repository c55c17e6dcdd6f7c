import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { formatBytes, formatSize } from "../../analyzer/parse/limits.js";
import { invalidUtf8Problem } from "../../analyzer/parse/utf8-position.js";

/**
 * Largest side files read, in bytes. A config or an import mapping is a few lines, and a
 * manifest an import merges into is a manifest: the manifests' 20 MiB. A baseline holds a
 * line per finding (7 MB at 10,000 models). A dbt manifest.json of a big project runs to
 * hundreds of megabytes. A database is whatever `lint --db` wrote (169 MB at 10,000 models);
 * sql.js holds it in WebAssembly memory, which stops at 4 GiB with room for its work.
 */
export const SIDE_FILE_LIMITS = {
  config: 20 * 1024 * 1024,
  mapping: 20 * 1024 * 1024,
  manifest: 20 * 1024 * 1024,
  baseline: 256 * 1024 * 1024,
  // V8's longest string is 2^29 - 24 characters: 500 MiB of text stays under it.
  dbtManifest: 500 * 1024 * 1024,
  database: 2048 * 1024 * 1024,
} as const;

/** Why a side file was not read, in words for the user's message. */
export class SideFileError extends Error {
  override name = "SideFileError";
  constructor(
    message: string,
    /** Where in the file, when the problem has a place (a byte that is not UTF-8). */
    readonly at?: { line: number; column: number },
  ) {
    super(message);
  }
}

/**
 * Reads a file named on the command line beside the manifests (`--config`, `--baseline`,
 * `--mapping`, a database, a dbt manifest) without trusting it, as the manifests are read
 * (read-file.ts): opened without blocking, only a regular file, its size checked on the open
 * handle before a byte is read, and never more than `limit` bytes. `--config /dev/zero` read
 * zeros into memory until the process died; a FIFO waited for a writer for ever.
 */
export function readSideFile(absolute: string, limit: number): Buffer {
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new SideFileError("a folder, not a file");
    if (!stats.isFile()) throw new SideFileError("not a regular file: a device, FIFO or socket");
    if (stats.size > limit) throw new SideFileError(`the file is ${formatBytes(stats.size)}, larger than the limit of ${formatSize(limit)}`);
    // Read until the end, or one byte past the limit for a file that grows meanwhile.
    const bytes = Buffer.allocUnsafe(Math.min(limit + 1, stats.size + 1));
    let length = 0;
    for (let n = -1; n !== 0 && length < bytes.length; length += n) n = readSync(fd, bytes, length, bytes.length - length, null);
    if (length > limit) throw new SideFileError(`the file grew past the limit of ${formatSize(limit)} while it was read`);
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * `readSideFile` as UTF-8 text (a byte-order mark kept, as `readFileSync(file, "utf8")` does).
 * `strict` for a file that is written back (a manifest an import merges into): bytes that are
 * not UTF-8 are refused with their place instead of becoming U+FFFD, which the write would keep.
 */
export function readSideText(absolute: string, limit: number, { strict = false } = {}): string {
  const bytes = readSideFile(absolute, limit);
  if (!strict) return bytes.toString("utf8");
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const { message, line, column } = invalidUtf8Problem(bytes);
    throw new SideFileError(message.replace(/; skipped$/, ""), { line, column });
  }
}

/** The reason to show for a failed side-file read: the size or kind, or Node's error code. */
export function sideFileProblem(error: unknown): string {
  if (error instanceof SideFileError) return error.message;
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
