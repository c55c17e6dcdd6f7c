import { useEffect, useRef, useState } from "react";
import type { RunDiff, RunSummary } from "../../analyzer/db/index.js";
import { startSqlWorker } from "./post-analysis.js";
import type { SqlRequest, SqlResponse } from "./sql-protocol.js";
import { readDatabaseBytes } from "./download.js";
import { SeverityChart } from "./SeverityChart.js";
import { RunDiffView } from "./RunDiffView.js";

export interface HistoryViewProps {
  onSelectFinding: (fingerprint: string) => void;
}

interface Opened {
  name: string;
  /** The SQL worker holding the file (sql.worker.ts): opening and diffing a big history there leaves the page free. */
  worker: Worker;
  runs: RunSummary[];
}

/**
 * Opens a history file written by `loopscope lint --db`: findings by severity per run as a
 * chart, and the diff of any two runs (defaults: the last two).
 */
export function HistoryView({ onSelectFinding }: HistoryViewProps) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<RunDiff | null>(null);
  const lastDiff = useRef(0);

  useEffect(() => () => opened?.worker.terminate(), [opened]);

  // Only the file picked last is shown: a big one picked before a small one finished last and won.
  const lastOpen = useRef(0);
  const openFile = async (file: File) => {
    const mine = ++lastOpen.current;
    const worker = startSqlWorker();
    try {
      const bytes = await readDatabaseBytes(file);
      const runs = await new Promise<RunSummary[]>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<SqlResponse>) => {
          if (event.data.type === "runs") resolve(event.data.runs);
          else if (event.data.type === "failed") reject(new Error(event.data.message));
        };
        worker.onerror = (event) => reject(new Error(event.message || "the SQL worker stopped"));
        worker.postMessage({ type: "open-history", bytes } satisfies SqlRequest, [bytes.buffer]);
      });
      if (mine !== lastOpen.current) {
        worker.terminate();
        return;
      }
      worker.onmessage = (event: MessageEvent<SqlResponse>) => {
        if (event.data.type === "diff" && event.data.id === lastDiff.current) {
          setDiff(event.data.diff);
          setError(null);
        } else if (event.data.type === "diff-failed" && event.data.id === lastDiff.current) {
          // The last pair's diff is not left under selectors that name another pair.
          setDiff(null);
          setError(`${file.name}: the runs could not be compared (${event.data.message})`);
        }
      };
      setDiff(null);
      setOpened({ name: file.name, worker, runs });
      setError(runs.length === 0 ? `${file.name} has no runs yet (write some with \`loopscope lint --db ${file.name}\`)` : null);
      const last = runs[runs.length - 1];
      const previous = runs[runs.length - 2] ?? last;
      setFrom(previous?.id ?? null);
      setTo(last?.id ?? null);
    } catch (e) {
      worker.terminate();
      if (mine === lastOpen.current) setError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // The diff of the chosen runs, asked of the worker; only the latest answer is shown.
  useEffect(() => {
    if (!opened || from === null || to === null) return;
    lastDiff.current += 1;
    opened.worker.postMessage({ type: "diff", id: lastDiff.current, from, to } satisfies SqlRequest);
  }, [opened, from, to]);

  const label = (run: RunSummary) => `#${run.id} ${run.time.replace("T", " ").slice(0, 16)} ${run.commit ? run.commit.slice(0, 8) : run.source}`;

  return (
    <div className="sql-history" data-testid="history-view">
      <div className="sql-toolbar">
        <label className="sql-file">
          Open history file{" "}
          <input
            type="file"
            accept=".sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3"
            data-testid="history-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = "";
            }}
          />
        </label>
        {opened && (
          <span className="sql-note">
            {opened.name}: {opened.runs.length} runs
          </span>
        )}
      </div>
      {error && (
        <p className="sql-error" role="alert">
          {error}
        </p>
      )}
      {opened && opened.runs.length > 0 && (
        <>
          <SeverityChart
            runs={opened.runs}
            selected={[from, to].filter((x): x is number => x !== null)}
            onSelectRun={(id) => {
              // Clicking a bar makes it the newer side; the older side stays if it is still older.
              setTo(id);
              if (from === null || from >= id) setFrom(opened.runs.filter((r) => r.id < id).pop()?.id ?? id);
            }}
          />
          <div className="sql-toolbar">
            <label>
              Compare{" "}
              <select value={from ?? ""} onChange={(e) => setFrom(Number(e.target.value))} data-testid="history-from">
                {opened.runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with{" "}
              <select value={to ?? ""} onChange={(e) => setTo(Number(e.target.value))} data-testid="history-to">
                {opened.runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {diff && <RunDiffView diff={diff} onSelectFinding={onSelectFinding} />}
        </>
      )}
    </div>
  );
}
