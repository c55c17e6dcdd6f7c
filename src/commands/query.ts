import type { Command } from "./command.js";
import { formatTable, runReadOnlyQuery, toCsv } from "../../analyzer/db/index.js";
import { openDatabaseFile } from "../io/database-file.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";

const QUERY_FORMATS = ["table", "json", "csv"] as const;

export const queryCommand: Command = {
  name: "query",
  summary: "run read-only SQL on a Loopscope database (from lint --db)",
  usage: `Usage: loopscope query <file.sqlite> "<SQL>" [--format table|json|csv]

Runs SQL against a database written by \`loopscope lint --db\` and prints the result of
the last statement. The database is opened read-only: statements that would change it
fail. Tables and columns are documented in docs/database.md.

Options:
  -f, --format <table|json|csv>  table (default), a JSON array of objects, or CSV

Example:
  loopscope query estate.sqlite "SELECT id, owner FROM nodes WHERE kind = 'model'"
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { format: { type: "string", short: "f" } });
    const format = oneOf("format", values.format, QUERY_FORMATS, "table");
    const [file, sql, ...extra] = positionals;
    if (file === undefined || sql === undefined) throw new UsageError('give a database file and one SQL string (e.g. `loopscope query estate.sqlite "SELECT * FROM runs"`)');
    if (extra.length > 0) throw new UsageError(`expected one SQL string, got ${positionals.length - 1} arguments (quote the SQL)`);
    const db = await openDatabaseFile(file);
    try {
      let result;
      try {
        result = runReadOnlyQuery(db, sql);
      } catch (error) {
        throw new UsageError(`SQL error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (format === "csv") io.stdout(toCsv(result, "\n"));
      else if (format === "json") {
        const objects = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i] instanceof Uint8Array ? Array.from(row[i] as Uint8Array) : row[i]])));
        io.stdout(`${JSON.stringify(objects, null, 2)}\n`);
      } else if (result.columns.length === 0) io.stdout("(no result set)\n");
      else io.stdout(formatTable(result.columns, result.rows));
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
