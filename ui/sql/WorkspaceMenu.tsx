import { useEffect, useRef, useState } from "react";
import type { SourceFile } from "../../analyzer/types.js";
import { analyze } from "../../analyzer/index.js";
import type { AnalysisData } from "../../analyzer/db/index.js";
import { postAnalysis, startSqlWorker } from "./post-analysis.js";
import type { SqlRequest, SqlResponse } from "./sql-protocol.js";
import { download, readDatabaseBytes } from "./download.js";
import { loadLastWorkspace, saveLastWorkspace } from "./workspace-store.js";
import { shortLabel } from "../panels/readable-text.js";

export interface WorkspaceMenuProps {
  sources: SourceFile[];
  onOpen: (sources: SourceFile[], label: string) => void;
  /** The name of what is loaded now (used as the saved workspace's label). */
  label?: string | undefined;
  /** The host's current analysis of `sources`, if it has one: saving then skips re-analysing. */
  analysis?: AnalysisData | null | undefined;
  /** Come back to the last workspace on first mount (false when the URL names what to open). */
  restore?: boolean | undefined;
  /**
   * Counts the host's loads: a workspace that took a while to read is not opened over an estate
   * the user loaded meanwhile (a sample picked while a 60 MB file was read was replaced by it).
   */
  loadCount?: (() => number) | undefined;
}

/**
 * Save the workspace as a .sqlite file (manifest texts plus the full snapshot, so sqlite3 can
 * read it too), open one again, and keep the last workspace in IndexedDB across reloads.
 */
export function WorkspaceMenu({ sources, onOpen, label, restore = true, analysis, loadCount }: WorkspaceMenuProps) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const restored = useRef(false);
  const [restoreDone, setRestoreDone] = useState(false);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const loadCountRef = useRef(loadCount);
  loadCountRef.current = loadCount;

  // On first mount, come back to the last workspace; persisting waits until this is done so
  // the host's initial state cannot overwrite what the user had before the reload.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    if (!restore) {
      setRestoreDone(true);
      return;
    }
    const loadsBefore = loadCountRef.current?.();
    loadLastWorkspace()
      .then((stored) => {
        if (!stored || stored.sources.length === 0) return;
        // Something the user loaded while it was read wins (the page's own first sample does not count).
        if (loadCountRef.current && loadCountRef.current() !== loadsBefore) {
          setMessage({ text: `"${shortLabel(stored.label)}" from your last visit was not restored: another estate was loaded meanwhile`, error: false });
          return;
        }
        onOpenRef.current(stored.sources, stored.label);
        setMessage({ text: `Restored "${shortLabel(stored.label)}" from your last visit`, error: false });
      })
      .catch(() => undefined) // private mode or no IndexedDB: the menu still saves and opens files
      .finally(() => setRestoreDone(true));
    // Only the first mount restores; a later change of `restore` must not reload anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!restoreDone || sources.length === 0) return;
    const timer = setTimeout(() => {
      saveLastWorkspace({ label: label ?? "last workspace", sources, savedAt: new Date().toISOString() }).catch(() => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [sources, label, restoreDone]);

  /** Built in a SQL worker (sql.worker.ts), so that a big estate's database never holds the page. */
  const save = async () => {
    try {
      const current = analysis ?? analyze(sources, { today: new Date().toISOString().slice(0, 10) });
      const name = label ?? "workspace";
      setMessage({ text: `Saving ${sources.length} files…`, error: false });
      const bytes = await exportWorkspace(current, sources, name);
      download(`${name.replace(/[^\w.-]+/g, "-") || "workspace"}.sqlite`, bytes, "application/vnd.sqlite3");
      setMessage({ text: `Saved ${sources.length} files`, error: false });
    } catch (e) {
      setMessage({ text: `Could not save: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  const open = async (file: File) => {
    try {
      setMessage({ text: `Opening ${shortLabel(file.name)}…`, error: false });
      const loadsBefore = loadCount?.();
      const read = await readWorkspace(await readDatabaseBytes(file));
      const opened = read.sources;
      const openedLabel = read.label ?? file.name.replace(/\.(sqlite3?|db)$/i, "");
      if (opened.length === 0) throw new Error("this database holds no manifest texts (a history file? open it under History)");
      if (loadCount && loadCount() !== loadsBefore) {
        setMessage({ text: `${shortLabel(file.name)} was not opened: another estate was loaded while it was read`, error: false });
        return;
      }
      onOpen(opened, openedLabel);
      setMessage({ text: `Opened "${shortLabel(openedLabel)}" (${opened.length} files)`, error: false });
    } catch (e) {
      setMessage({ text: `${file.name}: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  return (
    <div className="sql-workspace" data-testid="workspace-menu">
      <button type="button" className="sql-save" disabled={sources.length === 0} onClick={() => void save()}>
        Save workspace
      </button>
      <label className="sql-file">
        Open workspace{" "}
        <input
          type="file"
          accept=".sqlite,.sqlite3,.db"
          data-testid="workspace-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void open(file);
            e.target.value = "";
          }}
        />
      </label>
      {message && (
        <span className={message.error ? "sql-error" : "sql-note"} role={message.error ? "alert" : "status"}>
          {message.text}
        </span>
      )}
    </div>
  );
}

/** The workspace database as `.sqlite` bytes, from a SQL worker of its own. */
function exportWorkspace(analysis: AnalysisData, sources: readonly SourceFile[], label: string): Promise<Uint8Array<ArrayBuffer>> {
  return askOwnWorker(
    (worker) => postAnalysis(worker, analysis, sources, [{ type: "export", label }]),
    (message) => (message.type === "exported" ? message.bytes : undefined),
  );
}

/** A saved workspace's manifest texts and label, read in a SQL worker of its own (the page stays responsive). */
function readWorkspace(bytes: Uint8Array): Promise<{ sources: SourceFile[]; label: string | undefined }> {
  return askOwnWorker(
    (worker) => worker.postMessage({ type: "open-workspace", bytes } satisfies SqlRequest, [bytes.buffer]),
    (message) => (message.type === "workspace" ? { sources: message.sources, label: message.label } : undefined),
  );
}

/** Starts a SQL worker, sends what `ask` sends, and settles with the first answer `accept` takes (or a failure); then ends the worker. */
function askOwnWorker<T>(ask: (worker: Worker) => void, accept: (message: SqlResponse) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startSqlWorker();
    const done = (settle: () => void) => {
      worker.terminate();
      settle();
    };
    worker.onmessage = (event: MessageEvent<SqlResponse>) => {
      const message = event.data;
      const answer = accept(message);
      if (answer !== undefined) done(() => resolve(answer));
      else if (message.type === "failed") done(() => reject(new Error(message.message)));
    };
    worker.onerror = (event) => done(() => reject(new Error(event.message || "the SQL worker stopped")));
    ask(worker);
  });
}
