import type { Database, SqlValue, Statement } from "sql.js";

/**
 * A value of a query's result: what sql.js gives, except that an integer past 2^53 is a
 * `bigint` (as a JavaScript number it would be rounded: 9007199254740993 read as ...992).
 */
export type QueryValue = SqlValue | bigint;

export interface QueryResult {
  columns: string[];
  rows: QueryValue[][];
  /** True when the statement had more rows than were kept (`maxRows`). */
  truncated?: boolean | undefined;
}

/** Where the last statement's result goes, row by row. */
export interface RowSink {
  /** The last statement's column names, once, before its rows (an empty list: no result set). */
  columns(names: string[]): void;
  /** One row; return false to stop stepping the statement. */
  row(values: QueryValue[]): boolean | void;
}

/**
 * Runs user SQL without letting it change the database, and hands the last statement's
 * result to `sink` as SQLite steps it, so that nothing holds the whole result: a query with
 * millions of rows, or one that never ends (a recursive CTE without a bound), costs what the
 * sink keeps. Earlier statements are run to their end and their rows dropped, as consoles do.
 *
 * `PRAGMA query_only` makes SQLite refuse every write ("attempt to write a readonly
 * database"). It is set again before each statement: SQL that turns it off
 * (`PRAGMA query_only = OFF; DELETE FROM nodes`) changes it for that statement only, which
 * writes nothing. SQL errors are thrown as `Error` with SQLite's message.
 *
 * Stopping a statement that runs long without producing rows is the caller's job: sql.js
 * has no progress handler or interrupt, so the CLI runs this on a thread it can end
 * (src/io/run-query-thread.ts) and the UI in a worker it can terminate.
 */
export function streamReadOnlyQuery(db: Database, sql: string, sink: RowSink): void {
  let announced = false;
  const statements = db.iterateStatements(sql);
  try {
    for (const statement of statements) {
      try {
        db.run("PRAGMA query_only = ON");
        const last = nothingButComments(statements.getRemainingSQL());
        if (!last) {
          while (statement.step()) {
            // rows of an earlier statement are not shown
          }
          continue;
        }
        announced = true;
        sink.columns(statement.getColumnNames());
        while (statement.step()) if (sink.row(exactRow(statement)) === false) break;
      } finally {
        statement.free();
      }
    }
  } finally {
    db.run("PRAGMA query_only = OFF");
  }
  if (!announced) sink.columns([]);
}

/** sql.js's `get` with its `useBigInt` option, which its type declarations leave out. */
type GetWithConfig = (params: null, config: { useBigInt: boolean }) => QueryValue[];

/**
 * The current row, with integers past 2^53 as `bigint`. Read again with `useBigInt` only when
 * the row has a number that could be one (reading every integer through text costs).
 */
function exactRow(statement: Statement): QueryValue[] {
  const row: QueryValue[] = statement.get();
  if (!row.some((value) => typeof value === "number" && !Number.isSafeInteger(value) && Number.isInteger(value))) return row;
  const exact = (statement.get as unknown as GetWithConfig).call(statement, null, { useBigInt: true });
  // useBigInt makes every INTEGER a bigint (REALs stay numbers); the ones a number holds stay numbers.
  for (let i = 0; i < row.length; i++) if (typeof exact[i] === "bigint" && !Number.isSafeInteger(row[i])) row[i] = exact[i]!;
  return row;
}

/** The last statement's result, keeping at most `maxRows` rows (`truncated` says when there were more). */
export function runReadOnlyQuery(db: Database, sql: string, maxRows = Number.POSITIVE_INFINITY): QueryResult {
  const result: QueryResult = { columns: [], rows: [] };
  streamReadOnlyQuery(db, sql, {
    columns: (names) => void (result.columns = names),
    row: (values) => {
      if (result.rows.length >= maxRows) {
        result.truncated = true;
        return false;
      }
      result.rows.push(values);
      return true;
    },
  });
  return result;
}

/**
 * True when `rest` (what follows a statement) holds no further statement: only blanks,
 * semicolons and comments (`-- to the line end`, `/* ... *\/`, an unclosed one running to
 * the end, as SQLite reads them). Anything else is a statement or a syntax error, which
 * SQLite reports when it gets there.
 */
export function nothingButComments(rest: string): boolean {
  let i = 0;
  while (i < rest.length) {
    const c = rest.charCodeAt(i);
    if (c === 0x3b || c === 0x20 || (c >= 0x09 && c <= 0x0d)) i++;
    else if (rest.startsWith("--", i)) {
      const end = rest.indexOf("\n", i);
      if (end < 0) return true;
      i = end + 1;
    } else if (rest.startsWith("/*", i)) {
      const end = rest.indexOf("*/", i + 2);
      if (end < 0) return true;
      i = end + 2;
    } else return false;
  }
  return true;
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(result: QueryResult, lineEnding: "\r\n" | "\n" = "\r\n"): string {
  return [csvLine(result.columns), ...result.rows.map(csvLine)].join(lineEnding) + lineEnding;
}

/** One CSV record, without its line ending. */
export function csvLine(row: readonly QueryValue[]): string {
  return row.map(csvCell).join(",");
}

function csvCell(value: QueryValue): string {
  const s = value === null ? "" : value instanceof Uint8Array ? blobHex(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEX_DIGITS = new TextEncoder().encode("0123456789ABCDEF");
const ASCII = new TextDecoder("latin1");

/**
 * A BLOB in CSV and JSON: its bytes as uppercase hex, the text SQLite's `hex()` gives, so no
 * byte is lost (CSV wrote `<2 bytes>`) and `SELECT b, hex(b)` shows the same text twice.
 */
export function blobHex(bytes: Uint8Array): string {
  // Digits written as bytes and decoded once: adding two characters at a time made a string of
  // one piece per byte (a 100 MB BLOB took 3.8 GB to write).
  const digits = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    digits[2 * i] = HEX_DIGITS[bytes[i]! >> 4]!;
    digits[2 * i + 1] = HEX_DIGITS[bytes[i]! & 15]!;
  }
  return ASCII.decode(digits);
}
