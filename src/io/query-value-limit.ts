import type { QueryValue } from "../../analyzer/db/index.js";

/**
 * The longest value `query` writes, as text (a BLOB is written as hex, two characters a byte).
 * A 100 MB `zeroblob` took 3.8 GB to write as JSON and a 300 MB one ran Node out of memory;
 * past this a value is refused with its row and column, not cut (a cut value would read as whole).
 */
export const MAX_VALUE_CHARS = 32 * 1024 * 1024;

export class ValueTooLarge extends Error {}

/** Throws ValueTooLarge for the first value of `values` longer than `max` characters once written (a table cuts values instead: no limit). */
export function checkValueSizes(values: readonly QueryValue[], columns: readonly string[], row: number, max = MAX_VALUE_CHARS): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const chars = typeof value === "string" ? value.length : value instanceof Uint8Array ? value.length * 2 : 0;
    if (chars <= max) continue;
    const size = typeof value === "string" ? `${value.length.toLocaleString("en-US")} characters` : `${(value as Uint8Array).length.toLocaleString("en-US")} bytes`;
    throw new ValueTooLarge(
      `row ${row.toLocaleString("en-US")}, column "${columns[i] ?? i + 1}": a value of ${size} is more than query writes (${MAX_VALUE_CHARS / 1024 / 1024} Mi characters of text or hex); select part of it instead, e.g. substr(column, 1, 1000) or length(column)`,
    );
  }
}
