import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Report, SourceFile } from "../../analyzer/types.js";
import type { EstateGraph } from "../../analyzer/graph/estate-graph.js";
import { EXAMPLE_QUERIES, toCsv, type QueryResult, type TableShape } from "../../analyzer/db/index.js";
import { QUERY_MAX_ROWS, type SqlRequest, type SqlResponse } from "./sql-protocol.js";
import { postAnalysis, startSqlWorker } from "./post-analysis.js";
import { ResultTable } from "./ResultTable.js";
import { SchemaPanel } from "./SchemaPanel.js";
import { download } from "./download.js";

export interface SqlConsoleProps {
  analysis: { report: Report; graph: EstateGraph } | null;
  onSelectNode: (id: string) => void;
  /** The manifest texts, when the host has them: fills the `sources` and `manifests` tables. */
  sources?: SourceFile[] | undefined;
  /** Shown (default). A hidden console keeps its database, and builds one for a new estate only when shown again. */
  active?: boolean | undefined;
}

const FIRST = EXAMPLE_QUERIES[0];

/**
 * SQL over the loaded estate: an in-memory sql.js database rebuilt from each analysis in a
 * worker (sql.worker.ts), queried read-only. Errors from SQLite are shown as messages and
 * never escape.
 */
export function SqlConsole({ analysis: latest, onSelectNode, sources: latestSources, active = true }: SqlConsoleProps) {
  // The estate the database is built from: the latest one while shown.
  const [built, setBuilt] = useState({ analysis: latest, sources: latestSources });
  if (active && (built.analysis !== latest || built.sources !== latestSources)) setBuilt({ analysis: latest, sources: latestSources });
  const { analysis, sources } = active ? { analysis: latest, sources: latestSources } : built;
  const worker = useRef<Worker | null>(null);
  const lastQuery = useRef(0);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tables, setTables] = useState<TableShape[]>([]);
  const [sql, setSql] = useState(FIRST?.sql ?? "SELECT * FROM nodes;");
  const [exampleId, setExampleId] = useState<string | undefined>(FIRST?.id);
  /**
   * The query the user wrote, kept while examples are shown: choosing "(your own query)"
   * brings it back. Arrow keys on the closed picker go through the examples one by one, and
   * each used to replace what was typed for good.
   */
  const ownSql = useRef<string | undefined>(undefined);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ran, setRan] = useState(0);
  /** True from a query's start to its answer; Cancel (or Escape) ends the worker then. */
  const [running, setRunning] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  /** Bumped by Cancel: a new worker, and a new database, for the same analysis. */
  const [generation, setGeneration] = useState(0);
  const rerunWhenReady = useRef(true);
  const editor = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!analysis) return;
    // One worker per analysis: a newer estate or leaving the view stops the old one at once.
    const w = startSqlWorker();
    setReady(false);
    w.onmessage = (event: MessageEvent<SqlResponse>) => {
      const message = event.data;
      if (message.type === "ready") {
        setTables(message.tables);
        setLoadError(null);
        setReady(true);
      } else if (message.type === "failed") setLoadError(message.message);
      else if (message.type === "result" && message.id === lastQuery.current) {
        setRunning(false);
        setResult(message.result ?? null);
        setError(message.error ?? null);
        setRan((n) => n + 1);
      }
    };
    w.onerror = (event) => setLoadError(`Could not start SQLite: ${event.message || "the SQL worker stopped"}`);
    const stopSending = postAnalysis(w, analysis, sources ?? []);
    worker.current = w;
    return () => {
      stopSending();
      if (worker.current === w) worker.current = null;
      w.terminate();
    };
  }, [analysis, sources, generation]);

  const nodeIds = useMemo(() => new Set(analysis?.graph.nodes.map((n) => n.id) ?? []), [analysis]);

  /** Runs a query in the worker; only the latest query's answer is shown. */
  const run = useCallback((text: string) => {
    const w = worker.current;
    if (!w) return;
    lastQuery.current += 1;
    setRunning(true);
    setCancelled(false);
    w.postMessage({ type: "query", id: lastQuery.current, sql: text } satisfies SqlRequest);
  }, []);

  /**
   * sql.js cannot be interrupted, so a query that never ends (a recursive CTE without a
   * bound) is stopped by ending its worker; a new one sets the database up again.
   */
  const cancel = useCallback(() => {
    lastQuery.current += 1;
    rerunWhenReady.current = false;
    setRunning(false);
    setCancelled(true);
    // The rows of the query before would read as the cancelled one's.
    setResult(null);
    setError(null);
    setGeneration((g) => g + 1);
  }, []);

  // Re-run the current query when a new estate arrives, so the table never shows stale rows
  // (not after a cancel: that would start the stopped query again).
  useEffect(() => {
    if (!ready) return;
    if (rerunWhenReady.current) run(sql);
    rerunWhenReady.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  const example = EXAMPLE_QUERIES.find((q) => q.id === exampleId);
  const nodeColumn = result ? nodeColumnOf(result, example?.nodeColumn, nodeIds) : -1;

  const insert = (text: string) => {
    const area = editor.current;
    if (!area) return setSql((s) => s + text);
    const { selectionStart, selectionEnd } = area;
    setSql((s) => s.slice(0, selectionStart) + text + s.slice(selectionEnd));
    requestAnimationFrame(() => {
      area.focus();
      area.selectionStart = area.selectionEnd = selectionStart + text.length;
    });
  };

  if (!analysis) return <div className="sql-console sql-empty">Load an estate to query it with SQL.</div>;

  return (
    <div className="sql-console" data-testid="sql-console">
      <div className="sql-main">
        <div className="sql-toolbar">
          <label>
            Example{" "}
            <select
              className="sql-examples"
              value={exampleId ?? ""}
              onChange={(e) => {
                const chosen = EXAMPLE_QUERIES.find((q) => q.id === e.target.value);
                if (exampleId === undefined) ownSql.current = sql;
                setExampleId(chosen?.id);
                if (chosen) {
                  setSql(chosen.sql);
                  run(chosen.sql);
                } else if (ownSql.current !== undefined) setSql(ownSql.current);
              }}
            >
              <option value="">(your own query)</option>
              {EXAMPLE_QUERIES.map((q) => (
                <option key={q.id} value={q.id} title={q.question}>
                  {q.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="sql-run" disabled={!ready} onClick={() => run(sql)} title="Ctrl+Enter">
            Run
          </button>
          {running && (
            <span className="sql-running" role="status">
              Running…{" "}
              <button type="button" className="sql-cancel" onClick={cancel} title="Escape">
                Cancel
              </button>
            </span>
          )}
          <button
            type="button"
            className="sql-csv"
            disabled={!result || result.columns.length === 0}
            onClick={() => result && download(`${exampleId ?? "query"}.csv`, toCsv(result), "text/csv")}
          >
            Export CSV
          </button>
        </div>
        {example && <p className="sql-question">{example.question}</p>}
        <textarea
          ref={editor}
          className="sql-editor"
          aria-label="SQL"
          spellCheck={false}
          value={sql}
          onChange={(e) => {
            setSql(e.target.value);
            if (example && e.target.value !== example.sql) setExampleId(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              run(sql);
            } else if (e.key === "Escape") {
              // Escape here is the editor's (cancel a query), never the page's (clear the selection).
              e.stopPropagation();
              if (running) {
                e.preventDefault();
                cancel();
              }
            }
          }}
        />
        {loadError && <p className="sql-error" role="alert">{loadError}</p>}
        {cancelled && <p className="sql-note" role="status">{ready ? "Query cancelled." : "Query cancelled; setting the database up again…"}</p>}
        {error && (
          <p className="sql-error" role="alert" key={ran}>
            SQL error: {error}
          </p>
        )}
        {result && (
          <ResultTable
            key={ran /* a new result starts unsorted, in the query's own order */}
            result={result}
            nodeColumn={nodeColumn}
            maxRows={QUERY_MAX_ROWS}
            isNode={(cell) => typeof cell === "string" && nodeIds.has(cell)}
            onSelectRow={(row) => {
              const id = row[nodeColumn];
              if (typeof id === "string" && nodeIds.has(id)) onSelectNode(id);
            }}
          />
        )}
      </div>
      <SchemaPanel tables={tables} onInsert={insert} />
    </div>
  );
}

/** The example's declared node column, else the first column whose values are all node ids. */
function nodeColumnOf(result: QueryResult, declared: string | undefined, nodeIds: ReadonlySet<string>): number {
  if (declared) {
    const index = result.columns.indexOf(declared);
    if (index >= 0) return index;
  }
  if (result.rows.length === 0) return -1;
  return result.columns.findIndex((_c, i) => result.rows.every((row) => typeof row[i] === "string" && nodeIds.has(row[i] as string)));
}

