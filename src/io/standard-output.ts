import { fstatSync } from "node:fs";
import { writeText } from "./write-text.js";

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
  if (!direct) return (text) => void process.stdout.write(typeof text === "string" ? text : Buffer.from(text));
  return (text) => writeText(1, text);
}
