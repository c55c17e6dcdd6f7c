import { QUERY_MAX_ROWS } from "./sql-protocol.js";

/**
 * What the SQL console shows for a query that failed. A result too big to hand to the page
 * fails in postMessage with the browser's own words ("Data cannot be cloned, out of memory"),
 * which say nothing about what to do.
 */
export function queryErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const tooBig = error instanceof Error && (error.name === "DataCloneError" || /could not be cloned|cannot be cloned|out of memory/i.test(message));
  return tooBig ? `the result is too large to show (${QUERY_MAX_ROWS.toLocaleString("en-US")} rows at most, and they must fit in memory): select fewer or shorter columns, or add a LIMIT` : message;
}
