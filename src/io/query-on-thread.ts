import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { QueryValue } from "../../analyzer/db/index.js";
import { streamReadOnlyQuery } from "../../analyzer/db/index.js";
import { UsageError } from "../exit-codes.js";
import { openDatabaseFile } from "./database-file.js";
import type { QueryThreadData, QueryThreadMessage } from "./query-worker.js";
import { checkValueSizes, ValueTooLarge } from "./query-value-limit.js";

/** The longest `--timeout`: setTimeout waits at most 2^31-1 ms (24.8 days); past that it fires at once. */
export const MAX_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);

export interface QueryRun {
  file: string;
  /** The file as the user typed it, for messages (default `file`). */
  shown?: string | undefined;
  sql: string;
  /** Rows to keep at most; `onEnd(true)` when the statement had more. */
  maxRows: number;
  /** Longest value written, as text (Infinity for a table, which cuts values). */
  maxValueChars: number;
  /** Milliseconds before the query is stopped, at most MAX_TIMEOUT_S * 1000; 0 for no limit. */
  timeoutMs: number;
  onColumns: (names: string[]) => void;
  /** May return a promise: the thread is let on only when it settles (the rows are written). */
  onRows: (rows: QueryValue[][]) => void | Promise<void>;
  onEnd: (truncated: boolean) => void;
}

/**
 * Runs a read-only query on the query thread (query-worker.ts), handing its rows on as they
 * come, and ends the thread when the query outlasts `timeoutMs`: a recursive CTE without a
 * bound, or a join of every row with every row, would otherwise hold the command forever,
 * and sql.js cannot be interrupted from its own thread. A database that cannot be opened is a
 * usage error; so is an SQL error ("SQL error: ..."), and the time limit. Without the compiled
 * thread (running from TypeScript sources) the query runs here, with no time limit.
 */
export async function runQueryOnThread(run: QueryRun, script = new URL("./query-worker.js", import.meta.url)): Promise<void> {
  if (script.protocol !== "file:" || !existsSync(fileURLToPath(script))) return runHere(run);
  const inFlight = new SharedArrayBuffer(4);
  const counter = new Int32Array(inFlight);
  const worker = new Worker(script, { workerData: { file: run.file, shown: run.shown ?? run.file, sql: run.sql, maxRows: run.maxRows, maxValueChars: run.maxValueChars, inFlight } satisfies QueryThreadData });
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const timer =
      run.timeoutMs > 0
        ? setTimeout(() => finish(new UsageError(`query stopped after ${run.timeoutMs / 1000} s (--timeout; 0 for no limit): it may never end, e.g. a recursive CTE without a LIMIT`)), run.timeoutMs)
        : undefined;
    worker.on("message", (message: QueryThreadMessage) => {
      if (settled) return;
      try {
        if (message.type === "columns") run.onColumns(message.names);
        else if (message.type === "rows") {
          const release = () => {
            Atomics.sub(counter, 0, 1);
            Atomics.notify(counter, 0);
          };
          const written = run.onRows(message.rows);
          if (written) void written.then(release);
          else release();
        } else if (message.type === "done") {
          run.onEnd(message.truncated);
          finish();
        } else finish(new UsageError(message.sql ? sqlError(run.shown ?? run.file, message.message) : message.message));
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on("error", (error) => finish(error));
    worker.on("exit", (code) => finish(new Error(`the query thread stopped (exit code ${code})`)));
  });
}

/**
 * SQLite's message for a failed statement. A damaged page is the file's problem, not the SQL's:
 * "SQL error: database disk image is malformed" sent people to their query.
 */
function sqlError(file: string, message: string): string {
  if (/database disk image is malformed|file is not a database/.test(message)) return `${file}: the database is damaged where this query reads: SQLite says "${message}" (\`PRAGMA integrity_check\` in sqlite3 tells more)`;
  return `SQL error: ${message}`;
}

async function runHere(run: QueryRun): Promise<void> {
  const db = await openDatabaseFile(run.file, { shown: run.shown });
  let kept = 0;
  let truncated = false;
  let columns: string[] = [];
  try {
    streamReadOnlyQuery(db, run.sql, {
      columns: (names) => {
        columns = names;
        run.onColumns(names);
      },
      row: (values) => {
        if (kept >= run.maxRows) return !(truncated = true);
        kept++;
        checkValueSizes(values, columns, kept, run.maxValueChars);
        run.onRows([values]);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ValueTooLarge) throw new UsageError(error.message);
    throw new UsageError(sqlError(run.shown ?? run.file, error instanceof Error ? error.message : String(error)));
  } finally {
    db.close();
  }
  run.onEnd(truncated);
}
