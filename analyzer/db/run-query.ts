import type { Database, SqlValue } from "sql.js";

export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * Runs user SQL without letting it change the database: `PRAGMA query_only` makes SQLite
 * refuse every write ("attempt to write a readonly database"). Only the last statement's
 * result is returned, as consoles do. SQL errors are thrown as `Error` with SQLite's message.
 */
export function runReadOnlyQuery(db: Database, sql: string): QueryResult {
  db.exec("PRAGMA query_only = ON");
  try {
    const results = db.exec(sql);
    const last = results[results.length - 1];
    return last ? { columns: last.columns, rows: last.values } : { columns: [], rows: [] };
  } finally {
    db.exec("PRAGMA query_only = OFF");
  }
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(result: QueryResult, lineEnding: "\r\n" | "\n" = "\r\n"): string {
  const cell = (value: SqlValue): string => {
    const s = value === null ? "" : value instanceof Uint8Array ? `<${value.length} bytes>` : String(value);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [result.columns, ...result.rows].map((row) => row.map(cell).join(",")).join(lineEnding) + lineEnding;
}
