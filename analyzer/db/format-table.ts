import type { QueryValue } from "./run-query.js";
import { visible } from "../report/visible-text.js";
import { terminalWidth } from "../report/terminal-width.js";

/**
 * A plain-text table: header, dashes, rows; numbers right-aligned; NULL shown as NULL; line
 * breaks as ⏎ and other control characters as escapes; text longer than `maxCell` characters
 * cut with "…" (whoever calls says so).
 */
export function formatTable(columns: readonly string[], rows: readonly QueryValue[][], maxCell = Number.POSITIVE_INFINITY): string {
  const cut = (text: string) => {
    if (text.length <= maxCell) return text;
    // Never half an emoji: a high surrogate at the cut goes with its pair.
    const end = isHighSurrogate(text.charCodeAt(maxCell - 2)) ? maxCell - 2 : maxCell - 1;
    return `${text.slice(0, end)}…`;
  };
  const cell = (value: QueryValue | undefined): string =>
    value === null || value === undefined ? "NULL" : value instanceof Uint8Array ? `<${value.length} bytes>` : visible(cut(String(value)).replace(/\r?\n/g, "⏎"));
  // Column names come from the SQL or from a shared database's own views: escaped like cells.
  const heads = columns.map((c) => visible(c.replace(/\r?\n/g, "⏎")));
  const cells = rows.map((row) => columns.map((_c, i) => cell(row[i])));
  const numeric = columns.map((_c, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || typeof row[i] === "bigint" || row[i] === null));
  // Columns as a terminal draws them: a CJK name or an emoji takes two.
  const widths = heads.map((c, i) => Math.max(terminalWidth(c), ...cells.map((row) => terminalWidth(row[i] ?? ""))));
  const pad = (v: string, i: number) => " ".repeat(Math.max(0, (widths[i] ?? 0) - terminalWidth(v)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (numeric[i] ? pad(v, i) + v : v + pad(v, i)))
      .join("  ")
      .trimEnd();
  return [line(heads), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
