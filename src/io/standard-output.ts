import { fstatSync } from "node:fs";
import { UsageError } from "../exit-codes.js";
import { writeText } from "./write-text.js";
import { errnoText } from "./errno-text.js";

/**
 * Writes to standard output. Redirected to a file (`> report.json`) or to /dev/null, the
 * text goes straight to the descriptor: Node's stream for a file converts and copies each
 * write, which took over a second for the 180 MB JSON report of a 50,000-model estate.
 * Terminals and pipes keep Node's stream (it handles a slow reader and EAGAIN). Either way a
 * chunk of bytes is done with when the call returns.
 */
export function standardOutput(): (text: string | Uint8Array) => void {
  let direct = false;
  try {
    const stats = fstatSync(1);
    direct = stats.isFile() || (stats.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    direct = false;
  }
  // The stream keeps what it is given until it is written; a byte chunk may be reused by its
  // producer (the JSON report's writer) once this returns, so the stream gets a copy.
  if (!direct) {
    stopQuietlyWhenTheReaderLeaves();
    return (text) => void process.stdout.write(typeof text === "string" ? text : Buffer.from(text));
  }
  return (text) => {
    try {
      writeText(1, text);
    } catch (error) {
      // `> report.json` on a full disk (ENOSPC), or a file that cannot grow (EFBIG): one line, exit 2.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      throw new UsageError(`cannot write the output: ${code !== undefined ? errnoText(code) : String(error)}`);
    }
  };
}

let listening = false;

/**
 * `loopscope lint … | head` closes the pipe before the report is written: the next write
 * fails with EPIPE, which Node throws as an unhandled stream error with a stack trace. The
 * reader has all it wanted, so the run ends at once, with the exit code it had so far, as
 * `cat` or `grep` do; any other output error is still reported.
 */
function stopQuietlyWhenTheReaderLeaves(): void {
  if (listening) return;
  listening = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    process.stderr.write(`loopscope: cannot write the output: ${error.code !== undefined ? errnoText(error.code) : error.message}\n`);
    process.exit(2);
  });
}

/**
 * Writes to standard error. When stderr itself cannot be written (a full disk, a closed pipe)
 * nothing more can be said: the run ends with exit code 2 (usage or I/O error), or with its
 * code so far when the reader left (EPIPE). An unhandled stream error ended it with 1 instead,
 * the code for "findings".
 */
let stderrWatched = false;

export function standardError(): (text: string) => void {
  if (!stderrWatched) {
    stderrWatched = true;
    process.stderr.on("error", (error: NodeJS.ErrnoException) => {
      process.exit(error.code === "EPIPE" ? (typeof process.exitCode === "number" ? process.exitCode : 0) : 2);
    });
  }
  return (text) => void process.stderr.write(text);
}
