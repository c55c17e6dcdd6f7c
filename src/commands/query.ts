import { resolve } from "node:path";
import type { QueryValue } from "../../analyzer/db/index.js";
import type { Command } from "./command.js";
import { blobHex, csvLine, formatTable } from "../../analyzer/db/index.js";
import { MAX_TIMEOUT_S, runQueryOnThread } from "../io/query-on-thread.js";
import { MAX_VALUE_CHARS } from "../io/query-value-limit.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";

const QUERY_FORMATS = ["table", "json", "csv"] as const;
type QueryFormat = (typeof QUERY_FORMATS)[number];

/** A table is read by a person and needs every row for its column widths: this many at most. */
export const TABLE_MAX_ROWS = 10_000;
const DEFAULT_TIMEOUT_S = 60;
/** A table cell shows at most this many characters: 10,000 rows of 100 KB made a table longer than V8's longest string. */
export const TABLE_MAX_CELL = 1_000;

export const queryCommand: Command = {
  name: "query",
  summary: "run read-only SQL on a Loopscope database (from lint --db)",
  usage: `Usage: loopscope query <file.sqlite> "<SQL>" [--format table|json|csv] [--timeout <seconds>]

Runs SQL against a database written by \`loopscope lint --db\` and prints the result of
the last statement. The database is opened read-only: statements that would change it
fail. Tables and columns are documented in docs/database.md.

Options:
  -f, --format <table|json|csv>  table (default, at most ${TABLE_MAX_ROWS.toLocaleString("en-US")} rows, values cut at
                                 ${TABLE_MAX_CELL.toLocaleString("en-US")} characters), a JSON array of objects, or CSV
                                 (both streamed: every row, in bounded memory; a value over
                                 32 Mi characters, or a BLOB over 16 MiB, is refused)
  -t, --timeout <seconds>        stop a query that runs longer (default ${DEFAULT_TIMEOUT_S}; 0 for no limit;
                                 at most ${MAX_TIMEOUT_S.toLocaleString("en-US")})

Example:
  loopscope query estate.sqlite "SELECT id, owner FROM nodes WHERE kind = 'model'"
`,
  async run(args, io) {
    // SQL that opens with a comment ("-- Trend\nSELECT …", as docs/database.md writes its
    // examples) was read as an unknown option. No option has a space or line break in it.
    const sqlArgs = new Map<string, string>();
    const flagArgs = args.map((arg, i) => {
      if (!arg.startsWith("-") || !/\s/.test(arg)) return arg;
      const token = `\u0000sql-${i}`;
      sqlArgs.set(token, arg);
      return token;
    });
    const parsed = parseFlags(flagArgs, { format: { type: "string", short: "f" }, timeout: { type: "string", short: "t" } });
    const values = parsed.values;
    const positionals = parsed.positionals.map((arg) => sqlArgs.get(arg) ?? arg);
    const format = oneOf("format", values.format, QUERY_FORMATS, "table");
    const timeout = timeoutSeconds(values.timeout);
    const [file, sql, ...extra] = positionals;
    if (file === undefined || sql === undefined) throw new UsageError('give a database file and one SQL string (e.g. `loopscope query estate.sqlite "SELECT * FROM runs"`)');
    if (extra.length > 0) throw new UsageError(`expected one SQL string, got ${positionals.length - 1} arguments (quote the SQL)`);
    const output = resultWriter(format, io.stdout, io.stderr, () => io.stdoutDrained?.());
    // Relative to the command's folder, as every other path (an embedder's cwd is not the process's).
    await runQueryOnThread({ file: resolve(io.cwd, file), shown: file, sql, maxRows: format === "table" ? TABLE_MAX_ROWS : Number.POSITIVE_INFINITY, maxValueChars: format === "table" ? Number.POSITIVE_INFINITY : MAX_VALUE_CHARS, timeoutMs: timeout * 1000, ...output });
    return EXIT.ok;
  },
};

/** `--timeout` in seconds: a plain number from 0 (no limit) to what a Node timer can wait. */
function timeoutSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_S;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds)) {
    throw new UsageError(`--timeout must be a number of seconds, 0 for no limit (got "${value}")`);
  }
  // A longer delay overflows setTimeout, which then fires at once: every query would stop.
  if (seconds > MAX_TIMEOUT_S) {
    throw new UsageError(`--timeout must be at most ${MAX_TIMEOUT_S.toLocaleString("en-US")} seconds (about 24 days), 0 for no limit (got "${value}")`);
  }
  return seconds;
}

/** Column names as distinct JSON keys: a repeated name gets `_2`, `_3`… (past any name already taken). */
export function uniqueKeys(names: string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}_${n}`) || seen.has(`${name}_${n}`)) n++;
    const key = `${name}_${n}`;
    seen.add(key);
    return key;
  });
}

/**
 * One row as the JSON object `JSON.stringify(object, null, 2)` gives, indented by two more
 * spaces, except that an integer past 2^53 is written with all its digits (JSON.stringify
 * refuses a bigint, and as a number it would be rounded) and an infinite REAL as 1e999.
 */
function jsonObject(columns: readonly string[], row: readonly QueryValue[]): string {
  if (columns.length === 0) return "{}";
  const fields = columns.map((column, i) => `    ${JSON.stringify(column)}: ${jsonValue(row[i] ?? null)}`);
  return `{\n${fields.join(",\n")}\n  }`;
}

function jsonValue(value: QueryValue): string {
  if (typeof value === "bigint") return String(value);
  // SQLite's infinite REALs (9e999): JSON.stringify writes null, which reads as SQL NULL. 1e999
  // is valid JSON that parsers read back as infinity, as CSV and the table say "Infinity".
  if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) return value > 0 ? "1e999" : "-1e999";
  return JSON.stringify(value instanceof Uint8Array ? blobHex(value) : value);
}

/**
 * What each format does with the rows as they come. JSON and CSV write each batch at once
 * (the same bytes as one `JSON.stringify(rows, null, 2)` or one CSV text); a table waits for
 * its rows, which the thread caps, and says on stderr when there were more.
 */
function resultWriter(format: QueryFormat, stdout: (text: string) => void, stderr: (text: string) => void, drained: () => Promise<void> | undefined) {
  let columns: string[] = [];
  const onColumns = (names: string[]) => {
    // JSON keys must differ: `SELECT f.file, n.file` kept only the last `file` (CSV and the table
    // show the names as SQLite gives them).
    columns = format === "json" ? uniqueKeys(names) : names;
    if (format === "csv") stdout(`${csvLine(names)}\n`);
  };
  if (format === "csv") {
    const onRows = (rows: QueryValue[][]) => {
      stdout(rows.map((row) => `${csvLine(row)}\n`).join(""));
      return drained();
    };
    return { onColumns, onRows, onEnd: () => undefined };
  }
  if (format === "json") {
    let written = 0;
    const onRows = (rows: QueryValue[][]) => {
      let text = "";
      for (const row of rows) text += `${written++ === 0 ? "[\n" : ",\n"}  ${jsonObject(columns, row)}`;
      stdout(text);
      return drained();
    };
    return { onColumns, onRows, onEnd: () => stdout(written === 0 ? "[]\n" : "\n]\n") };
  }
  const rows: QueryValue[][] = [];
  return {
    onColumns,
    onRows: (batch: QueryValue[][]) => void rows.push(...batch),
    onEnd: (truncated: boolean) => {
      stdout(columns.length === 0 ? "(no result set)\n" : formatTable(columns, rows, TABLE_MAX_CELL));
      if (rows.some((row) => row.some((value) => typeof value === "string" && value.length > TABLE_MAX_CELL))) {
        stderr(`loopscope query: values longer than ${TABLE_MAX_CELL.toLocaleString("en-US")} characters are cut in the table (…); use --format csv or json for whole values\n`);
      }
      if (truncated) stderr(`loopscope query: only the first ${TABLE_MAX_ROWS.toLocaleString("en-US")} rows are shown; add a LIMIT, or use --format csv or json for every row\n`);
    },
  };
}
