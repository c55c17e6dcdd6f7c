/**
 * The `loopscope query` thread: opens the database and steps the SQL, posting the last
 * statement's rows in batches. It runs apart from the main thread so that the main thread
 * can end a query that runs too long (sql.js has no interrupt) and write rows as they come.
 * Batches in flight are bounded (a shared counter the main thread lowers as it writes), so a
 * query of millions of rows, or one that never ends, never piles up in memory.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { QueryValue } from "../../analyzer/db/index.js";
import { streamReadOnlyQuery } from "../../analyzer/db/index.js";
import { openDatabaseFile } from "./database-file.js";
import { checkValueSizes, ValueTooLarge } from "./query-value-limit.js";

export interface QueryThreadData {
  file: string;
  /** The file as the user typed it, for messages. */
  shown: string;
  sql: string;
  /** Rows to keep at most (the rest are not stepped; `done.truncated` says there were more). */
  maxRows: number;
  /** Longest value written, as text (Infinity for a table, which cuts values). */
  maxValueChars: number;
  /** One Int32: batches posted and not yet written by the main thread. */
  inFlight: SharedArrayBuffer;
}

export type QueryThreadMessage =
  | { type: "columns"; names: string[] }
  | { type: "rows"; rows: QueryValue[][] }
  | { type: "done"; truncated: boolean }
  /** `sql`: SQLite refused or failed the statement; otherwise the file could not be opened. */
  | { type: "error"; message: string; sql: boolean };

/** Rows per batch, and a batch's rough size in characters: whichever comes first. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 1 << 20;
/** Batches the main thread may be behind before this thread waits. */
export const MAX_IN_FLIGHT = 8;

const port = parentPort!;
const { file, shown, sql, maxRows, maxValueChars, inFlight } = workerData as QueryThreadData;
const counter = new Int32Array(inFlight);
const post = (message: QueryThreadMessage) => port.postMessage(message);

let batch: QueryValue[][] = [];
let chars = 0;
const flush = () => {
  if (batch.length === 0) return;
  for (let seen = Atomics.load(counter, 0); seen >= MAX_IN_FLIGHT; seen = Atomics.load(counter, 0)) Atomics.wait(counter, 0, seen);
  Atomics.add(counter, 0, 1);
  post({ type: "rows", rows: batch });
  batch = [];
  chars = 0;
};

async function run(): Promise<void> {
  let db;
  try {
    db = await openDatabaseFile(file, { shown });
  } catch (error) {
    return post({ type: "error", message: messageOf(error), sql: false });
  }
  let kept = 0;
  let truncated = false;
  let columns: string[] = [];
  try {
    streamReadOnlyQuery(db, sql, {
      columns: (names) => {
        columns = names;
        post({ type: "columns", names });
      },
      row: (values) => {
        if (kept >= maxRows) {
          truncated = true;
          return false;
        }
        kept++;
        checkValueSizes(values, columns, kept, maxValueChars);
        batch.push(values);
        for (const value of values) chars += typeof value === "string" ? value.length : value instanceof Uint8Array ? value.length : 8;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) flush();
        return true;
      },
    });
  } catch (error) {
    flush();
    return post({ type: "error", message: messageOf(error), sql: !(error instanceof ValueTooLarge) });
  } finally {
    db.close();
  }
  flush();
  post({ type: "done", truncated });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

void run();
