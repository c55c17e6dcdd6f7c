import type { RunSummary } from "../../analyzer/db/index.js";
import { niceTicks } from "./chart-scale.js";

const SERIES = [
  { key: "errors", label: "error", className: "sql-bar-error" },
  { key: "warnings", label: "warning", className: "sql-bar-warning" },
  { key: "infos", label: "info", className: "sql-bar-info" },
] as const;

interface Props {
  runs: RunSummary[];
  selected: readonly number[];
  onSelectRun: (id: number) => void;
}

/**
 * Findings by severity per run as stacked bars (errors at the base, where the eye starts),
 * hand-written SVG: one <g> per run, one <rect> per severity, a y axis with round ticks.
 */
export function SeverityChart({ runs, selected, onSelectRun }: Props) {
  const width = Math.max(360, 60 + runs.length * 48);
  const height = 220;
  const plot = { left: 40, right: 10, top: 12, bottom: 40 };
  const innerH = height - plot.top - plot.bottom;
  const slot = (width - plot.left - plot.right) / Math.max(runs.length, 1);
  const barW = Math.min(36, slot * 0.7);
  const ticks = niceTicks(Math.max(0, ...runs.map((r) => r.errors + r.warnings + r.infos)));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => plot.top + innerH - (v / top) * innerH;
  const stop = selected.length > 0 ? Math.max(...selected) : runs[runs.length - 1]?.id;
  return (
    // Each run's bar is a button (Tab, then Enter or Space), so the figure needs no Tab stop of its
    // own to be scrolled sideways from the keyboard: a focused bar is scrolled into view.
    <figure className="sql-chart" aria-label="Findings by severity per run">
      <svg width={width} height={height} role="group" aria-label="Findings by severity per run" data-testid="history-chart">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={plot.left} x2={width - plot.right} y1={y(t)} y2={y(t)} className="sql-grid" />
            <text x={plot.left - 6} y={y(t) + 4} textAnchor="end" className="sql-axis">
              {t}
            </text>
          </g>
        ))}
        {runs.map((run, i) => {
          const x = plot.left + i * slot + (slot - barW) / 2;
          let base = 0;
          const isSelected = selected.includes(run.id);
          return (
            <g
              key={run.id}
              className={`sql-run-bar${isSelected ? " sql-run-selected" : ""}`}
              data-run={run.id}
              role="button"
              // One Tab stop for the chart (the newer run compared, else the last); the arrow keys go
              // from bar to bar: hundreds of runs were hundreds of Tab presses to get past it.
              tabIndex={run.id === stop ? 0 : -1}
              aria-label={`run ${run.id}, ${run.time}: ${run.errors} errors, ${run.warnings} warnings, ${run.infos} info${isSelected ? " (compared)" : ""}`}
              onClick={() => onSelectRun(run.id)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  onSelectRun(run.id);
                  return;
                }
                const to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: runs.length - 1 }[e.key];
                if (to === undefined) return;
                e.preventDefault();
                const bars = e.currentTarget.parentElement?.querySelectorAll<SVGGElement>("g[data-run]");
                bars?.[Math.max(0, Math.min(runs.length - 1, to))]?.focus();
              }}
            >
              <title>{`run ${run.id} · ${run.time}\n${run.errors} errors, ${run.warnings} warnings, ${run.infos} info`}</title>
              {SERIES.map((s) => {
                const value = run[s.key];
                const rect = <rect key={s.key} x={x} width={barW} y={y(base + value)} height={y(base) - y(base + value)} className={s.className} data-severity={s.label} data-count={value} />;
                base += value;
                return rect;
              })}
              <text x={x + barW / 2} y={y(base) - 3} textAnchor="middle" className="sql-axis">
                {base}
              </text>
              <text x={x + barW / 2} y={height - plot.bottom + 14} textAnchor="middle" className="sql-axis">
                #{run.id}
              </text>
              <text x={x + barW / 2} y={height - plot.bottom + 27} textAnchor="middle" className="sql-axis sql-axis-small">
                {run.time.slice(5, 10)}
              </text>
            </g>
          );
        })}
        <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.top + innerH} className="sql-axis-line" />
      </svg>
      <figcaption className="sql-legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" className={s.className} />
            </svg>{" "}
            {s.label}
          </span>
        ))}
        <span className="sql-note">click a bar (or Tab to the chart, arrows, Enter) to compare that run</span>
      </figcaption>
    </figure>
  );
}
