import type { QueryValue } from "../../analyzer/db/index.js";

export interface SortState {
  column: number;
  descending: boolean;
}

/**
 * Sorts result rows by one column without touching the input: NULLs last, numbers
 * numerically, everything else as text with numeric-aware collation ("run 2" < "run 10").
 */
export function sortRows(rows: readonly QueryValue[][], sort: SortState | null): QueryValue[][] {
  if (!sort) return [...rows];
  const direction = sort.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[sort.column] ?? null;
      const y = b.row[sort.column] ?? null;
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      const order = isNumeric(x) && isNumeric(y) ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), "en", { numeric: true });
      return order !== 0 ? order * direction : a.index - b.index;
    })
    .map(({ row }) => row);
}

/** A number or an integer past 2^53 (which compare with each other exactly). */
function isNumeric(value: QueryValue): value is number | bigint {
  return typeof value === "number" || typeof value === "bigint";
}

/** Header click: first click sorts ascending, second descending, third restores query order. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
