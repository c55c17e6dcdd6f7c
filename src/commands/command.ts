/** What every `loopscope <name>` command provides; the registry is commands/index.ts. */
export interface CommandIO {
  /** Text, or UTF-8 bytes (the JSON report is written as bytes, valid only during the call: copy to keep them). */
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /**
   * Resolves once what was written to stdout has left the process, when it is still held
   * (a pipe whose reader is slower than the writer); undefined when nothing is held. Output
   * of unbounded length (a query's rows) waits for it, so it never piles up in memory.
   */
  stdoutDrained?: (() => Promise<void> | undefined) | undefined;
  /** The directory relative paths are resolved from (process.cwd() in the real CLI). */
  cwd: string;
  /** True when stdout is a terminal (colour). */
  isTTY: boolean;
  /** True when stderr is a terminal (the progress line of long runs). */
  stderrIsTTY?: boolean | undefined;
  /** The terminal's width when stderr is one: the progress line is cut to it (a wrapped line is not cleared whole). */
  stderrColumns?: number | undefined;
  /** The regular file stdout is redirected to, when the system can say (it is left out of the walk). */
  stdoutFile?: string | undefined;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** One line for `loopscope --help`. */
  summary: string;
  /** Full usage text for `loopscope <name> --help`. */
  usage: string;
  /** Returns the exit code: 0 ok, 1 findings at or above fail-on, 2 usage or I/O error. */
  run(args: string[], io: CommandIO): Promise<number>;
}
