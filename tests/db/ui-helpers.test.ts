import { describe, expect, test } from "vitest";
import { nextSort, sortRows } from "../../ui/sql/sort-rows.js";
import { niceTicks } from "../../ui/sql/chart-scale.js";
import { toCsv, formatTable } from "../../analyzer/db/index.js";
import { terminalWidth } from "../../analyzer/report/terminal-width.js";

describe("result table sorting", () => {
  const rows = [
    ["run 10", 3, null],
    ["run 2", 10, "b"],
    ["run 1", 3, "a"],
  ];
  test("numbers numerically, text with numeric collation, NULLs last, ties keep query order", () => {
    expect(sortRows(rows, { column: 1, descending: false }).map((r) => r[0])).toEqual(["run 10", "run 1", "run 2"]);
    expect(sortRows(rows, { column: 1, descending: true }).map((r) => r[0])).toEqual(["run 2", "run 10", "run 1"]);
    expect(sortRows(rows, { column: 0, descending: false }).map((r) => r[0])).toEqual(["run 1", "run 2", "run 10"]);
    expect(sortRows(rows, { column: 2, descending: true }).map((r) => r[2])).toEqual(["b", "a", null]);
    expect(sortRows(rows, null)).toEqual(rows);
  });
  test("integers past 2^53 (bigint) sort by value among numbers, not as text", () => {
    const big = [[-9223372036854775808n], [-1], [9007199254740993n], [9007199254740992]];
    expect(sortRows(big, { column: 0, descending: false }).map((r) => r[0])).toEqual([-9223372036854775808n, -1, 9007199254740992, 9007199254740993n]);
  });
  test("header clicks cycle ascending → descending → query order", () => {
    const first = nextSort(null, 2);
    expect(first).toEqual({ column: 2, descending: false });
    expect(nextSort(first, 2)).toEqual({ column: 2, descending: true });
    expect(nextSort({ column: 2, descending: true }, 2)).toBeNull();
    expect(nextSort({ column: 2, descending: true }, 0)).toEqual({ column: 0, descending: false });
  });
});

describe("chart axis", () => {
  test("round ticks from zero that cover the largest bar", () => {
    expect(niceTicks(6)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [1, 3, 9, 17, 999, 12345]) expect(niceTicks(max).at(-1)).toBeGreaterThanOrEqual(max);
  });
});

describe("CSV export and text tables", () => {
  test("CSV quotes commas, quotes and line breaks; NULL is empty", () => {
    expect(toCsv({ columns: ["a", "b"], rows: [["x,y", 'say "hi"'], [null, "two\nlines"]] })).toBe('a,b\r\n"x,y","say ""hi"""\r\n,"two\nlines"\r\n');
    // The console's CSV download keeps a BLOB's bytes, as hex, as `loopscope query -f csv` does.
    expect(toCsv({ columns: ["b"], rows: [[new Uint8Array([0, 255, 44])]] })).toBe("b\r\n00FF2C\r\n");
  });
  test("text tables right-align number columns", () => {
    expect(formatTable(["name", "n"], [["a", 1], ["bbb", 22]])).toBe("name   n\n----  --\na      1\nbbb   22\n");
  });
  test("terminal widths: emoji as emoji two columns, sequences as one, narrow symbols one, marks and format characters none", () => {
    const widths = ["a", "推", "🚲", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🇺🇸", "1️⃣", "©", "✔", "❤", "❤️", "e\u0301", "\u00ad", "\u200b", "Ａ", "ｱ"].map(terminalWidth);
    expect(widths).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 0, 0, 2, 1]);
  });
  test("text tables line up CJK names and emoji, which a terminal draws two columns wide, and accents, which take none", () => {
    const table = formatTable(["owner", "n"], [["推荐团队", 1], ["🚲 bikes", 2], ["cafe\u0301", 3], ["ops", 4]]);
    expect(table).toBe("owner     n\n--------  -\n推荐团队  1\n🚲 bikes  2\ncafe\u0301      3\nops       4\n");
  });
});
