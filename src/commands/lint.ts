import type { Command } from "./command.js";
import { analyze } from "../../analyzer/index.js";
import { REPORTERS, type ReportFormat } from "../../analyzer/report/index.js";
import { failingFindings, FAIL_ON_LEVELS, type FailOn } from "../../analyzer/engine/fail-on.js";
import { readSources } from "../io/read-sources.js";
import { oneOf, parseFlags } from "../io/parse-flags.js";
import { useColor } from "../io/color.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { today } from "../io/today.js";

const LINT_FORMATS = ["text", "json"] as const satisfies readonly ReportFormat[];

export const lintCommand: Command = {
  name: "lint",
  summary: "check manifests for feedback loops and other ML debt",
  usage: `Usage: loopscope lint <paths...> [options]

Reads every .yaml/.yml/.json manifest under the given files and folders (YAML files
whose first document is not apiVersion: loopscope/v1 are skipped with a notice).

Options:
  -f, --format <text|json>            output format (default text)
      --fail-on <error|warning|info|never>
                                      exit 1 when an unacknowledged finding is at or above
                                      this severity (default error)
      --no-color                      never colour the output (NO_COLOR is honoured too)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.
`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      format: { type: "string", short: "f" },
      "fail-on": { type: "string" },
      "no-color": { type: "boolean" },
      color: { type: "boolean" },
    });
    const format = oneOf("format", values.format, LINT_FORMATS, "text");
    const failOn = oneOf<FailOn>("fail-on", values["fail-on"], FAIL_ON_LEVELS, "error");
    if (positionals.length === 0) throw new UsageError("give at least one file or folder to lint (e.g. `loopscope lint manifests/`)");
    const { sources, notices } = readSources(positionals, io.cwd);
    const { report } = analyze(sources, { today: today() });
    report.notices = [...notices, ...report.notices];
    const color = format === "text" && useColor(io, values);
    io.stdout(REPORTERS[format](report, { color }));
    if (report.summary.files === 0) {
      io.stderr(`loopscope lint: no Loopscope manifests found in ${positionals.join(", ")}\n`);
      return EXIT.usage;
    }
    return failingFindings(report.findings, failOn).length > 0 ? EXIT.findings : EXIT.ok;
  },
};
