import { useMemo, useState } from "react";
import type { QueryResult } from "../../analyzer/db/index.js";
import { nextSort, sortRows, type SortState } from "./sort-rows.js";

interface Props {
  result: QueryResult;
  /** Index of the column whose cells name graph nodes, or -1. */
  nodeColumn: number;
  onSelectRow: (row: QueryResult["rows"][number]) => void;
  /** The worker's cap, named when a result was cut there. */
  maxRows: number;
}

/** Rows drawn at most: tens of thousands of table rows take the page seconds to lay out. */
export const SHOWN_ROWS = 1000;
const count = (n: number) => (n === 1 ? "1 row" : `${n.toLocaleString("en-US")} rows`);

/** Query results with click-to-sort headers; rows that name a node are clickable. */
export function ResultTable({ result, nodeColumn, onSelectRow, maxRows }: Props) {
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
            <tr
              key={r}
              className={nodeColumn >= 0 ? "sql-row-link" : undefined}
              onClick={nodeColumn >= 0 ? () => onSelectRow(row) : undefined}
              // Reachable by Tab and opened with Enter, as a link is: a row that selects its node.
              tabIndex={nodeColumn >= 0 ? 0 : undefined}
              onKeyDown={nodeColumn >= 0 ? (e) => e.key === "Enter" && onSelectRow(row) : undefined}
            >
              {row.map((cell, c) => (
                <td key={c} className={c === nodeColumn ? "sql-node-cell" : cell === null ? "sql-null" : undefined}>
                  {cell === null ? "NULL" : cell instanceof Uint8Array ? `<${cell.length} bytes>` : String(cell)}
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
