import { useCallback, useRef, useState, type ReactNode } from "react";
import type { Notice, Report } from "../../analyzer/types.js";
import type { AnalysisStatus } from "../worker/use-analysis.js";
import { plural } from "../../analyzer/report/plural.js";
import { Spinner } from "./Spinner.js";
import { useDismiss, useFocusBack } from "./use-dismiss.js";
import { readable } from "./readable-text.js";

const PROBLEMS_PAGE = 200;

interface Props {
  status: AnalysisStatus;
  report: Report | undefined;
  notices: Notice[];
  millis: number | undefined;
  files: number;
  onCancel: () => void;
  /** Why the last pick or drop changed nothing. */
  note?: string | null;
  /** Controls at the bar's right end (the Keys menu). */
  children?: ReactNode;
}

/** Progress and cancel while analysing; afterwards counts, timing, and the files with problems. */
export function StatusBar({ status, report, notices, millis, files, onCancel, note, children }: Props) {
  const [open, setOpen] = useState(false);
  // Drawn a page at a time: 10,000 invalid files drawn at once held the page for 1.3-2.5 s.
  const [limit, setLimit] = useState(PROBLEMS_PAGE);
  const list = useRef<HTMLDivElement>(null);
  // Not closed by a press outside: the list is read while the findings beside it are clicked.
  const toggle = useRef<HTMLButtonElement>(null);
  useDismiss(list, open, useCallback(() => setOpen(false), []), { outside: false, opener: toggle });
  useFocusBack(open, toggle, list);
  const problems = report ? report.findings.filter((f) => f.rule === "invalid-manifest") : [];
  const allNotices = [...notices, ...(report?.notices ?? [])];
  return (
    <footer className="statusbar" data-testid="statusbar">
      {status.state === "running" && (
        <span className="progress">
          <Spinner /> Analysing {status.files} files{status.progress ? ` · ${status.progress.stage} ${status.progress.total > 1 ? `${status.progress.done}/${status.progress.total}` : ""}` : ""}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </span>
      )}
      {status.state === "cancelled" && <span className="warn">Analysis cancelled.</span>}
      {note && (
        <span className="warn" role="status" data-testid="load-note">
          {note}
        </span>
      )}
      {status.state === "failed" && <span className="error">Analysis failed: {readable(status.message)}</span>}
      {report && status.state !== "running" && (
        <span>
          {plural(files, "file")} · {plural(report.summary.models, "model")} · {plural(report.summary.bySeverity.error, "error")} · {plural(report.summary.bySeverity.warning, "warning")} · {report.summary.bySeverity.info} info
          {report.summary.acknowledged ? ` · ${report.summary.acknowledged} acknowledged` : ""}
          {millis !== undefined ? ` · analysed in ${millis} ms` : ""}
        </span>
      )}
      {(problems.length > 0 || allNotices.length > 0) && (
        <button ref={toggle} type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
          {problems.length} invalid · {allNotices.length} notices {open ? "▾" : "▸"}
        </button>
      )}
      <span className="privacy">Everything runs in this browser; nothing is uploaded.</span>
      {children}
      {open && (
        <div ref={list} className="problems" data-testid="problems">
          {problems.slice(0, limit).map((f) => (
            <div key={f.fingerprint} className="problem error">
              <code>{f.locations[0] ? `${readable(f.locations[0].file)}:${f.locations[0].line}:${f.locations[0].column}` : ""}</code> {readable(f.message)}
            </div>
          ))}
          {allNotices.slice(0, Math.max(0, limit - problems.length)).map((n, i) => (
            <div key={i} className="problem">
              <code>{n.file ? `${readable(n.file)}${n.line ? `:${n.line}:${n.column ?? 1}` : ""}` : ""}</code> {readable(n.message)}
            </div>
          ))}
          {problems.length + allNotices.length > limit && (
            <button type="button" className="link" onClick={() => setLimit(limit + PROBLEMS_PAGE)}>
              Show {Math.min(PROBLEMS_PAGE, problems.length + allNotices.length - limit).toLocaleString("en-US")} more of {(problems.length + allNotices.length - limit).toLocaleString("en-US")}
            </button>
          )}
        </div>
      )}
    </footer>
  );
}
