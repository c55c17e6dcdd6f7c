/**
 * The SQL console's database, off the page's thread: writing a 5,000-model snapshot into
 * sql.js held the page for 4.1 s (one task), so the console now builds and queries its
 * database here. The page posts the analysis in parts, one task each (posting it whole held
 * the page 1.3 s: it copies the report and graph on its own thread), then the queries. The
 * history view opens its file here too (a 185 MB history held the page 3.3 s).
 */
import type { Database } from "sql.js";
import { describeSchema, diffRuns, getMeta, listRuns, openDatabase, readSources, runReadOnlyQuery, setMeta, withRoomFor, writeSnapshot } from "../../analyzer/db/index.js";
import { loadSqlJs } from "./load-sql-js.js";
import type { EstateEdge, EstateLoop, EstateNode } from "../../analyzer/graph/estate-graph.js";
import type { Finding, SourceFile } from "../../analyzer/types.js";
import { QUERY_MAX_ROWS, type PartField, type SqlRequest, type SqlResponse } from "./sql-protocol.js";
import { queryErrorMessage } from "./query-error.js";

let db: Database | undefined;
let parts: Record<PartField, unknown[]> = { findings: [], nodes: [], edges: [], loops: [], sources: [] };
const post = (message: SqlResponse) => self.postMessage(message);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

// One request at a time, in order: `load` awaits sql.js, and an `export` or a query posted
// right behind it must find the database written.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<SqlRequest>) => {
  queue = queue.then(() => handle(event.data));
};

async function handle(request: SqlRequest): Promise<void> {
  if (request.type === "part") {
    for (const item of request.items) parts[request.field].push(item);
  } else if (request.type === "load") {
    const { findings, nodes, edges, loops, sources } = parts as { findings: Finding[]; nodes: EstateNode[]; edges: EstateEdge[]; loops: EstateLoop[]; sources: SourceFile[] };
    parts = { findings: [], nodes: [], edges: [], loops: [], sources: [] };
    const analysis = { report: { ...request.analysis.report, findings }, graph: { nodes, edges, loops } };
    try {
      const SQL = await loadSqlJs();
      db?.close();
      db = withRoomFor(SQL, openDatabase(SQL), sources);
      writeSnapshot(db, analysis, sources);
      post({ type: "ready", tables: describeSchema(db) });
    } catch (error) {
      post({ type: "failed", message: `Could not start SQLite: ${messageOf(error)}` });
    }
  } else if (request.type === "open-history") {
    try {
      const SQL = await loadSqlJs();
      db?.close();
      // Checked for damage (quick_check): a damaged page otherwise failed later, in a diff, silently.
      db = openDatabase(SQL, request.bytes, { check: true });
      post({ type: "runs", runs: listRuns(db) });
    } catch (error) {
      post({ type: "failed", message: messageOf(error) });
    }
  } else if (request.type === "open-workspace") {
    // Here, not on the page: a 63 MB workspace held the page for 2.2 s.
    try {
      const SQL = await loadSqlJs();
      const opened = openDatabase(SQL, request.bytes, { check: true });
      try {
        post({ type: "workspace", sources: readSources(opened), label: getMeta(opened, "workspace_label") });
      } finally {
        opened.close();
      }
    } catch (error) {
      post({ type: "failed", message: messageOf(error) });
    }
  } else if (request.type === "diff") {
    if (!db) return;
    try {
      post({ type: "diff", id: request.id, diff: diffRuns(db, request.from, request.to) });
    } catch (error) {
      post({ type: "diff-failed", id: request.id, message: messageOf(error) });
    }
  } else if (request.type === "export") {
    if (!db) return;
    try {
      setMeta(db, "workspace_label", request.label);
      const bytes = db.export() as Uint8Array<ArrayBuffer>;
      (self as unknown as Worker).postMessage({ type: "exported", bytes } satisfies SqlResponse, [bytes.buffer]);
    } catch (error) {
      post({ type: "failed", message: messageOf(error) });
    }
  } else if (db) {
    try {
      post({ type: "result", id: request.id, result: runReadOnlyQuery(db, request.sql, QUERY_MAX_ROWS) });
    } catch (error) {
      post({ type: "result", id: request.id, error: queryErrorMessage(error) });
    }
  }
}
