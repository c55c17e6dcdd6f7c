import { execFileSync } from "node:child_process";
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { Database, SqlJsStatic } from "sql.js";
import type { SourceFile } from "../../analyzer/types.js";
import { appendRun, DatabaseFormatError, openDatabase, withRoomFor, writeSnapshot, type AnalysisData } from "../../analyzer/db/index.js";
import { UsageError } from "../exit-codes.js";
import { realTarget, writeFileAtomic } from "./atomic-write.js";
import { shellWords } from "./shell-words.js";
import { errnoText } from "./errno-text.js";
import { readSideFile, sideFileProblem, SIDE_FILE_LIMITS } from "./read-side-file.js";

export { writeFileAtomic, type AtomicWriteFs } from "./atomic-write.js";

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | undefined;

/**
 * sql.js for Node, initialised once; the wasm is resolved from node_modules (STACK.md recipe B).
 * Imported only here, when a command needs a database: loading it at start-up cost every
 * command (lint without `--db`, `--version`) about 10-15 ms.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import("sql.js").then(({ default: initSqlJs }) => initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) }));
  return sqlJs;
}

/**
 * Opens a Loopscope database file. A missing file is created in memory when `create` is set
 * (it reaches the disk only through `writeDatabaseFile`), otherwise it is a usage error, as is
 * a file that is not a Loopscope database. Messages name the file as `shown` (default `file`):
 * the path as the user typed it, where `file` was resolved against the working folder.
 */
export async function openDatabaseFile(file: string, options: { create?: boolean; shown?: string | undefined; check?: boolean } = {}): Promise<Database> {
  const SQL = await loadSqlJs();
  const shown = options.shown ?? file;
  let bytes: Uint8Array | null = null;
  const pending = pendingWrites(file);
  if (pending !== undefined) {
    const lost = options.create ? "lose that client's changes" : "not see that client's changes";
    // sqlite3 reads a name that starts with "-" as an option.
    const operand = shown.startsWith("-") ? `./${shown}` : shown;
    const fix =
      pending === "-wal"
        ? `close the other client, or run \`${shellWords(["sqlite3", operand, "PRAGMA wal_checkpoint(TRUNCATE)"])}\` to write its log into the file`
        : `open it once with \`${shellWords(["sqlite3", operand, "PRAGMA integrity_check"])}\`, which rolls the unfinished write back`;
    throw new UsageError(`${shown}: ${shown}${pending} is next to it: another SQLite client has the database open, or did not finish writing it; Loopscope reads and writes the file alone and would ${lost}. To go on, ${fix}`);
  }
  if (existsSync(file)) {
    // A file that does not start as SQLite's do is refused before it is read whole.
    if (!hasSqliteHeader(file)) throw new UsageError(`${shown}: not a SQLite database (file is not a database)`);
    try {
      bytes = readSideFile(file, SIDE_FILE_LIMITS.database);
    } catch (error) {
      throw new UsageError(`${shown}: cannot read database (${sideFileProblem(error)})`);
    }
  } else if (!options.create) {
    throw new UsageError(`${shown}: no such file (write one with \`loopscope lint <paths> --db ${shown}\`)`);
  }
  try {
    return openDatabase(SQL, bytes, { check: options.check ?? false });
  } catch (error) {
    if (error instanceof DatabaseFormatError) throw new UsageError(`${shown}: ${error.message}`);
    // SQLite failing on the file's own pages as the schema is read (a damaged page): the file's
    // problem, said with SQLite's words, not an internal error with a stack trace.
    throw new UsageError(`${shown}: cannot read the database: SQLite says "${messageOf(error)}" (\`PRAGMA integrity_check\` in sqlite3 tells more)`);
  }
}

/**
 * The suffix of a write-ahead log or rollback journal with something in it beside `file`. sql.js
 * reads and writes the main file whole, so it sees neither: a run recorded while sqlite3 held
 * the file in WAL mode vanished when sqlite3 replayed its log over it, though lint said
 * "recorded run 2", and the next run then failed on the lost run's rows.
 */
function pendingWrites(file: string): string | undefined {
  try {
    if (statSync(`${file}-wal`).size > 0) return "-wal";
  } catch {
    // none
  }
  // A journal holds a write to roll back only while its header is there ("hot"): in
  // journal_mode=PERSIST or TRUNCATE a finished write leaves a zeroed or empty journal behind,
  // which locked the file out for good.
  let fd: number | undefined;
  try {
    fd = openSync(`${file}-journal`, constants.O_RDONLY | constants.O_NONBLOCK);
    const header = Buffer.alloc(JOURNAL_MAGIC.length);
    if (readSync(fd, header, 0, header.length, 0) === header.length && header.equals(JOURNAL_MAGIC)) return "-journal";
  } catch {
    // none, or unreadable: nothing Loopscope could roll back either
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return undefined;
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** The first 8 bytes of a rollback journal that holds a write (sqlite's aJournalMagic). */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/** True when the file starts with SQLite's 16-byte header, or is empty (a new database); unreadable files are left to the full read to report. */
function hasSqliteHeader(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const start = Buffer.alloc(SQLITE_HEADER.length);
    const length = readSync(fd, start, 0, start.length, 0);
    return length === 0 || start.equals(SQLITE_HEADER);
  } catch {
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Exports the database and writes it atomically; `shown` names it in an error. */
export function writeDatabaseFile(file: string, db: Database, shown = file): void {
  writeFileAtomic(file, db.export(), undefined, shown);
}

export interface RecordRunOptions {
  /** What was analysed (the lint paths), shown by `loopscope history`. */
  source: string;
  /** The commit the manifests came from; `detectCommit` finds it in CI or a git checkout. */
  commit?: string | undefined;
  /** Manifest texts for the `sources` and `manifests` tables. */
  sources?: readonly SourceFile[] | undefined;
  /** ISO time of the run (default now). */
  time?: string | undefined;
}

/** A database opened for `lint --db` before the report is written, to record the run after it. */
export interface RunDatabase {
  /**
   * Replaces the snapshot with this analysis, appends the run to the history and writes the
   * file; returns the new run's id. The database is closed afterwards, written or not.
   */
  record(analysis: AnalysisData, options: RecordRunOptions): number;
  /** Closes the database without writing it (the run ended before it was recorded). */
  close(): void;
}

/**
 * Opens FILE for `lint --db` (created in memory when absent) and refuses now whatever can be
 * refused before a byte is written: a file that cannot be read or is no Loopscope database
 * (openDatabaseFile), and a folder the file cannot be written into. A run that exits 2 prints
 * no report, so `lint` opens the database before its report; only the write itself (a full
 * disk) can still fail after it. `shown` is the path as the user typed it, for messages.
 *
 * Two lint runs writing one file at the same moment can lose one run (read, change, write);
 * CI jobs that share a history file should run one after the other.
 */
export async function openRunDatabase(file: string, shown = file): Promise<RunDatabase> {
  checkWritable(file, shown);
  const SQL = await loadSqlJs();
  // Checked for damage here only: this is the one command that writes the file back (quick_check
  // reads every page, 1.9 s on the 164 MB database of a 10,000-model estate; readers report
  // SQLite's own error when they reach a damaged page).
  let open: Database | undefined = await openDatabaseFile(file, { create: true, shown, check: true });
  return {
    record(analysis, options) {
      if (!open) throw new Error("loopscope/database-file: the run database was already recorded or closed; expected one record per open");
      const sources = options.sources ?? [];
      // Snapshot and run in one transaction, written into room made first (make-room.ts): a commit
      // trims the file, so two transactions would each grow it again.
      const db = withRoomFor(SQL, open, sources);
      open = undefined;
      try {
        let runId: number;
        try {
          db.exec("BEGIN");
          writeSnapshot(db, analysis, sources);
          runId = appendRun(db, analysis, { time: options.time ?? new Date().toISOString(), source: options.source, commit: options.commit });
          db.exec("COMMIT");
        } catch (error) {
          // SQLite refusing the write: a table changed by hand, a page damaged where the check did not look.
          throw new UsageError(`cannot record the run in ${shown}: SQLite says "${messageOf(error)}"; the file is unchanged (check it with \`sqlite3 ${shown} 'PRAGMA integrity_check'\`, or start a new file)`);
        }
        writeDatabaseFile(file, db, shown);
        return runId;
      } finally {
        db.close();
      }
    },
    close() {
      open?.close();
      open = undefined;
    },
  };
}

/** Records one run in FILE at once (`openRunDatabase`, then `record`); returns the new run's id. */
export async function recordRun(file: string, analysis: AnalysisData, options: RecordRunOptions): Promise<number> {
  return (await openRunDatabase(file)).record(analysis, options);
}

/**
 * The folder a write to `file` makes its temporary file in (a link's target's folder) must
 * exist and be writable, and so must `file` when it exists: a usage error now, not after the report.
 */
function checkWritable(file: string, shown: string): void {
  let code: string | undefined;
  try {
    const folder = dirname(realTarget(file));
    if (statSync(folder).isDirectory()) accessSync(folder, constants.W_OK);
    else code = "ENOTDIR";
    // A file Loopscope may not write is refused when written (atomic-write.ts): say so before the report.
    if (code === undefined && existsSync(file)) accessSync(file, constants.W_OK);
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code ?? messageOf(error);
  }
  if (code === undefined) return;
  const reason = code === "ENOENT" ? "its folder does not exist (ENOENT)" : code === "ENOTDIR" ? "a file stands where a folder is needed (ENOTDIR)" : errnoText(code);
  throw new UsageError(`cannot write ${shown}: ${reason}`);
}

/** The commit being linted: CI variables first, else `git rev-parse HEAD` in `cwd`; undefined when unknown. */
export function detectCommit(cwd: string, env: Record<string, string | undefined>): string | undefined {
  for (const name of ["LOOPSCOPE_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILD_VCS_NUMBER"]) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"], timeout: 3000, encoding: "utf8" }).trim();
    return /^[0-9a-f]{7,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined; // not a git checkout, or git missing: the run is recorded without a commit
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
