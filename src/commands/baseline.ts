import { existsSync } from "node:fs";
import { writeChunksAtomic } from "../io/atomic-write.js";
import { resolve } from "node:path";
import type { Command, CommandIO } from "./command.js";
import { createBaseline, serializeBaseline } from "../../analyzer/engine/baseline.js";
import { parseFlags } from "../io/parse-flags.js";
import { analyzePaths, noManifestsError } from "../io/analyze-paths.js";
import { commandProgress } from "../io/progress.js";
import { lintWithLineage } from "../io/lint-lineage.js";
import { parseBaselineText, readBaselineText } from "../io/load-baseline.js";
import type { Baseline } from "../../analyzer/schema/baseline.js";
import { visible } from "../../analyzer/report/visible-text.js";
import { plural } from "../../analyzer/report/plural.js";
import { EXIT, UsageError } from "../exit-codes.js";

export const baselineCommand: Command = {
  name: "baseline",
  summary: "record today's findings so lint fails only on new ones",
  usage: `Usage: loopscope baseline <paths...> [-o FILE] [--prune] [--config FILE] [--lineage DIR|FILE] [--no-progress]

Writes a baseline of every finding that is not acknowledged: JSON, sorted by rule and
models, one entry per finding with its rule, models, fingerprint and an empty "reason"
for you to fill in. Then \`loopscope lint <paths> --baseline FILE\` fails only on findings
whose fingerprint is not in it. Rewriting an existing FILE keeps the reasons of the
entries that are still present and drops the stale ones.

Options:
  -o, --output <FILE>   write the baseline here (default: print it)
      --prune           only drop the stale entries of FILE: findings not in it stay out, so
                        new debt is not taken in with the fixed debt's removal (needs -o FILE)
      --config <FILE>   config file (default: loopscope.config.yaml|.yml|.json, searched upward)
      --lineage <DIR|FILE>
                        OpenLineage run events, as \`lint --lineage\` reads them: their findings
                        are recorded too (repeatable). Give the same events to lint.
      --no-progress     never draw the progress line that long runs show on a terminal's
                        stderr (drawn only with -o, never in CI)
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      output: { type: "string", short: "o" },
      config: { type: "string" },
      lineage: { type: "string", multiple: true },
      "no-progress": { type: "boolean" },
      prune: { type: "boolean" },
    });
    const prune = values.prune === true;
    if (prune && (values.output === undefined || !existsSync(resolve(io.cwd, values.output)))) {
      throw new UsageError(values.output === undefined ? "--prune needs -o FILE, the baseline to prune" : `--prune: ${visible(values.output)} does not exist; there is no baseline to prune (leave out --prune to record one)`);
    }
    if (positionals.length === 0) throw new UsageError("give at least one file or folder (e.g. `loopscope baseline manifests/ -o loopscope-baseline.json`)");
    // The baseline is JSON: a progress line only when it goes to a file.
    const lineage = values.lineage ?? [];
    const analysis = await analyzePaths(positionals, io.cwd, values.config, commandProgress(io, values["no-progress"] === true || values.output === undefined), [values.output, ...lineage, io.stdoutFile]);
    if (analysis.report.summary.files === 0) throw noManifestsError(positionals, analysis, io.cwd, io.stderr);
    // Runtime findings too: without them \`lint --lineage --baseline\` reported each one as new on every run.
    const report = lineage.length > 0 ? lintWithLineage(analysis.report, analysis, lineage, io) : analysis.report;
    const output = values.output;
    // Pruning keeps a baseline's entries, so it must read: unlike a rewrite, it cannot start over.
    const previous = prune ? baselineToPrune(io, output!) : output !== undefined && existsSync(resolve(io.cwd, output)) ? previousBaseline(io, output) : undefined;
    const baseline = createBaseline(report, previous, { prune });
    const text = serializeBaseline(baseline);
    if (output === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    // Atomic and durable: a full disk half way must not cost the old baseline and its reasons.
    writeChunksAtomic(resolve(io.cwd, output), [text], { shown: output, durable: true });
    const kept = previous ? baseline.entries.filter((entry) => entry.reason !== "").length : 0;
    const recorded = new Set(baseline.entries.map((entry) => entry.fingerprint));
    const dropped = previous ? previous.entries.filter((entry) => !recorded.has(entry.fingerprint)).length : 0;
    const leftOut = prune ? new Set(report.findings.filter((f) => !f.acknowledged && !recorded.has(f.fingerprint)).map((f) => f.fingerprint)).size : 0;
    const details = previous ? ` (${plural(kept, "reason")} kept, ${plural(dropped, "stale entry", "stale entries")} dropped${prune ? `, ${plural(leftOut, "finding")} not in it left out` : ""})` : "";
    io.stderr(`wrote ${visible(output)}: ${plural(baseline.entries.length, "entry", "entries")}${details}\n`);
    return EXIT.ok;
  },
};

/** The baseline `--prune` keeps entries of: one that does not parse is an error (exit 2), not started over. */
function baselineToPrune(io: CommandIO, output: string): Baseline {
  const { text, label } = readBaselineText(io.cwd, output);
  return parseBaselineText(text, label);
}

/**
 * The baseline being rewritten, whose reasons are kept. Text that does not parse (a merge's
 * conflict markers, a hand edit gone wrong) is what regenerating repairs: its first problem
 * is a warning and the new baseline is written without reasons. A file that cannot be read
 * at all (a folder, a FIFO) stays an error.
 */
function previousBaseline(io: CommandIO, output: string): Baseline | undefined {
  const { text, label } = readBaselineText(io.cwd, output);
  try {
    return parseBaselineText(text, label);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const [first, ...more] = error.message.split("\n");
    const others = more.length > 0 ? ` (and ${plural(more.length, "more problem")})` : "";
    io.stderr(`loopscope baseline: warning: ${visible(first ?? "")}${others}; the old baseline's reasons cannot be kept, a new one is written\n`);
    return undefined;
  }
}
