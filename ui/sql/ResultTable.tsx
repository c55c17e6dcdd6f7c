import { useMemo, useState } from "react";
import type { QueryResult } from "../../analyzer/db/index.js";
import { nextSort, sortRows, type SortState } from "./sort-rows.js";

interface Props {
  result: QueryResult;
  /** Index of the column whose cells name graph nodes, or -1. */
  nodeColumn: number;
  onSelectRow: (row: QueryResult["rows"][number]) => void;
  /** Whether a cell of the node column names a node of the estate (only those become buttons). */
  isNode: (cell: QueryResult["rows"][number][number]) => boolean;
  /** The worker's cap, named when a result was cut there. */
  maxRows: number;
}

/** Rows drawn at most: tens of thousands of table rows take the page seconds to lay out. */
export const SHOWN_ROWS = 1000;
const count = (n: number) => (n === 1 ? "1 row" : `${n.toLocaleString("en-US")} rows`);

function showCell(cell: QueryResult["rows"][number][number]): string {
  return cell === null ? "NULL" : cell instanceof Uint8Array ? `<${cell.length} bytes>` : String(cell);
}

/** Query results with click-to-sort headers; rows that name a node are clickable. */
export function ResultTable({ result, nodeColumn, onSelectRow, isNode, maxRows }: Props) {
  const [sort, setSort] = useState<SortState | null>(null);
  const shown = useMemo(() => sortRows(result.rows, sort).slice(0, SHOWN_ROWS), [result, sort]);
  if (result.columns.length === 0) return <p className="sql-note">The statement returned no result set.</p>;
  return (
    <div className="sql-result-scroll">
      <table className="sql-result" data-testid="sql-result">
        <thead>
          <tr>
            {result.columns.map((column, i) => (
              <th key={i} aria-sort={sort?.column === i ? (sort.descending ? "descending" : "ascending") : "none"}>
                <button type="button" className="sql-sort" onClick={() => setSort(nextSort(sort, i))}>
                  {column}
                  {sort?.column === i ? (sort.descending ? " ▼" : " ▲") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            // A click anywhere on the row selects its node; keyboards and screen readers get the
            // node's cell as a button (a focusable row would be announced as a row, not as an action).
            <tr key={r} className={nodeColumn >= 0 ? "sql-row-link" : undefined} onClick={nodeColumn >= 0 ? () => onSelectRow(row) : undefined}>
              {row.map((cell, c) => (
                <td key={c} className={c === nodeColumn ? "sql-node-cell" : cell === null ? "sql-null" : undefined}>
                  {c === nodeColumn && isNode(cell) ? (
                    <button
                      type="button"
                      className="link sql-node-link"
                      title="Show this node on the graph"
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelectRow(row);
                      }}
                    >
                      {String(cell)}
                    </button>
                  ) : (
                    showCell(cell)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sql-note" data-testid="sql-row-count">
        {result.truncated
          ? `The query has more than ${count(maxRows)}; the first ${count(maxRows)} are kept${result.rows.length > shown.length ? `, ${count(shown.length)} shown` : ""}. Add a LIMIT, or run \`loopscope query\` on a saved workspace for every row.`
          : result.rows.length > shown.length
            ? `${count(result.rows.length)}, the first ${count(shown.length)} shown (sorting and Export CSV use all of them).`
            : count(result.rows.length)}
      </p>
    </div>
  );
}
