import type { Progress } from "../../analyzer/index.js";
import type { CommandIO } from "../commands/command.js";

/** What a command hands to `analyze({ onProgress })`, and closes before printing its output. */
export interface ProgressSink {
  update(progress: Progress): void;
  /** Clears the progress line (call before writing the report). */
  done(): void;
  /**
   * Shows `what` at once, until `done`: for one long step with no count to show (recording a
   * run in a database), where waiting for the delay would leave the screen silent.
   */
  show(what: string): void;
}

export interface ProgressOptions {
  /** Where the line goes: stderr, so a report on stdout stays clean. */
  write: (text: string) => void;
  /** Whether stderr is a terminal. */
  isTTY: boolean;
  /** Its width: the line is cut to fit, since `\r` and erase-line clear only the last row of a wrapped line. */
  columns?: number | undefined;
  env: Record<string, string | undefined>;
  /** Set for machine-readable output (`--format json` and friends on stdout). */
  quiet?: boolean | undefined;
  /** Runs shorter than this show nothing (ms). */
  delay?: number | undefined;
  /** Clock, for tests. */
  now?: (() => number) | undefined;
}

const STAGES: Record<Progress["stage"], string> = {
  parse: "reading manifests",
  validate: "checking manifests",
  graph: "building the graph",
  derive: "finding loops",
  rules: "running rules",
  report: "writing the report",
};

/**
 * The progress line of a command that analyses a folder: on stderr, when stderr is a
 * terminal, unless the output on stdout is machine-readable (`quiet`).
 * LOOPSCOPE_PROGRESS_DELAY (ms) changes the delay before it appears.
 */
export function commandProgress(io: CommandIO, quiet: boolean): ProgressSink {
  const delay = Number(io.env["LOOPSCOPE_PROGRESS_DELAY"]);
  return terminalProgress({ write: io.stderr, isTTY: io.stderrIsTTY ?? false, columns: io.stderrColumns, env: io.env, quiet, delay: Number.isFinite(delay) && delay >= 0 ? delay : undefined });
}

const SILENT: ProgressSink = { update: () => undefined, done: () => undefined, show: () => undefined };

/**
 * Whether an environment variable is set to something that means yes: `CI=false`, `CI=0`
 * and `CI=` (an empty value, as a CI template that clears it leaves) mean no, for both `CI`
 * and LOOPSCOPE_NO_PROGRESS.
 */
function isOn(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/**
 * A one-line progress display for long CLI runs, on a terminal only: silent when stderr
 * is not a TTY, in CI (`CI` set), with `quiet` (JSON output), or with
 * LOOPSCOPE_NO_PROGRESS. Nothing shows in the first `delay` ms (default 500), so short
 * runs print nothing, and the line is redrawn at most ten times a second.
 */
export function terminalProgress(options: ProgressOptions): ProgressSink {
  const { env } = options;
  if (!options.isTTY || options.quiet || isOn(env["CI"]) || isOn(env["LOOPSCOPE_NO_PROGRESS"]) || env["TERM"] === "dumb") return SILENT;
  const now = options.now ?? (() => Date.now());
  const start = now();
  const delay = options.delay ?? 500;
  let lastDraw = -Infinity;
  let shown = false;
  const width = options.columns !== undefined && options.columns > 1 ? options.columns - 1 : Infinity;
  const draw = (what: string) => {
    const line = `loopscope: ${what}…`;
    if (line.length <= width) return options.write(`\r\x1b[K${line}`);
    // Cut between characters, not inside a surrogate pair (an emoji in a file name).
    let cut = Math.max(0, width - 1);
    if (cut > 0 && /[\ud800-\udbff]/.test(line[cut - 1]!)) cut--;
    options.write(`\r\x1b[K${line.slice(0, cut)}…`);
  };
  return {
    update(progress) {
      const t = now();
      if (t - start < delay || t - lastDraw < 100) return;
      lastDraw = t;
      shown = true;
      // A total of 0 is not known yet (the folders are still being walked): the count alone.
      const done = progress.done.toLocaleString("en-US");
      const count = progress.done <= 0 ? "" : progress.total > 1 ? ` ${done}/${progress.total.toLocaleString("en-US")}` : progress.total === 0 ? ` ${done}` : "";
      draw(`${STAGES[progress.stage] ?? progress.stage}${count}`);
    },
    done() {
      if (shown) options.write("\r\x1b[K");
      shown = false;
    },
    show(what) {
      shown = true;
      draw(what);
    },
  };
}
