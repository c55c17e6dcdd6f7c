import type { Command } from "./command.js";
import { REPORTERS, type Reporter, type ReportFormat } from "../../analyzer/report/index.js";
import { reportJsonBytes } from "../../analyzer/report/json.js";
import { SARIF_LIMITS, sarifParts } from "../../analyzer/report/sarif.js";
import { failingFindings, FAIL_ON_LEVELS, type FailOn } from "../../analyzer/engine/fail-on.js";
import { RULES } from "../../analyzer/rules/index.js";
import { applyBaseline, formatBaselineComparison, type BaselineComparison } from "../../analyzer/engine/baseline.js";
import { ruleSettings } from "../../analyzer/engine/settings.js";
import { analyzePaths, noManifestsError } from "../io/analyze-paths.js";
import { commandProgress } from "../io/progress.js";
import { loadBaseline } from "../io/load-baseline.js";
import { writeOutput } from "../io/write-output.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { useColor } from "../io/color.js";
import { openLintDatabase, recordLintRun } from "../io/record-lint-run.js";
import { shellWords } from "../io/shell-words.js";
import { repositoryPrefix } from "../io/repository-root.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { lintWithLineage } from "../io/lint-lineage.js";
import { visible } from "../../analyzer/report/visible-text.js";
import { plural } from "../../analyzer/report/plural.js";

const LINT_FORMATS = ["text", "json", "sarif", "markdown", "junit"] as const satisfies readonly ReportFormat[];

export const lintCommand: Command = {
  name: "lint",
  summary: "check manifests for feedback loops and other ML debt",
  usage: `Usage: loopscope lint <paths...> [options]

Reads every .yaml/.yml/.json manifest under the given files and folders (files whose
first document's apiVersion is not loopscope/... are skipped with a notice; another
loopscope/ version, such as loopscope/v2, is read and reported as invalid).

Options:
  -f, --format <text|json|sarif|markdown|junit>
                                      output format (default text)
  -o, --output <FILE>                 write the report to FILE instead of printing it
      --fail-on <error|warning|info|never>
                                      exit 1 when an unacknowledged finding is at or above
                                      this severity (default: the config's failOn, else error)
      --config <FILE>                 config file (default: loopscope.config.yaml|.yml|.json
                                      in this folder or the nearest one above)
      --baseline <FILE>               fail only on findings not recorded in FILE
                                      (written by \`loopscope baseline\`)
      --strict-baseline               also fail when baseline entries are stale
      --db <FILE>                     also record this run in the SQLite file FILE (created
                                      when absent): \`loopscope history\` and \`query\` read it
      --lineage <DIR|FILE>            OpenLineage run events (JSON, NDJSON) as evidence:
                                      reads no manifest declares, declared consumers never
                                      observed, datasets no manifest mentions; repeatable
      --color                         colour the text report even when stdout is not a terminal
      --no-color                      never colour the output (NO_COLOR is honoured too)
      --no-progress                   never draw the progress line (LOOPSCOPE_NO_PROGRESS=1 too)

On a terminal, a run longer than half a second shows a progress line on stderr, cleared
before the report. It is never drawn when stderr is not a terminal, in CI (CI set), or
when a machine-readable report (--format other than text) goes to stdout; with
--output FILE any format shows it.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or stale baseline
entries with --strict-baseline), 2 usage or I/O error. The reports' marks (✖ ⚠ ✔, ❌ ⚠️ ✅)
say the same: ✖ fails, ⚠ findings that do not fail, ✔ none.
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      format: { type: "string", short: "f" },
      "fail-on": { type: "string" },
      "no-color": { type: "boolean" },
      color: { type: "boolean" },
      "no-progress": { type: "boolean" },
      output: { type: "string", short: "o" },
      config: { type: "string" },
      baseline: { type: "string" },
      "strict-baseline": { type: "boolean" },
      db: { type: "string" },
      lineage: { type: "string", multiple: true },
    });
    const format = oneOf("format", values.format, LINT_FORMATS, "text");
    if (positionals.length === 0) throw new UsageError("give at least one file or folder to lint (e.g. `loopscope lint manifests/`)");
    if (values["strict-baseline"] && values.baseline === undefined) throw new UsageError("--strict-baseline needs --baseline FILE");
    const baselineFile = values.baseline === undefined ? undefined : loadBaseline(io.cwd, values.baseline);
    // A progress line on a terminal, never beside a machine-readable report on stdout
    // (a terminal showing both would interleave them); a report written to a file leaves stderr free.
    const quiet = values["no-progress"] === true || (format !== "text" && values.output === undefined);
    // The report, baseline and lineage files are never manifests, even inside the linted folder.
    const analysis = await analyzePaths(positionals, io.cwd, values.config, commandProgress(io, quiet), [values.output, values.baseline, ...[values.lineage ?? []].flat(), io.stdoutFile]);
    // Nothing was analysed: a usage error, with no report (an empty one would read as a clean estate).
    if (analysis.report.summary.files === 0) throw noManifestsError(positionals, analysis, io.cwd, io.stderr);
    const failOn = oneOf<FailOn>("fail-on", values["fail-on"], FAIL_ON_LEVELS, analysis.loaded.config.failOn);
    let report = analysis.report;
    if (values.lineage !== undefined) report = lintWithLineage(report, analysis, values.lineage, io);
    let comparison: BaselineComparison | undefined;
    if (baselineFile) ({ report, comparison } = applyBaseline(report, baselineFile));
    const color = format === "text" && values.output === undefined && useColor(io, values);
    const rules = RULES.filter((rule) => ruleSettings(rule, analysis.loaded.config).severity !== "off").map((rule) => rule.id);
    const reporter: Reporter = REPORTERS[format];
    // A bad --db is refused before any report is written: a run that exits 2 prints no report.
    const database = values.db === undefined ? undefined : await openLintDatabase(values.db, io.cwd);
    // JSON and SARIF are written as they are produced: at 40,000 findings one JSON string would be 38 MB
    // more memory, and at 195,000 the SARIF text is longer than any string V8 can make.
    // Each piece is written before the next is made (io.stdout and writeOutput copy or write at once), so two buffers serve.
    const output =
      format === "json"
        ? reportJsonBytes(report, { reuse: true })
        : format === "sarif"
          ? sarifParts(report, { graph: analysis.graph, pathPrefix: repositoryPrefix(io.cwd) })
          : [reporter(report, { color, baseline: comparison, failOn, rules, strictBaseline: values["strict-baseline"] === true })];
    try {
      if (values.output === undefined) for (const chunk of output) io.stdout(chunk);
      else writeOutput(io.cwd, values.output, output);
    } catch (error) {
      database?.close();
      throw error;
    }
    // Never a silent cap: GitHub refuses a run of more than 25,000 results, so the log keeps the ones that need attention.
    if (format === "sarif" && report.findings.length > SARIF_LIMITS.results) {
      io.stderr(`loopscope lint: ${(report.findings.length - SARIF_LIMITS.results).toLocaleString("en-US")} of ${report.findings.length.toLocaleString("en-US")} findings are left out of the SARIF log (GitHub code scanning refuses more than ${SARIF_LIMITS.results.toLocaleString("en-US")} results); kept: new, unacknowledged and most severe first. --format json has every finding\n`);
    }
    const failing = failingFindings(report.findings, failOn).length;
    const staleFailing = values["strict-baseline"] && comparison ? comparison.stale.length : 0;
    // Said as soon as the file is whole: recording a big estate's run takes longer than the report.
    if (values.output !== undefined) {
      const inLog = format === "sarif" && report.findings.length > SARIF_LIMITS.results ? `, ${SARIF_LIMITS.results.toLocaleString("en-US")} of them in the log` : "";
      const stale = staleFailing > 0 ? `, ${plural(staleFailing, "stale baseline entry", "stale baseline entries")} failing at --strict-baseline` : "";
      io.stderr(`loopscope lint: wrote ${visible(values.output)} (${plural(report.findings.length - report.summary.acknowledged, "finding")}${report.summary.acknowledged ? ` and ${report.summary.acknowledged} acknowledged` : ""}${inLog}, ${failing} failing at --fail-on ${failOn}${stale})\n`);
    }
    if (database) {
      // One long step (re-reading the manifests, the snapshot, the export, fsync: 19 s at
      // 10,000 models), shown at once rather than after the progress line's delay.
      const recording = commandProgress(io, quiet);
      recording.show(`recording the run in ${visible(values.db!)}`);
      let runId: number;
      try {
        runId = recordLintRun(database, positionals, analysis, report, io);
      } finally {
        recording.done();
      }
      io.stderr(`loopscope lint: recorded run ${runId} in ${visible(values.db ?? "")}\n`);
    }
    if (comparison) {
      io.stderr(`loopscope lint: ${formatBaselineComparison(comparison)}\n`);
      // Name what is new (not only count it), whatever the format: the line a reviewer looks for.
      const rank = { error: 0, warning: 1, info: 2 } as const;
      const fresh = report.findings.filter((f) => f.baselineState === "new" && !f.acknowledged).sort((a, b) => rank[a.severity] - rank[b.severity]);
      // The names are a broken document's own text when it has no valid name (a line break and
      // `::error` in one made a workflow command in the GitHub Action's log): shown as escapes.
      for (const f of fresh.slice(0, 20)) io.stderr(`  new: ${f.severity} ${visible(`${f.rule} ${(f.models.length > 0 ? f.models : f.nodes).join(", ")}`)}${f.locations[0] ? ` (${visible(f.locations[0].file)}:${f.locations[0].line}:${f.locations[0].column})` : ""}\n`);
      if (fresh.length > 20) io.stderr(`  … and ${fresh.length - 20} more new findings\n`);
      if (staleFailing > 0) {
        for (const entry of comparison.stale) io.stderr(`  stale: ${visible(`${entry.rule} ${(entry.models.length > 0 ? entry.models : (entry.nodes ?? [])).join(", ")} (${entry.fingerprint})`)}\n`);
        // The same inputs as this lint (without its --lineage the pruned baseline lost the runtime
        // findings), and --prune: regenerating took this change's new findings into the baseline.
        const prune = shellWords(["loopscope", "baseline", ...positionals, ...(values.config !== undefined ? ["--config", values.config] : []), ...(values.lineage ?? []).flatMap((path) => ["--lineage", path]), "--prune", "-o", values.baseline ?? ""]);
        io.stderr(`loopscope lint: --strict-baseline: ${plural(staleFailing, "stale baseline entry", "stale baseline entries")}; drop ${staleFailing === 1 ? "it" : "them"} with \`${visible(prune)}\`\n`);
        return EXIT.findings;
      }
    }
    return failing > 0 ? EXIT.findings : EXIT.ok;
  },
};
