import type { Command } from "./command.js";
import { diffRuns, formatHistory, listRuns } from "../../analyzer/db/index.js";
import { openDatabaseFile } from "../io/database-file.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { EXIT, UsageError } from "../exit-codes.js";

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
    const db = await openDatabaseFile(file);
    try {
      const runs = listRuns(db);
      const ids = runs.map((r) => r.id);
      const to = runId("to", values.to, ids) ?? ids[ids.length - 1];
      const from = runId("from", values.from, ids) ?? (to === undefined ? undefined : ids.filter((id) => id < to).pop());
      const diff = from !== undefined && to !== undefined ? diffRuns(db, from, to) : undefined;
      if (format === "json") io.stdout(`${JSON.stringify({ runs, diff: diff ?? null }, null, 2)}\n`);
      else io.stdout(formatHistory(runs, diff));
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function runId(flag: string, value: string | undefined, ids: readonly number[]): number | undefined {
  if (value === undefined) return undefined;
  const id = Number(value);
  if (!Number.isInteger(id) || !ids.includes(id)) {
    throw new UsageError(`--${flag} ${value}: no such run (runs: ${ids.length > 0 ? ids.join(", ") : "none"})`);
  }
  return id;
}
