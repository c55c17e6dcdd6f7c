import { accessSync, closeSync, constants, copyFileSync, fchmodSync, fsyncSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../exit-codes.js";
import { writeText } from "./write-text.js";
import { errnoText } from "./errno-text.js";

/** The file operations `writeFileAtomic` needs; tests pass a failing one to simulate a crash. */
export interface AtomicWriteFs {
  openSync: typeof openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fchmodSync: typeof fchmodSync;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  unlinkSync: typeof unlinkSync;
  copyFileSync: typeof copyFileSync;
}

const NODE_FS: AtomicWriteFs = { openSync, writeSync: (fd, b, o, l) => writeSync(fd, b, o, l), fchmodSync, fsyncSync, closeSync, renameSync, unlinkSync, copyFileSync };

export interface AtomicWriteOptions {
  fs?: AtomicWriteFs | undefined;
  /** The path as the user typed it, for the error message (default: `file`). */
  shown?: string | undefined;
  /**
   * fsync before the rename, so that the new content is on disk before it replaces the old, and
   * the folder after it, so that the rename is too:
   * for files that hold what cannot be made again (a database's history, a baseline's reasons).
   * A report can be made again and is left to the kernel (38 MB at 10,000 models).
   */
  durable?: boolean | undefined;
  /** Rethrow the file system's own error (for a caller that words it), not a UsageError. */
  raw?: boolean | undefined;
}

/**
 * Writes bytes so that `file` is always either the old or the new content, never a mix:
 * write a temporary file in the same folder, fsync it, then rename over the target (atomic
 * on POSIX file systems). A crash at any point leaves the previous file untouched; at worst a
 * stray `.<name>.<pid>.tmp` remains next to it.
 *
 * A symlink is followed and the file it points to is replaced, so a linked database keeps one
 * history; the replacement keeps the old file's permissions (a `chmod 600` database holds
 * every manifest's text and must not become world-readable).
 */
export function writeFileAtomic(file: string, bytes: Uint8Array, fs: AtomicWriteFs = NODE_FS, shown = file): void {
  writeChunksAtomic(file, [bytes], { fs, shown, durable: true });
}

/**
 * `writeFileAtomic` for content made piece by piece (a report of 38 MB, or more than V8's
 * longest string, is never one string): each piece is written before the next is made. An
 * error in the middle (a full disk, a size limit, a piece that cannot be made) leaves the old
 * file as it was and no temporary file.
 *
 * Where a temporary file and a rename cannot do, the file is written in place, as a plain
 * write would: a target that is no regular file (a FIFO, `/dev/stdout` on a pipe, `/dev/null`:
 * renaming over it would replace the device), a folder Loopscope may not write in though it
 * may write the file, and a file that cannot be renamed over (a single-file bind mount in a
 * container: EBUSY; another file system: EXDEV), which gets the finished temporary file's
 * bytes copied in. A file Loopscope may not write is refused, as a plain write would be.
 */
export function writeChunksAtomic(file: string, chunks: Iterable<string | Uint8Array>, options: AtomicWriteOptions = {}): void {
  const fs = options.fs ?? NODE_FS;
  const shown = options.shown ?? file;
  let temp: string | undefined;
  let fd: number | undefined;
  let existing: Stats | undefined;
  try {
    // stat follows links, magic ones too: /dev/stdout on a pipe is a FIFO.
    existing = statOf(file);
    if (existing && !existing.isFile()) return writeInPlace(fs, file, chunks);
    const target = realTarget(file);
    if (existing) accessSync(target, constants.W_OK);
    const mode = existing ? existing.mode & 0o7777 : undefined;
    const tempName = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      // A new file gets 0o666 less the umask, as the shell's `>` gives it.
      fd = fs.openSync(tempName, "wx", mode ?? 0o666);
    } catch (error) {
      if (existing && IN_PLACE_WHEN_NO_TEMP.has((error as NodeJS.ErrnoException).code ?? "")) return writeInPlace(fs, target, chunks);
      throw error;
    }
    temp = tempName;
    // open's mode passes through the umask; an existing file's mode is given back exactly.
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    for (const chunk of chunks) writeText(fd, chunk, fs.writeSync);
    if (options.durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    try {
      fs.renameSync(temp, target);
    } catch (error) {
      if (!existing || !IN_PLACE_WHEN_NO_RENAME.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      fs.copyFileSync(temp, target);
      fs.unlinkSync(temp);
    }
    temp = undefined;
    if (options.durable) syncFolder(fs, dirname(target));
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the one worth reporting
      }
    }
    try {
      if (temp !== undefined) fs.unlinkSync(temp);
    } catch {
      // the temporary file may never have been created
    }
    if (options.raw) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "EACCES" && !existing ? "its folder cannot be written (EACCES)" : code === "ENOENT" && !folderExists(file) ? "its folder does not exist (ENOENT)" : code !== undefined ? errnoText(code) : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write ${shown}: ${reason}`);
  }
}

/** No temporary file can be made beside the target (a folder without write permission, read-only). */
const IN_PLACE_WHEN_NO_TEMP = new Set(["EACCES", "EPERM", "EROFS"]);
/** The temporary file cannot replace the target (a bind-mounted file, another file system, a file held open on Windows). */
const IN_PLACE_WHEN_NO_RENAME = new Set(["EBUSY", "EXDEV", "EPERM"]);

/**
 * A rename is on disk only once the folder's entry is: until then a crash can bring the old file
 * back (or none, on some file systems), though the new bytes were synced.
 */
function syncFolder(fs: AtomicWriteFs, folder: string): void {
  let fd: number;
  try {
    fd = fs.openSync(folder, "r");
  } catch {
    return; // not every system opens a folder for syncing (Windows); the file itself was synced
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder (EINVAL); nothing more can be done
  } finally {
    fs.closeSync(fd);
  }
}

function writeInPlace(fs: AtomicWriteFs, file: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const chunk of chunks) writeText(fd, chunk, fs.writeSync);
  } finally {
    fs.closeSync(fd);
  }
}

/** Links followed before giving up, as the kernel's own limit (Linux: 40). */
const MAX_LINK_HOPS = 40;

/**
 * The path a write to `file` replaces: symlinks followed, including one to a file not made
 * yet (as the shell's `>` would). A path that is no link is its own target.
 */
export function realTarget(file: string, hops = 0): string {
  try {
    return realpathSync(file);
  } catch {
    // missing, or a link to something missing: followed by hand below
  }
  let link: string;
  try {
    link = readlinkSync(file);
  } catch {
    return file;
  }
  if (hops >= MAX_LINK_HOPS) throw Object.assign(new Error("ELOOP: too many symbolic links"), { code: "ELOOP" });
  return realTarget(resolve(dirname(file), link), hops + 1);
}

/** The target's status, undefined for a new file. */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Whether the folder `target` goes in is there (ENOENT also comes from a file system that makes no files, such as /proc). */
function folderExists(target: string): boolean {
  try {
    return statSync(dirname(target)).isDirectory();
  } catch {
    return false;
  }
}
