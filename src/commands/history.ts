import { resolve } from "node:path";
import type { Command } from "./command.js";
import { diffRuns, formatHistory, listRuns } from "../../analyzer/db/index.js";
import { openDatabaseFile } from "../io/database-file.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { visible } from "../../analyzer/report/visible-text.js";

const HISTORY_FORMATS = ["text", "json"] as const;

export const historyCommand: Command = {
  name: "history",
  summary: "show how the debt changed across runs recorded with lint --db",
  usage: `Usage: loopscope history <file.sqlite> [--from RUN] [--to RUN] [--format text|json]

Prints one line per run recorded with \`loopscope lint <paths> --db <file.sqlite>\`
(time, commit, counts by severity), then the findings introduced and fixed between two
runs, matched by fingerprint: by default the last two runs.

Options:
      --from <run>         the older run id to compare (default: the one before --to)
      --to <run>           the newer run id to compare (default: the last run)
  -f, --format <text|json> output format (default text)
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      format: { type: "string", short: "f" },
      from: { type: "string" },
      to: { type: "string" },
    });
    const format = oneOf("format", values.format, HISTORY_FORMATS, "text");
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError("give the database file written by `loopscope lint --db`");
    if (extra.length > 0) throw new UsageError(`expected one database file, got ${positionals.length}`);
    const db = await openDatabaseFile(resolve(io.cwd, file), { shown: file });
    try {
      const runs = readOrRefuse(file, () => listRuns(db));
      const ids = runs.map((r) => r.id);
      const to = runId("to", values.to, ids) ?? ids[ids.length - 1];
      const from = runId("from", values.from, ids) ?? (to === undefined ? undefined : ids.filter((id) => id < to).pop());
      // A diff reads forwards: --from 4 --to 3 listed run 3's fixes as introduced.
      if (from !== undefined && to !== undefined && from >= to) {
        throw new UsageError(values.to === undefined ? `--from ${from} is the last run: there is no later run to compare it with` : `--from ${from} must be an earlier run than --to ${to}`);
      }
      const diff = from !== undefined && to !== undefined ? readOrRefuse(file, () => diffRuns(db, from, to)) : undefined;
      if (format === "json") io.stdout(`${JSON.stringify({ runs, diff: diff ?? null }, null, 2)}\n`);
      else io.stdout(formatHistory(runs, diff));
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/**
 * A read of the history; SQLite refusing it (a table changed by hand) is the file's problem,
 * said as such, not an internal error.
 */
function readOrRefuse<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`cannot read the history in ${visible(file)}: SQLite says "${error instanceof Error ? error.message : String(error)}"`);
  }
}

function runId(flag: string, value: string | undefined, ids: readonly number[]): number | undefined {
  if (value === undefined) return undefined;
  // Run numbers as written in the history: "1.0", "0x4", " 1" and "1e0" were read as numbers.
  const id = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || !ids.includes(id)) {
    throw new UsageError(`--${flag} ${value}: no such run (runs: ${ids.length > 0 ? ids.join(", ") : "none"})`);
  }
  return id;
}
