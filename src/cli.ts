import type { CommandIO } from "./commands/command.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { standardError, standardOutput } from "./io/standard-output.js";

import { VERSION } from "../analyzer/version.js";
import { visible } from "../analyzer/report/visible-text.js";
import { stdoutFile } from "./io/stdout-file.js";

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: loopscope <command> [options]",
    "",
    "Finds hidden feedback loops and other technical debt between machine-learning models.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help     show help (also `loopscope <command> --help`)",
    "  -v, --version  print the version",
    "",
    "Long runs of lint, baseline, impact and graph draw a progress line on a terminal's stderr",
    "after half a second, cleared before the output; never in CI (CI set), when stderr is not a",
    "terminal, beside a machine-readable report on stdout (graph: on a terminal's), or with --no-progress or",
    "LOOPSCOPE_NO_PROGRESS=1 (CI and LOOPSCOPE_NO_PROGRESS set to false, 0 or nothing count",
    "as unset). import shows its steps the same way, at once.",
    "",
    "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.",
    "",
  ].join("\n");
}

/** Runs the CLI and returns its exit code; never throws for user input. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    io.stdout(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`loopscope: unknown command "${name}"; run \`loopscope --help\` for the list\n`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // One problem per line (a config with several); each line's own characters as escapes.
      io.stderr(`loopscope ${name}: ${error.message.split("\n").map(visible).join("\n")}\n`);
      return EXIT.usage;
    }
    io.stderr(`loopscope ${name}: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.usage;
  }
}

function processIO(): CommandIO {
  return {
    stdout: standardOutput(),
    stderr: standardError(),
    stdoutDrained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once("drain", resolve)) : undefined),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
    stdoutFile: stdoutFile(),
    env: process.env,
  };
}
