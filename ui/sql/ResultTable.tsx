import { useMemo, useState } from "react";
import type { QueryResult } from "../../analyzer/db/index.js";
import { nextSort, sortRows, type SortState } from "./sort-rows.js";

interface Props {
  result: QueryResult;
  /** Index of the column whose cells name graph nodes, or -1. */
  nodeColumn: number;
  onSelectRow: (row: QueryResult["rows"][number]) => void;
}

/** Query results with click-to-sort headers; rows that name a node are clickable. */
export function ResultTable({ result, nodeColumn, onSelectRow }: Props) {
  const [sort, setSort] = useState<SortState | null>(null);
  const sorted = useMemo(() => sortRows(result.rows, sort), [result, sort]);
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
          {sorted.map((row, r) => (
            <tr key={r} className={nodeColumn >= 0 ? "sql-row-link" : undefined} onClick={nodeColumn >= 0 ? () => onSelectRow(row) : undefined}>
              {row.map((cell, c) => (
                <td key={c} className={c === nodeColumn ? "sql-node-cell" : cell === null ? "sql-null" : undefined}>
                  {cell === null ? "NULL" : cell instanceof Uint8Array ? `<${cell.length} bytes>` : String(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sql-note">{result.rows.length === 1 ? "1 row" : `${result.rows.length} rows`}</p>
    </div>
  );
}
