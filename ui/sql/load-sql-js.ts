import initSqlJs, { type SqlJsStatic } from "sql.js";
import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";

let loading: Promise<SqlJsStatic> | undefined;

/** sql.js for the browser, loaded once per page; the wasm is a Vite asset (STACK.md recipe). */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => wasmUrl }).catch((error: unknown) => {
    loading = undefined; // a failed fetch may succeed on the next try
    throw error;
  });
  return loading;
}
